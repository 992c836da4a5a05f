// A real processor over dynalite and the Slack emulator (HTTP), with a clock the test moves.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import type { StatePort } from '../../src/state/state-port.ts';
import type { LifecycleEvent, PagingPort, SloFiguresPort } from '../../src/core/ports.ts';
import type { HistoryPort } from '../../src/core/history.ts';
import type { FixPort } from '../../src/core/fix-call.ts';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import type { SlackEmulator } from '../../src/local/slack-emulator.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';
import type { ClarionSettings } from '../../src/compose/clarion-wiring.ts';
import { composeProcessor } from '../../src/compose/compose-processor.ts';
import type { Processor, RefreshRequest } from '../../src/processor/process-signals.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import type { CatalogEntry, ClarionConfig } from '../../src/catalog/schema.ts';
import { buildCatalogIndex } from '../../src/catalog/catalog-index.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SAMPLES = path.join(ROOT, 'alert-catalog', 'samples', 'events');

export function sample(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8')) as Record<string, unknown>;
}

/** The sample alarm with another id/time/state, as CloudWatch would send the next transition. */
export function alarmEvent(file: string, changes: { id: string; time: string; value?: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA'; name?: string }) {
  const event = structuredClone(sample(file)) as { id: string; time: string; resources: string[]; detail: Record<string, unknown> };
  event.id = changes.id;
  event.time = changes.time;
  const detail = event.detail as { alarmName: string; state: { value: string; timestamp: string } };
  detail.state.timestamp = changes.time.replace('Z', '.000+0000');
  if (changes.value) detail.state.value = changes.value;
  if (changes.name) {
    event.resources = event.resources.map((arn) => arn.replace(/:alarm:.*$/, `:alarm:${changes.name}`));
    detail.alarmName = changes.name;
  }
  return event;
}

export interface Harness {
  dynamo: LocalDynamo;
  emulator: SlackEmulator;
  state: StatePort;
  runtime: CatalogRuntime;
  processor: Processor;
  clock: { now: Date };
  lifecycle: LifecycleEvent[];
  refreshes: Array<{ request: RefreshRequest; delaySeconds: number }>;
  /** Escalation requests (the shipped configuration escalates critical alerts), kept apart so other features' tests see only their own. */
  escalations: Array<{ request: RefreshRequest; delaySeconds: number }>;
  slackUrl: string;
  close(): Promise<void>;
}

/**
 * `tweak` may change catalog entries and `tweakConfig` the configuration for one test (the shipped
 * catalog files stay as they are).
 */
export async function startHarness(
  tweak?: (entries: CatalogEntry[]) => CatalogEntry[],
  options: { tweakConfig?: (config: ClarionConfig) => ClarionConfig; settings?: ClarionSettings; now?: Date; paging?: PagingPort; history?: HistoryPort; sloFigures?: SloFiguresPort; fixes?: FixPort } = {},
): Promise<Harness> {
  const dynamo = await startDynalite();
  const clock = { now: options.now ?? new Date('2026-11-22T10:00:00Z') };
  const emulator = createSlackEmulator({ clock: () => clock.now.getTime() });
  const { url } = await emulator.listen();
  const state = createDynamoState({ client: dynamo.client, tableName: dynamo.tableName });
  const opened = (await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).runtime;
  const runtime: CatalogRuntime = {
    ...opened,
    ...(tweak ? { index: buildCatalogIndex(tweak([...opened.index.byId.values()])) } : {}),
    ...(options.tweakConfig ? { config: options.tweakConfig(structuredClone(opened.config)) } : {}),
  };
  const lifecycle: LifecycleEvent[] = [];
  const refreshes: Harness['refreshes'] = [];
  const escalations: Harness['escalations'] = [];
  const processor = composeProcessor(
    options.settings ?? {},
    {
      runtime: () => runtime,
      state,
      slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: url, timeoutMs: 2000 }),
      lifecycle: { publish: async (events) => void lifecycle.push(...events) },
      // Refreshes are kept for the test to run (or not) when it chooses.
      queue: { scheduleRefresh: async (request, delaySeconds) => void (request.clarion === 'escalate' ? escalations : refreshes).push({ request, delaySeconds }) },
      now: () => clock.now,
      ...(options.paging ? { paging: options.paging } : {}),
      ...(options.history ? { history: options.history } : {}),
      ...(options.sloFigures ? { sloFigures: options.sloFigures } : {}),
      ...(options.fixes ? { fixes: options.fixes } : {}),
    },
  );
  return {
    dynamo,
    emulator,
    state,
    runtime,
    processor,
    clock,
    lifecycle,
    refreshes,
    escalations,
    slackUrl: url,
    async close() {
      await emulator.close();
      await dynamo.close();
    },
  };
}

