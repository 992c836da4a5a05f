/** @module Benchmark: a storm while Slack fails for minutes, through the real batch runner, processor, dynalite and the Slack emulator, on simulated time. */
import { alarmStateChange } from './alarm-event.ts';
import { alertKeys } from './storm-bench.ts';
import path from 'node:path';
import type { Context } from 'aws-lambda';
import { createDynamoState } from '../src/adapters/dynamo-state.ts';
import { withSlackPacing } from '../src/adapters/paced-slack.ts';
import { LogLevel, WebClient } from '@slack/web-api';
import { createSlackWebApi, oneQuickRetry, slackClientOptions } from '../src/adapters/slack-web-api.ts';
import { openCatalog } from '../src/adapters/read-catalog-dir.ts';
import type { StatePort } from '../src/state/state-port.ts';
import { DeliveryError } from '../src/core/delivery-error.ts';
import type { FindPostedArgs, SlackPort } from '../src/core/ports.ts';
import { createInProcessQueue } from '../src/local/in-process-queue.ts';
import { createSlackEmulator } from '../src/local/slack-emulator.ts';
import type { SlackEmulator, SlackFault } from '../src/local/slack-emulator.ts';
import { startDynalite } from '../src/local/start-dynalite.ts';
import { composeSignalBatch } from '../src/compose/compose-processor.ts';
import type { CatalogRuntime } from '../src/catalog/catalog-runtime.ts';
import { routeAlert } from '../src/pipeline/route-alert.ts';
import { memberStatus } from '../src/pipeline/storm.ts';
import { routesFor } from '../src/pipeline/impact.ts';
import { impactKeyFor } from '../src/core/impact-key.ts';
import { impactEnds as impactEndsOf } from './impact-ends.ts';

const root = path.resolve(import.meta.dirname, '..');
const START = Date.parse('2026-11-23T10:00:00Z');

/** How Slack fails during the outage: HTTP 503, HTTP 429 with Retry-After, no answer at all, or a final `ok:false` error fixed afterwards. */
export type SoakFault = '503' | '429' | 'hang' | 'invalid_auth';

export interface SoakOptions {
  fault: SoakFault;
  /** Events in all (default 1,000) from this many alarms (default 50). */
  events?: number;
  alarms?: number;
  /** Over how many simulated seconds the events arrive (default 600, all while Slack fails). */
  spreadSeconds?: number;
  /** When Slack starts failing, and for how long (defaults 30 s and 600 s). */
  outageStartSeconds?: number;
  outageSeconds?: number;
  /** Processor containers taking batches at the same time (the event source mapping allows 2). */
  containers?: number;
  seed?: number;
}

export interface SoakFigures {
  fault: SoakFault;
  events: number;
  alarms: number;
  outageSeconds: number;
  /** Alarms whose final state some routed audience does not see in Slack at the end. */
  lost: number;
  lostAlarms: string[];
  /** Top-level Slack messages no alert or storm group refers to: a second post of something already posted. */
  duplicatePosts: number;
  /** Dead letters when everything else had drained, before any redrive. */
  deadLetters: number;
  /** Dead letters moved back by the redrive (after `invalid_auth` is fixed), and how many then succeeded. */
  redriven: number;
  recoveredByRedrive: number;
  /** Simulated seconds from Slack answering again (or from the redrive) until every alarm showed its state; null if never. */
  recoverSeconds: number | null;
  /** Lambda invocations that ran past the processor's 60 s timeout (simulated). */
  invocationsOverTimeout: number;
  slackCalls: Record<string, number>;
  batches: number;
  simulatedSeconds: number;
}

interface SoakEvent {
  at: number;
  alarm: string;
  state: 'ALARM' | 'OK';
  body: string;
  final: boolean;
}

/** Lambda's timeout and the signal queue's settings, as infra/queue.ts declares them. */
const LAMBDA_TIMEOUT_MS = 60_000;
const VISIBILITY_SECONDS = 360;
const MAX_RECEIVE_COUNT = 10;
/** A hung Slack call costs the client's timeout twice (one quick retry): simulated, so the bench does not wait for it. */
const SIMULATED_TIMEOUT_MS = 5000;
const BATCH_MS = 200;

