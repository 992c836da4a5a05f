import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import type { Alert } from '../../src/core/alert.ts';
import { enrichAlert } from '../../src/pipeline/enrich-alert.ts';
import { storable } from '../../src/pipeline/plan-alert.ts';
import { normalizeEvent } from '../../src/sources/normalize-event.ts';
import { ROOT, sample } from '../integration/harness.ts';
import type { AlertRecord } from '../../src/core/alert-record.ts';
import type { RefreshRequest } from '../../src/core/refresh-request.ts';
import { requestFixRun } from '../../src/interactions/run-fix-press.ts';
import type { InteractionDeps } from '../../src/interactions/handle-interaction.ts';
import { createMemoryState } from '../../src/state/memory-state.ts';

let alert: Alert;
let KEY: string;

beforeAll(async () => {
  // The shipped entry's alert, as the enrich stage makes it from the shipped sample.
  const { runtime } = await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false });
  const [signal] = normalizeEvent(sample('notify-function-failed.json'), { receivedAt: new Date('2026-11-24T10:00:00Z') });
  const enriched = enrichAlert(signal!, runtime.index.byId.get('sync.notify-emails-failed')!, 'techies');
  if (!('alert' in enriched)) throw new Error('the sample was ignored');
  alert = storable(enriched.alert);
  KEY = alert.alertKey;
});

function record(changes: Partial<AlertRecord> = {}): AlertRecord {
  return {
    alertKey: KEY,
    catalogId: 'sync.notify-emails-failed',
    status: 'open',
    openedAt: '2026-11-24T10:00:00.000Z',
    lastSeen: '2026-11-24T10:00:00.000Z',
    occurrences: 1,
    lastEventTime: '2026-11-24T10:00:00.000Z',
    messages: {},
    alert,
    version: 1,
    expiresAt: 0,
    ...changes,
  };
}

async function press(stored: AlertRecord, pressId = 'press:abc'): Promise<{ outcome: string; queued: RefreshRequest[] }> {
  const state = createMemoryState();
  await state.putAlert(stored, null);
  const queued: RefreshRequest[] = [];
  const deps = { state, now: () => new Date('2026-11-24T10:05:00Z'), scheduleRefresh: async (request: RefreshRequest) => void queued.push(request) } as unknown as InteractionDeps;
  const result = await requestFixRun({ action_id: 'clarion.run-fix', value: encodeURIComponent(KEY) } as never, 'U0ENGINEER', deps, pressId);
  return { outcome: result.outcome, queued };
}

describe('Run fix press', () => {
  it('queues a run for the incident, named after the press and the engineer who pressed', async () => {
    // Act
    const { outcome, queued } = await press(record());

    // Assess
    expect(outcome).toBe('fix-requested');
    expect(queued).toEqual([{ clarion: 'fix', alertKey: KEY, incident: '2026-11-24T10:00:00.000Z', run: expect.stringMatching(/^[A-Za-z0-9_-]{36}$/), by: { kind: 'user', id: 'U0ENGINEER' } }]);
  });

  it('queues nothing for an alert that recovered since its message was drawn', async () => {
    // Act
    const { outcome, queued } = await press(record({ status: 'resolved', resolvedAt: '2026-11-24T10:03:00.000Z' }));

    // Assess
    expect([outcome, queued]).toEqual(['fix-not-available', []]);
  });

  it('queues nothing for an alert whose entry runs its fix automatically, so a press cannot add runs outside the automatic one', async () => {
    // Prepare
    const automatic = record();
    automatic.alert = { ...automatic.alert, autoFix: { ...automatic.alert.autoFix!, mode: 'auto' } };

    // Act
    const { outcome, queued } = await press(automatic);

    // Assess
    expect([outcome, queued]).toEqual(['fix-not-available', []]);
  });
});
