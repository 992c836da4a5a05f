// A message posted by "Tell local offices" also goes to the audience's SNS topic, as the processor's posts do: the interactions Lambda as AWS runs it (its own wiring), over dynalite, the Slack emulator and a mocked SNS.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { impactKeyFor } from '../../src/core/impact-key.ts';
import type { Context, LambdaFunctionURLEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { signSlackRequest } from '../../src/slack/sign-slack-request.ts';
import { elementOf, ROOT, sample, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

const SECRET = 'sns-copy-test-secret';
const TOPIC = 'arn:aws:sns:eu-west-2:111111111111:portal-local-offices';
const sns = mockClient(SNSClient);
const saved = { ...process.env };
const context = { functionName: 'clarion-interactions', awsRequestId: 'r', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

let h: Harness;
let catalogDir: string;
let handler: (event: LambdaFunctionURLEvent, context: Context) => Promise<{ statusCode: number; body: string }>;

beforeAll(async () => {
  // The Lambda reads its catalog from disk: a copy of the shipped one whose local offices also take e-mail through SNS.
  catalogDir = mkdtempSync(path.join(tmpdir(), 'clarion-sns-copy-'));
  cpSync(path.join(ROOT, 'alert-catalog'), catalogDir, { recursive: true });
  const configFile = path.join(catalogDir, 'clarion.config.yaml');
  const config = parseDocument(readFileSync(configFile, 'utf8'));
  config.setIn(['audiences', 'local-office', 'snsTopicArn'], TOPIC);
  writeFileSync(configFile, String(config));

  h = await startHarness(undefined, {
    tweakConfig: (shipped) => {
      shipped.audiences['local-office']!.snsTopicArn = TOPIC;
      return shipped;
    },
  });
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: h.dynamo.endpoint,
    CLARION_STATE_TABLE: h.dynamo.tableName,
    CLARION_CATALOG_DIR: catalogDir,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: h.slackUrl,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
  ({ handler } = (await import('../../functions/slack-interactions.ts')) as unknown as { handler: typeof handler });
});
afterAll(async () => {
  process.env = saved;
  sns.restore();
  await h.close();
  rmSync(catalogDir, { recursive: true, force: true });
});

describe('Lambda: slack-interactions, Tell local offices', () => {
  it('sends the local offices’ message to their SNS topic as well as to their channel', async () => {
    // Prepare: the overnight sync's own alert is not routed to local offices, so its engineers' message offers the button.
    const [opened] = await h.processor.processMessage(sample('overnight-sync-custom.json'));
    const message = h.emulator.messages('#portal-alerts').at(-1)!;
    const nowSeconds = Math.floor(Date.now() / 1000);
    const payload = {
      type: 'block_actions',
      user: { id: 'U0ONCALL1' },
      trigger_id: `${nowSeconds}.1.trigger`,
      container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
      channel: { id: message.channel },
      message: { ts: message.ts, blocks: message.blocks },
      actions: [{ type: 'button', action_ts: `${nowSeconds}.000001`, action_id: 'clarion.tell-local-offices', value: elementOf(message, 'clarion.tell-local-offices').value }],
    };
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: '/',
      rawQueryString: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest({ signingSecret: SECRET, rawBody: body, timestamp: nowSeconds }) },
      requestContext: {} as LambdaFunctionURLEvent['requestContext'],
      body,
      isBase64Encoded: false,
    } satisfies LambdaFunctionURLEvent;

    // Act
    const response = await handler(event, context);

    // Assess
    expect(response.statusCode).toBe(200);
    const [posted] = h.emulator.messages('#portal-local-offices');
    const published = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    // The message is the impact's (local offices hear of impacts), so its copy is keyed by the impact.
    const impactKey = impactKeyFor((await h.state.getAlert(opened!.alertKey!))!.alert);
    expect(published).toEqual([expect.objectContaining({ TopicArn: TOPIC, Subject: expect.any(String), MessageAttributes: { alertKey: { DataType: 'String', StringValue: impactKey } } })]);
    expect(published[0]!.Message).toContain('New trainee records did not come in last night');
    expect(posted).toBeDefined();
  });
});
