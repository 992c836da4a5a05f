import { GetQueueAttributesCommand, ListMessageMoveTasksCommand, ReceiveMessageCommand, SQSClient, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { runDlq } from '../../src/cli/dlq-command.ts';
import type { SqsDeps } from '../../src/cli/dlq-command.ts';
import type { CliOptions } from '../../src/cli/main.ts';
import { runRedrive } from '../../src/cli/redrive-command.ts';

const sqs = mockClient(SQSClient);
const QUEUE_URL = 'https://sqs.eu-west-2.amazonaws.com/111111111111/clarion-prod-SignalQueue';
const DLQ_URL = 'https://sqs.eu-west-2.amazonaws.com/111111111111/clarion-prod-DeadLetterQueue';
const QUEUE_ARN = 'arn:aws:sqs:eu-west-2:111111111111:clarion-prod-SignalQueue';
const DLQ_ARN = 'arn:aws:sqs:eu-west-2:111111111111:clarion-prod-DeadLetterQueue';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), cwd: process.cwd() } };
}

const options = (values: Partial<CliOptions>) => ({ catalog: 'alert-catalog', strict: false, json: false, help: false, detach: false, ...values }) as CliOptions;
const regions: Array<string | undefined> = [];
const deps = (env: Record<string, string> = {}): SqsDeps & { sleep: () => Promise<void> } => ({
  sqs: (region) => {
    regions.push(region);
    return new SQSClient({ region: region ?? 'eu-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  },
  env,
  sleep: async () => {},
});

const slackRefused = {
  MessageId: 'm-1',
  Body: '{"detail-type":"CloudWatch Alarm State Change"}',
  Attributes: { SentTimestamp: '1795338845000', ApproximateReceiveCount: '2' },
  MessageAttributes: {
    ERROR_CODE: { DataType: 'String', StringValue: 'channel_not_found' },
    ERROR_MESSAGE: { DataType: 'String', StringValue: 'Slack: channel_not_found' },
    ALERT_KEY: { DataType: 'String', StringValue: 'portal.app-down|web' },
  },
};
const notDelivered = {
  MessageId: 'm-2',
  Body: '{"detail-type":"ECS Task State Change"}',
  MessageAttributes: {
    RULE_ARN: { DataType: 'String', StringValue: 'arn:aws:events:eu-west-2:111111111111:rule/clarion-prod-EcsTasksStoppedRule' },
    ERROR_CODE: { DataType: 'String', StringValue: 'NO_PERMISSIONS' },
    ERROR_MESSAGE: { DataType: 'String', StringValue: 'Access denied' },
  },
};

beforeEach(() => {
  sqs.reset();
  regions.length = 0;
});

describe('CLI: clarion dlq', () => {
  it('lists each dead letter with the reason the processor or EventBridge gave', async () => {
    sqs.on(ReceiveMessageCommand).resolvesOnce({ Messages: [slackRefused, notDelivered] }).resolves({ Messages: [] });
    const { out, io } = capture();

    const code = await runDlq(options({ 'dlq-url': DLQ_URL }), io, deps());

    expect(code).toBe(0);
    expect(out.stdout).toContain('2 messages in the dead-letter queue');
    expect(out.stdout).toContain('Slack refused it for good: channel_not_found Slack: channel_not_found');
    expect(out.stdout).toContain('EventBridge could not deliver it (rule arn:aws:events:eu-west-2:111111111111:rule/clarion-prod-EcsTasksStoppedRule): NO_PERMISSIONS Access denied');
    expect(out.stdout).toContain('alert portal.app-down|web');
  });

  it('reads with a visibility timeout of 0 so nothing is taken out of the queue', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [] });

    await runDlq(options({ 'dlq-url': DLQ_URL }), capture().io, deps());

    const input = sqs.commandCalls(ReceiveMessageCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ QueueUrl: DLQ_URL, VisibilityTimeout: 0, MessageAttributeNames: ['All'], MaxNumberOfMessages: 10 });
  });

  it('lists a message SQS returns twice only once', async () => {
    sqs.on(ReceiveMessageCommand).resolvesOnce({ Messages: [slackRefused] }).resolvesOnce({ Messages: [slackRefused, notDelivered] }).resolves({ Messages: [] });
    const { out, io } = capture();

    await runDlq(options({ 'dlq-url': DLQ_URL, json: true }), io, deps());

    expect((JSON.parse(out.stdout) as Array<{ messageId: string; origin: string }>).map((l) => [l.messageId, l.origin])).toEqual([
      ['m-1', 'processor'],
      ['m-2', 'eventbridge'],
    ]);
  });

  it('takes the queue URL from CLARION_DEAD_LETTER_QUEUE_URL and the region from the URL', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [] });
    const { out, io } = capture();

    const code = await runDlq(options({}), io, deps({ CLARION_DEAD_LETTER_QUEUE_URL: DLQ_URL }));

    expect(code).toBe(0);
    expect(out.stdout).toBe('The dead-letter queue is empty.\n');
    expect(regions).toEqual(['eu-west-2']);
  });

  it('asks for a queue URL when none is given', async () => {
    const run = runDlq(options({}), capture().io, deps());

    await expect(run).rejects.toThrow(/--dlq-url/);
  });

  it('says why it could not read the queue and exits 1', async () => {
    sqs.on(ReceiveMessageCommand).rejects(new Error('AccessDenied'));
    const { out, io } = capture();

    const code = await runDlq(options({ 'dlq-url': DLQ_URL }), io, deps());

    expect(code).toBe(1);
    expect(out.stderr).toContain('could not read');
  });
});

