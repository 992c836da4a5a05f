import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import type { InteractionDeps } from '../../src/interactions/handle-interaction.ts';
import { answerInteraction } from '../../src/interactions/answer-interaction.ts';
import { signSlackRequest } from '../../src/slack/sign-slack-request.ts';
import { advance, allText, elementOf, errorRateAlarm, fireAppDown, okAppDown, runQueued, sample, startHarness } from './harness.ts';
import type { Harness, StoredMessage } from './harness.ts';
import { impactOf } from '../support/impact-records.ts';

const SECRET = 'test-signing-secret';
let h: Harness;
let deps: InteractionDeps & { signingSecret: string };

beforeEach(async () => {
  h = await startHarness();
  deps = {
    signingSecret: SECRET,
    runtime: () => h.runtime,
    state: createDynamoState({ client: h.dynamo.client, tableName: h.dynamo.tableName }),
    slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl }),
    lifecycle: { publish: async (events) => void h.lifecycle.push(...events) },
    now: () => h.clock.now,
  };
});
afterEach(() => h.close());

/** Opens the sample outage and returns its techies message as Slack stores it. */
async function openAlert(file = 'app-down-alarm.json') {
  const [result] = await h.processor.processMessage(sample(file));
  const message = h.emulator.messages('#portal-alerts').at(-1)!;
  return { alertKey: result!.alertKey!, message };
}

let presses = 0;

/** The body of one press; each call is a new press, with its own `action_ts` and `trigger_id` as Slack stamps them. */
function press(message: StoredMessage, action: Record<string, unknown>, user = 'U0ONCALL1') {
  presses += 1;
  const actionTs = `${Math.floor(h.clock.now.getTime() / 1000)}.${String(presses).padStart(6, '0')}`;
  const payload = {
    type: 'block_actions',
    user: { id: user, username: 'oncall' },
    trigger_id: `${presses}.111.trigger`,
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
    channel: { id: message.channel },
    message: { ts: message.ts, blocks: message.blocks },
    actions: [{ type: 'button', action_ts: actionTs, ...action }],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

function signed(rawBody: string, at = h.clock.now, secret = SECRET) {
  return { rawBody, headers: signSlackRequest({ signingSecret: secret, rawBody, timestamp: Math.floor(at.getTime() / 1000) }) };
}

/** Restarts the harness with a local-office message on the error-rate entry, which does not route local offices. */
async function restartWithLocalOfficeText(): Promise<void> {
  await h.close();
  h = await startHarness((entries) =>
    entries.map((e) => (e.id === 'portal.error-rate' ? { ...e, comms: { ...e.comms, 'local-office': 'Some pages may show an error. Please try again soon.' } } : e)),
  );
  deps = { ...deps, runtime: () => h.runtime, state: createDynamoState({ client: h.dynamo.client, tableName: h.dynamo.tableName }), slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl }), now: () => h.clock.now };
}

