import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import type { InteractionDeps } from '../../src/interactions/handle-interaction.ts';
import { answerInteraction } from '../../src/interactions/answer-interaction.ts';
import { signSlackRequest } from '../../src/slack/sign-slack-request.ts';
import { advance, allText, elementOf, errorRateAlarm, startHarness } from './harness.ts';
import type { Harness, StoredMessage } from './harness.ts';

const SECRET = 'test-signing-secret';
const TECHIES = '#portal-alerts';
const PRODUCT = '#portal-status';
/** The shipped storm threshold is 5: the first five alarms keep their own messages, the next three are listed in the storm message. */
const ALARMS = 8;

let h: Harness;
let deps: InteractionDeps & { signingSecret: string };
let presses = 0;
let stormTs = new Set<string>();

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

/** Eight portal error-rate alarms fire two seconds apart; returns their alert keys once the storm message is posted. */
async function storm(): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < ALARMS; i++) {
    const [result] = await h.processor.processMessage(errorRateAlarm(i, `storm-${i}`, '2026-11-22T09:58:00Z'));
    keys.push(result!.alertKey!);
    advance(h, 2);
  }
  await h.processor.flush();
  advance(h, 60);
  stormTs = new Set(Object.values((await h.state.getGroup('trainee-portal'))!.messages).map((ref) => ref.ts));
  return keys;
}

/** The storm group message in this channel, as Slack stores it now (found by the ts the group record keeps). */
function stormMessage(channel = TECHIES): StoredMessage {
  const found = h.emulator.messages(channel).find((m) => stormTs.has(m.ts));
  if (!found) throw new Error(`no storm message in ${channel}`);
  return found;
}

