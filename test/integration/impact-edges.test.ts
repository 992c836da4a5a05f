// Impacts at their edges (each found by a review): sequences where what product leads and local offices read could be wrong, missing, or stuck.
import { afterEach, describe, expect, it } from 'vitest';
import { buildCatalogIndex } from '../../src/catalog/catalog-index.ts';
import { answerInteraction } from '../../src/interactions/answer-interaction.ts';
import type { InteractionDeps } from '../../src/interactions/handle-interaction.ts';
import { signSlackRequest } from '../../src/slack/sign-slack-request.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import { composeProcessor } from '../../src/compose/compose-processor.ts';
import type { StatePort } from '../../src/state/state-port.ts';
import { impactOf } from '../support/impact-records.ts';
import { allText, elementOf, errorRateAlarm, fireAppDown, okAppDown, runQueued, sample, startHarness } from './harness.ts';
import type { Harness, StoredMessage } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

const PORTAL_IMPACT = 'impact:group:trainee-portal';

/** The reply broadcasts ("fixed", "broken again") under a channel's messages. */
function broadcasts(channel: string): string[] {
  return h.emulator.messages(channel).flatMap((m) => m.replies.filter((r) => r.reply_broadcast).map((r) => r.text));
}

/**
 * A second processor over the same table and Slack whose first read of an impact record waits
 * until the test opens the gate: a Lambda that wrote the alarm's record and has not fed the impact yet.
 */