describe('Interactions: button presses against dynalite and the Slack emulator', () => {
  it('acknowledges from a signed press and updates every audience message', async () => {
    // Prepare
    const { alertKey, message } = await openAlert();
    const body = press(message, { action_id: 'clarion.acknowledge', value: elementOf(message, 'clarion.acknowledge').value });

    // Act
    const answer = await answerInteraction(signed(body), deps);

    // Assess
    expect(answer).toMatchObject({ statusCode: 200, result: { outcome: 'acknowledged', alertKey } });
    expect(allText(h.emulator.messages('#portal-alerts')[0]!)).toContain('Acknowledged by <@U0ONCALL1>');
    expect(allText(h.emulator.messages('#portal-status')[0]!)).toContain('An engineer is looking at this since');
    expect(h.emulator.messages('#portal-local-offices')[0]?.updates).toBe(1);
    // The product leads' and local offices' messages are the impact's: it is acknowledged with its alarm.
    expect((await impactOf(deps.state, alertKey))?.acknowledgedBy).toBe('U0ONCALL1');
    expect(h.lifecycle.map((e) => e.type)).toContain('Clarion Alert Acknowledged');
  });

  it('keeps the first acknowledgement when a second engineer presses too', async () => {
    // Prepare
    const { alertKey, message } = await openAlert();
    const value = elementOf(message, 'clarion.acknowledge').value;
    await answerInteraction(signed(press(message, { action_id: 'clarion.acknowledge', value }, 'U0FIRST')), deps);

    // Act
    const answer = await answerInteraction(signed(press(message, { action_id: 'clarion.acknowledge', value }, 'U0SECOND')), deps);

    // Assess
    expect(answer.result?.outcome).toBe('already-acknowledged');
    expect((await impactOf(deps.state, alertKey))?.acknowledgedBy).toBe('U0FIRST');
    expect(allText(h.emulator.messages('#portal-alerts')[0]!)).toContain('<@U0FIRST>');
    expect(allText(h.emulator.messages('#portal-alerts')[0]!)).not.toContain('U0SECOND');
  });

  it.each([
    ['unsigned', (body: string) => ({ rawBody: body, headers: {} })],
    ['signed with another secret', (body: string) => signed(body, h.clock.now, 'not-the-secret')],
    ['replayed from ten minutes ago', (body: string) => signed(body, new Date(h.clock.now.getTime() - 600_000))],
    ['dated ten minutes in the future', (body: string) => signed(body, new Date(h.clock.now.getTime() + 600_000))],
    ['tampered after signing', (body: string) => ({ ...signed(body), rawBody: body.replace('U0ONCALL1', 'U0MALLORY') })],
  ])('refuses a request %s with 401 and changes nothing', async (_name, make) => {
    // Prepare
    const { alertKey, message } = await openAlert();
    const before = await deps.state.getAlert(alertKey);
    const impactBefore = await impactOf(deps.state, alertKey);
    const body = press(message, { action_id: 'clarion.acknowledge', value: elementOf(message, 'clarion.acknowledge').value });

    // Act
    const answer = await answerInteraction(make(body), deps);

    // Assess
    expect(answer.statusCode).toBe(401);
    expect(await deps.state.getAlert(alertKey)).toEqual(before);
    expect(await impactOf(deps.state, alertKey)).toEqual(impactBefore);
    expect(h.emulator.messages('#portal-alerts')[0]?.updates).toBe(0);
  });

  it('answers 400 to a signed body that is not a Slack payload, and changes nothing', async () => {
    // Act
    const answer = await answerInteraction(signed('payload=%7Bnot-json'), deps);

    // Assess
    expect(answer).toMatchObject({ statusCode: 400, body: 'the payload is not JSON' });
  });

  it('snoozes for an hour and says so in the message', async () => {
    // Prepare
    const { message } = await openAlert();
    const body = press(message, { type: 'static_select', action_id: 'clarion.snooze', selected_option: { value: '1h' } });

    // Act
    const answer = await answerInteraction(signed(body), deps);

    // Assess
    expect(answer.result?.outcome).toBe('snoozed');
    expect(allText(h.emulator.messages('#portal-alerts')[0]!)).toContain('Snoozed until');
  });

  it('mutes repeats while snoozed until the alert recovers', async () => {
    // Prepare
    const { message } = await openAlert();
    await answerInteraction(signed(press(message, { type: 'static_select', action_id: 'clarion.snooze', selected_option: { value: 'until-resolved' } })), deps);
    const updatesBefore = h.emulator.messages('#portal-alerts')[0]!.updates;
    advance(h, 300);
    const repeat = { ...sample('app-down-alarm.json'), id: 'repeat-1', time: '2026-11-22T09:19:05Z' };

    // Act
    const [result] = await h.processor.processMessage(repeat);

    // Assess
    expect(result?.outcome).toBe('repeat-muted');
    expect(h.emulator.messages('#portal-alerts')[0]!.updates).toBe(updatesBefore);
    expect(allText(h.emulator.messages('#portal-alerts')[0]!)).toContain('Snoozed until it recovers');
  });

  it('keeps a snooze until lifted through a recovery and a re-fire, and shows repeats again once Unsnooze is pressed', async () => {
    // Prepare: snoozed until lifted; the outage recovers and fires again within the flap window.
    const { alertKey, message } = await openAlert();
    await answerInteraction(signed(press(message, { type: 'static_select', action_id: 'clarion.snooze', selected_option: { value: 'until-lifted' } })), deps);
    h.clock.now = new Date('2026-11-22T09:19:10Z');
    await h.processor.processMessage(okAppDown('lift-ok', '2026-11-22T09:19:05Z'));
    h.clock.now = new Date('2026-11-22T09:20:10Z');
    const [reopened] = await h.processor.processMessage(fireAppDown('lift-again', '2026-11-22T09:20:05Z'));
    h.clock.now = new Date('2026-11-22T09:22:10Z');
    const [muted] = await h.processor.processMessage(fireAppDown('lift-repeat', '2026-11-22T09:22:05Z'));
    const snoozed = h.emulator.messages('#portal-alerts')[0]!;

    // Act
    const lifted = await answerInteraction(signed(press(snoozed, { action_id: 'clarion.unsnooze', value: elementOf(snoozed, 'clarion.unsnooze').value })), deps);
    const again = await answerInteraction(signed(press(snoozed, { action_id: 'clarion.unsnooze', value: elementOf(snoozed, 'clarion.unsnooze').value })), deps);
    h.clock.now = new Date('2026-11-22T09:24:10Z');
    const [shown] = await h.processor.processMessage(fireAppDown('lift-after', '2026-11-22T09:24:05Z'));

    // Assess
    expect([reopened?.outcome, muted?.outcome, lifted.result?.outcome, again.result?.outcome, shown?.outcome, (await deps.state.getAlert(alertKey))?.snoozedUntil]).toEqual([
      'reopened',
      'repeat-muted',
      'unsnoozed',
      'not-snoozed',
      'repeat',
      undefined,
    ]);
    expect(JSON.stringify(h.emulator.messages('#portal-alerts')[0]!.blocks)).not.toContain('clarion.unsnooze');
    expect(h.lifecycle.map((e) => e.type)).toContain('Clarion Alert Unsnoozed');
  });

  it('posts the local-office message on request when the entry did not route it', async () => {
    // Prepare
    await restartWithLocalOfficeText();
    const { message } = await openAlert('error-rate-alarm.json');
    const button = elementOf(message, 'clarion.tell-local-offices');

    // Act
    const first = await answerInteraction(signed(press(message, { action_id: 'clarion.tell-local-offices', value: button.value })), deps);
    const again = await answerInteraction(signed(press(message, { action_id: 'clarion.tell-local-offices', value: button.value })), deps);

    // Assess
    expect([first.result?.outcome, again.result?.outcome]).toEqual(['told-local-offices', 'already-told']);
    expect(h.emulator.messages('#portal-local-offices')).toHaveLength(1);
  });

  it('posts one local-office message for the impact however many of its alarms the button is pressed on, and tells it when the impact is fixed', async () => {
    // Prepare: two error-rate alarms of the portal are open; local offices are not routed to them.
    await restartWithLocalOfficeText();
    await h.processor.processMessage(errorRateAlarm(1, 'tell-1', '2026-11-22T09:14:00Z'));
    await h.processor.processMessage(errorRateAlarm(2, 'tell-2', '2026-11-22T09:14:05Z'));
    const [first, second] = h.emulator.messages('#portal-alerts');

    // Act: the button is pressed on both engineers' messages; then both alarms recover and the quiet period passes.
    const answers = [];
    for (const message of [first!, second!]) answers.push(await answerInteraction(signed(press(message, { action_id: 'clarion.tell-local-offices', value: elementOf(message, 'clarion.tell-local-offices').value })), deps));
    advance(h, 60);
    await h.processor.processMessage(errorRateAlarm(1, 'tell-ok-1', h.clock.now.toISOString(), 'OK'));
    await h.processor.processMessage(errorRateAlarm(2, 'tell-ok-2', h.clock.now.toISOString(), 'OK'));
    advance(h, 3600);
    await runQueued(h);
    await runQueued(h);

    // Assess
    const offices = h.emulator.messages('#portal-local-offices');
    expect([answers.map((a) => a.result?.outcome), offices.length, offices[0]?.replies.filter((r) => r.reply_broadcast).map((r) => allText(r).includes('Fixed.'))]).toEqual([
      ['told-local-offices', 'already-told'],
      1,
      [true],
    ]);
  });

  it('takes the Tell local offices button off the engineers message once they are told', async () => {
    // Prepare
    await restartWithLocalOfficeText();
    const { message } = await openAlert('error-rate-alarm.json');

    // Act
    await answerInteraction(signed(press(message, { action_id: 'clarion.tell-local-offices', value: elementOf(message, 'clarion.tell-local-offices').value })), deps);

    // Assess
    const [engineers] = h.emulator.messages('#portal-alerts');
    expect(engineers?.updates).toBe(1);
    expect(JSON.stringify(engineers?.blocks)).not.toContain('clarion.tell-local-offices');
  });

  it('answers a runbook link press with 200 and records nothing', async () => {
    // Prepare
    const { alertKey, message } = await openAlert();
    const before = await deps.state.getAlert(alertKey);

    // Act
    const answer = await answerInteraction(signed(press(message, { action_id: 'clarion.open-runbook', value: elementOf(message, 'clarion.open-runbook').value })), deps);

    // Assess
    expect(answer).toMatchObject({ statusCode: 200, result: { outcome: 'link-opened' } });
    expect(await deps.state.getAlert(alertKey)).toEqual(before);
  });

  it('answers an unknown action with 200 and ignores it', async () => {
    // Prepare
    const { message } = await openAlert();

    // Act
    const answer = await answerInteraction(signed(press(message, { action_id: 'someone-elses.button' })), deps);

    // Assess
    expect(answer).toMatchObject({ statusCode: 200, result: { outcome: 'unknown-action' } });
  });

  it('applies a press again when its first delivery failed, because the failure gives its claim back', async () => {
    // Prepare
    const { alertKey, message } = await openAlert();
    const body = press(message, { type: 'static_select', action_id: 'clarion.snooze', selected_option: { value: '1h' } });
    h.emulator.fail({ method: 'chat.update', status: 429, times: 1 });
    await expect(answerInteraction(signed(body), deps)).rejects.toThrow();

    // Act
    const retry = await answerInteraction(signed(body), deps);

    // Assess
    expect(retry).toMatchObject({ statusCode: 200, result: { outcome: 'snoozed', alertKey } });
    expect(allText(h.emulator.messages('#portal-alerts')[0]!)).toContain('Snoozed until');
  });

  it('posts to local offices once when the same Tell local offices press is delivered again', async () => {
    // Prepare
    await restartWithLocalOfficeText();
    const { message } = await openAlert('error-rate-alarm.json');
    const delivery = signed(press(message, { action_id: 'clarion.tell-local-offices', value: elementOf(message, 'clarion.tell-local-offices').value }));
    await answerInteraction(delivery, deps);
    const updatesBefore = h.emulator.stats().calls['chat.update'] ?? 0;

    // Act
    const replay = await answerInteraction(delivery, deps);

    // Assess
    expect(replay).toMatchObject({ statusCode: 200, result: { outcome: 'duplicate-press' } });
    expect(h.emulator.messages('#portal-local-offices')).toHaveLength(1);
    expect(h.emulator.stats().calls['chat.update'] ?? 0).toBe(updatesBefore);
  });

  it('claims nothing for a link press, so the shared vectors of other apps touch no state', async () => {
    // Prepare
    const { message } = await openAlert();
    const delivery = signed(press(message, { action_id: 'clarion.open-runbook', value: elementOf(message, 'clarion.open-runbook').value }));
    await answerInteraction(delivery, deps);

    // Act
    const again = await answerInteraction(delivery, deps);

    // Assess
    expect(again.result?.outcome).toBe('link-opened');
  });

  it('answers 200 to interaction kinds Clarion does not use', async () => {
    // Act
    const answer = await answerInteraction(signed(`payload=${encodeURIComponent(JSON.stringify({ type: 'shortcut', callback_id: 'x' }))}`), deps);

    // Assess
    expect(answer).toMatchObject({ statusCode: 200, reason: 'ignored shortcut' });
  });
});
