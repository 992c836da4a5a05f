/** @module Benchmark: an alert storm through the real processor, dynalite and the Slack emulator with its limits on, on simulated time. */
import { alarmStateChange } from './alarm-event.ts';
import path from 'node:path';
import { createDynamoState } from '../src/adapters/dynamo-state.ts';
import { withSlackPacing } from '../src/adapters/paced-slack.ts';
import { createSlackWebApi } from '../src/adapters/slack-web-api.ts';
import { openCatalog } from '../src/adapters/read-catalog-dir.ts';
import { createInProcessQueue } from '../src/local/in-process-queue.ts';
import { createSlackEmulator } from '../src/local/slack-emulator.ts';
import { startDynalite } from '../src/local/start-dynalite.ts';
import { enrichAlert } from '../src/pipeline/enrich-alert.ts';
import { matchSignal } from '../src/catalog/catalog-index.ts';
import { composeSignalBatch } from '../src/compose/compose-processor.ts';
import type { CatalogRuntime } from '../src/catalog/catalog-runtime.ts';
import { normalizeEvent } from '../src/sources/normalize-event.ts';
import type { Context } from 'aws-lambda';
import { impactKeyFor } from '../src/core/impact-key.ts';
import { impactEnds as impactEndsOf } from './impact-ends.ts';

const root = path.resolve(import.meta.dirname, '..');
const START = Date.parse('2026-11-22T09:00:00Z');

interface ScenarioEvent {
  at: number;
  alarm: string;
  body: string;
  final: boolean;
  state: 'ALARM' | 'OK';
}

/** 1,000 events from 50 alarms in 60 s: 40 of one catalog group (a real storm) and 10 nobody described. */
export function stormScenario(): ScenarioEvent[] {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const events: ScenarioEvent[] = [];
  for (let a = 0; a < 50; a++) {
    const alarm = a < 40 ? `trainee-portal-${a}-5xx-rate` : `legacy-batch-host-${a}-cpu`;
    const first = random() * 20_000;
    const resolves = a % 2 === 0;
    for (let n = 0; n < 20; n++) {
      const at = Math.round(first + n * ((58_000 - first) / 19));
      const state = resolves && n === 19 ? 'OK' : 'ALARM';
      events.push({ at, alarm, final: n === 19, state, body: alarmJson(alarm, at, state, `${a}-${n}`) });
    }
  }
  return events.sort((x, y) => x.at - y.at);
}

function alarmJson(alarm: string, at: number, state: 'ALARM' | 'OK', id: string): string {
  return alarmStateChange(alarm, new Date(START + at).toISOString(), state, `storm-${id}`);
}

export interface StormFigures {
  events: number;
  alarms: number;
  deliveriesPerEvent: number;
  slackCalls: Record<string, number>;
  postsByChannel: Record<string, number>;
  rateLimited429: number;
  clientHeldBack: number;
  lost: number;
  p95FirstNotificationSeconds: number;
  maxFirstNotificationSeconds: number;
  simulatedSecondsToDrain: number;
  deadLetters: number;
  topLevelMessages: number;
  batches: number;
}

/** Runs the scenario; `copies` delivers every event that many times (at-least-once delivery). */
export async function runStorm(copies = 1): Promise<StormFigures> {
  const clock = { now: START };
  const dynamo = await startDynalite({ tableName: `storm-${copies}` });
  const emulator = createSlackEmulator({ clock: () => clock.now, limits: true });
  const { url } = await emulator.listen();
  try {
    const runtime: CatalogRuntime = (await openCatalog(path.join(root, 'alert-catalog'), { lint: false })).runtime;
    const state = createDynamoState({ client: dynamo.client, tableName: dynamo.tableName });
    const queue = createInProcessQueue({ now: () => clock.now, batchSize: 10, maxReceiveCount: 10 });
    let clientHeldBack = 0;
    const { runBatch: runner } = composeSignalBatch(
      {},
      {
        runtime: () => runtime,
        state,
        // Waiting for a rate-limit token moves simulated time, as sleeping would move real time.
        slack: withSlackPacing(createSlackWebApi({ token: 'xoxb-bench', slackApiUrl: url }), {
          now: () => clock.now,
          sleep: async (ms) => void (clock.now += ms),
        }),
        queue: queue.port,
        now: () => new Date(clock.now),
        count: (metric) => void (metric === 'RateLimited' && (clientHeldBack += 1)),
      },
    );
    const context = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

    const scenario = stormScenario();
    const alertKeyOf = alertKeys(scenario, runtime);
    const firstEventAt = new Map<string, number>();
    const visibleAt = new Map<string, number>();
    const arrivals = scenario.flatMap((e) => Array.from({ length: copies }, (_, c) => ({ ...e, at: e.at + c * 150 }))).sort((x, y) => x.at - y.at);
    let next = 0;
    // Each batch takes simulated time too; SQS polling brings the next batch right after.
    const BATCH_MS = 200;
    let batches = 0;
    for (;;) {
      while (next < arrivals.length && arrivals[next]!.at + START <= clock.now) {
        const arrival = arrivals[next++]!;
        if (!firstEventAt.has(arrival.alarm)) firstEventAt.set(arrival.alarm, arrival.at + START);
        queue.send(arrival.body);
      }
      const batch = queue.receive();
      if (batch) {
        batches += 1;
        const response = await runner(batch, context);
        queue.settle(batch, response);
        await markVisible(state, alertKeyOf, firstEventAt, visibleAt, clock.now);
        clock.now += BATCH_MS;
        continue;
      }
      const candidates = [queue.nextVisibleAt(), next < arrivals.length ? arrivals[next]!.at + START : null].filter((t): t is number => t !== null);
      if (candidates.length === 0) break;
      clock.now = Math.max(clock.now + 1, Math.min(...candidates));
    }

    const latencies = [...firstEventAt].map(([alarm, at]) => ((visibleAt.get(alarm) ?? Infinity) - at) / 1000).sort((a, b) => a - b);
    const stats = emulator.stats();
    const lost = await countLost(state, emulator, scenario, alertKeyOf);
    const channels = emulator.channels();
    return {
      events: arrivals.length,
      alarms: firstEventAt.size,
      deliveriesPerEvent: copies,
      slackCalls: stats.calls,
      postsByChannel: Object.fromEntries(Object.entries(stats.postsByChannel).map(([id, n]) => [channels.find((c) => c.id === id)?.name ?? id, n])),
      rateLimited429: stats.rateLimited,
      clientHeldBack,
      lost,
      p95FirstNotificationSeconds: round(latencies[Math.ceil(latencies.length * 0.95) - 1]!),
      maxFirstNotificationSeconds: round(latencies.at(-1)!),
      simulatedSecondsToDrain: round((clock.now - START) / 1000),
      deadLetters: queue.deadLetters().length,
      topLevelMessages: channels.reduce((n, c) => n + emulator.messages(c.id).length, 0),
      batches,
    };
  } finally {
    await emulator.close();
    await dynamo.close();
  }
}

