// Product leads and local offices hear of an impact (one catalog entry, or one group), however many alarms feed it; engineers hear of each alarm.
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import type { CatalogEntry } from '../../src/catalog/schema.ts';
import type { RefreshRequest } from '../../src/core/refresh-request.ts';
import { answerInteraction } from '../../src/interactions/answer-interaction.ts';
import { memberKey } from '../../src/pipeline/impact.ts';
import { createProcessor } from '../../src/processor/process-signals.ts';
import type { Processor } from '../../src/processor/process-signals.ts';
import { signSlackRequest } from '../../src/slack/sign-slack-request.ts';
import type { StatePort } from '../../src/state/state-port.ts';
import { advance, allText, elementOf, errorRateAlarm as errorRate, fireAppDown, quietPeriods, runQueued, startHarness, withoutDependencies } from './harness.ts';
import type { Harness, StoredMessage } from './harness.ts';

const TECHIES = '#portal-alerts';
const PRODUCT = '#portal-status';
const OFFICE = '#portal-local-offices';
/** The impact of the Trainee Portal's group: its outage and its error-rate alarms feed it. */
const IMPACT = 'impact:group:trainee-portal';
const SECRET = 'test-signing-secret';

let h: Harness;
afterEach(async () => h?.close());

/** The error-rate entry routed to local offices too, so both non-technical audiences hear of its alarms. */
function withLocalOffices(entries: CatalogEntry[]): CatalogEntry[] {
  return entries.map((e) => (e.id === 'portal.error-rate' ? { ...e, audiences: [...e.audiences, 'local-office'] } : e));
}

/** Clarion's alert messages in a channel (they carry its metadata). */
const alertMessages = (channel: string) => h.emulator.messages(channel).filter((m) => m.metadata?.event_type === 'clarion_alert');
const broadcasts = (channel: string) => h.emulator.messages(channel).flatMap((m) => m.replies.filter((r) => r.reply_broadcast));
const impactTells = () => h.refreshes.map((r) => r.request).filter((r): r is Extract<RefreshRequest, { clarion: 'tell' }> => r.clarion === 'tell' && r.alertKey === IMPACT);
const tells = (request: RefreshRequest) => request.clarion === 'tell';

/** Error-rate alarms `members` fire a few seconds apart from 10:00. */
async function fire(members: number[]): Promise<void> {
  for (const i of members) {
    await h.processor.processMessage(errorRate(i, `fire-${i}-${h.clock.now.getTime()}`, h.clock.now.toISOString()));
    advance(h, 2);
  }
}

/** Error-rate alarms `members` recover now. */
async function recover(members: number[]): Promise<void> {
  for (const i of members) await h.processor.processMessage(errorRate(i, `ok-${i}-${h.clock.now.getTime()}`, h.clock.now.toISOString(), 'OK'));
}

/** The delay of the impact's latest quiet-period confirmation on the queue. */
function impactQuietPeriod(): number {
  const queued = h.refreshes.filter((r) => r.request.clarion === 'refresh' && r.request.alertKey === IMPACT && r.request.reason === 'quiet-period').at(-1);
  if (!queued) throw new Error('no quiet-period confirmation queued for the impact');
  return queued.delaySeconds;
}

/** Three error-rate alarms fire, all recover, the quiet period confirms the fix and the news is told. */
async function fixedAndTold(): Promise<void> {
  await fire([0, 1, 2]);
  await recover([0, 1, 2]);
  advance(h, impactQuietPeriod() + 1);
  await runQueued(h, quietPeriods);
  await runQueued(h, tells);
}

let presses = 0;