function gatedProcessor(): { processor: ReturnType<typeof composeProcessor>; reached: Promise<void>; open: () => void } {
  let open!: () => void;
  let reach!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const reached = new Promise<void>((resolve) => (reach = resolve));
  let armed = true;
  const state: StatePort = new Proxy(h.state, {
    get(target, prop, receiver) {
      if (prop === 'getAlert') {
        return async (key: string) => {
          if (armed && key.startsWith('impact:')) {
            armed = false;
            reach();
            await gate;
          }
          return target.getAlert(key);
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const processor = composeProcessor(
    {},
    {
      runtime: () => h.runtime,
      state,
      slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl, timeoutMs: 2000 }),
      lifecycle: { publish: async () => {} },
      queue: { scheduleRefresh: async () => {} },
      now: () => h.clock.now,
    },
  );
  return { processor, reached, open: () => open() };
}

const SECRET = 'test-signing-secret';
let presses = 0;

/** An engineer presses a button (clarion.acknowledge or clarion.resolve) on a message, through the signed interactions handler. */
function press(message: StoredMessage, actionId: string, user = 'U0ONCALL1') {
  presses += 1;
  const deps: InteractionDeps & { signingSecret: string } = {
    signingSecret: SECRET,
    runtime: () => h.runtime,
    state: h.state,
    slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl, timeoutMs: 2000 }),
    now: () => h.clock.now,
  };
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
  return answerInteraction({ rawBody, headers: signSlackRequest({ signingSecret: SECRET, rawBody, timestamp: Math.floor(h.clock.now.getTime() / 1000) }) }, deps);
}

describe('Impacts under faults', () => {
  it('tells product leads and local offices of an outage although Slack refuses the engineers’ message', async () => {
    // Prepare: the bot was removed from the engineers' channel (Slack refuses for good; the record is dead-lettered).
    h = await startHarness();
    h.emulator.fail({ method: 'chat.postMessage', error: 'not_in_channel', times: 1 });

    // Act
    const failure = await h.processor.processMessage(fireAppDown('e1', '2026-11-22T09:59:50Z')).then(
      () => undefined,
      (error: unknown) => error,
    );

    // Assess: the engineers' refusal failed the event (it goes to the dead-letter queue) before the impact was fed.
    expect(failure).toBeDefined();
    expect([h.emulator.messages('#portal-status').length, h.emulator.messages('#portal-local-offices').length]).toEqual([1, 1]);
  });

  it('keeps the impact open while its alarm fires again, when the alarm’s older recovery feeds the impact last', async () => {
    // Prepare: the outage is open; one Lambda handles its recovery and is slow to feed the impact.
    h = await startHarness();
    h.clock.now = new Date('2026-11-22T10:00:10Z');
    const [opened] = await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
    const slow = gatedProcessor();
    h.clock.now = new Date('2026-11-22T10:05:10Z');
    const recovery = slow.processor.processMessage(okAppDown('e2', '2026-11-22T10:05:00Z'));
    await slow.reached;

    // Act: another Lambda handles the alarm firing again, all the way; then the slow one goes on.
    h.clock.now = new Date('2026-11-22T10:06:10Z');
    await h.processor.processMessage(fireAppDown('e3', '2026-11-22T10:06:00Z'));
    slow.open();
    await recovery;

    // Assess
    const alarm = await h.state.getAlert(opened!.alertKey!);
    const impact = await h.state.getAlert(PORTAL_IMPACT);
    expect([alarm?.status, impact?.status]).toEqual(['open', 'open']);
  });
});

describe('Impacts and button presses', () => {
  it('tells product leads an engineer is on it when an Acknowledge press is pressed again after Slack failed the first time', async () => {
    // Prepare: the outage is open; Slack fails the edit of the first press (the press is answered with an error).
    h = await startHarness();
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T09:59:50Z'));
    const engineers = h.emulator.messages('#portal-alerts')[0]!;
    h.emulator.fail({ method: 'chat.update', status: 503, times: 2 });
    const first = await press(engineers, 'clarion.acknowledge').then(
      (answer) => answer.statusCode,
      () => 'failed',
    );

    // Act: the engineer presses again.
    await press(engineers, 'clarion.acknowledge');

    // Assess
    expect([first, (await h.state.getAlert(PORTAL_IMPACT))?.acknowledgedBy, allText(h.emulator.messages('#portal-status')[0]!)]).toEqual([
      'failed',
      'U0ONCALL1',
      expect.stringContaining('An engineer is looking at this'),
    ]);
  });

  it('leaves no impact open once an engineer resolved its only alarm by hand while a Lambda was still feeding the impact', async () => {
    // Prepare: a Lambda handles the outage; it posted the engineers' message and is about to feed the impact.
    h = await startHarness();
    const slow = gatedProcessor();
    h.clock.now = new Date('2026-11-22T10:00:10Z');
    const opening = slow.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
    await slow.reached;

    // Act: the engineer resolves it by hand at once; then the Lambda goes on.
    h.clock.now = new Date('2026-11-22T10:00:20Z');
    await press(h.emulator.messages('#portal-alerts')[0]!, 'clarion.resolve');
    slow.open();
    const [opened] = await opening;

    // Assess
    const alarm = await h.state.getAlert(opened!.alertKey!);
    expect([alarm?.status, (await h.state.getAlert(PORTAL_IMPACT))?.status]).toEqual(['resolved', 'resolved']);
  });
});

describe('Impacts across entries of one group', () => {
  it('stops telling product leads and local offices the portal is down once the outage alarm recovers while only page errors remain', async () => {
    // Prepare: the outage and one error-rate alarm of the same group fire.
    h = await startHarness();
    h.clock.now = new Date('2026-11-22T10:00:10Z');
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
    h.clock.now = new Date('2026-11-22T10:01:10Z');
    await h.processor.processMessage(errorRateAlarm(1, 'e2', '2026-11-22T10:01:00Z'));

    // Act: the outage recovers; the page errors go on.
    h.clock.now = new Date('2026-11-22T10:05:10Z');
    await h.processor.processMessage(okAppDown('e3', '2026-11-22T10:05:00Z'));
    // The page errors were folded under the outage (inhibition): they are delivered on their own now.
    await runQueued(h, (r) => r.clarion === 'inhibition');

    // Assess
    const [productLeads] = h.emulator.messages('#portal-status');
    const [localOffices] = h.emulator.messages('#portal-local-offices');
    expect(allText(productLeads!)).not.toContain('The Trainee Portal is down');
    expect(allText(localOffices!)).not.toContain('is not working at the moment');
  });

  it('tells local offices the outage they heard of is fixed, when an alarm not for them reopened the impact meanwhile', async () => {
    // Prepare: the outage (local offices hear of it) recovers; within the flap window an error-rate
    // alarm of the same group (product leads only) fires and recovers.
    h = await startHarness();
    h.clock.now = new Date('2026-11-22T10:00:10Z');
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
    h.clock.now = new Date('2026-11-22T10:02:10Z');
    await h.processor.processMessage(okAppDown('e2', '2026-11-22T10:02:00Z'));
    h.clock.now = new Date('2026-11-22T10:05:10Z');
    await h.processor.processMessage(errorRateAlarm(1, 'e3', '2026-11-22T10:05:00Z'));

    // Act: the error rate recovers; every quiet period and tell the processor asked for runs.
    h.clock.now = new Date('2026-11-22T10:08:10Z');
    await h.processor.processMessage(errorRateAlarm(1, 'e4', '2026-11-22T10:08:00Z', 'OK'));
    h.clock.now = new Date('2026-11-22T10:30:00Z');
    for (let i = 0; i < h.refreshes.length; i++) await h.processor.processMessage(h.refreshes[i]!.request);

    // Assess: product leads were told fixed; local offices, who heard "the portal is down", too.
    expect(broadcasts('#portal-status')).toHaveLength(1);
    expect(broadcasts('#portal-local-offices')).toHaveLength(1);
  });
});

describe('Impacts across a catalog change', () => {
  it('resolves the impact when its alarm recovers after a deploy moved the entry to another group', async () => {
    // Prepare: an error-rate alarm fires while its entry is in the trainee-portal group.
    h = await startHarness();
    h.clock.now = new Date('2026-11-22T10:00:10Z');
    await h.processor.processMessage(errorRateAlarm(1, 'e1', '2026-11-22T10:00:00Z'));
    const before = await h.state.getAlert(PORTAL_IMPACT);

    // Act: a deploy gives the entry a group of its own; then the alarm recovers.
    h.runtime.index = buildCatalogIndex([...h.runtime.index.byId.values()].map((e) => (e.id === 'portal.error-rate' ? { ...e, group: 'portal-pages' } : e)));
    h.clock.now = new Date('2026-11-22T10:30:10Z');
    await h.processor.processMessage(errorRateAlarm(1, 'e2', '2026-11-22T10:30:00Z', 'OK'));

    // Assess
    expect(before?.status).toBe('open');
    expect((await h.state.getAlert(PORTAL_IMPACT))?.status).toBe('resolved');
  });

  it('resolves the impact when its alarm recovers after a deploy took product leads off the entry', async () => {
    // Prepare
    h = await startHarness();
    h.clock.now = new Date('2026-11-22T10:00:10Z');
    const [opened] = await h.processor.processMessage(errorRateAlarm(1, 'e1', '2026-11-22T10:00:00Z'));
    const before = await impactOf(h.state, opened!.alertKey!);

    // Act: the entry is for engineers only from now on; then the alarm recovers.
    h.runtime.index = buildCatalogIndex([...h.runtime.index.byId.values()].map((e) => (e.id === 'portal.error-rate' ? { ...e, audiences: ['techies'] } : e)));
    h.clock.now = new Date('2026-11-22T10:30:10Z');
    await h.processor.processMessage(errorRateAlarm(1, 'e2', '2026-11-22T10:30:00Z', 'OK'));

    // Assess
    expect(before?.status).toBe('open');
    expect((await h.state.getAlert(PORTAL_IMPACT))?.status).toBe('resolved');
  });
});

describe('An entry only engineers hear of, in a group whose impact is open', () => {
  const taskStopped = (id: string, time: string) => ({ ...sample('web-task-stopped.json'), id, time });

  it('does not feed the impact: local offices keep reading the outage, and hear it fixed when the outage is', async () => {
    // Prepare
    h = await startHarness();
    await h.processor.processMessage(fireAppDown('down-1', '2026-11-22T10:00:00Z'));
    // Act
    await h.processor.processMessage(taskStopped('task-1', '2026-11-22T10:01:00Z'));
    h.clock.now = new Date('2026-11-22T10:02:00Z');
    await h.processor.processMessage(okAppDown('ok-1', '2026-11-22T10:02:00Z'));
    h.clock.now = new Date('2026-11-22T10:30:00Z');
    for (let i = 0; i < h.refreshes.length; i++) await h.processor.processMessage(h.refreshes[i]!.request);
    // Assess
    const impact = await h.state.getAlert(PORTAL_IMPACT);
    const [localOffices] = h.emulator.messages('#portal-local-offices');
    expect([impact?.status, Object.keys(impact?.members ?? {}).length, allText(localOffices!).includes('stopped and was restarted')]).toEqual(['resolved', 1, false]);
    expect(broadcasts('#portal-local-offices')).toHaveLength(1);
  });
});