/** Each alarm's alert key, as the processor will compute it. */
export function alertKeys(scenario: Array<{ alarm: string; body: string }>, runtime: CatalogRuntime): Map<string, string> {
  const keys = new Map<string, string>();
  for (const event of scenario) {
    if (keys.has(event.alarm)) continue;
    const [signal] = normalizeEvent(JSON.parse(event.body), { receivedAt: new Date() });
    const enriched = enrichAlert(signal!, matchSignal(runtime.index, signal!)?.entry ?? null, runtime.config.uncatalogued.audience);
    if ('alert' in enriched) keys.set(event.alarm, enriched.alert.alertKey);
  }
  return keys;
}

/** An alarm is visible once techies can see it: its own message, or a posted storm message listing it. */
async function markVisible(
  state: ReturnType<typeof createDynamoState>,
  keys: Map<string, string>,
  firstEventAt: Map<string, number>,
  visibleAt: Map<string, number>,
  now: number,
): Promise<void> {
  for (const alarm of firstEventAt.keys()) {
    if (visibleAt.has(alarm)) continue;
    const record = await state.getAlert(keys.get(alarm)!);
    if (!record) continue;
    if (record.messages['techies']) {
      visibleAt.set(alarm, now);
    } else if (record.groupedInto) {
      const group = await state.getGroup(record.groupedInto);
      if (group?.messages['techies'] && group.members.some((m) => m.alertKey === record.alertKey) && group.syncedVersion === group.version) visibleAt.set(alarm, now);
    }
  }
}

/** Alarms whose final state (firing or resolved) is not what Slack shows at the end. */
async function countLost(
  state: ReturnType<typeof createDynamoState>,
  emulator: ReturnType<typeof createSlackEmulator>,
  scenario: ScenarioEvent[],
  keys: Map<string, string>,
): Promise<number> {
  let lost = 0;
  const finals = scenario.filter((e) => e.final);
  // Non-technical audiences see impacts: one ends open when any alarm that feeds it ends firing.
  const impactEnds = await impactEndsOf(state, finals, keys);
  const badImpacts = new Set<string>();
  for (const [key, ends] of impactEnds) {
    const impact = await state.getAlert(key);
    const shown = Object.values(impact?.messages ?? {}).every((ref) => {
      const message = emulator.messages(ref.channel).find((m) => m.ts === ref.ts);
      return (message?.metadata?.event_payload as { status?: string } | undefined)?.status === ends;
    });
    if (!impact || impact.status !== ends || impact.syncedVersion !== impact.version || !shown) badImpacts.add(key);
  }
  for (const final of finals) {
    const expected = final.state === 'OK' ? 'resolved' : 'open';
    const record = await state.getAlert(keys.get(final.alarm)!);
    // An alarm whose impact does not show how it ends is lost to the non-technical audiences.
    if (!record || record.status !== expected || record.syncedVersion !== record.version || badImpacts.has(impactKeyFor(record.alert) ?? '')) {
      lost += 1;
      continue;
    }
    if (record.groupedInto) {
      const group = await state.getGroup(record.groupedInto);
      const member = group?.members.find((m) => m.alertKey === record.alertKey);
      const shown = group?.messages['techies'] ? emulator.messages(group.messages['techies'].channel).find((m) => m.ts === group.messages['techies']!.ts) : undefined;
      if (!member || member.status !== expected || group!.syncedVersion !== group!.version || !shown) lost += 1;
      continue;
    }
    const ref = record.messages['techies'];
    const shown = ref ? emulator.messages(ref.channel).find((m) => m.ts === ref.ts) : undefined;
    const saysResolved = shown ? /Resolved/.test(JSON.stringify(shown.blocks)) : false;
    if (!shown || saysResolved !== (expected === 'resolved')) lost += 1;
  }
  return lost;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