/** The body of one press as Slack sends it; each call is a new press, with its own `action_ts` and `trigger_id`. */
function press(message: StoredMessage, actionId: string, user = 'U0ONCALL1'): string {
  presses += 1;
  const payload = {
    type: 'block_actions',
    user: { id: user, username: 'oncall' },
    trigger_id: `${presses}.222.trigger`,
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
    channel: { id: message.channel },
    message: { ts: message.ts, blocks: message.blocks },
    actions: [{ type: 'button', action_id: actionId, value: elementOf(message, actionId).value, action_ts: `${Math.floor(h.clock.now.getTime() / 1000)}.${String(presses).padStart(6, '0')}` }],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

function signed(rawBody: string) {
  return { rawBody, headers: signSlackRequest({ signingSecret: SECRET, rawBody, timestamp: Math.floor(h.clock.now.getTime() / 1000) }) };
}

const acknowledgeAll = (user?: string) => answerInteraction(signed(press(stormMessage(), 'clarion.acknowledge-group', user)), deps);

describe('Interactions: Acknowledge all on the engineers\' storm message (dynalite, the Slack emulator over HTTP)', () => {
  it('acknowledges every alert of the storm, the listed ones and those with messages of their own', async () => {
    // Prepare
    const keys = await storm();

    // Act
    const answer = await acknowledgeAll();

    // Assess
    expect(answer).toMatchObject({ statusCode: 200, result: { outcome: 'group-acknowledged', groupKey: 'trainee-portal', acknowledged: ALARMS } });
    const records = await Promise.all(keys.map((key) => deps.state.getAlert(key)));
    expect(records.map((r) => [r?.acknowledgedBy, r?.acknowledgedAt])).toEqual(keys.map(() => ['U0ONCALL1', h.clock.now.toISOString()]));
  });

  it('edits the engineers\' storm message once, to say who acknowledged it, without the button', async () => {
    // Prepare
    await storm();
    const before = stormMessage().updates;

    // Act
    await acknowledgeAll();

    // Assess
    const message = stormMessage();
    expect(message.updates).toBe(before + 1);
    expect(allText(message)).toMatch(/Acknowledged by <@U0ONCALL1> at <!date\^\d+\^\{time\}\|10:01 GMT>/);
    expect(JSON.stringify(message.blocks)).not.toContain('clarion.acknowledge-group');
    expect(JSON.stringify(message.blocks)).toContain('clarion.open-runbook');
  });

  it('tells product leads, in their one message for the storm, that an engineer is looking at it', async () => {
    // Prepare: product leads hear of the impact, one message, not of the eight alarms
    await storm();
    const messages = h.emulator.messages(PRODUCT);

    // Act
    await acknowledgeAll();

    // Assess
    expect([messages.length, allText(h.emulator.messages(PRODUCT)[0]!)]).toEqual([1, expect.stringMatching(/engineer is looking at this/i)]);
    // Their only buttons are the *Was this clear?* question's.
    expect(JSON.stringify(h.emulator.messages(PRODUCT)[0]!.blocks).match(/"action_id":"[^"]*"/g)).toEqual(['"action_id":"clarion.clarity-yes"', '"action_id":"clarion.clarity-no"']);
  });

  it('shows the acknowledgement in the own messages of the alerts that opened before the storm', async () => {
    // Prepare
    await storm();

    // Act
    await acknowledgeAll();

    // Assess
    const own = h.emulator.messages(TECHIES).filter((m) => m.ts !== stormMessage().ts);
    expect(own).toHaveLength(5);
    expect(own.map((m) => allText(m).includes('Acknowledged by <@U0ONCALL1>'))).toEqual([true, true, true, true, true]);
  });

  it('announces one acknowledgement per alert it acknowledged', async () => {
    // Prepare
    const keys = await storm();
    h.lifecycle.length = 0;

    // Act
    await acknowledgeAll();

    // Assess
    expect(h.lifecycle.map((e) => [e.type, e.alertKey, e.acknowledgedBy])).toEqual(keys.map((key) => ['Clarion Alert Acknowledged', key, 'U0ONCALL1']));
  });

  it('changes nothing when the same press is delivered again', async () => {
    // Prepare
    const keys = await storm();
    const body = press(stormMessage(), 'clarion.acknowledge-group');
    await answerInteraction(signed(body), deps);
    const records = await Promise.all(keys.map((key) => deps.state.getAlert(key)));
    const updates = h.emulator.messages(TECHIES).map((m) => m.updates);
    const announced = h.lifecycle.length;

    // Act
    const again = await answerInteraction(signed(body), deps);

    // Assess
    expect(again.result?.outcome).toBe('duplicate-press');
    expect(await Promise.all(keys.map((key) => deps.state.getAlert(key)))).toEqual(records);
    expect(h.emulator.messages(TECHIES).map((m) => m.updates)).toEqual(updates);
    expect(h.lifecycle).toHaveLength(announced);
  });

  it('keeps the first acknowledgement of the storm when a second engineer presses on the message they still see', async () => {
    // Prepare
    await storm();
    const stale = stormMessage();
    await acknowledgeAll('U0FIRST');
    const updates = stormMessage().updates;

    // Act
    const second = await answerInteraction(signed(press(stale, 'clarion.acknowledge-group', 'U0SECOND')), deps);

    // Assess
    expect(second.result).toMatchObject({ outcome: 'already-acknowledged', groupKey: 'trainee-portal' });
    expect((await deps.state.getGroup('trainee-portal'))?.acknowledgedBy).toBe('U0FIRST');
    expect(stormMessage().updates).toBe(updates);
  });

  it('keeps the first acknowledger of an alert someone acknowledged on its own message before', async () => {
    // Prepare
    const keys = await storm();
    const first = h.emulator.messages(TECHIES)[0]!;
    await answerInteraction(signed(press(first, 'clarion.acknowledge', 'U0FIRST')), deps);
    h.lifecycle.length = 0;

    // Act
    const answer = await acknowledgeAll('U0SECOND');

    // Assess
    expect(answer.result?.acknowledged).toBe(ALARMS - 1);
    expect((await deps.state.getAlert(keys[0]!))?.acknowledgedBy).toBe('U0FIRST');
    expect(h.lifecycle.map((e) => e.alertKey)).not.toContain(keys[0]);
    expect(allText(h.emulator.messages(TECHIES)[0]!)).not.toContain('U0SECOND');
  });

  it('leaves a resolved member of the storm unacknowledged', async () => {
    // Prepare
    const keys = await storm();
    await h.processor.processMessage(errorRateAlarm(7, 'storm-ok-7', '2026-11-22T09:59:00Z', 'OK'));
    await h.processor.flush();
    advance(h, 60);

    // Act
    const answer = await acknowledgeAll();

    // Assess
    expect(answer.result?.acknowledged).toBe(ALARMS - 1);
    expect((await deps.state.getAlert(keys[7]!))?.acknowledgedBy).toBeUndefined();
  });

  it('brings the engineers\' storm message up to date when it was behind what the group stored', async () => {
    // Prepare: every alarm recovers, and the batch's flush has not run yet
    await storm();
    const stale = stormMessage();
    for (let i = 0; i < ALARMS; i++) {
      await h.processor.processMessage(errorRateAlarm(i, `storm-ok-${i}`, '2026-11-22T09:59:00Z', 'OK'));
      advance(h, 2);
    }

    // Act
    await answerInteraction(signed(press(stale, 'clarion.acknowledge-group')), deps);

    // Assess
    expect(allText(stormMessage())).toContain('Storm over');
  });

  it('shows the acknowledgement in the storm message when the press is retried after Slack refused the edit', async () => {
    // Prepare: Slack refuses every edit during the first delivery of the press
    await storm();
    const body = press(stormMessage(), 'clarion.acknowledge-group');
    h.emulator.fail({ method: 'chat.update', error: 'cant_update_message' });
    await expect(answerInteraction(signed(body), deps)).rejects.toThrow(/cant_update_message/);
    h.emulator.clearFaults();

    // Act
    const retry = await answerInteraction(signed(body), deps);

    // Assess
    expect(retry.result).toMatchObject({ outcome: 'already-acknowledged', groupKey: 'trainee-portal' });
    expect(allText(stormMessage())).toContain('Acknowledged by <@U0ONCALL1>');
  });

  it('answers a press naming a storm group that is not stored with unknown-group, and changes nothing', async () => {
    // Prepare
    await storm();
    const message = stormMessage();
    const forged = { ...message, blocks: JSON.parse(JSON.stringify(message.blocks).replaceAll('"value":"trainee-portal"', '"value":"no-such-group"')) as StoredMessage['blocks'] };

    // Act
    const answer = await answerInteraction(signed(press(forged, 'clarion.acknowledge-group')), deps);

    // Assess
    expect(answer).toMatchObject({ statusCode: 200, result: { outcome: 'unknown-group', groupKey: 'no-such-group' } });
    expect((await deps.state.getGroup('trainee-portal'))?.acknowledgedBy).toBeUndefined();
  });

  it('answers the storm message\'s runbook link press with 200 and records nothing', async () => {
    // Prepare
    await storm();
    const before = await deps.state.getGroup('trainee-portal');

    // Act
    const answer = await answerInteraction(signed(press(stormMessage(), 'clarion.open-runbook')), deps);

    // Assess
    expect(answer).toMatchObject({ statusCode: 200, result: { outcome: 'link-opened' } });
    expect(elementOf(stormMessage(), 'clarion.open-runbook')).toMatchObject({ url: 'https://runbooks.example.org/trainee-portal/error-rate' });
    expect(await deps.state.getGroup('trainee-portal')).toEqual(before);
  });
});
