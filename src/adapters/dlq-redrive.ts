/** @module Adapter (operations): reads the dead-letter queue without consuming it, and moves its messages back to the signal queue. */
import { GetQueueAttributesCommand, ListMessageMoveTasksCommand, ReceiveMessageCommand, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { ClarionError } from '../core/clarion-error.ts';

/*
 * Three things put messages in the dead-letter queue, and each says why differently:
 *   - SQS, after `maxReceiveCount` failed receives: no attributes; the processor's logs have it.
 *   - the processor, for a record Slack refused for good: ERROR_CODE, ERROR_MESSAGE (and ALERT_KEY).
 *   - EventBridge, for an event it could not deliver: RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE.
 */

export interface DeadLetter {
  messageId: string;
  /** Who put it there, as far as the attributes tell. */
  origin: 'processor' | 'eventbridge' | 'retries-exhausted';
  errorCode?: string;
  errorMessage?: string;
  ruleArn?: string;
  alertKey?: string;
  /** When it was first sent (ISO 8601), from SQS's SentTimestamp. */
  sentAt?: string;
  /** How often it has been received, including this listing (SQS counts every receive). */
  receiveCount?: number;
  body: string;
}

export class DeadLetterQueueError extends ClarionError {}

function attribute(message: Message, name: string): string | undefined {
  return message.MessageAttributes?.[name]?.StringValue ?? undefined;
}

export function describeDeadLetter(message: Message): DeadLetter {
  const ruleArn = attribute(message, 'RULE_ARN');
  const errorCode = attribute(message, 'ERROR_CODE');
  const errorMessage = attribute(message, 'ERROR_MESSAGE');
  const alertKey = attribute(message, 'ALERT_KEY');
  const sent = Number(message.Attributes?.SentTimestamp);
  const received = Number(message.Attributes?.ApproximateReceiveCount);
  return {
    messageId: message.MessageId ?? '(no id)',
    origin: ruleArn ? 'eventbridge' : errorCode ? 'processor' : 'retries-exhausted',
    ...(errorCode ? { errorCode } : {}),
    ...(errorMessage ? { errorMessage } : {}),
    ...(ruleArn ? { ruleArn } : {}),
    ...(alertKey ? { alertKey } : {}),
    ...(Number.isFinite(sent) && sent > 0 ? { sentAt: new Date(sent).toISOString() } : {}),
    ...(Number.isFinite(received) && received > 0 ? { receiveCount: received } : {}),
    body: message.Body ?? '',
  };
}

/**
 * Up to `max` dead letters, left where they are: every receive uses a visibility timeout of 0, so
 * the messages stay visible to the processor's redrive and to the next listing. SQS returns a
 * sample of at most 10 per call, so it asks a few times and keeps the distinct ones.
 */
export async function peekDeadLetters(options: { client: SQSClient; queueUrl: string; max?: number; attempts?: number }): Promise<DeadLetter[]> {
  const max = options.max ?? 50;
  const attempts = options.attempts ?? Math.max(3, Math.ceil(max / 10) * 2);
  const seen = new Map<string, DeadLetter>();
  for (let i = 0; i < attempts && seen.size < max; i += 1) {
    let messages: Message[];
    try {
      const result = await options.client.send(
        new ReceiveMessageCommand({
          QueueUrl: options.queueUrl,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 0,
          WaitTimeSeconds: i === 0 ? 1 : 0,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
        }),
      );
      messages = result.Messages ?? [];
    } catch (error) {
      throw new DeadLetterQueueError(`could not read ${options.queueUrl}: ${(error as Error).message}`, { cause: error });
    }
    if (messages.length === 0) break;
    for (const message of messages) {
      if (seen.size >= max) break;
      const letter = describeDeadLetter(message);
      if (!seen.has(letter.messageId)) seen.set(letter.messageId, letter);
    }
  }
  return [...seen.values()];
}

export async function queueArn(client: SQSClient, queueUrl: string): Promise<string> {
  try {
    const result = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
    const arn = result.Attributes?.QueueArn;
    if (!arn) throw new Error('no QueueArn in the answer');
    return arn;
  } catch (error) {
    throw new DeadLetterQueueError(`could not find queue ${queueUrl}: ${(error as Error).message}`, { cause: error });
  }
}

export interface MoveProgress {
  status: string;
  moved: number;
  toMove?: number;
  failureReason?: string;
}

/**
 * Starts an SQS message move task from the dead-letter queue to the signal queue. The
 * destination is always given: messages EventBridge or the processor put in the DLQ directly
 * have no "original source queue" for SQS to send them back to.
 */
export async function startRedrive(options: { client: SQSClient; sourceArn: string; destinationArn: string; maxPerSecond?: number }): Promise<string | undefined> {
  try {
    const result = await options.client.send(
      new StartMessageMoveTaskCommand({
        SourceArn: options.sourceArn,
        DestinationArn: options.destinationArn,
        ...(options.maxPerSecond ? { MaxNumberOfMessagesPerSecond: options.maxPerSecond } : {}),
      }),
    );
    return result.TaskHandle;
  } catch (error) {
    throw new DeadLetterQueueError(`could not start moving messages from ${options.sourceArn}: ${(error as Error).message}`, { cause: error });
  }
}

const FINISHED = new Set(['COMPLETED', 'CANCELLED', 'FAILED']);

/** Polls ListMessageMoveTasks until the task finishes, reporting progress at each poll. */
export async function waitForRedrive(options: {
  client: SQSClient;
  sourceArn: string;
  taskHandle?: string;
  onProgress?: (progress: MoveProgress) => void;
  sleep?: (ms: number) => Promise<void>;
  pollMs?: number;
  maxPolls?: number;
}): Promise<MoveProgress> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxPolls = options.maxPolls ?? 720;
  let last: MoveProgress = { status: 'UNKNOWN', moved: 0 };
  for (let poll = 0; poll < maxPolls; poll += 1) {
    let tasks;
    try {
      tasks = (await options.client.send(new ListMessageMoveTasksCommand({ SourceArn: options.sourceArn, MaxResults: 10 }))).Results ?? [];
    } catch (error) {
      throw new DeadLetterQueueError(`could not read the progress of the move: ${(error as Error).message}`, { cause: error });
    }
    // Only running tasks carry their handle; the newest task is listed first.
    const task = tasks.find((t) => options.taskHandle && t.TaskHandle === options.taskHandle) ?? tasks[0];
    if (task) {
      last = {
        status: task.Status ?? 'UNKNOWN',
        moved: task.ApproximateNumberOfMessagesMoved ?? 0,
        ...(task.ApproximateNumberOfMessagesToMove !== undefined ? { toMove: task.ApproximateNumberOfMessagesToMove } : {}),
        ...(task.FailureReason ? { failureReason: task.FailureReason } : {}),
      };
      options.onProgress?.(last);
      if (FINISHED.has(last.status)) return last;
    }
    await sleep(options.pollMs ?? 2000);
  }
  return last;
}

/** The region in an SQS queue URL (`https://sqs.<region>.amazonaws.com/…`), so the client needs no AWS_REGION. */
export function regionOfQueueUrl(queueUrl: string): string | undefined {
  return /^https:\/\/sqs[.-]([a-z0-9-]+)\.amazonaws\.com(\.cn)?\//.exec(queueUrl)?.[1];
}
