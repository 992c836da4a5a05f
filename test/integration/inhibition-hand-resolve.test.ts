// A cause resolved by hand (no recovery event will come) stops folding its dependants: those still firing are delivered on their own.
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/catalog/schema.ts';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import { answerInteraction } from '../../src/interactions/answer-interaction.ts';
import { signSlackRequest } from '../../src/slack/sign-slack-request.ts';
import { advance, elementOf, errorRateAlarm, fireAppDown, runQueued, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

const TECHIES = '#portal-alerts';
const PRODUCT = '#portal-status';
const SECRET = 'test-signing-secret';
let h: Harness;
afterEach(async () => h?.close());

const alertMessages = (channel: string) => h.emulator.messages(channel).filter((m) => m.metadata?.event_type === 'clarion_alert');
const keysIn = (channel: string) => alertMessages(channel).map((m) => (m.metadata?.event_payload as { alert_key: string }).alert_key);
const own = (entries: CatalogEntry[]) => entries.map((e) => (e.id === 'portal.error-rate' ? (({ group: _g, ...rest }) => rest)(e) : e));

async function press(actionId: string): Promise<void> {
  const message = h.emulator.messages(TECHIES)[0]!;
  const payload = {
    type: 'block_actions',
    user: { id: 'U0ONCALL1', username: 'oncall' },
    trigger_id: `${actionId}.trigger`,
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
    channel: { id: message.channel },
    message: { ts: message.ts, blocks: message.blocks },
    actions: [{ type: 'button', action_ts: `${Math.floor(h.clock.now.getTime() / 1000)}.000001`, ...elementOf(message, actionId), action_id: actionId }],
  };
  const rawBody = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const answer = await answerInteraction(
    { rawBody, headers: signSlackRequest({ signingSecret: SECRET, rawBody, timestamp: Math.floor(h.clock.now.getTime() / 1000) }) },
    {
      signingSecret: SECRET,
      runtime: () => h.runtime,
      state: createDynamoState({ client: h.dynamo.client, tableName: h.dynamo.tableName }),
      slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl }),
      now: () => h.clock.now,
      scheduleRefresh: async (request, delaySeconds) => void h.refreshes.push({ request, delaySeconds }),
    },
  );
  expect(answer.statusCode).toBe(200);
}

describe('Inhibition and a cause resolved by hand', () => {
  it('delivers a dependant still firing once its cause is resolved by hand', async () => {
    // Prepare: the outage fires, the page errors fold under it.
    h = await startHarness(own);
    await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));
    advance(h, 5);
    await h.processor.processMessage(errorRateAlarm(1, 'err-1', h.clock.now.toISOString()));
    advance(h, 5);
    for (let i = 0; i < 3; i++) await runQueued(h);
    expect(keysIn(TECHIES).filter((k) => k.startsWith('portal.error-rate'))).toHaveLength(0);

    // Act: an engineer resolves the outage by hand (no recovery event will come); hours later the page errors still fire.
    await press('clarion.resolve');
    const causeKey = keysIn(TECHIES)[0]!;
    expect((await h.state.getAlert(causeKey))?.status).toBe('resolved');
    for (let i = 0; i < 4; i++) {
      advance(h, 600);
      await runQueued(h);
    }
    advance(h, 3 * 3600);
    await h.processor.processMessage(errorRateAlarm(1, 'err-2', h.clock.now.toISOString()));
    for (let i = 0; i < 3; i++) {
      advance(h, 5);
      await runQueued(h);
    }

    // Assess: engineers and product leads hear of the page errors
    expect(keysIn(TECHIES).filter((k) => k.startsWith('portal.error-rate'))).toHaveLength(1);
    expect(keysIn(PRODUCT).some((k) => k.includes('error-rate'))).toBe(true);
  }, 60_000);
});
