import type { Context, LambdaFunctionURLEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../src/slack/sign-slack-request.ts';
import { advance, allText, ROOT, sample, startHarness } from './harness.ts';
import type { Harness, StoredMessage } from './harness.ts';

const SECRET = 'lambda-test-secret';
let h: Harness;
let handler: (event: LambdaFunctionURLEvent, context: Context) => Promise<{ statusCode: number; body: string }>;
const saved = { ...process.env };
const context = { functionName: 'clarion-interactions', awsRequestId: 'r', getRemainingTimeInMillis: () => 3000 } as unknown as Context;

beforeAll(async () => {
  h = await startHarness();
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: h.dynamo.endpoint,
    CLARION_STATE_TABLE: h.dynamo.tableName,
    CLARION_CATALOG_DIR: `${ROOT}/alert-catalog`,
    // The same bot token as the processor: Slack only lets a bot edit its own messages.
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: h.slackUrl,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  ({ handler } = (await import('../../functions/slack-interactions.ts')) as unknown as { handler: typeof handler });
});
afterAll(async () => {
  process.env = saved;
  await h.close();
});

function urlEvent(body: string, headers: Record<string, string>, base64 = false): LambdaFunctionURLEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    requestContext: {} as LambdaFunctionURLEvent['requestContext'],
    body: base64 ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: base64,
  };
}

describe('Lambda: slack-interactions (Function URL, real middy stack)', () => {
  it('refuses an unsigned request with 401', async () => {
    // Act
    const response = await handler(urlEvent('payload=%7B%7D', {}), context);

    // Assess
    expect(response.statusCode).toBe(401);
  });

  it('acknowledges from a signed, base64-encoded press and updates the message', async () => {
    // Prepare
    const [opened] = await h.processor.processMessage(sample('app-down-alarm.json'));
    const message = h.emulator.messages('#portal-alerts')[0]!;
    const payload = {
      type: 'block_actions',
      user: { id: 'U0LAMBDA' },
      message: { ts: message.ts, blocks: message.blocks },
      actions: [{ type: 'button', action_id: 'clarion.acknowledge', value: encodeURIComponent(opened!.alertKey!) }],
    };
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const headers = signSlackRequest({ signingSecret: SECRET, rawBody: body, timestamp: Math.floor(Date.now() / 1000) });

    // Act
    const response = await handler(urlEvent(body, headers, true), context);

    // Assess
    expect(response.statusCode).toBe(200);
    expect(allText(h.emulator.messages('#portal-alerts')[0]!)).toContain('Acknowledged by <@U0LAMBDA>');
  });
});

let opened = 0;
let presses = 0;

/** Opens the sample outage as an alert of its own (each test its own alarm ARN) and returns its engineers' message. */
async function openOwnAlert(): Promise<{ alertKey: string; message: StoredMessage }> {
  opened += 1;
  // Slack lets a channel take about one post a second; the emulator holds the test to that.
  advance(h, 60);
  const event = structuredClone(sample('app-down-alarm.json')) as { id: string; resources: string[] };
  event.id = `replay-open-${opened}`;
  event.resources = event.resources.map((arn) => arn.replace(/:\d{12}:alarm:/, `:${String(200000000000 + opened)}:alarm:`));
  const [result] = await h.processor.processMessage(event);
  return { alertKey: result!.alertKey!, message: h.emulator.messages('#portal-alerts').at(-1)! };
}

/** One signed press as Slack delivers it; calling the handler twice with it is a replay of that press. */
function pressEvent(message: StoredMessage, action: Record<string, unknown>, user = 'U0LAMBDA'): LambdaFunctionURLEvent {
  presses += 1;
  const nowSeconds = Math.floor(Date.now() / 1000);
  const payload = {
    type: 'block_actions',
    user: { id: user },
    trigger_id: `${nowSeconds}.${presses}.trigger`,
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
    channel: { id: message.channel },
    message: { ts: message.ts, blocks: message.blocks },
    actions: [{ action_ts: `${nowSeconds}.${String(presses).padStart(6, '0')}`, ...action }],
  };
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return urlEvent(body, signSlackRequest({ signingSecret: SECRET, rawBody: body, timestamp: nowSeconds }));
}