/** The shipped outage alarm firing (ALARM) or recovering (OK), as a new event with this id and time. */
export const fireAppDown = (id: string, time: string) => alarmEvent('app-down-alarm.json', { id, time, value: 'ALARM' });
export const okAppDown = (id: string, time: string) => alarmEvent('app-down-alarm.json', { id, time, value: 'OK' });

/** One of many portal error-rate alarms (`trainee-portal-<i>-5xx-rate`), all of the catalog group that storms. */
export const errorRateAlarm = (i: number, id: string, time: string, value: 'ALARM' | 'OK' = 'ALARM') =>
  alarmEvent('error-rate-alarm.json', { id, time, value, name: `trainee-portal-${i}-5xx-rate` });

/** A message as the Slack emulator stores it. */
export type StoredMessage = ReturnType<SlackEmulator['messages']>[number];

/** The button or select of a message with this action id (throws when it has none). */
export function elementOf(message: StoredMessage, actionId: string): { value?: string } {
  for (const block of message.blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>) {
    const found = block.elements?.find((e) => e.action_id === actionId);
    if (found) return found;
  }
  throw new Error(`no ${actionId} in message`);
}

/** Office hours Mon–Fri 09:00–17:30 in London; product leads, local offices and data leads hold. */
export function withOfficeHours(config: ClarionConfig): ClarionConfig {
  config.officeHours = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:30', closed: [] };
  for (const audience of ['product-leads', 'local-office', 'data-leads']) config.audiences[audience]!.outOfHours = 'hold';
  return config;
}

/** The catalog without `dependsOn`, for tests of impacts across entries that inhibition would fold (see inhibition.test.ts). */
export function withoutDependencies(entries: CatalogEntry[]): CatalogEntry[] {
  return entries.map(({ dependsOn: _dependsOn, ...entry }) => entry);
}

/** Moves the test clock forward. */
export function advance(h: Harness, seconds: number): void {
  h.clock.now = new Date(h.clock.now.getTime() + seconds * 1000);
}

/** Every text object's text in a message, joined, for "does it say…" assertions. */
export function allText(message: { text?: string; blocks?: unknown[] }): string {
  const texts: string[] = [message.text ?? ''];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  walk(message.blocks ?? []);
  return texts.join('\n');
}

// Running what was queued: quiet-period confirmations of alarms and of their impacts, tells, missing posts.
import type { SignalResult } from '../../src/processor/process-signals.ts';

const alreadyRun = new WeakSet<Harness['refreshes'][number]>();

/**
 * Runs what the processor queued for itself and the test has not run yet (those `which` picks),
 * oldest first, as SQS would deliver them once due; the test moves the clock. Requests these runs
 * queue are left for a next call.
 */
export async function runQueued(h: Harness, which: (request: RefreshRequest) => boolean = () => true): Promise<SignalResult[]> {
  const due = h.refreshes.filter((r) => !alreadyRun.has(r) && which(r.request));
  const results: SignalResult[] = [];
  for (const entry of due) {
    alreadyRun.add(entry);
    results.push(...(await h.processor.processMessage(entry.request)));
  }
  return results;
}

/** The quiet-period confirmations (of alarms and of their impacts). */
export const quietPeriods = (request: RefreshRequest): boolean => request.clarion === 'refresh' && request.reason === 'quiet-period';
