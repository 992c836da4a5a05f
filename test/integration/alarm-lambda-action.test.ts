// A CloudWatch alarm may name the processor as its Lambda action: the handler puts what it is sent onto the signal queue, and processes it from there like every other source.
import path from 'node:path';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProcessorHandler } from '../../functions/process-signals.ts';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import { createSqsQueue } from '../../src/adapters/sqs-queue.ts';
import type { QueuePort } from '../../src/adapters/sqs-queue.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import { createInProcessQueue } from '../../src/local/in-process-queue.ts';
import type { InProcessQueue } from '../../src/local/in-process-queue.ts';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import type { SlackEmulator } from '../../src/local/slack-emulator.ts';
import { createMemoryState } from '../../src/state/memory-state.ts';
import { allText, ROOT, sample } from './harness.ts';

const sqs = mockClient(SQSClient);
const QUEUE_URL = 'https://sqs.eu-west-2.amazonaws.com/111111111111/clarion-signals';

let emulator: SlackEmulator;
let slackApiUrl: string;
let runtime: CatalogRuntime;
let queue: InProcessQueue;

const context = { functionName: 'clarion-processor', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

/** The payload CloudWatch sends an alarm's Lambda action (no EventBridge envelope): the shipped database-storage sample. */
const alarmAction = () => sample('db-storage-alarm.json');

function processorOver(queuePort: QueuePort) {
  return createProcessorHandler({
    wiring: async () => ({
      settings: {},
      ports: {
        runtime: () => runtime,
        state: createMemoryState(),
        slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl }),
        queue: queuePort,
        now: () => new Date('2026-11-22T03:13:00Z'),
      },
    }),
    telemetry: { log: { info() {}, warn() {}, error() {} } },
    earlyTimeout: false,
  });
}

beforeAll(async () => {
  runtime = (await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).runtime;
  emulator = createSlackEmulator({ limits: false });
  slackApiUrl = (await emulator.listen()).url;
});
afterAll(() => emulator.close());

beforeEach(() => {
  emulator.reset();
  sqs.reset();
  queue = createInProcessQueue();
});

describe('processor handler: an alarm’s Lambda action', () => {
  it('puts the payload on the signal queue as it came, and posts nothing itself', async () => {
    // Prepare
    const handler = processorOver(queue.port);

    // Act
    const answer = await handler(alarmAction(), context);

    // Assess
    expect(answer).toEqual({ batchItemFailures: [] });
    const queued = queue.receive();
    expect(queued?.Records.map((r) => JSON.parse(r.body) as unknown)).toEqual([alarmAction()]);
    expect(emulator.messages('#portal-alerts')).toEqual([]);
  });

  it('posts the alarm to Slack when the queued payload comes back as a batch', async () => {
    // Prepare
    const handler = processorOver(queue.port);
    await handler(alarmAction(), context);
    const batch = queue.receive()!;

    // Act
    const answer = (await handler(batch, context)) as SQSBatchResponse;

    // Assess
    expect(answer.batchItemFailures).toEqual([]);
    expect(queue.settle(batch, answer).deleted).toEqual([batch.Records[0]!.messageId]);
    const [posted] = emulator.messages('#portal-alerts');
    expect(allText(posted!)).toContain('The portal database is running out of space');
  });

  it('queues an SNS notification invoked directly too, instead of reading it as an SQS batch', async () => {
    // Prepare
    const handler = processorOver(queue.port);
    const notification = sample('app-down-alarm-sns.json');

    // Act
    await handler(notification, context);

    // Assess
    expect(queue.receive()?.Records.map((r) => JSON.parse(r.body) as unknown)).toEqual([notification]);
  });

  it('sends the payload to SQS at once, on the queue the processor reads', async () => {
    // Prepare
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const handler = processorOver(createSqsQueue({ client: new SQSClient({ region: 'eu-west-2' }), queueUrl: QUEUE_URL, deadLetterQueueUrl: `${QUEUE_URL}-dlq` }));

    // Act
    await handler(alarmAction(), context);

    // Assess
    expect(sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input)).toEqual([{ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify(alarmAction()), DelaySeconds: 0 }]);
  });

  it('fails the invocation when SQS refuses the send, so CloudWatch invokes it again', async () => {
    // Prepare
    sqs.on(SendMessageCommand).rejects(new Error('AWS.SimpleQueueService.NonExistentQueue'));
    const handler = processorOver(createSqsQueue({ client: new SQSClient({ region: 'eu-west-2' }), queueUrl: QUEUE_URL, deadLetterQueueUrl: `${QUEUE_URL}-dlq` }));

    // Act
    const invocation = handler(alarmAction(), context);

    // Assess
    await expect(invocation).rejects.toThrow(/NonExistentQueue/);
    expect(emulator.messages('#portal-alerts')).toEqual([]);
  });
});
