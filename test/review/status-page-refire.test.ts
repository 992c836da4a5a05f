// Review: an entry whose quiet period (30m) outlasts the flap window (15m) re-fires as a new incident before its fix was confirmed; the old incident must not stay "being checked" on the status page.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoHistory } from '../../src/adapters/dynamo-history.ts';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import type { HistoryPort } from '../../src/core/history.ts';
import type { RefreshRequest } from '../../src/core/refresh-request.ts';
import { composeProcessor } from '../../src/compose/compose-processor.ts';
import { buildStatusPage } from '../../src/history/status-page.ts';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import type { SlackEmulator } from '../../src/local/slack-emulator.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';
import type { Processor } from '../../src/processor/process-signals.ts';
import { alarmEvent, ROOT } from '../integration/harness.ts';

let dynamo: LocalDynamo;
let emulator: SlackEmulator;
let processor: Processor;
let history: HistoryPort;
let runtime: CatalogRuntime;
const scheduled: Array<{ request: RefreshRequest; at: number }> = [];
const clock = { now: new Date('2026-11-24T10:00:00Z') };

beforeEach(async () => {
  dynamo = await startDynalite();
  emulator = createSlackEmulator({ clock: () => clock.now.getTime() });
  const { url } = await emulator.listen();
  runtime = (await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).runtime;
  history = createDynamoHistory({ client: dynamo.client, tableName: dynamo.historyTableName });
  processor = composeProcessor(
    {},
    {
      runtime: () => runtime,
      state: createDynamoState({ client: dynamo.client, tableName: dynamo.tableName }),
      history,
      slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: url, timeoutMs: 2000 }),
      queue: { scheduleRefresh: async (request: RefreshRequest, delaySeconds: number) => void scheduled.push({ request, at: clock.now.getTime() + delaySeconds * 1000 }) },
      now: () => clock.now,
    },
  );
});
afterEach(async () => {
  await emulator.close();
  await dynamo.close();
});

const stale = (id: string, time: string, value: 'ALARM' | 'OK') => alarmEvent('placements-stale-alarm.json', { id, time, value });

async function at(iso: string, event?: unknown): Promise<void> {
  clock.now = new Date(iso);
  // Scheduled refreshes (fix confirmations) that came due run first, as SQS would deliver them.
  for (const due of scheduled.splice(0).filter((s) => s.at <= clock.now.getTime() || (scheduled.push(s), false))) await processor.processMessage(due.request);
  if (event) await processor.processMessage(event);
}

describe('review: the status page after a re-fire outside the flap window', () => {
  it('does not keep the first incident as "being checked" once the data went stale again as a new incident', async () => {
    // Prepare: stale at 10:00, fresh at 10:10, stale again at 10:30 (20 min: past the flap window, within the 30 min quiet period), fresh at 10:40.
    await at('2026-11-24T10:00:00.000Z', stale('s-1', '2026-11-24T10:00:00.000Z', 'ALARM'));
    await at('2026-11-24T10:10:00.000Z', stale('s-2', '2026-11-24T10:10:00.000Z', 'OK'));
    await at('2026-11-24T10:30:00.000Z', stale('s-3', '2026-11-24T10:30:00.000Z', 'ALARM'));
    await at('2026-11-24T10:40:00.000Z', stale('s-4', '2026-11-24T10:40:00.000Z', 'OK'));
    // Every quiet period has long run out, and every fix confirmation was delivered.
    await at('2026-11-24T12:00:00.000Z');
    await at('2026-11-24T13:00:00.000Z');

    // Act
    const page = await buildStatusPage({ history, runtime: () => runtime, now: () => clock.now });

    // Assess: both incidents are over and confirmed fixed; nothing is "current".
    const problems = page.model.services.flatMap((s) => s.problems.map((p) => `${s.id}:${p.status}`));
    expect(problems).toEqual([]);
  });
});