/**
 * Alarms of every kind the processor treats differently: a storm group (the portal's 5xx alarms),
 * entries with several audiences, and alarms nobody described. Each fires, repeats, and a third of
 * them resolve and fire again (a flap); half end resolved.
 */
export function soakScenario(options: { events: number; alarms: number; spreadSeconds: number; seed: number }): SoakEvent[] {
  let seed = options.seed;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const perAlarm = Math.max(2, Math.floor(options.events / options.alarms));
  const spreadMs = options.spreadSeconds * 1000;
  const stormAlarms = Math.round(options.alarms * 0.56);
  const events: SoakEvent[] = [];
  for (let a = 0; a < options.alarms; a++) {
    const alarm =
      a === 0 ? 'placements-data-freshness' : a === 1 ? 'trainee-db-prod-free-storage-low' : a < stormAlarms ? `trainee-portal-${a}-5xx-rate` : `legacy-batch-host-${a}-cpu`;
    const first = random() * spreadMs * 0.3;
    const flaps = a % 3 === 0;
    const resolves = a % 2 === 0;
    for (let n = 0; n < perAlarm; n++) {
      const at = Math.round(first + (n * (spreadMs - first)) / perAlarm);
      const final = n === perAlarm - 1;
      const state = (final && resolves) || (flaps && n === Math.floor(perAlarm / 2)) ? 'OK' : 'ALARM';
      events.push({ at, alarm, state, final, body: alarmJson(alarm, at, state, `${options.seed}-${a}-${n}`) });
    }
  }
  return events.sort((x, y) => x.at - y.at);
}

function alarmJson(alarm: string, at: number, state: 'ALARM' | 'OK', id: string): string {
  return alarmStateChange(alarm, new Date(START + at).toISOString(), state, `soak-${id}`);
}

function faultFor(fault: SoakFault, untilMs: number): SlackFault {
  switch (fault) {
    case '503':
      return { status: 503, untilMs };
    case '429':
      return { status: 429, untilMs };
    case 'hang':
      return { hang: true, untilMs };
    case 'invalid_auth':
      return { error: 'invalid_auth', untilMs };
  }
}

/**
 * The production client's options with two changes for simulated time: a hung call gives up after
 * 150 ms of real time (simulated as the real timeout, below), and its one quick retry after a 5xx
 * comes at once rather than 100 ms later, which would otherwise be most of the bench's real time.
 */
function soakClient(slackApiUrl: string): WebClient {
  return new WebClient('xoxb-soak', {
    ...slackClientOptions({ slackApiUrl, timeoutMs: 150 }),
    retryConfig: { ...oneQuickRetry, minTimeout: 0, maxTimeout: 0 },
    // Hundreds of timeouts are the point of the hang run, not news: the figures report them.
    logLevel: LogLevel.ERROR,
  });
}

/** A hung call takes the client's whole timeout: move simulated time by that much when one gives up. */
function withSimulatedTimeouts(slack: SlackPort, clock: { now: number }): SlackPort {
  const timed = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof DeliveryError && error.kind === 'timeout') clock.now += 2 * SIMULATED_TIMEOUT_MS;
      throw error;
    }
  };
  return {
    post: (args) => timed(() => slack.post(args)),
    update: (args) => timed(() => slack.update(args)),
    ...(slack.findPosted ? { findPosted: (args: FindPostedArgs) => timed(() => slack.findPosted!(args)) } : {}),
  };
}