/** A signed press of `actionId` on this message, answered as the interactions Lambda answers it. */
function press(message: StoredMessage, actionId: string, user = 'U0ONCALL1') {
  presses += 1;
  const payload = {
    type: 'block_actions',
    user: { id: user, username: 'oncall' },
    trigger_id: `${presses}.111.trigger`,
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
    channel: { id: message.channel },
    message: { ts: message.ts, blocks: message.blocks },
    actions: [{ type: 'button', action_ts: `1.${presses}`, action_id: actionId, value: elementOf(message, actionId).value }],
  };
  const rawBody = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return answerInteraction(
    { rawBody, headers: signSlackRequest({ signingSecret: SECRET, rawBody, timestamp: Math.floor(h.clock.now.getTime() / 1000) }) },
    {
      signingSecret: SECRET,
      runtime: () => h.runtime,
      state: h.state,
      slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl, timeoutMs: 2000 }),
      lifecycle: { publish: async (events) => void h.lifecycle.push(...events) },
      now: () => h.clock.now,
    },
  );
}

/** The engineers' message of error-rate alarm `i` (its own, not a storm group's). */
function engineersMessageOf(i: number): StoredMessage {
  const found = alertMessages(TECHIES).find((m) => allText(m).includes(`trainee-portal-${i}-5xx-rate`));
  if (!found) throw new Error(`no engineers' message for alarm ${i}`);
  return found;
}

describe('One message per impact for non-technical audiences', () => {
  it('gives product leads and local offices one message each for eight alarms of one entry, while engineers get theirs and a storm group', async () => {
    // Prepare
    h = await startHarness(withLocalOffices);

    // Act
    await fire([0, 1, 2, 3, 4, 5, 6, 7]);
    await h.processor.flush();

    // Assess: five alarms of their own for the engineers, then the storm group's message for the other three
    const engineers = alertMessages(TECHIES);
    expect([alertMessages(PRODUCT).length, alertMessages(OFFICE).length, engineers.length]).toEqual([1, 1, 5]);
    expect(allText(h.emulator.messages(TECHIES).at(-1)!)).toContain('Storm: 3 alerts in trainee-portal');
    const impact = await h.state.getAlert(IMPACT);
    expect([impact?.status, Object.values(impact?.members ?? {}).map((m) => m.status)]).toEqual(['open', Array(8).fill('open')]);
  });

  it('gives product leads one message for alarms of two entries of one group', async () => {
    // Prepare: the page errors are not folded under the outage here (see inhibition.test.ts)
    h = await startHarness(withoutDependencies);
    await h.processor.processMessage(fireAppDown('down-1', '2026-11-22T10:00:00Z'));
    advance(h, 30);

    // Act
    await fire([0, 1]);

    // Assess: the outage (the worse problem) speaks for the group
    expect([alertMessages(PRODUCT).length, alertMessages(TECHIES).length]).toEqual([1, 3]);
    expect(allText(alertMessages(PRODUCT)[0]!)).toContain('The Trainee Portal is down');
  });
});

describe('A worse problem joining an open impact', () => {
  it('speaks in the product leads\' message at once, not at the next render interval', async () => {
    // Prepare: page errors told first; the outage follows five seconds later
    h = await startHarness(withoutDependencies);
    await fire([0]);
    advance(h, 5);

    // Act
    await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));

    // Assess
    expect(alertMessages(PRODUCT)).toHaveLength(1);
    expect(allText(alertMessages(PRODUCT)[0]!)).toContain('The Trainee Portal is down');
  });
});

