/** @module Adapter (buffer): the signal queue and its dead-letter queue on SQS — delays, refreshes, poison records. */
import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { RefreshRequest } from '../processor/process-signals.ts';

/** What the processor asks of its queue. The local stack implements the same contract in memory. */
export interface QueuePort {
  /** Keeps a failed message hidden this long before SQS delivers it again (Slack's Retry-After). */
  delay(receiptHandle: string, seconds: number): Promise<void>;
  /** Puts a refresh request on the queue, delivered after `delaySeconds` (SQS allows up to 900). */
  scheduleRefresh(request: RefreshRequest, delaySeconds: number): Promise<void>;
  /**
   * Sends a message to the queue as a new one, after `delaySeconds`: a record not even started
   * (the invocation ran out of time), so it does not use up a receive of the redrive policy, or
   * an event that reached the processor by a direct invocation (an alarm's Lambda action).
   */
  requeue(body: string, delaySeconds: number): Promise<void>;
  /** Moves a message that can never succeed straight to the dead-letter queue, with why. */
  deadLetter(body: string, reason: { code: string; message: string; alertKey?: string }): Promise<void>;
}

/** SQS caps visibility timeouts at 12 hours and message delays at 15 minutes. */
const MAX_VISIBILITY_SECONDS = 12 * 3600;
const MAX_DELAY_SECONDS = 900;

/** `client` defaults to one configured from the environment (the Lambda's region and role). */
export function createSqsQueue(options: { client?: SQSClient; queueUrl: string; deadLetterQueueUrl: string }): QueuePort {
  const client = options.client ?? new SQSClient({});
  return {
    async delay(receiptHandle, seconds) {
      const VisibilityTimeout = Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, Math.ceil(seconds)));
      await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: options.queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout }));
    },
    async scheduleRefresh(request, delaySeconds) {
      const DelaySeconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delaySeconds)));
      await client.send(new SendMessageCommand({ QueueUrl: options.queueUrl, MessageBody: JSON.stringify(request), DelaySeconds }));
    },
    async requeue(body, delaySeconds) {
      const DelaySeconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delaySeconds)));
      await client.send(new SendMessageCommand({ QueueUrl: options.queueUrl, MessageBody: body, DelaySeconds }));
    },
    async deadLetter(body, reason) {
      await client.send(
        new SendMessageCommand({
          QueueUrl: options.deadLetterQueueUrl,
          MessageBody: body,
          MessageAttributes: {
            ERROR_CODE: { DataType: 'String', StringValue: reason.code || 'unknown' },
            ERROR_MESSAGE: { DataType: 'String', StringValue: (reason.message || 'unknown').slice(0, 1000) },
            ...(reason.alertKey ? { ALERT_KEY: { DataType: 'String', StringValue: reason.alertKey.slice(0, 1000) } } : {}),
          },
        }),
      );
    },
  };
}