export async function runSoak(options: SoakOptions): Promise<SoakFigures> {
  const events = options.events ?? 1000;
  const alarms = options.alarms ?? 50;
  const outageStart = START + (options.outageStartSeconds ?? 30) * 1000;
  const outageMs = (options.outageSeconds ?? 600) * 1000;
  const outageEnd = outageStart + outageMs;
  const containers = options.containers ?? 2;
  const clock = { now: START };
  const dynamo = await startDynalite({ tableName: `soak-${options.fault}` });
  const emulator = createSlackEmulator({ clock: () => clock.now, limits: true });
  const { url } = await emulator.listen();
  try {
    const runtime: CatalogRuntime = (await openCatalog(path.join(root, 'alert-catalog'), { lint: false })).runtime;
    const state = createDynamoState({ client: dynamo.client, tableName: dynamo.tableName });
    const queue = createInProcessQueue({ now: () => clock.now, batchSize: 10, maxReceiveCount: MAX_RECEIVE_COUNT, visibilityTimeoutSeconds: VISIBILITY_SECONDS });
    // Each container has its own processor and pacing, as two concurrent Lambdas do.
    const runners = Array.from(
      { length: containers },
      () =>
        composeSignalBatch(
          {},
          {
            runtime: () => runtime,
            state,
            slack: withSlackPacing(withSimulatedTimeouts(createSlackWebApi({ token: 'xoxb-soak', client: soakClient(url) }), clock), {
              now: () => clock.now,
              sleep: async (ms) => void (clock.now += ms),
            }),
            queue: queue.port,
            now: () => new Date(clock.now),
          },
        ).runBatch,
    );

    const scenario = soakScenario({ events, alarms, spreadSeconds: options.spreadSeconds ?? 600, seed: options.seed ?? 7 });
    const keys = alertKeys(scenario, runtime);
    let next = 0;
    let batches = 0;
    let invocationsOverTimeout = 0;
    let faultOn = false;
    let faultDone = false;
    let recoveredAt: number | null = null;
    let lastCheck = 0;
    const check = () => lostAlarms(state, emulator, runtime, scenario, keys);

    const drain = async (recoveringFrom: number | null) => {
      for (;;) {
        if (!faultOn && !faultDone && clock.now >= outageStart) {
          emulator.fail(faultFor(options.fault, outageEnd));
          faultOn = true;
        }
        if (faultOn && clock.now >= outageEnd) {
          // Calls still hanging are cut off when Slack comes back; new ones are answered.
          emulator.clearFaults();
          faultOn = false;
          faultDone = true;
        }
        while (next < scenario.length && scenario[next]!.at + START <= clock.now) queue.send(scenario[next++]!.body);
        const taken = Array.from({ length: containers }, () => queue.receive()).filter((b) => b !== null);
        if (taken.length > 0) {
          batches += taken.length;
          await Promise.all(
            taken.map(async (batch, i) => {
              const started = clock.now;
              const context = { functionName: 'soak', awsRequestId: `soak-${batches}-${i}`, getRemainingTimeInMillis: () => LAMBDA_TIMEOUT_MS - (clock.now - started) } as unknown as Context;
              const response = await runners[i]!(batch, context);
              if (clock.now - started > LAMBDA_TIMEOUT_MS) invocationsOverTimeout += 1;
              queue.settle(batch, response);
            }),
          );
          clock.now += BATCH_MS;
        } else {
          const due = [queue.nextVisibleAt(), next < scenario.length ? scenario[next]!.at + START : null, faultOn ? outageEnd : faultDone ? null : outageStart].filter(
            (t): t is number => t !== null,
          );
          if (due.length === 0) return;
          clock.now = Math.max(clock.now + 1, Math.min(...due));
        }
        // Every few simulated seconds after Slack is back: has every alarm caught up yet?
        if (recoveringFrom !== null && recoveredAt === null && clock.now >= recoveringFrom && clock.now - lastCheck >= 5000) {
          lastCheck = clock.now;
          if ((await check()).length === 0) recoveredAt = clock.now;
        }
      }
    };

    await drain(options.fault === 'invalid_auth' ? null : outageEnd);
    const deadLetters = queue.deadLetters().length;
    let redriven = 0;
    let redriveAt = outageEnd;
    if (options.fault === 'invalid_auth') {
      // The token was fixed when the fault ended; now someone runs `clarion redrive`.
      redriveAt = clock.now;
      redriven = queue.redrive();
      await drain(redriveAt);
    }
    const lost = await check();
    if (lost.length === 0 && recoveredAt === null) recoveredAt = clock.now;
    return {
      fault: options.fault,
      events: scenario.length,
      alarms: keys.size,
      outageSeconds: outageMs / 1000,
      lost: lost.length,
      lostAlarms: lost,
      duplicatePosts: await duplicatePosts(state, emulator, keys),
      deadLetters,
      redriven,
      recoveredByRedrive: redriven - queue.deadLetters().length,
      recoverSeconds: recoveredAt === null ? null : Math.max(0, Math.round((recoveredAt - (options.fault === 'invalid_auth' ? redriveAt : outageEnd)) / 100) / 10),
      invocationsOverTimeout,
      slackCalls: emulator.stats().calls,
      batches,
      simulatedSeconds: Math.round((clock.now - START) / 1000),
    };
  } finally {
    emulator.clearFaults();
    await emulator.close();
    await dynamo.close();
  }
}

