import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import type { SlackEmulator } from '../../src/local/slack-emulator.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';
import { ROOT, sample } from './harness.ts';

const sqs = mockClient(SQSClient);
const eventBridge = mockClient(EventBridgeClient);
const QUEUE = 'https://sqs.eu-west-2.amazonaws.com/111111111111/clarion-signals';
const DLQ = 'https://sqs.eu-west-2.amazonaws.com/111111111111/clarion-signals-dlq';

let dynamo: LocalDynamo;
let emulator: SlackEmulator;
let handler: (event: SQSEvent, context: Context) => Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }>;
const saved = { ...process.env };

const context = {
  functionName: 'clarion-processor',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-2:111111111111:function:clarion-processor',
  memoryLimitInMB: '512',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

let sequence = 0;
function record(body: unknown): SQSRecord {
  sequence += 1;
  return {
    messageId: `msg-${sequence}`,
    receiptHandle: `receipt-${sequence}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1795338845000', SenderId: 'x', ApproximateFirstReceiveTimestamp: '1795338845000' },
    messageAttributes: {},
    md5OfBody: 'x',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-2:111111111111:clarion-signals',
    awsRegion: 'eu-west-2',
  };
}

beforeAll(async () => {
  dynamo = await startDynalite({ tableName: 'clarion-handler-test' });
  emulator = createSlackEmulator({ limits: false });
  const { url } = await emulator.listen();
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    CLARION_STATE_TABLE: 'clarion-handler-test',
    CLARION_SIGNAL_QUEUE_URL: QUEUE,
    CLARION_DEAD_LETTER_QUEUE_URL: DLQ,
    CLARION_EVENT_BUS: 'clarion-lifecycle',
    CLARION_CATALOG_DIR: `${ROOT}/alert-catalog`,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: url,
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  ({ handler } = (await import('../../functions/process-signals.ts')) as unknown as { handler: typeof handler });
});

afterAll(async () => {
  process.env = saved;
  await emulator.close();
  await dynamo.close();
});

beforeEach(() => {
  sqs.reset();
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e' }] });
  emulator.clearFaults();
});

describe('Lambda: process-signals (real middy stack, dynalite, Slack emulator, mocked SQS)', () => {
  it('posts each alert once, even when a record is delivered twice in a batch', async () => {
    // Prepare
    const event = sample('nightly-sync-glue-failed.json');

    // Act
    const response = await handler({ Records: [record(event), record(event)] }, context);

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(emulator.messages('#portal-alerts')).toHaveLength(1);
    expect(emulator.messages('#portal-local-offices')).toHaveLength(1);
    const published = eventBridge.commandCalls(PutEventsCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    expect(published.map((e) => e.DetailType)).toEqual(['Clarion Alert Opened']);
  });

  it('fails only the rate-limited record and hides it for the Retry-After time', async () => {
    // Prepare
    emulator.fail({ method: 'chat.postMessage', status: 429, times: 50 });
    const rateLimited = record(sample('release-pipeline-failed.json'));
    const ignored = record({ version: '0', id: 'ignored-1', 'detail-type': 'ECS Task State Change', source: 'aws.ecs', detail: { lastStatus: 'RUNNING' } });

    // Act
    const response = await handler({ Records: [rateLimited, ignored] }, context);

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: rateLimited.messageId }]);
    const visibility = sqs.commandCalls(ChangeMessageVisibilityCommand).map((c) => c.args[0].input);
    expect(visibility).toEqual([{ QueueUrl: QUEUE, ReceiptHandle: rateLimited.receiptHandle, VisibilityTimeout: 1 }]);
  });

  it('delivers the rate-limited record when SQS delivers it again', async () => {
    // Prepare
    const event = sample('monthly-report-batch-failed.json');
    emulator.fail({ method: 'chat.postMessage', status: 429, times: 1 });
    await handler({ Records: [record(event)] }, context);

    // Act
    const response = await handler({ Records: [record(event)] }, context);

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(emulator.messages('#portal-data').filter((m) => m.text.includes('monthly placement report'))).toHaveLength(1);
  });

  it('moves a record Slack refuses for good to the dead-letter queue instead of retrying it', async () => {
    // Prepare
    emulator.fail({ method: 'chat.postMessage', error: 'channel_not_found', times: 50 });
    const doomed = record(sample('backup-failed.json'));

    // Act
    const response = await handler({ Records: [doomed] }, context);

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    const sent = sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input);
    expect(sent).toEqual([
      expect.objectContaining({ QueueUrl: DLQ, MessageBody: doomed.body, MessageAttributes: expect.objectContaining({ ERROR_CODE: { DataType: 'String', StringValue: 'channel_not_found' } }) }),
    ]);
  });

  it('schedules a refresh for the quiet period when an alert resolves', async () => {
    // Prepare
    await handler({ Records: [record(sample('overnight-sync-custom.json'))] }, context);

    // Act
    await handler({ Records: [record(sample('overnight-sync-custom-resolved.json'))] }, context);

    // Assess
    const sent = sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input);
    expect(sent).toEqual([expect.objectContaining({ QueueUrl: QUEUE, DelaySeconds: 600, MessageBody: expect.stringContaining('"clarion":"refresh"') })]);
  });

  it('takes the scheduled summary request EventBridge Scheduler puts on the queue', async () => {
    // Prepare
    const postsBefore = emulator.stats().calls['chat.postMessage'] ?? 0;

    // Act
    const response = await handler({ Records: [record('{"clarion":"summary"}')] }, context);

    // Assess: nothing was held (this stage has no office hours), so nothing is posted and the record succeeds.
    expect(response.batchItemFailures).toEqual([]);
    expect(emulator.stats().calls['chat.postMessage'] ?? 0).toBe(postsBefore);
  });

  it('turns a body that is not JSON into a generic alert rather than failing', async () => {
    // Act
    const response = await handler({ Records: [record('the overnight job said: it broke')] }, context);

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(emulator.messages('#portal-alerts').some((m) => JSON.stringify(m.blocks).includes('it broke'))).toBe(true);
  });
});
