import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withSlackPacing } from '../../src/adapters/paced-slack.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import type { StatePort } from '../../src/state/state-port.ts';
import type { PlainTextPort } from '../../src/core/ports.ts';
import { createProcessor } from '../../src/processor/process-signals.ts';
import type { ProcessorDeps } from '../../src/processor/process-signals.ts';
import { advance, alarmEvent, allText, errorRateAlarm as errorRate, fireAppDown as fire, okAppDown as ok, sample, startHarness, withOfficeHours } from './harness.ts';
import type { Harness } from './harness.ts';
import { impactOf } from '../support/impact-records.ts';

const CHANNELS = { techies: '#portal-alerts', product: '#portal-status', office: '#portal-local-offices' };
/** Monday 23 November 2026; London is on GMT, so local time is UTC. */
const NIGHT = '2026-11-23T02:10:00Z';
const MORNING = new Date('2026-11-23T09:00:00Z');

let h: Harness;
beforeEach(async () => {
  h = await startHarness(undefined, { tweakConfig: withOfficeHours, now: new Date(NIGHT) });
});
afterEach(() => h.close());

const at = (iso: string | Date) => void (h.clock.now = new Date(iso));
const summary = () => h.processor.processMessage({ clarion: 'summary' });
const summaries = (channel: string) => h.emulator.messages(channel).filter((m) => allText(m).includes('While you were away'));
/** The database's storage running low (its own impact, for product leads only), as a new event with this id and time. */
const dbLow = (id: string, time: string) => ({ ...sample('db-low-storage.json'), id, time });
/** The quiet-period follow-ups scheduled so far, the alarms' and their impacts', run as the queue would deliver them. */
const confirmFixes = async () => {
  for (const { request } of h.refreshes.filter((r) => r.request.clarion === 'refresh' && r.request.reason === 'quiet-period')) await h.processor.processMessage(request);
};
/**
 * A second processor on the same store and Slack, as another Lambda would be, pacing its Slack
 * calls as the Lambda does (waiting moves the test clock); `state` may be wrapped to interleave it.
 */
const otherProcessor = (state: StatePort = h.state, extra: Partial<ProcessorDeps> = {}) =>
  createProcessor({
    ...extra,
    runtime: () => h.runtime,
    state,
    slack: withSlackPacing(createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl, timeoutMs: 2000 }), {
      now: () => h.clock.now.getTime(),
      sleep: async (ms) => advance(h, ms / 1000),
    }),
    scheduleRefresh: async (request, delaySeconds) => void h.refreshes.push({ request, delaySeconds }),
    now: () => h.clock.now,
  });
/**
 * The store as a processor that read its clock at 08:59:59 sees it: the 09:00 summary runs right
 * after the processor stores its alert, before it holds it.
 */
const summaryAfterFirstWrite = (): StatePort => {
  let interleaved = false;
  return {
    ...h.state,
    async putAlert(record, expectedVersion) {
      const written = await h.state.putAlert(record, expectedVersion);
      if (!interleaved) {
        interleaved = true;
        at(MORNING);
        await summary();
        at('2026-11-23T08:59:59Z');
      }
      return written;
    },
  };
};

