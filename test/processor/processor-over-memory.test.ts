// The processor's orchestration over the in-memory state port and the Slack emulator: fast, beside the dynalite suites.
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import type { AlertRecord } from '../../src/core/alert-record.ts';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import type { SlackEmulator } from '../../src/local/slack-emulator.ts';
import { createProcessor } from '../../src/processor/process-signals.ts';
import type { ProcessorDeps } from '../../src/processor/process-signals.ts';
import { createMemoryState } from '../../src/state/memory-state.ts';
import type { StatePort } from '../../src/state/state-port.ts';
import { StateConflictError } from '../../src/state/versioned-write.ts';
import { impactOf, messagesOf } from '../support/impact-records.ts';
import { alarmEvent, ROOT, withOfficeHours } from '../integration/harness.ts';

const NOON = new Date('2026-11-24T12:00:00Z'); // a Tuesday
const fire = (id: string, time: string) => alarmEvent('app-down-alarm.json', { id, time, value: 'ALARM' });

let emulator: SlackEmulator;
let slackApiUrl: string;
let runtime: CatalogRuntime;

beforeAll(async () => {
  runtime = (await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).runtime;
  emulator = createSlackEmulator({});
  slackApiUrl = (await emulator.listen()).url;
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

function processorOver(state: StatePort, now: Date, overrides: Partial<ProcessorDeps> = {}) {
  return createProcessor({
    runtime: () => runtime,
    state,
    slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl, timeoutMs: 2000 }),
    now: () => now,
    ...overrides,
  });
}

/** Top-level messages per channel name. */
function posted(): Record<string, number> {
  return Object.fromEntries(emulator.channels().map((c) => [c.name, emulator.messages(c.id).length]).filter(([, n]) => n !== 0));
}

/** A state port whose conditional alert writes lose to `competitor` the first `times` times. */
function losingWrites(state: StatePort, times: number, competitor: (current: AlertRecord) => AlertRecord = (r) => r): StatePort & { lost: number } {
  const port = Object.create(state) as StatePort & { lost: number };
  port.lost = 0;
  port.putAlert = async (record, expectedVersion) => {
    if (port.lost >= times) return state.putAlert(record, expectedVersion);
    port.lost += 1;
    const current = await state.getAlert(record.alertKey);
    if (current) await state.putAlert({ ...competitor(current), version: current.version + 1 }, current.version);
    return false;
  };
  return port;
}

describe('Processor over the in-memory state port', () => {
  it('posts a firing alarm once to every audience its entry routes to and records Slack in step', async () => {
    // Prepare
    const state = createMemoryState();

    // Act
    const [result] = await processorOver(state, NOON).processMessage(fire('e1', '2026-11-24T11:59:00Z'));
    const record = await state.getAlert(result!.alertKey!);
    const impact = await impactOf(state, result!.alertKey!);
    const messages = await messagesOf(state, result!.alertKey!);

    // Assess
    expect([result!.outcome, posted(), Object.keys(messages).sort(), record!.syncedVersion === record!.version, impact!.syncedVersion === impact!.version]).toEqual([
      'opened',
      { 'portal-alerts': 1, 'portal-status': 1, 'portal-local-offices': 1 },
      ['local-office', 'product-leads', 'techies'],
      true,
      true,
    ]);
  });

  it('ends an ignored signal at the enrich stage with its reason and posts nothing', async () => {
    // Prepare
    const running = { version: '0', id: 'ecs-1', 'detail-type': 'ECS Task State Change', source: 'aws.ecs', time: '2026-11-24T11:59:00Z', detail: { lastStatus: 'RUNNING' } };

    // Act
    const [result] = await processorOver(createMemoryState(), NOON).processMessage(running);

    // Assess
    expect([result!.outcome, result!.detail, posted()]).toEqual(['ignored', expect.stringContaining('RUNNING'), {}]);
  });

  it('runs the alert stages again from a fresh read when another writer changed the record first, keeping its change', async () => {
    // Prepare
    const memory = createMemoryState();
    await processorOver(memory, NOON).processMessage(fire('e1', '2026-11-24T11:59:00Z'));
    const state = losingWrites(memory, 1, (current) => ({ ...current, acknowledgedBy: 'U0ONCALL', acknowledgedAt: NOON.toISOString() }));

    // Act
    const [result] = await processorOver(state, new Date(NOON.getTime() + 120_000)).processMessage(fire('e2', '2026-11-24T12:01:00Z'));
    const record = await memory.getAlert(result!.alertKey!);

    // Assess
    expect([state.lost, result!.outcome, record!.occurrences, record!.acknowledgedBy, posted()['portal-alerts']]).toEqual([1, 'repeat', 2, 'U0ONCALL', 1]);
  });

  it('gives up after five lost writes and leaves the event unclaimed, so its retry is processed', async () => {
    // Prepare
    const memory = createMemoryState();
    const state = losingWrites(memory, Infinity);
    await memory.putAlert({ ...(await openedRecord()), version: 1 }, null);

    // Act
    const failure = await processorOver(state, NOON).processMessage(fire('e9', '2026-11-24T11:59:30Z')).catch((error: unknown) => error);
    const retry = await processorOver(memory, NOON).processMessage(fire('e9', '2026-11-24T11:59:30Z'));

    // Assess
    expect([failure instanceof StateConflictError, state.lost, retry[0]!.outcome]).toEqual([true, 5, 'repeat']);
  });

  it('holds the audiences away at night for the summary and tells the engineers at once', async () => {
    // Prepare
    const night = new Date('2026-11-24T23:00:00Z');
    const base = runtime;
    runtime = { ...base, config: withOfficeHours(structuredClone(base.config)) };
    const state = createMemoryState();

    try {
      // Act
      const [result] = await processorOver(state, night).processMessage(fire('e1', '2026-11-24T22:59:00Z'));
      const summary = await state.getSummary();
      const impact = await impactOf(state, result!.alertKey!);

      // Assess: the non-technical audiences are held on the alarm's impact, the summary's one line
      expect([result!.held?.sort(), posted(), Object.keys(summary!.held)]).toEqual([['local-office', 'product-leads'], { 'portal-alerts': 1 }, [impact!.alertKey]]);
    } finally {
      runtime = base;
    }
  });

  it('leaves a snoozed alert\'s messages as they are when it repeats', async () => {
    // Prepare
    const state = createMemoryState();
    const [opened] = await processorOver(state, NOON).processMessage(fire('e1', '2026-11-24T11:59:00Z'));
    const record = (await state.getAlert(opened!.alertKey!))!;
    await state.putAlert({ ...record, snoozedUntil: 'until-resolved', snoozedBy: 'U0ONCALL', version: record.version + 1, syncedVersion: record.version + 1 }, record.version);
    const updatesBefore = emulator.stats().calls['chat.update'] ?? 0;

    // Act
    const [repeat] = await processorOver(state, new Date(NOON.getTime() + 600_000)).processMessage(fire('e2', '2026-11-24T12:09:00Z'));

    // Assess
    expect([repeat!.outcome, (emulator.stats().calls['chat.update'] ?? 0) - updatesBefore]).toEqual(['repeat-muted', 0]);
  });
});

/** The record the processor stores for the shipped outage alarm, opened and told, from a throwaway run. */
async function openedRecord(): Promise<AlertRecord> {
  const state = createMemoryState();
  const [opened] = await processorOver(state, NOON).processMessage(fire('e0', '2026-11-24T11:58:00Z'));
  return (await state.getAlert(opened!.alertKey!))!;
}
