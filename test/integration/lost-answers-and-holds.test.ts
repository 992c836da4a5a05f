// A post whose answer was lost, posts Slack refused, the record of an OK seen first, and events that change nothing after hours: sequences a second review found, each now holding.
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import type { ClarionConfig } from '../../src/catalog/schema.ts';
import { DeliveryError } from '../../src/core/delivery-error.ts';
import type { PlainTextPort, SlackPort } from '../../src/core/ports.ts';
import { createProcessor } from '../../src/processor/process-signals.ts';
import type { Processor, ProcessorDeps } from '../../src/processor/process-signals.ts';
import { allText, fireAppDown as fire, okAppDown as ok, quietPeriods, runQueued, startHarness, withOfficeHours } from './harness.ts';
import type { Harness } from './harness.ts';
import { impactOf } from '../support/impact-records.ts';

const TECHIES = '#portal-alerts';
const PRODUCT = '#portal-status';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function settled<T>(work: Promise<T>): Promise<T | Error> {
  try {
    return await work;
  } catch (error) {
    return error as Error;
  }
}

type Call = { kind: 'post' | 'update'; channel: string };
/** `before`: Slack is never reached; `after`: Slack did the call, then the client saw this error. */
type Fault = { before?: DeliveryError; after?: DeliveryError } | undefined;

/**
 * A processor whose channels are configured by id (as for real Slack, where reading history needs
 * the id), over the harness's store and emulator, with `findPosted` and an injectable fault per call
 * (`channel` is the audience's channel name as configured, `#portal-status` …).
 */
async function processorByIds(
  harness: Harness,
  fault: (call: Call) => Fault = () => undefined,
  options: { tweak?: (config: ClarionConfig) => void; extra?: Partial<ProcessorDeps> } = {},
): Promise<Processor> {
  const real = createSlackWebApi({ token: 'xoxb-test', slackApiUrl: harness.slackUrl, timeoutMs: 300 });
  const config = structuredClone(harness.runtime.config);
  options.tweak?.(config);
  const nameOf = new Map<string, string>();
  for (const audience of Object.values(config.audiences)) {
    const id = (await real.post({ channel: audience.channel, message: { text: 'Clarion is here', blocks: [] } })).channel;
    nameOf.set(id, audience.channel);
    audience.channel = id;
  }
  const named = (channel: string) => nameOf.get(channel) ?? channel;
  const slack: SlackPort = {
    async post(args) {
      const f = fault({ kind: 'post', channel: named(args.channel) });
      if (f?.before) throw f.before;
      const ref = await real.post(args);
      if (f?.after) throw f.after;
      return ref;
    },
    async update(args) {
      const f = fault({ kind: 'update', channel: named(args.ref.channel) });
      if (f?.before) throw f.before;
      await real.update(args);
      if (f?.after) throw f.after;
    },
    findPosted: (args) => real.findPosted!(args),
  };
  return createProcessor({
    ...options.extra,
    runtime: () => ({ ...harness.runtime, config }),
    state: harness.state,
    slack,
    scheduleRefresh: async (request, delaySeconds) => void harness.refreshes.push({ request, delaySeconds }),
    now: () => harness.clock.now,
  });
}

/** Clarion's alert messages in a channel (they carry its metadata). */
const alertMessages = (harness: Harness, channel: string) => harness.emulator.messages(channel).filter((m) => m.metadata?.event_type === 'clarion_alert');
const internalError = () => new DeliveryError('Slack answered internal_error', { kind: 'server', code: 'internal_error' });
const connectionReset = () => new DeliveryError('network error ECONNRESET', { kind: 'network', code: 'ECONNRESET' });

describe('Finding 1: a post Slack made but answered with a server error', () => {
  it('posts the product leads once when chat.postMessage answers internal_error after posting (Slack: "some aspect of the operation may have succeeded")', async () => {
    // Prepare: the product leads' post lands, but Slack answers internal_error (or an edge 5xx)
    h = await startHarness();
    let once = true;
    const processor = await processorByIds(h, (c) => {
      if (c.kind === 'post' && c.channel === PRODUCT && once) {
        once = false;
        return { after: internalError() };
      }
      return undefined;
    });
    const first = await settled(processor.processMessage(fire('e1', '2026-11-22T09:59:00Z')));
    h.clock.now = new Date(h.clock.now.getTime() + 10_000);

    // Act: SQS delivers the event again
    await processor.processMessage(fire('e1', '2026-11-22T09:59:00Z'));

    // Assess: the error was counted as "not posted", so the retry posted without looking
    expect(first).toBeInstanceOf(DeliveryError);
    expect(alertMessages(h, PRODUCT)).toHaveLength(1);
  });
});