describe('CLI: clarion redrive', () => {
  beforeEach(() => {
    sqs.on(GetQueueAttributesCommand, { QueueUrl: DLQ_URL }).resolves({ Attributes: { QueueArn: DLQ_ARN } });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: QUEUE_URL }).resolves({ Attributes: { QueueArn: QUEUE_ARN } });
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });
  });

  it('moves the dead letters to the signal queue and reports how many moved', async () => {
    sqs
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [{ TaskHandle: 'task-1', Status: 'RUNNING', ApproximateNumberOfMessagesMoved: 1, ApproximateNumberOfMessagesToMove: 3 }] })
      .resolves({ Results: [{ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 3, ApproximateNumberOfMessagesToMove: 3 }] });
    const { out, io } = capture();

    const code = await runRedrive(options({ 'dlq-url': DLQ_URL, 'queue-url': QUEUE_URL }), io, deps());

    expect(code).toBe(0);
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)[0]!.args[0].input).toEqual({ SourceArn: DLQ_ARN, DestinationArn: QUEUE_ARN });
    expect(out.stderr).toContain('RUNNING: 1 of 3 moved');
    expect(out.stdout).toBe('Done: 3 messages moved back to the signal queue.\n');
  });

  it('exits 1 with the reason when the move task fails', async () => {
    sqs.on(ListMessageMoveTasksCommand).resolves({ Results: [{ Status: 'FAILED', ApproximateNumberOfMessagesMoved: 0, FailureReason: 'AccessDenied' }] });
    const { out, io } = capture();

    const code = await runRedrive(options({ 'dlq-url': DLQ_URL, 'queue-url': QUEUE_URL }), io, deps());

    expect(code).toBe(1);
    expect(out.stderr).toContain('FAILED: 0 moved — AccessDenied');
  });

  it('passes the rate limit on and returns at once with --detach', async () => {
    const { out, io } = capture();

    const code = await runRedrive(options({ 'dlq-url': DLQ_URL, 'queue-url': QUEUE_URL, 'max-per-second': '5', detach: true }), io, deps());

    expect(code).toBe(0);
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)[0]!.args[0].input).toMatchObject({ MaxNumberOfMessagesPerSecond: 5 });
    expect(sqs.commandCalls(ListMessageMoveTasksCommand)).toHaveLength(0);
    expect(out.stdout).toContain('task task-1');
  });

  it('takes both queue URLs from the environment', async () => {
    sqs.on(ListMessageMoveTasksCommand).resolves({ Results: [{ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 1 }] });

    const code = await runRedrive(options({}), capture().io, deps({ CLARION_DEAD_LETTER_QUEUE_URL: DLQ_URL, CLARION_SIGNAL_QUEUE_URL: QUEUE_URL }));

    expect(code).toBe(0);
  });

  it('asks for the signal queue URL when none is given', async () => {
    const run = runRedrive(options({ 'dlq-url': DLQ_URL }), capture().io, deps());

    await expect(run).rejects.toThrow(/--queue-url/);
  });

  it('refuses a rate outside what SQS accepts', async () => {
    const run = runRedrive(options({ 'dlq-url': DLQ_URL, 'queue-url': QUEUE_URL, 'max-per-second': '0' }), capture().io, deps());

    await expect(run).rejects.toThrow(/--max-per-second/);
  });
});