describe('Processor: office hours and the summary when they start', () => {
  it('tells only the engineers when an alert fires at night', async () => {
    // Act
    const [result] = await h.processor.processMessage(fire('e1', NIGHT));

    // Assess
    expect(result?.outcome).toBe('opened');
    expect(result?.held).toEqual(['product-leads', 'local-office']);
    expect(h.emulator.messages(CHANNELS.techies)).toHaveLength(1);
    expect(h.emulator.messages(CHANNELS.product)).toHaveLength(0);
    expect(h.emulator.messages(CHANNELS.office)).toHaveLength(0);
    expect(Object.keys((await h.state.getSummary())?.held ?? {})).toEqual([(await impactOf(h.state, result!.alertKey!))?.alertKey]);
  });

  it('tells everyone at once during office hours', async () => {
    // Prepare
    at('2026-11-23T10:00:00Z');

    // Act
    const [result] = await h.processor.processMessage(fire('e1', '2026-11-23T10:00:00Z'));

    // Assess
    expect(result?.held).toBeUndefined();
    expect(h.emulator.messages(CHANNELS.product)).toHaveLength(1);
    expect(h.emulator.messages(CHANNELS.office)).toHaveLength(1);
  });

  it('holds alerts over the weekend until Monday morning', async () => {
    // Prepare: Saturday afternoon.
    at('2026-11-21T14:00:00Z');

    // Act
    const [result] = await h.processor.processMessage(fire('e1', '2026-11-21T14:00:00Z'));

    // Assess
    expect(result?.held).toEqual(['product-leads', 'local-office']);
    expect(h.emulator.messages(CHANNELS.product)).toHaveLength(0);
  });

  it('summarises an alert fixed overnight as needing nothing, with no message of its own', async () => {
    // Prepare
    const [opened] = await h.processor.processMessage(fire('e1', NIGHT));
    at('2026-11-23T03:05:00Z');
    await h.processor.processMessage(ok('e2', '2026-11-23T03:05:00Z'));
    at('2026-11-23T03:16:00Z');
    await confirmFixes();
    at(MORNING);

    // Act
    const [result] = await summary();

    // Assess: the alarm and its impact each had their fix confirmed after the quiet period.
    const impact = await impactOf(h.state, opened!.alertKey!);
    expect(h.refreshes.filter((r) => r.request.clarion === 'refresh').map((r) => r.request)).toEqual([
      { clarion: 'refresh', alertKey: opened!.alertKey!, reason: 'quiet-period' },
      { clarion: 'refresh', alertKey: impact!.alertKey, reason: 'quiet-period' },
    ]);
    expect(result?.outcome).toBe('summary');
    const product = h.emulator.messages(CHANNELS.product);
    expect(product).toHaveLength(1);
    const text = allText(product[0]!);
    expect(text).toContain('While you were away');
    expect(text).toContain('Everything is working now');
    expect(text).toMatch(/Fixed:.*\n.*was fixed at .*Nothing to do now/);
    expect(h.emulator.messages(CHANNELS.office)).toHaveLength(1);
    expect(h.emulator.messages(CHANNELS.techies)).toHaveLength(1);
  });

  it('posts the summary and then the alert itself when it is still broken in the morning', async () => {
    // Prepare
    await h.processor.processMessage(fire('e1', NIGHT));
    at(MORNING);

    // Act
    const [result] = await summary();

    // Assess
    expect(result?.detail).toBe('1 held; told product-leads, local-office; 1 still-open alert shown');
    const [first, second] = h.emulator.messages(CHANNELS.product);
    expect(allText(first!)).toMatch(/Not fixed yet:/);
    expect(allText(first!)).toContain('One is not fixed yet');
    expect(allText(second!)).not.toContain('While you were away');
    expect(second?.metadata?.event_type).toBe('clarion_alert');
  });

  it('keeps the morning message of a still-broken alert up to date when it is fixed', async () => {
    // Prepare
    await h.processor.processMessage(fire('e1', NIGHT));
    at(MORNING);
    await summary();
    at('2026-11-23T09:30:00Z');

    // Act
    await h.processor.processMessage(ok('e2', '2026-11-23T09:30:00Z'));

    // Assess
    const [, alertMessage] = h.emulator.messages(CHANNELS.product);
    expect(alertMessage?.updates).toBe(1);
    expect(h.emulator.messages(CHANNELS.product)).toHaveLength(2);
  });

  it('keeps editing at night a message posted during office hours, and leaves it out of the summary', async () => {
    // Prepare
    at('2026-11-23T17:00:00Z');
    await h.processor.processMessage(fire('e1', '2026-11-23T17:00:00Z'));
    at('2026-11-24T02:00:00Z');

    // Act
    const [resolved] = await h.processor.processMessage(ok('e2', '2026-11-24T02:00:00Z'));
    at('2026-11-24T09:00:00Z');
    const [result] = await summary();

    // Assess
    expect(resolved?.held).toBeUndefined();
    expect(h.emulator.messages(CHANNELS.product)[0]?.updates).toBe(1);
    expect(h.emulator.messages(CHANNELS.product)).toHaveLength(1);
    expect(result?.detail).toBe('nothing was held');
  });

  it('posts nothing when nothing was held', async () => {
    // Prepare
    at(MORNING);

    // Act
    const [result] = await summary();

    // Assess
    expect(result?.detail).toBe('nothing was held');
    expect(h.emulator.stats().calls['chat.postMessage'] ?? 0).toBe(0);
  });

  it('tells everyone at once an alert held just after the summary was taken', async () => {
    // Prepare: the summary went out; a processor that read its clock a moment before 09:00 finishes later.
    at(MORNING);
    await summary();
    at('2026-11-23T08:59:59Z');

    // Act
    const [result] = await h.processor.processMessage(fire('e1', '2026-11-23T08:59:59Z'));

    // Assess
    expect(result?.held).toBeUndefined();
    expect(h.emulator.messages(CHANNELS.product)).toHaveLength(1);
  });

  it('holds again for the next morning after a summary asked for by hand at night', async () => {
    // Prepare
    await h.processor.processMessage(fire('e1', NIGHT));
    at('2026-11-23T02:30:00Z');
    await summary();

    // Act: another impact (the portal's was shown by the early summary and is open)
    at('2026-11-23T03:00:00Z');
    const [result] = await h.processor.processMessage(dbLow('e2', '2026-11-23T03:00:00Z'));

    // Assess
    expect(allText(h.emulator.messages(CHANNELS.product)[0]!)).toContain('posted early, on request');
    expect(result?.held).toEqual(['product-leads']);
  });

  it('hands the rest to a retry when Slack fails half-way, and the retry does not repeat an audience already told', async () => {
    // Prepare: Slack goes down for a minute after the first summary post.
    await h.processor.processMessage(fire('e1', NIGHT));
    at(MORNING);
    let posts = 0;
    h.emulator.on('message', () => {
      if (++posts === 1) h.emulator.fail({ status: 503, untilMs: h.clock.now.getTime() + 60_000 });
    });
    const [first] = await summary();
    const retry = h.refreshes.at(-1)!;
    advance(h, 61);

    // Act
    const [result] = await h.processor.processMessage(retry.request);

    // Assess
    expect(first?.detail).toBe('left for a retry');
    expect(retry.request).toEqual({ clarion: 'summary', trigger: 'retry' });
    expect(result?.detail).toBe('1 held; told local-office; 1 still-open alert shown');
    expect(h.emulator.messages(CHANNELS.product).filter((m) => allText(m).includes('While you were away'))).toHaveLength(1);
    expect(h.emulator.messages(CHANNELS.office).filter((m) => allText(m).includes('While you were away'))).toHaveLength(1);
    expect((await h.state.getSummary())?.sending).toBeUndefined();
  });

  it('shows a storm held at night to product leads as one summary line and one message of its impact, and to engineers in one group message', async () => {
    // Prepare
    for (let i = 0; i < 8; i++) {
      await h.processor.processMessage(alarmEvent('error-rate-alarm.json', { id: `s${i}`, time: NIGHT, name: `trainee-portal-${i}-5xx-rate` }));
      advance(h, 2);
    }
    await h.processor.flush();
    at(MORNING);

    // Act
    await summary();
    await h.processor.flush();

    // Assess: the storm is one impact to product leads; only the engineers' channel has a storm group message.
    const product = h.emulator.messages(CHANNELS.product);
    expect(product).toHaveLength(2);
    expect(allText(product[0]!)).toContain('One thing happened outside office hours. One is not fixed yet.');
    expect(allText(product[0]!)).toMatch(/Not fixed yet:\* \*Some pages of the Trainee Portal are failing\*/);
    expect([product[1]?.metadata?.event_type, allText(product[1]!)]).toEqual(['clarion_alert', expect.stringContaining('Some pages of the Trainee Portal are failing')]);
    expect(h.emulator.messages(CHANNELS.techies).filter((m) => allText(m).includes('Storm:'))).toHaveLength(1);
  });

  it('lists information events held at night in the summary', async () => {
    // Prepare
    const info = structuredClone(sample('overnight-sync-custom.json')) as { time: string; detail: Record<string, unknown> };
    info.time = NIGHT;
    info.detail['state'] = 'info';
    info.detail['title'] = 'Sync ran with warnings';

    // Act
    const [held] = await h.processor.processMessage(info);
    at(MORNING);
    await summary();

    // Assess
    expect(held?.held).toEqual(['product-leads', 'data-leads']);
    const text = allText(h.emulator.messages('#portal-status')[0]!);
    expect(text).toContain('For information:');
  });

  it('keeps a held alert out of view when its recovery is the first thing heard of it', async () => {
    // Act
    const [result] = await h.processor.processMessage(ok('e1', NIGHT));

    // Assess
    expect(result?.outcome).toBe('resolved-unknown');
    expect(await h.state.getSummary()).toBeNull();
  });

  it('ignores office hours for a stage whose configuration has none and for audiences that send', async () => {
    // Prepare
    h.runtime.config.officeHours = undefined;

    // Act
    const [result] = await h.processor.processMessage(fire('e1', NIGHT));
    advance(h, 1);

    // Assess
    expect(result?.held).toBeUndefined();
    expect(h.emulator.messages(CHANNELS.product)).toHaveLength(1);
  });

  it('holds an alert that fires again at night long after it was fixed in the day', async () => {
    // Prepare
    at('2026-11-23T14:00:00Z');
    await h.processor.processMessage(fire('e1', '2026-11-23T14:00:00Z'));
    at('2026-11-23T14:30:00Z');
    await h.processor.processMessage(ok('e2', '2026-11-23T14:30:00Z'));
    at('2026-11-24T02:00:00Z');

    // Act
    const [result] = await h.processor.processMessage(fire('e3', '2026-11-24T02:00:00Z'));

    // Assess
    expect(result?.outcome).toBe('opened');
    expect(result?.held).toEqual(['product-leads', 'local-office']);
    expect(h.emulator.messages(CHANNELS.product)).toHaveLength(1);
    expect(h.emulator.messages(CHANNELS.techies)).toHaveLength(2);
  });

  it('shows a storm of exactly the threshold to product leads in one message of its impact that counts every alert open', async () => {
    // Prepare: five alerts keep their own engineers' messages; none was folded into the group at night.
    for (let i = 0; i < 5; i++) {
      await h.processor.processMessage(errorRate(i, `s${i}`, NIGHT));
      advance(h, 2);
    }
    at(MORNING);

    // Act
    await summary();
    await h.processor.flush();

    // Assess: the summary and the impact's own message; the impact is open for all five.
    const product = h.emulator.messages(CHANNELS.product);
    expect(product).toHaveLength(2);
    expect(allText(product[1]!)).toContain('Some pages of the Trainee Portal are failing');
    expect(Object.values((await h.state.getAlert('impact:group:trainee-portal'))?.members ?? {}).map((m) => m.status)).toEqual(['open', 'open', 'open', 'open', 'open']);
    expect(h.emulator.messages(CHANNELS.techies)).toHaveLength(5);
  });

  it('gives product leads the impact\'s own message, never a storm group message, when a storm is held for the engineers too', async () => {
    // Prepare: the engineers are held at night as well; five alarms of the group fire, enough for the summary to show them as a storm.
    h.runtime.config.audiences['techies']!.outOfHours = 'hold';
    for (let i = 0; i < 5; i++) {
      await h.processor.processMessage(errorRate(i, `s${i}`, NIGHT));
      advance(h, 2);
    }
    at(MORNING);

    // Act
    await summary();
    await h.processor.flush();

    // Assess: the storm group lists the five alarms and speaks to the engineers only; the impact keeps its own message
    const group = await h.state.getGroup('trainee-portal');
    const impact = await h.state.getAlert('impact:group:trainee-portal');
    expect([group?.members.length, Object.keys(group?.messages ?? {})]).toEqual([5, ['techies']]);
    expect([impact?.groupedInto, impact?.messages['product-leads']?.ts]).toEqual([undefined, h.emulator.messages(CHANNELS.product).at(-1)?.ts]);
    expect(h.emulator.messages(CHANNELS.product).filter((m) => allText(m).includes('Several parts'))).toHaveLength(0);
  });

  it('does not hold a storm member told about in the day when it recovers at night', async () => {
    // Prepare
    at('2026-11-23T10:00:00Z');
    for (let i = 0; i < 8; i++) {
      await h.processor.processMessage(errorRate(i, `s${i}`, '2026-11-23T10:00:00Z'));
      advance(h, 2);
    }
    await h.processor.flush();
    at('2026-11-24T02:00:00Z');

    // Act
    const [result] = await h.processor.processMessage(errorRate(7, 'ok7', '2026-11-24T02:00:00Z', 'OK'));

    // Assess
    expect(result?.outcome).toBe('resolved');
    expect(result?.held).toBeUndefined();
    expect(await h.state.getSummary()).toBeNull();
  });

  it('tells the audiences at once when the summary goes out between the alert being stored and being held', async () => {
    // Prepare: a processor that read its clock a second before office hours; the summary runs just after it stores the alert.
    const state = summaryAfterFirstWrite();
    at('2026-11-23T08:59:59Z');

    // Act
    const [result] = await otherProcessor(state).processMessage(fire('e1', '2026-11-23T08:59:59Z'));

    // Assess
    expect(result?.held).toBeUndefined();
    expect(h.emulator.messages(CHANNELS.product)).toHaveLength(1);
    expect(h.emulator.messages(CHANNELS.office)).toHaveLength(1);
  });

  it('comes back for an alert another processor is posting when the summary goes out', async () => {
    // Prepare: another processor holds the delivery lease of the impact the product leads hear of.
    const [opened] = await h.processor.processMessage(fire('e1', NIGHT));
    at(MORNING);
    const record = (await impactOf(h.state, opened!.alertKey!))!;
    await h.state.putAlert({ ...record, deliveringEventId: 'other-event', deliveringUntil: '2026-11-23T09:01:00.000Z', version: record.version + 1 }, record.version);

    // Act
    const [first] = await summary();
    advance(h, 61);
    await h.processor.processMessage({ clarion: 'summary', trigger: 'retry' });

    // Assess
    expect(first?.detail).toContain('1 left for a retry');
    expect(h.refreshes.map((r) => r.request)).toContainEqual({ clarion: 'summary', trigger: 'retry' });
    expect(summaries(CHANNELS.product)).toHaveLength(1);
    expect(h.emulator.messages(CHANNELS.product)).toHaveLength(2);
  });

  it('posts each summary once when two runs start together', async () => {
    // Prepare
    await h.processor.processMessage(fire('e1', NIGHT));
    at(MORNING);

    // Act
    const results = await Promise.all([summary(), otherProcessor().processMessage({ clarion: 'summary' })]);

    // Assess
    expect(results.flat().map((r) => r.detail)).toContain('another run is posting it');
    expect(summaries(CHANNELS.product)).toHaveLength(1);
    expect(summaries(CHANNELS.office)).toHaveLength(1);
  });

  it('finishes a summary a dead run left behind, then posts what was held since', async () => {
    // Prepare: yesterday's run died after taking the first alert; a second alert was held tonight.
    const [first] = await h.processor.processMessage(fire('e1', NIGHT));
    const stuck = (await h.state.getSummary())!;
    await h.state.putSummary(
      { ...stuck, held: {}, sending: { at: NIGHT, held: stuck.held, notices: [], moreNotices: 0, posted: {}, owner: 'dead-run', ownerUntil: NIGHT }, version: stuck.version + 1 },
      stuck.version,
    );
    const [second] = await h.processor.processMessage(dbLow('s0', NIGHT));
    at(MORNING);

    // Act
    const [result] = await otherProcessor().processMessage({ clarion: 'summary' });

    // Assess
    expect(result?.detail).toMatch(/^2 held/);
    const texts = summaries(CHANNELS.product).map((m) => allText(m));
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('The Trainee Portal is down');
    expect(texts[1]).not.toContain('The Trainee Portal is down');
    expect([first?.held, second?.held]).toEqual([['product-leads', 'local-office'], ['product-leads']]);
    expect((await h.state.getSummary())?.sending).toBeUndefined();
  });

  it('sends a plain-text copy of the summary to an audience with an SNS topic, once across retries', async () => {
    // Prepare: local offices also read their news by e-mail; the first attempt at sending it fails.
    h.runtime.config.audiences['local-office']!.snsTopicArn = 'arn:aws:sns:eu-west-2:111111111111:local-offices';
    const sent: Array<Parameters<PlainTextPort['send']>[0]> = [];
    let failures = 1;
    const plainText: PlainTextPort = {
      async send(args) {
        if (failures-- > 0) throw new Error('SNS is unavailable');
        sent.push(args);
      },
    };
    await h.processor.processMessage(fire('e1', NIGHT));
    at(MORNING);
    const processor = otherProcessor(h.state, { plainText });
    await expect(processor.processMessage({ clarion: 'summary' })).rejects.toThrow('SNS is unavailable');

    // Act
    await processor.processMessage({ clarion: 'summary' });

    // Assess: the summary once, and the alert's own message as usual.
    const copies = sent.filter((s) => s.alertKey.startsWith('summary:'));
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ topicArn: 'arn:aws:sns:eu-west-2:111111111111:local-offices', alertKey: `summary:${MORNING.toISOString()}` });
    expect(copies[0]?.text).toContain('Not fixed yet: The Trainee Portal is down');
    expect(sent.filter((s) => !s.alertKey.startsWith('summary:'))).toHaveLength(1);
    expect(summaries(CHANNELS.office)).toHaveLength(1);
  });

  it('posts nothing when the schedule fires on a closed date, and everything on the next working day', async () => {
    // Prepare: Friday 25 December 2026 is closed; an alert fired on Christmas Eve night.
    h.runtime.config.officeHours = { ...h.runtime.config.officeHours!, closed: ['2026-12-25'] };
    at('2026-12-24T22:00:00Z');
    await h.processor.processMessage(fire('e1', '2026-12-24T22:00:00Z'));
    at('2026-12-25T09:00:00Z');

    // Act
    const [christmas] = await h.processor.processMessage({ clarion: 'summary', trigger: 'schedule' });
    at('2026-12-28T09:00:00Z');
    const [monday] = await h.processor.processMessage({ clarion: 'summary', trigger: 'schedule' });

    // Assess
    expect(christmas?.detail).toBe('outside office hours: what is held waits for the next summary');
    expect(monday?.detail).toMatch(/^1 held; told product-leads, local-office/);
    expect(summaries(CHANNELS.product)).toHaveLength(1);
  });

  it('skips an audience Slack refuses for good, and the next morning summarises as usual', async () => {
    // Prepare: the bot was removed from the product leads' channel, whose summary is posted first.
    await h.processor.processMessage(fire('e1', NIGHT));
    at(MORNING);
    h.emulator.fail({ method: 'chat.postMessage', error: 'channel_not_found', times: 1 });
    const [first] = await summary();
    at('2026-11-24T02:00:00Z');
    await h.processor.processMessage(dbLow('s0', '2026-11-24T02:00:00Z'));
    at('2026-11-24T09:00:00Z');

    // Act
    const [second] = await summary();

    // Assess
    expect(first?.detail).toBe('1 held; told local-office; 1 still-open alert shown; refused for good: product-leads');
    expect(second?.detail).toMatch(/^1 held; told product-leads/);
    expect(summaries(CHANNELS.product)).toHaveLength(1);
  });

  it('skips a follow-up Slack refuses for good and finishes the summary', async () => {
    // Prepare: the first follow-up post (after both summaries) is refused.
    await h.processor.processMessage(fire('e1', NIGHT));
    at(MORNING);
    let posts = 0;
    h.emulator.on('message', () => {
      if (++posts === 2) h.emulator.fail({ method: 'chat.postMessage', error: 'invalid_blocks', times: 1 });
    });

    // Act
    const [result] = await summary();

    // Assess
    expect(result?.detail).toMatch(/; refused for good: impact:group:trainee-portal$/);
    expect((await h.state.getSummary())?.sending).toBeUndefined();
  });

  it('posts an alert once when it repeats just before office hours while the summary shows it', async () => {
    // Prepare: held at night; it repeats at 08:59:59 and the summary runs between storing it and holding it.
    await h.processor.processMessage(fire('e1', NIGHT));
    const state = summaryAfterFirstWrite();
    at('2026-11-23T08:59:59Z');

    // Act
    await otherProcessor(state).processMessage(fire('e2', '2026-11-23T08:59:59Z'));

    // Assess: the summary and one message of its own, in each channel.
    expect(h.emulator.messages(CHANNELS.product)).toHaveLength(2);
    expect(h.emulator.messages(CHANNELS.office)).toHaveLength(2);
  });

  it('hands follow-ups that do not fit in one run to a retry, which finishes them', async () => {
    // Prepare: 35 separate impacts (an entry each, no group) still open in the morning, each needing its own post to product leads.
    await h.close();
    h = await startHarness(
      (entries) => {
        const errorRateEntry = entries.find((e) => e.id === 'portal.error-rate')!;
        const own = Array.from({ length: 35 }, (_, i) => ({ ...errorRateEntry, id: `portal.error-rate-${i}`, match: { family: 'cloudwatch-alarm' as const, name: `trainee-portal-${i}-5xx-rate` }, group: undefined }));
        return [...entries.filter((e) => e !== errorRateEntry), ...own];
      },
      { tweakConfig: withOfficeHours, now: new Date(NIGHT) },
    );
    for (let i = 0; i < 35; i++) {
      await h.processor.processMessage(errorRate(i, `s${i}`, NIGHT));
      advance(h, 2);
    }
    at(MORNING);
    const processor = otherProcessor();

    // Act
    const [first] = await processor.processMessage({ clarion: 'summary' });
    const [retry] = await processor.processMessage(h.refreshes.at(-1)!.request);

    // Assess
    expect(first?.detail).toMatch(/left for a retry/);
    expect(retry?.detail).toMatch(/^35 held; told nobody new; \d+ still-open alerts shown$/);
    expect(summaries(CHANNELS.product)).toHaveLength(1);
    expect(h.emulator.messages(CHANNELS.product)).toHaveLength(36);
    expect((await h.state.getSummary())?.sending).toBeUndefined();
  });

  it('lets a retry finish its own summary but take nothing held since', async () => {
    // Prepare: a summary asked for at 23:00 waits for another delivery; an alert is held at 23:00:30.
    at('2026-11-23T22:59:00Z');
    const [opened] = await h.processor.processMessage(fire('e1', '2026-11-23T22:59:00Z'));
    const record = (await impactOf(h.state, opened!.alertKey!))!;
    await h.state.putAlert({ ...record, deliveringEventId: 'other-event', deliveringUntil: '2026-11-23T23:01:00.000Z', version: record.version + 1 }, record.version);
    at('2026-11-23T23:00:00Z');
    await summary();
    at('2026-11-23T23:00:30Z');
    await h.processor.processMessage(dbLow('s0', '2026-11-23T23:00:30Z'));
    at('2026-11-23T23:02:00Z');

    // Act
    await h.processor.processMessage({ clarion: 'summary', trigger: 'retry' });

    // Assess
    expect(summaries(CHANNELS.product)).toHaveLength(1);
    expect(Object.keys((await h.state.getSummary())?.held ?? {})).toHaveLength(1);
  });

  it('still posts a scheduled summary that arrives late in office hours', async () => {
    // Prepare
    await h.processor.processMessage(fire('e1', NIGHT));
    at('2026-11-23T12:00:00Z');

    // Act
    const [result] = await h.processor.processMessage({ clarion: 'summary', trigger: 'schedule' });

    // Assess
    expect(result?.detail).toMatch(/^1 held/);
    expect(allText(summaries(CHANNELS.product)[0]!)).not.toContain('on request');
  });

  it('takes what was held meanwhile when a retry comes in office hours after another run was busy', async () => {
    // Prepare: a run that died at 08:58 still owns an old summary; an alert was held at 08:40.
    at('2026-11-23T08:40:00Z');
    const [held] = await h.processor.processMessage(fire('e1', '2026-11-23T08:40:00Z'));
    const record = (await h.state.getSummary())!;
    const dead = { at: '2026-11-20T09:00:00.000Z', held: {}, notices: [], moreNotices: 0, posted: {}, owner: 'dead-run', ownerUntil: '2026-11-23T09:00:30.000Z' };
    await h.state.putSummary({ ...record, sending: dead, version: record.version + 1 }, record.version);
    at(MORNING);
    const [busy] = await h.processor.processMessage({ clarion: 'summary', trigger: 'schedule' });
    at('2026-11-23T09:01:00Z');

    // Act
    const [retry] = await h.processor.processMessage(h.refreshes.at(-1)!.request);

    // Assess
    expect(held?.held).toEqual(['product-leads', 'local-office']);
    expect(busy?.detail).toBe('another run is posting it');
    expect(retry?.detail).toMatch(/^1 held; told product-leads, local-office/);
    expect(summaries(CHANNELS.product)).toHaveLength(1);
  });

  it('fails the summary loudly when Slack refuses the bot token, so it can be redriven', async () => {
    // Prepare
    await h.processor.processMessage(fire('e1', NIGHT));
    at(MORNING);
    h.emulator.fail({ error: 'invalid_auth', times: 1 });

    // Act
    const attempt = summary();

    // Assess
    await expect(attempt).rejects.toThrow(/invalid_auth/);
    expect((await h.state.getSummary())?.sending?.posted).toEqual({});
  });

  it('still posts the other audiences of an alert when one channel refuses its follow-up', async () => {
    // Prepare: the third post (the alert's own message to product leads) is refused.
    const [opened] = await h.processor.processMessage(fire('e1', NIGHT));
    at(MORNING);
    let posts = 0;
    h.emulator.on('message', () => {
      if (++posts === 2) h.emulator.fail({ method: 'chat.postMessage', error: 'not_in_channel', times: 1 });
    });

    // Act
    const [result] = await summary();

    // Assess
    expect(result?.detail).toMatch(/refused for good/);
    expect(h.emulator.messages(CHANNELS.product)).toHaveLength(1);
    expect(h.emulator.messages(CHANNELS.office)).toHaveLength(2);
    expect((await impactOf(h.state, opened!.alertKey!))?.deliveringEventId).toBeUndefined();
  });

  it('comes back for missing messages while another delivery holds the alert, and posts them after', async () => {
    // Prepare: an impact held at night whose delivery lease a crashed processor still holds.
    const [opened] = await h.processor.processMessage(fire('e1', NIGHT));
    at(MORNING);
    const record = (await impactOf(h.state, opened!.alertKey!))!;
    await h.state.putAlert({ ...record, deliveringEventId: 'crashed', deliveringUntil: '2026-11-23T09:01:00.000Z', version: record.version + 1 }, record.version);
    const request = { clarion: 'refresh' as const, alertKey: record.alertKey, reason: 'missing-posts' as const };

    // Act
    await h.processor.processMessage(request);
    const again = h.refreshes.at(-1);
    advance(h, 61);
    await h.processor.processMessage(again!.request);

    // Assess
    expect(again).toEqual({ request: { ...request, audiences: ['product-leads', 'local-office'] }, delaySeconds: 60 });
    expect(h.emulator.messages(CHANNELS.product)).toHaveLength(1);
    expect(h.emulator.messages(CHANNELS.office)).toHaveLength(1);
  });
});

describe('The summary lists to each audience what it hears of', () => {
  it('lists in each audience\'s summary only what it hears of: the alarms for the engineers, their impact for product leads', async () => {
    // Prepare: the engineers are held at night as well; five alarms of one group fire.
    h.runtime.config.audiences['techies']!.outOfHours = 'hold';
    for (let i = 0; i < 5; i++) {
      await h.processor.processMessage(errorRate(i, `s${i}`, NIGHT));
      advance(h, 2);
    }
    at(MORNING);

    // Act
    await summary();

    // Assess
    expect(allText(summaries(CHANNELS.product)[0]!)).toContain('One thing happened outside office hours.');
    expect(allText(summaries(CHANNELS.techies)[0]!)).toContain('5 things happened outside office hours.');
  });
});