/**
 * Alarms some routed audience cannot see as they end: no record, a record Slack is behind on, a
 * missing message, or a message (own or storm group) that does not show the final state.
 */
async function lostAlarms(state: StatePort, emulator: SlackEmulator, runtime: CatalogRuntime, scenario: SoakEvent[], keys: Map<string, string>): Promise<string[]> {
  const lost: string[] = [];
  const shown = (ref: { channel: string; ts: string } | undefined) => (ref ? emulator.messages(ref.channel).find((m) => m.ts === ref.ts) : undefined);
  const showsStatus = (ref: { channel: string; ts: string } | undefined, expected: string) => {
    const message = shown(ref);
    return message !== undefined && (message.metadata?.event_payload as { status?: string } | undefined)?.status === expected;
  };
  const finals = scenario.filter((e) => e.final);
  // An impact ends open when any alarm that feeds it ends firing.
  const impactEnds = await impactEndsOf(state, finals, keys);
  for (const final of finals) {
    const expected = final.state === 'OK' ? 'resolved' : 'open';
    const record = await state.getAlert(keys.get(final.alarm)!);
    if (!record || record.status !== expected || record.syncedVersion !== record.version) {
      lost.push(final.alarm);
      continue;
    }
    // Non-technical audiences see the alarm's impact: it must exist, be in step, and show how the impact ends.
    const impactKey = impactKeyFor(record.alert);
    const others = routeAlert(record.alert, runtime.config).filter((r) => r.template !== 'techies');
    if (impactKey && others.length > 0) {
      const impact = await state.getAlert(impactKey);
      const ends = impactEnds.get(impactKey)!;
      if (!impact || impact.status !== ends || impact.syncedVersion !== impact.version || !others.every((r) => showsStatus(impact.messages[r.audience], ends))) {
        lost.push(final.alarm);
        continue;
      }
    }
    const audiences = routesFor(record.alert, runtime.config).map((r) => r.audience);
    if (record.groupedInto) {
      const group = await state.getGroup(record.groupedInto);
      const ok = group && memberStatus(group, record.alertKey) === expected && group.syncedVersion === group.version && audiences.every((a) => shown(group.messages[a]));
      if (!ok) lost.push(final.alarm);
      continue;
    }
    if (!audiences.every((audience) => showsStatus(record.messages[audience], expected))) lost.push(final.alarm);
  }
  return lost;
}

/** Top-level messages that no alert and no storm group refers to. */
async function duplicatePosts(state: StatePort, emulator: SlackEmulator, keys: Map<string, string>): Promise<number> {
  const referenced = new Set<string>();
  const groups = new Set<string>();
  for (const key of keys.values()) {
    const record = await state.getAlert(key);
    if (!record) continue;
    for (const ref of Object.values(record.messages)) referenced.add(`${ref.channel} ${ref.ts}`);
    const impact = impactKeyFor(record.alert) ? await state.getAlert(impactKeyFor(record.alert)!) : null;
    for (const ref of Object.values(impact?.messages ?? {})) referenced.add(`${ref.channel} ${ref.ts}`);
    if (record.groupedInto) groups.add(record.groupedInto);
    if (record.group) groups.add(record.group);
  }
  for (const groupKey of groups) {
    const group = await state.getGroup(groupKey);
    for (const ref of Object.values(group?.messages ?? {})) referenced.add(`${ref.channel} ${ref.ts}`);
  }
  let extra = 0;
  for (const channel of emulator.channels()) {
    for (const message of emulator.messages(channel.id)) if (!referenced.has(`${channel.id} ${message.ts}`)) extra += 1;
  }
  return extra;
}