describe('An impact is fixed when its last alarm is', () => {
  it('stays open while any of its alarms is open, however long the others have been fixed', async () => {
    // Prepare
    h = await startHarness(withLocalOffices);
    await fire([0, 1, 2]);
    await recover([0, 1]);

    // Act: the fixed alarms' quiet periods pass
    advance(h, 3600);
    await runQueued(h, quietPeriods);

    // Assess
    const impact = await h.state.getAlert(IMPACT);
    expect([impact?.status, impactTells(), broadcasts(PRODUCT).length, broadcasts(OFFICE).length]).toEqual(['open', [], 0, 0]);
    expect(allText(alertMessages(OFFICE)[0]!)).not.toMatch(/looks fixed|checking/i);
  });

  it('tells product leads and local offices "fixed" once, only after the impact\'s quiet period from its last alarm', async () => {
    // Prepare
    h = await startHarness(withLocalOffices);
    await fire([0, 1, 2]);
    await recover([0, 1]);
    advance(h, 120);
    await recover([2]);
    const wait = impactQuietPeriod();
    advance(h, wait - 60);
    await runQueued(h, quietPeriods);
    await runQueued(h, tells);
    const toldEarly = broadcasts(PRODUCT).length + broadcasts(OFFICE).length;

    // Act: the quiet period passes; every request queued is delivered, and delivered again
    advance(h, 61);
    await runQueued(h, quietPeriods);
    await runQueued(h, tells);
    for (const request of impactTells()) await h.processor.processMessage(request);

    // Assess
    expect([toldEarly, broadcasts(PRODUCT).length, broadcasts(OFFICE).length, (await h.state.getAlert(IMPACT))?.status]).toEqual([0, 1, 1, 'resolved']);
    expect(allText(broadcasts(OFFICE)[0]!)).toMatch(/fixed/i);
  });

  it('tells those who heard "fixed" once that it broke again when one alarm fires again within the flap window', async () => {
    // Prepare
    h = await startHarness(withLocalOffices);
    await fixedAndTold();
    const fixedNotices = broadcasts(PRODUCT).length;

    // Act: one alarm fires again, then another
    advance(h, 60);
    await fire([1, 2]);
    await runQueued(h, tells);

    // Assess
    const brokenAgain = (channel: string) => broadcasts(channel).map(allText).filter((t) => /broken again|not working again/i.test(t)).length;
    expect([fixedNotices, brokenAgain(PRODUCT), brokenAgain(OFFICE), alertMessages(PRODUCT).length, (await h.state.getAlert(IMPACT))?.status]).toEqual([1, 1, 1, 1, 'open']);
  });
});

describe('Engineers\' presses on one alarm, read by the impact\'s audiences', () => {
  it('makes the local offices read that an engineer is working on it when one alarm is acknowledged', async () => {
    // Prepare
    h = await startHarness(withLocalOffices);
    await fire([0, 1]);
    const before = allText(alertMessages(OFFICE)[0]!);

    // Act
    const answer = await press(engineersMessageOf(1), 'clarion.acknowledge');

    // Assess
    expect(answer.result?.outcome).toBe('acknowledged');
    expect([before.includes('An engineer is working on it'), allText(alertMessages(OFFICE)[0]!).includes('An engineer is working on it')]).toEqual([false, true]);
    expect((await h.state.getAlert(IMPACT))?.acknowledgedBy).toBe('U0ONCALL1');
  });

  it('tells the impact fixed when the last open alarm is resolved by hand, and not before', async () => {
    // Prepare
    h = await startHarness(withLocalOffices);
    await fire([0, 1]);
    await press(engineersMessageOf(0), 'clarion.resolve');
    const afterFirst = [(await h.state.getAlert(IMPACT))?.status, broadcasts(PRODUCT).length];

    // Act
    await press(engineersMessageOf(1), 'clarion.resolve');

    // Assess
    const impact = await h.state.getAlert(IMPACT);
    expect([afterFirst, impact?.status, impact?.resolvedBy, broadcasts(PRODUCT).length, broadcasts(OFFICE).length]).toEqual([['open', 0], 'resolved', 'U0ONCALL1', 1, 1]);
  });
});