function snoozeFor(message: StoredMessage, choice: string, user?: string) {
  return pressEvent(message, { type: 'static_select', action_id: 'clarion.snooze', selected_option: { value: choice } }, user);
}

function acknowledgeOf(message: StoredMessage, alertKey: string, user?: string) {
  return pressEvent(message, { type: 'button', action_id: 'clarion.acknowledge', value: encodeURIComponent(alertKey) }, user);
}

const updateCalls = () => h.emulator.stats().calls['chat.update'] ?? 0;

describe('Lambda: slack-interactions applies each press once', () => {
  it('changes nothing and edits no message when the same signed Snooze press is delivered again', async () => {
    // Prepare
    const { alertKey, message } = await openOwnAlert();
    const press = snoozeFor(message, '1h');
    await handler(press, context);
    const afterFirst = await h.state.getAlert(alertKey);
    const updatesAfterFirst = updateCalls();

    // Act
    const replay = await handler(press, context);

    // Assess
    expect(replay.statusCode).toBe(200);
    const afterReplay = await h.state.getAlert(alertKey);
    expect(afterFirst?.snoozedUntil).toBeDefined();
    expect({ snoozedUntil: afterReplay?.snoozedUntil, version: afterReplay?.version }).toEqual({ snoozedUntil: afterFirst?.snoozedUntil, version: afterFirst?.version });
    expect(updateCalls()).toBe(updatesAfterFirst);
  });

  it('changes nothing and edits no message when the same signed Acknowledge press is delivered again', async () => {
    // Prepare
    const { alertKey, message } = await openOwnAlert();
    const press = acknowledgeOf(message, alertKey);
    await handler(press, context);
    const afterFirst = await h.state.getAlert(alertKey);
    const updatesAfterFirst = updateCalls();

    // Act
    const replay = await handler(press, context);

    // Assess
    expect(replay.statusCode).toBe(200);
    expect(afterFirst?.acknowledgedBy).toBe('U0LAMBDA');
    expect(await h.state.getAlert(alertKey)).toEqual(afterFirst);
    expect(updateCalls()).toBe(updatesAfterFirst);
  });

  it('applies a new press after an earlier one: Snooze for 1 hour, then for 4 hours', async () => {
    // Prepare
    const { alertKey, message } = await openOwnAlert();
    await handler(snoozeFor(message, '1h'), context);
    const afterFirst = await h.state.getAlert(alertKey);
    const updatesAfterFirst = updateCalls();

    // Act
    const second = await handler(snoozeFor(message, '4h'), context);

    // Assess
    expect(second.statusCode).toBe(200);
    const afterSecond = await h.state.getAlert(alertKey);
    expect(afterSecond!.version).toBeGreaterThan(afterFirst!.version);
    expect(Date.parse(afterSecond!.snoozedUntil!) - Date.parse(afterFirst!.snoozedUntil!)).toBeGreaterThanOrEqual(3 * 3600_000);
    expect(updateCalls()).toBeGreaterThan(updatesAfterFirst);
  });

  it('applies the same choice pressed again as a new press: Snooze for 1 hour twice', async () => {
    // Prepare
    const { alertKey, message } = await openOwnAlert();
    await handler(snoozeFor(message, '1h'), context);
    const afterFirst = await h.state.getAlert(alertKey);

    // Act
    const second = await handler(snoozeFor(message, '1h'), context);

    // Assess
    expect(second.statusCode).toBe(200);
    expect((await h.state.getAlert(alertKey))!.version).toBeGreaterThan(afterFirst!.version);
  });
});
