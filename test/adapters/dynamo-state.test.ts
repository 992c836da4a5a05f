import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import type { AlertRecord, GroupRecord } from '../../src/core/alert-record.ts';
import type { StatePort } from '../../src/state/state-port.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';
import { makeAlert } from '../support/make-alert.ts';

let dynamo: LocalDynamo;
let state: StatePort;

beforeAll(async () => {
  dynamo = await startDynalite();
  state = createDynamoState({ client: dynamo.client, tableName: dynamo.tableName });
});
afterAll(() => dynamo.close());

function record(alertKey: string, version = 1): AlertRecord {
  return {
    alertKey,
    catalogId: 'web.down',
    status: 'open',
    openedAt: '2026-11-22T10:00:00.000Z',
    lastSeen: '2026-11-22T10:00:00.000Z',
    occurrences: 1,
    lastEventTime: '2026-11-22T10:00:00.000Z',
    messages: { techies: { channel: 'C1', ts: '1.000100' } },
    alert: makeAlert(),
    version,
    expiresAt: 1_900_000_000,
  };
}

describe('Adapter: DynamoDB state store', () => {
  it('returns null for an alert it has never seen', async () => {
    // Act
    const found = await state.getAlert('nothing|here');

    // Assess
    expect(found).toBeNull();
  });

  it('creates an alert only once', async () => {
    // Prepare
    const first = record('create|once');

    // Act
    const created = await state.putAlert(first, null);
    const again = await state.putAlert({ ...first, occurrences: 9 }, null);

    // Assess
    expect([created, again]).toEqual([true, false]);
    expect((await state.getAlert('create|once'))?.occurrences).toBe(1);
  });

  it('replaces an alert when the expected version matches and refuses a stale writer', async () => {
    // Prepare
    await state.putAlert(record('versioned|one', 1), null);

    // Act
    const winner = await state.putAlert({ ...record('versioned|one', 2), acknowledgedBy: 'U1' }, 1);
    const loser = await state.putAlert({ ...record('versioned|one', 2), acknowledgedBy: 'U2' }, 1);

    // Assess
    expect([winner, loser]).toEqual([true, false]);
    expect((await state.getAlert('versioned|one'))?.acknowledgedBy).toBe('U1');
  });

  it('round-trips the alert snapshot and message references', async () => {
    // Prepare
    const original = record('round|trip');
    await state.putAlert(original, null);

    // Act
    const read = await state.getAlert('round|trip');

    // Assess
    expect(read).toEqual(original);
  });

  it('claims a source event once and again after it is released', async () => {
    // Act
    const first = await state.claimEvent('evt-1', 1_900_000_000);
    const duplicate = await state.claimEvent('evt-1', 1_900_000_000);
    await state.releaseEvent('evt-1');
    const retry = await state.claimEvent('evt-1', 1_900_000_000);

    // Assess
    expect([first, duplicate, retry]).toEqual([true, false, true]);
  });

  it('tells a claim being processed from one already handled', async () => {
    // Act
    const first = await state.startEvent('evt-2', 1_000_090, 1_000_000);
    const meanwhile = await state.startEvent('evt-2', 1_000_100, 1_000_010);
    await state.finishEvent('evt-2', 1_200_000);
    const later = await state.startEvent('evt-2', 1_000_200, 1_000_110);

    // Assess
    expect([first, meanwhile, later]).toEqual([{ outcome: 'claimed' }, { outcome: 'busy', until: 1_000_090 }, { outcome: 'done' }]);
  });

  it('lets a claim whose processor died be taken once it has run out', async () => {
    // Prepare
    await state.startEvent('evt-3', 1_000_090, 1_000_000);

    // Act
    const afterTimeout = await state.startEvent('evt-3', 1_000_500, 1_000_400);

    // Assess
    expect(afterTimeout).toEqual({ outcome: 'claimed' });
  });

  it('keeps storm groups apart from alerts with the same name', async () => {
    // Prepare
    const group: GroupRecord = {
      groupKey: 'same',
      windowStart: '2026-11-22T10:00:00.000Z',
      openedInWindow: ['a'],
      members: [],
      channels: {},
      messages: {},
      version: 1,
      expiresAt: 1_900_000_000,
    };

    // Act
    await state.putGroup(group, null);
    await state.putAlert(record('same'), null);

    // Assess
    expect(await state.getGroup('same')).toEqual(group);
    expect((await state.getAlert('same'))?.alertKey).toBe('same');
  });

  it('wraps an unreachable table in a StateStoreError', async () => {
    // Prepare
    const broken = createDynamoState({ client: dynamo.client, tableName: 'no-such-table' });

    // Act
    const attempt = broken.getAlert('x');

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'StateStoreError', message: 'could not read alert#x' });
  });
});
