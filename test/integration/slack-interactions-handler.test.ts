import type { Context, LambdaFunctionURLEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../src/slack/sign-slack-request.ts';
import { allText, ROOT, sample, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

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