describe('Finding 2: the look finds the message of an earlier incident of the same alarm', () => {
  it('gives the engineers a new message for a new incident whose first post failed on the way to Slack', async () => {
    // Prepare: a backlog (SQS behind by ten minutes): the 10:00 ALARM is handled at 10:10 and its
    // messages posted then; the 10:01 OK is handled at 10:11
    h = await startHarness();
    let resetNext = false;
    const processor = await processorByIds(h, (c) => {
      if (c.kind === 'post' && c.channel === TECHIES && resetNext) {
        resetNext = false;
        return { before: connectionReset() };
      }
      return undefined;
    });
    h.clock.now = new Date('2026-11-22T10:10:00Z');
    await processor.processMessage(fire('e1', '2026-11-22T10:00:00Z'));
    h.clock.now = new Date('2026-11-22T10:11:00Z');
    await processor.processMessage(ok('e2', '2026-11-22T10:01:00Z'));
    expect(alertMessages(h, TECHIES)).toHaveLength(1);

    // Act: the alarm fires again at 10:17, 16 minutes after its OK: a new incident. The engineers'
    // post fails before reaching Slack (connection reset); SQS delivers the event again
    h.clock.now = new Date('2026-11-22T10:17:00Z');
    resetNext = true;
    const first = await settled(processor.processMessage(fire('e3', '2026-11-22T10:17:00Z')));
    h.clock.now = new Date('2026-11-22T10:17:30Z');
    const [retry] = await processor.processMessage(fire('e3', '2026-11-22T10:17:00Z'));

    // Assess: the look (since 10:07) found the 10:10 message of the resolved incident and edited it
    // silently: no new message, no notification for the new incident
    expect(first).toBeInstanceOf(DeliveryError);
    expect(retry?.outcome).toBe('repair');
    expect(alertMessages(h, TECHIES)).toHaveLength(2);
  });

  it('gives each audience its own message when two audiences share a channel and one post failed on the way', async () => {
    // Prepare: the local offices read the product leads' channel (one channel, two audiences)
    h = await startHarness();
    let resetNext = true;
    const processor = await processorByIds(
      h,
      (c) => {
        // The second post to the shared channel (the local offices') never reaches Slack
        if (c.kind === 'post' && c.channel === PRODUCT && resetNext && alertMessages(h!, PRODUCT).length === 1) {
          resetNext = false;
          return { before: connectionReset() };
        }
        return undefined;
      },
      { tweak: (config) => void (config.audiences['local-office']!.channel = PRODUCT) },
    );

    // Act: the alarm fires; its delivery fails on the local offices' post; SQS delivers it again
    const first = await settled(processor.processMessage(fire('e1', '2026-11-22T09:59:00Z')));
    h.clock.now = new Date(h.clock.now.getTime() + 10_000);
    const [retry] = await processor.processMessage(fire('e1', '2026-11-22T09:59:00Z'));

    // Assess: the look took the product leads' message (same impact key, same channel) for the local
    // offices' one, and rewrote it in the local offices' words (both are the impact's messages)
    expect(first).toBeInstanceOf(DeliveryError);
    const impact = await impactOf(h.state, retry!.alertKey!);
    expect(impact?.messages['local-office']?.ts).toBeDefined();
    expect(impact?.messages['local-office']?.ts).not.toBe(impact?.messages['product-leads']?.ts);
    expect(alertMessages(h, PRODUCT)).toHaveLength(2);
  });
});

describe('Finding 3: the plain-text copy of a post whose answer was lost', () => {
  it('sends the engineers their SNS copy when the retry finds the message in the channel', async () => {
    // Prepare: the engineers also read alerts by SNS; Slack posts their message but the answer is lost
    h = await startHarness();
    const sent: string[] = [];
    const plainText: PlainTextPort = { send: async ({ topicArn }) => void sent.push(topicArn) };
    const processor = await processorByIds(h, () => undefined, {
      tweak: (config) => void (config.audiences['techies']!.snsTopicArn = 'arn:aws:sns:eu-west-2:111111111111:portal-oncall'),
      extra: { plainText },
    });
    h.emulator.fail({ loseAnswer: true, method: 'chat.postMessage', times: 1 });
    const first = await settled(processor.processMessage(fire('e1', '2026-11-22T09:59:00Z')));
    h.clock.now = new Date(h.clock.now.getTime() + 30_000);

    // Act
    await processor.processMessage(fire('e1', '2026-11-22T09:59:00Z'));

    // Assess: the message was found and edited, and nobody sent the SNS copy
    expect((first as DeliveryError).kind).toBe('timeout');
    expect(alertMessages(h, TECHIES)).toHaveLength(1);
    expect(sent).toEqual(['arn:aws:sns:eu-west-2:111111111111:portal-oncall']);
  });
});

