import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import type { AlertRecord, GroupRecord, SummaryRecord } from '../../src/core/alert-record.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import { createMemoryState } from '../../src/state/memory-state.ts';
import { StateRecordError } from '../../src/state/record-schema.ts';
import type { StatePort } from '../../src/state/state-port.ts';
import { alertRecord } from '../support/make-record.ts';

/*
 * One contract, two stores: what the in-memory state lets a unit test rely on is what the
 * DynamoDB adapter does on dynalite. Keys differ per test, so the stores are opened once.
 */
interface OpenStore {
  state: StatePort;
  close(): Promise<void>;
}

const STORES: Array<{ name: string; open: () => Promise<OpenStore> }> = [
  { name: 'in memory', open: async () => ({ state: createMemoryState(), close: async () => {} }) },
  {
    name: 'DynamoDB on dynalite',
    async open() {
      const dynamo = await startDynalite();
      return { state: createDynamoState({ client: dynamo.client, tableName: dynamo.tableName }), close: () => dynamo.close() };
    },
  },
];

function groupRecord(groupKey: string, version = 1): GroupRecord {
  return {
    groupKey,
    windowStart: '2026-11-22T10:00:00.000Z',
    openedInWindow: ['a'],
    members: [{ alertKey: 'a', title: 'A is down', status: 'open', catalogId: null }],
    moreMembers: { '3f2a': 'resolved' },
    channels: { techies: 'C1' },
    messages: {},
    version,
    expiresAt: 1_900_000_000,
  };
}

function summaryRecord(version = 1): SummaryRecord {
  return { held: { 'web.down|k1': '2026-11-22T22:00:00.000Z' }, notices: [], moreNotices: 0, version };
}