describe('Two processors feeding one impact at once', () => {
  /**
   * A second processor over the same store and Slack, whose first write of the impact waits until
   * `meanwhile` has run to the end: its write then meets a newer impact (a conditional write that
   * loses), as when two Lambdas handle alarms of one group at the same moment.
   */
  function racingProcessor(meanwhile: () => Promise<unknown>): Processor & { raced: () => boolean } {
    let pending: (() => Promise<unknown>) | undefined = meanwhile;
    const state: StatePort = {
      ...h.state,
      async putAlert(record, expectedVersion) {
        if (record.alertKey === IMPACT && pending) {
          const run = pending;
          pending = undefined;
          await run();
        }
        return h.state.putAlert(record, expectedVersion);
      },
    };
    const processor = createProcessor({
      runtime: () => h.runtime,
      state,
      slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl, timeoutMs: 2000 }),
      scheduleRefresh: async (request, delaySeconds) => void h.refreshes.push({ request, delaySeconds }),
      now: () => h.clock.now,
    });
    return { ...processor, raced: () => pending === undefined };
  }

  it('keeps both alarms open in the impact when they open at once, with one message per audience', async () => {
    // Prepare
    h = await startHarness(withLocalOffices);
    const keys: string[] = [];
    const other = racingProcessor(async () => keys.push(...(await h.processor.processMessage(errorRate(1, 'race-1', h.clock.now.toISOString()))).map((r) => r.alertKey!)));

    // Act
    keys.push(...(await other.processMessage(errorRate(0, 'race-0', h.clock.now.toISOString()))).map((r) => r.alertKey!));

    // Assess
    expect(other.raced()).toBe(true);
    const impact = await h.state.getAlert(IMPACT);
    expect([keys.length, impact?.status, impact?.members?.[memberKey(keys[0]!)]?.status, impact?.members?.[memberKey(keys[1]!)]?.status]).toEqual([2, 'open', 'open', 'open']);
    expect([alertMessages(PRODUCT).length, alertMessages(OFFICE).length]).toEqual([1, 1]);
  });

  it('keeps the impact open when one alarm is fixed while another opens at the same moment', async () => {
    // Prepare
    h = await startHarness(withLocalOffices);
    await fire([0]);
    const other = racingProcessor(() => h.processor.processMessage(errorRate(1, 'race-1', h.clock.now.toISOString())));

    // Act
    await other.processMessage(errorRate(0, 'race-ok-0', h.clock.now.toISOString(), 'OK'));

    // Assess
    expect(other.raced()).toBe(true);
    expect([(await h.state.getAlert(IMPACT))?.status, alertMessages(PRODUCT).length]).toEqual(['open', 1]);
  });

  it('resolves the impact when its last two alarms are fixed at the same moment, not leaving it open', async () => {
    // Prepare
    h = await startHarness(withLocalOffices);
    await fire([0, 1]);
    const other = racingProcessor(() => h.processor.processMessage(errorRate(1, 'race-ok-1', h.clock.now.toISOString(), 'OK')));

    // Act
    await other.processMessage(errorRate(0, 'race-ok-0', h.clock.now.toISOString(), 'OK'));

    // Assess
    expect(other.raced()).toBe(true);
    const impact = await h.state.getAlert(IMPACT);
    expect([impact?.status, Object.values(impact?.members ?? {}).map((m) => m.status).sort()]).toEqual(['resolved', ['resolved', 'resolved']]);
    expect(impactQuietPeriod()).toBeGreaterThan(0);
  });
});

describe('An impact whose alarm failed before feeding it', () => {
  it('hears of a new incident of an alarm whose engineers\' post failed and whose OK came first, though it was told of an earlier one', async () => {
    // Prepare: an earlier incident, fixed and told; hours later the alarm fires again, but the
    // engineers' post fails, so its run ends before it feeds the impact
    h = await startHarness(withLocalOffices);
    await fixedAndTold();
    advance(h, 3 * 3600);
    h.emulator.fail({ status: 503, method: 'chat.postMessage', times: 1 });
    const failed = await h.processor.processMessage(errorRate(0, 'again-0', h.clock.now.toISOString())).then(
      () => 'handled',
      (error: Error) => error.name,
    );
    advance(h, 120);

    // Act: its OK comes before the retry of the ALARM
    await recover([0]);

    // Assess: product leads and local offices get the new incident, resolved, and its fix is confirmed after the quiet period
    const impact = await h.state.getAlert(IMPACT);
    expect([failed, alertMessages(PRODUCT).length, alertMessages(OFFICE).length, impact?.status, impact?.syncedVersion]).toEqual(['DeliveryError', 2, 2, 'resolved', impact?.version]);
    expect(impactQuietPeriod()).toBeGreaterThan(0);
  });
});