describe('Finding 4: the resolvedUnseen record after office hours', () => {
  it('does not give the product leads a message of an alarm nobody was told of, which never turns "fixed"', async () => {
    // Prepare: Monday 02:00. The OK is handled first (the ALARM before it failed once), with nothing open
    h = await startHarness(undefined, { tweakConfig: withOfficeHours, now: new Date('2026-11-23T02:00:30Z') });
    const [seen] = await h.processor.processMessage(ok('e2', '2026-11-23T02:00:00Z'));
    expect(seen?.outcome).toBe('resolved-unknown');

    // Act: the ALARM's retry (stale now), then the morning summary and its follow-ups
    h.clock.now = new Date('2026-11-23T02:01:00Z');
    const [late] = await h.processor.processMessage(fire('e1', '2026-11-23T01:59:00Z'));
    h.clock.now = new Date('2026-11-23T09:00:00Z');
    await h.processor.processMessage({ clarion: 'summary', trigger: 'schedule' });
    h.clock.now = new Date('2026-11-23T12:00:00Z');

    // Assess: in office hours this sequence tells nobody anything; at night the stale ALARM held the
    // alert, and the morning gave the product leads and local offices a message of their own
    expect(late?.outcome).toBe('stale-event');
    expect(h.emulator.messages(TECHIES)).toHaveLength(0);
    const own = h.emulator.messages(PRODUCT).filter((m) => !allText(m).includes('While you were away'));
    expect(own).toHaveLength(0);
    expect(late?.held).toBeUndefined();
  });
});

describe('Finding 5: no-op events after hours hold an alert the summary already covered', () => {
  it('lists an alert fixed overnight in one morning summary only, when a copy of its OK comes that evening', async () => {
    // Prepare: Monday 02:00 the alarm fires and is fixed (quiet period over); Monday's 09:00 summary covers it
    h = await startHarness(undefined, { tweakConfig: withOfficeHours, now: new Date('2026-11-23T02:00:00Z') });
    await h.processor.processMessage(fire('e1', '2026-11-23T02:00:00Z'));
    h.clock.now = new Date('2026-11-23T02:10:00Z');
    await h.processor.processMessage(ok('e2', '2026-11-23T02:10:00Z'));
    h.clock.now = new Date('2026-11-23T03:00:00Z');
    // The alarm's fix and its impact's (what the product leads read) are confirmed
    expect((await runQueued(h, quietPeriods)).map((r) => r.alertKey)).toEqual([expect.stringMatching(/^portal\.app-down\|/), 'impact:group:trainee-portal']);
    h.clock.now = new Date('2026-11-23T09:00:00Z');
    await h.processor.processMessage({ clarion: 'summary', trigger: 'schedule' });
    const mentions = () => h!.emulator.messages(PRODUCT).filter((m) => allText(m).includes('While you were away')).length;
    expect(mentions()).toBe(1);

    // Act: Monday evening another copy of the OK arrives (its SNS copy, a redrive of the DLQ …), then Tuesday's summary
    h.clock.now = new Date('2026-11-23T18:00:00Z');
    const [copy] = await h.processor.processMessage(ok('e2-copy', '2026-11-23T02:10:00Z'));
    h.clock.now = new Date('2026-11-24T09:00:00Z');
    await h.processor.processMessage({ clarion: 'summary', trigger: 'schedule' });

    // Assess: the copy changed nothing, yet held the alert again, and Tuesday's summary repeats it
    expect(copy?.outcome).toBe('already-resolved');
    expect(mentions()).toBe(1);
    expect(copy?.held).toBeUndefined();
  });
});

describe('Finding 6: no client retry of chat.postMessage, for thread replies too', () => {
  it('still puts "Resolved after …" in the engineers\' thread when the reply meets a single 503', async () => {
    // Prepare: the alert is open, every audience told
    h = await startHarness();
    await h.processor.processMessage(fire('e1', '2026-11-22T09:59:00Z'));
    h.clock.now = new Date('2026-11-22T10:30:00Z');

    // Act: the OK; Slack answers the reply with one 503 (a reply keeps the client's quick retry)
    h.emulator.fail({ method: 'chat.postMessage', status: 503, times: 1 });
    const [resolved] = await h.processor.processMessage(ok('e2', '2026-11-22T10:29:00Z'));

    // Assess
    expect(resolved?.outcome).toBe('resolved');
    const engineers = h.emulator.messages(TECHIES)[0]!;
    expect(allText(engineers)).toMatch(/fixed|resolved/i);
    expect(h.emulator.replies(TECHIES, engineers.ts)).toHaveLength(1);
  });
});
