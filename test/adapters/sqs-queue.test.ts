import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSqsQueue } from '../../src/adapters/sqs-queue.ts';
import { ConfigError, InteractionsConfig, ProcessorConfig, readConfig } from '../../src/adapters/lambda-config.ts';

const sqs = mockClient(SQSClient);
const queue = createSqsQueue({ client: new SQSClient({ region: 'eu-west-2' }), queueUrl: 'https://sqs/q', deadLetterQueueUrl: 'https://sqs/dlq' });

beforeEach(() => sqs.reset());

describe('Adapter: SQS signal queue', () => {
  it('hides a failed message for the retry-after time, within SQS limits', async () => {
    // Act
    await queue.delay('rh-1', 1.2);
    await queue.delay('rh-2', 1e9);

    // Assess
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((c) => c.args[0].input.VisibilityTimeout)).toEqual([2, 43200]);
  });

  it('schedules a refresh with a delay of at most 15 minutes', async () => {
    // Act
    await queue.scheduleRefresh({ clarion: 'refresh', alertKey: 'k', reason: 'quiet-period' }, 1800);

    // Assess
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: 'https://sqs/q',
      MessageBody: '{"clarion":"refresh","alertKey":"k","reason":"quiet-period"}',
      DelaySeconds: 900,
    });
  });

  it('sends a record back to the queue as a new message after a delay', async () => {
    // Act
    await queue.requeue('{"id":"e1"}', 0.4);

    // Assess
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({ QueueUrl: 'https://sqs/q', MessageBody: '{"id":"e1"}', DelaySeconds: 1 });
  });

  it('sends a message that can never succeed to the dead-letter queue with its reason', async () => {
    // Act
    await queue.deadLetter('{"id":"e1"}', { code: 'channel_not_found', message: 'no such channel', alertKey: 'a|b' });

    // Assess
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: 'https://sqs/dlq',
      MessageBody: '{"id":"e1"}',
      MessageAttributes: {
        ERROR_CODE: { DataType: 'String', StringValue: 'channel_not_found' },
        ERROR_MESSAGE: { DataType: 'String', StringValue: 'no such channel' },
        ALERT_KEY: { DataType: 'String', StringValue: 'a|b' },
      },
    });
  });

  it('sends through a client of its own when none is given', async () => {
    // Prepare
    const own = createSqsQueue({ queueUrl: 'https://sqs/q', deadLetterQueueUrl: 'https://sqs/dlq' });

    // Act
    await own.delay('rh-1', 5);

    // Assess
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)[0]?.args[0].input).toEqual({ QueueUrl: 'https://sqs/q', ReceiptHandle: 'rh-1', VisibilityTimeout: 5 });
  });
});

describe('Adapter: Lambda settings', () => {
  it('reads a complete processor configuration with defaults', () => {
    // Act
    const config = readConfig(ProcessorConfig, {
      CLARION_STATE_TABLE: 't',
      CLARION_SIGNAL_QUEUE_URL: 'https://sqs/q',
      CLARION_DEAD_LETTER_QUEUE_URL: 'https://sqs/dlq',
      SLACK_BOT_TOKEN: 'xoxb-secret',
    });

    // Assess
    expect(config.CLARION_CATALOG_DIR).toBe('alert-catalog');
  });

  it('names every missing setting and never prints a value', () => {
    // Act
    const attempt = () => readConfig(InteractionsConfig, { CLARION_STATE_TABLE: 't', SLACK_BOT_TOKEN: 'xoxb-secret-value' });

    // Assess
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/SLACK_SIGNING_SECRET/);
    expect(attempt).not.toThrow(/xoxb-secret-value/);
  });
});