describe.each(STORES)('State port contract: $name', ({ open }) => {
  let store: OpenStore;
  let state: StatePort;

  beforeAll(async () => {
    store = await open();
    state = store.state;
  });
  afterAll(() => store.close());

  describe('alerts', () => {
    it('returns null for an alert never written', async () => {
      // Act
      const found = await state.getAlert('never|written');

      // Assess
      expect(found).toBeNull();
    });

    it('creates an alert only while it is absent', async () => {
      // Prepare
      const first = alertRecord('create|once');

      // Act
      const created = await state.putAlert(first, null);
      const again = await state.putAlert({ ...first, occurrences: 9 }, null);

      // Assess
      expect([created, again]).toEqual([true, false]);
      expect((await state.getAlert('create|once'))?.occurrences).toBe(1);
    });

    it('replaces an alert at the expected version and refuses a writer that read an older one', async () => {
      // Prepare
      await state.putAlert(alertRecord('versioned|alert', 1), null);

      // Act
      const winner = await state.putAlert({ ...alertRecord('versioned|alert', 2), acknowledgedBy: 'U1' }, 1);
      const loser = await state.putAlert({ ...alertRecord('versioned|alert', 2), acknowledgedBy: 'U2' }, 1);

      // Assess
      expect([winner, loser]).toEqual([true, false]);
      expect(await state.getAlert('versioned|alert')).toMatchObject({ version: 2, acknowledgedBy: 'U1' });
    });

    it('refuses an update of an alert that is not stored', async () => {
      // Act
      const written = await state.putAlert(alertRecord('update|absent', 2), 1);

      // Assess
      expect(written).toBe(false);
      expect(await state.getAlert('update|absent')).toBeNull();
    });

    it('reads back the alert it was given, optional fields and all', async () => {
      // Prepare
      const original: AlertRecord = {
        ...alertRecord('round|trip'),
        group: 'web',
        acknowledgedBy: 'U1',
        acknowledgedAt: '2026-11-22T10:05:00.000Z',
        postTries: { techies: 2 },
        resolvedUnseen: true,
        syncedVersion: 1,
      };

      // Act
      await state.putAlert(original, null);
      const read = await state.getAlert('round|trip');

      // Assess
      expect(read).toEqual(original);
    });

    it('drops fields written as undefined, as DynamoDB marshalling does', async () => {
      // Prepare
      await state.putAlert({ ...alertRecord('undefined|field'), acknowledgedBy: undefined }, null);

      // Act
      const read = await state.getAlert('undefined|field');

      // Assess
      expect(Object.keys(read ?? {})).not.toContain('acknowledgedBy');
    });

    it('keeps a field it does not know, so a record from another version loses nothing', async () => {
      // Prepare
      await state.putAlert({ ...alertRecord('extra|field'), laterField: { kept: true } } as AlertRecord, null);

      // Act
      const read = await state.getAlert('extra|field');

      // Assess
      expect(read).toMatchObject({ laterField: { kept: true } });
    });

    it('refuses to read back an alert whose record is malformed, naming its key', async () => {
      // Prepare
      await state.putAlert({ ...alertRecord('malformed|status'), status: 'closed' } as unknown as AlertRecord, null);

      // Act
      const read = state.getAlert('malformed|status');

      // Assess
      await expect(read).rejects.toBeInstanceOf(StateRecordError);
      await expect(read).rejects.toThrow(/alert#malformed\|status: status: /);
    });
  });

  describe('storm groups', () => {
    it('creates a group only while it is absent', async () => {
      // Act
      const created = await state.putGroup(groupRecord('web-create'), null);
      const again = await state.putGroup({ ...groupRecord('web-create'), openedInWindow: ['b'] }, null);

      // Assess
      expect([created, again]).toEqual([true, false]);
      expect(await state.getGroup('web-create')).toEqual(groupRecord('web-create'));
    });

    it('replaces a group at the expected version and refuses a writer that read an older one', async () => {
      // Prepare
      await state.putGroup(groupRecord('web-update', 1), null);

      // Act
      const winner = await state.putGroup({ ...groupRecord('web-update', 2), openedInWindow: ['a', 'b'] }, 1);
      const loser = await state.putGroup({ ...groupRecord('web-update', 2), openedInWindow: ['a', 'c'] }, 1);

      // Assess
      expect([winner, loser]).toEqual([true, false]);
      expect((await state.getGroup('web-update'))?.openedInWindow).toEqual(['a', 'b']);
    });

    it('keeps a storm group apart from an alert of the same name', async () => {
      // Prepare
      await state.putGroup(groupRecord('same-name'), null);

      // Act
      const alertCreated = await state.putAlert(alertRecord('same-name'), null);

      // Assess
      expect(alertCreated).toBe(true);
      expect(await state.getGroup('same-name')).toEqual(groupRecord('same-name'));
    });
  });

  describe('the summary record', () => {
    it('creates the summary only while it is absent, then replaces it at the expected version', async () => {
      // Act
      const created = await state.putSummary(summaryRecord(1), null);
      const createdAgain = await state.putSummary(summaryRecord(1), null);
      const updated = await state.putSummary({ ...summaryRecord(2), moreNotices: 3 }, 1);
      const stale = await state.putSummary({ ...summaryRecord(2), moreNotices: 7 }, 1);

      // Assess
      expect([created, createdAgain, updated, stale]).toEqual([true, false, true, false]);
      expect(await state.getSummary()).toMatchObject({ version: 2, moreNotices: 3 });
    });
  });

  describe('keyed records', () => {
    const Counter = z.object({ version: z.number().int(), count: z.number(), expiresAt: z.number().optional() });

    it('creates a keyed record only while it is absent, then replaces it at the expected version', async () => {
      // Act
      const created = await state.putRecord('silences', 'set', { version: 1, count: 1 } as z.infer<typeof Counter>, null);
      const createdAgain = await state.putRecord('silences', 'set', { version: 1, count: 9 } as z.infer<typeof Counter>, null);
      const updated = await state.putRecord('silences', 'set', { version: 2, count: 2 } as z.infer<typeof Counter>, 1);
      const stale = await state.putRecord('silences', 'set', { version: 2, count: 7 } as z.infer<typeof Counter>, 1);

      // Assess
      expect([created, createdAgain, updated, stale]).toEqual([true, false, true, false]);
      expect(await state.getRecord('silences', 'set', Counter)).toEqual({ version: 2, count: 2 });
    });

    it('keeps records of two kinds under the same key apart, and apart from alerts', async () => {
      // Prepare
      await state.putRecord('escalation', 'same-key', { version: 1, count: 1 } as z.infer<typeof Counter>, null);
      await state.putAlert(alertRecord('same-key'), null);

      // Act
      const other = await state.getRecord('maintenance', 'same-key', Counter);
      const mine = await state.getRecord('escalation', 'same-key', Counter);

      // Assess
      expect(other).toBeNull();
      expect(mine).toEqual({ version: 1, count: 1 });
    });

    it('refuses to read back a keyed record its schema does not accept, naming its key', async () => {
      // Prepare
      await state.putRecord('inhibition', 'bad', { version: 1 }, null);

      // Act
      const read = state.getRecord('inhibition', 'bad', Counter);

      // Assess
      await expect(read).rejects.toThrow(StateRecordError);
      await expect(state.getRecord('inhibition', 'bad', Counter)).rejects.toThrow(/inhibition#bad/);
    });
  });

  describe('event claims', () => {
    it('marks an event handled once, and again after it is released', async () => {
      // Act
      const first = await state.claimEvent('evt-claim', 1_900_000_000);
      const duplicate = await state.claimEvent('evt-claim', 1_900_000_000);
      await state.releaseEvent('evt-claim');
      const retry = await state.claimEvent('evt-claim', 1_900_000_000);

      // Assess
      expect([first, duplicate, retry]).toEqual([true, false, true]);
    });

    it('claims an event, finds it busy until the claim runs out, and done once finished', async () => {
      // Act
      const first = await state.startEvent('evt-lifecycle', 1_000_090, 1_000_000);
      const meanwhile = await state.startEvent('evt-lifecycle', 1_000_100, 1_000_010);
      await state.finishEvent('evt-lifecycle', 1_200_000);
      const later = await state.startEvent('evt-lifecycle', 1_000_200, 1_000_110);

      // Assess
      expect([first, meanwhile, later]).toEqual([{ outcome: 'claimed' }, { outcome: 'busy', until: 1_000_090 }, { outcome: 'done' }]);
    });

    it('lets a claim whose processor died be taken once it has run out', async () => {
      // Prepare
      await state.startEvent('evt-timeout', 1_000_090, 1_000_000);

      // Act
      const afterTimeout = await state.startEvent('evt-timeout', 1_000_500, 1_000_400);

      // Assess
      expect(afterTimeout).toEqual({ outcome: 'claimed' });
    });

    it('treats a claim as busy up to the second it runs out', async () => {
      // Prepare
      await state.startEvent('evt-edge', 1_000_090, 1_000_000);

      // Act
      const atItsEnd = await state.startEvent('evt-edge', 1_000_180, 1_000_090);

      // Assess
      expect(atItsEnd).toEqual({ outcome: 'busy', until: 1_000_090 });
    });

    it('claims a released event again at once', async () => {
      // Prepare
      await state.startEvent('evt-released', 1_000_090, 1_000_000);
      await state.releaseEvent('evt-released');

      // Act
      const retry = await state.startEvent('evt-released', 1_000_100, 1_000_010);

      // Assess
      expect(retry).toEqual({ outcome: 'claimed' });
    });

    it('takes an event handled so long ago that its memory ran out for a new one', async () => {
      // Prepare
      await state.startEvent('evt-forgotten', 1_000_090, 1_000_000);
      await state.finishEvent('evt-forgotten', 1_100_000);

      // Act
      const muchLater = await state.startEvent('evt-forgotten', 1_200_090, 1_200_000);

      // Assess
      expect(muchLater).toEqual({ outcome: 'claimed' });
    });

    it('takes an event marked by claimEvent for one already handled', async () => {
      // Prepare
      await state.claimEvent('evt-old-claim', 1_900_000_000);

      // Act
      const started = await state.startEvent('evt-old-claim', 1_000_090, 1_000_000);

      // Assess
      expect(started).toEqual({ outcome: 'done' });
    });
  });

  describe('copies', () => {
    it('is not changed by a change to a record after it was written', async () => {
      // Prepare
      const written = alertRecord('copy|written');
      await state.putAlert(written, null);

      // Act
      written.messages.techies!.ts = 'changed';
      written.alert.fix.push('changed');

      // Assess
      expect(await state.getAlert('copy|written')).toEqual(alertRecord('copy|written'));
    });

    it('is not changed by a change to a record it handed out', async () => {
      // Prepare
      await state.putGroup(groupRecord('copy-read'), null);
      const read = (await state.getGroup('copy-read'))!;

      // Act
      read.members[0]!.status = 'resolved';
      read.channels.techies = 'changed';

      // Assess
      expect(await state.getGroup('copy-read')).toEqual(groupRecord('copy-read'));
    });
  });
});
