/** @module Local stack (buffer): an in-memory queue with SQS's contract — batches, visibility, delays, partial failures, a DLQ. */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueuePort } from '../adapters/sqs-queue.ts';
import type { RefreshRequest } from '../pipeline/process-signals.ts';

interface QueuedMessage {
  messageId: string;
  body: string;
  /** When the message can next be received (ms on the queue's clock). */
  visibleAt: number;
  receiveCount: number;
  receiptHandle?: string;
  sentAt: number;
  attributes?: Record<string, string>;
}

export interface DeadLetter {
  messageId: string;
  body: string;
  receiveCount: number;
  reason: string;
  attributes?: Record<string, string>;
}

export interface InProcessQueueOptions {
  /** ms; injected so tests and benchmarks can run on simulated time. */
  now?: () => number;
  /** Seconds a received message stays hidden before it is delivered again (SQS default 30). */
  visibilityTimeoutSeconds?: number;
  /** Deliveries before a message moves to the dead-letter queue (the redrive policy). */
  maxReceiveCount?: number;
  batchSize?: number;
}

/**
 * The same delivery contract the processor has on AWS: at-least-once, a batch at a time, a
 * failed record comes back after its visibility timeout (or the delay the processor asked for),
 * and after `maxReceiveCount` deliveries it moves to the dead-letter queue, from where
 * `redrive()` moves it back.
 */
export function createInProcessQueue(options: InProcessQueueOptions = {}) {
  const now = options.now ?? Date.now;
  const visibilityMs = (options.visibilityTimeoutSeconds ?? 30) * 1000;
  const maxReceiveCount = options.maxReceiveCount ?? 5;
  const batchSize = options.batchSize ?? 10;
  let messages: QueuedMessage[] = [];
  const deadLetters: DeadLetter[] = [];
  let sequence = 0;

  function send(body: string, delaySeconds = 0): string {
    sequence += 1;
    const messageId = `local-${sequence.toString().padStart(8, '0')}`;
    messages.push({ messageId, body, visibleAt: now() + delaySeconds * 1000, receiveCount: 0, sentAt: now() });
    return messageId;
  }

  /** Takes up to one batch of visible messages, as an SQS event the Lambda handler accepts. */
  function receive(max = batchSize): SQSEvent | null {
    const at = now();
    const batch: SQSRecord[] = [];
    for (const message of messages) {
      if (batch.length >= max) break;
      if (message.visibleAt > at) continue;
      message.receiveCount += 1;
      message.visibleAt = at + visibilityMs;
      message.receiptHandle = `${message.messageId}#${message.receiveCount}`;
      batch.push({
        messageId: message.messageId,
        receiptHandle: message.receiptHandle,
        body: message.body,
        attributes: {
          ApproximateReceiveCount: String(message.receiveCount),
          SentTimestamp: String(message.sentAt),
          SenderId: 'clarion-local',
          ApproximateFirstReceiveTimestamp: String(at),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:local:000000000000:clarion-signals',
        awsRegion: 'local',
      });
    }
    return batch.length > 0 ? { Records: batch } : null;
  }

  /** Applies a handler's partial-batch answer: successes are deleted, failures wait or go to the DLQ. */
  function settle(event: SQSEvent, response: SQSBatchResponse | undefined): void {
    const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    for (const record of event.Records) {
      const index = messages.findIndex((m) => m.messageId === record.messageId);
      if (index === -1) continue;
      const message = messages[index]!;
      if (!failed.has(record.messageId)) {
        messages.splice(index, 1);
      } else if (message.receiveCount >= maxReceiveCount) {
        messages.splice(index, 1);
        deadLetters.push({ messageId: message.messageId, body: message.body, receiveCount: message.receiveCount, reason: 'maxReceiveCount reached' });
      }
    }
  }

  /** The port the processor uses, backed by this queue. */
  const port: QueuePort = {
    async delay(receiptHandle, seconds) {
      const message = messages.find((m) => m.receiptHandle === receiptHandle);
      if (message) message.visibleAt = now() + seconds * 1000;
    },
    async scheduleRefresh(request: RefreshRequest, delaySeconds) {
      send(JSON.stringify(request), delaySeconds);
    },
    async deadLetter(body, reason) {
      sequence += 1;
      deadLetters.push({
        messageId: `local-dlq-${sequence}`,
        body,
        receiveCount: 1,
        reason: `${reason.code}: ${reason.message}`,
        attributes: { ERROR_CODE: reason.code },
      });
    },
  };

  return {
    send,
    receive,
    settle,
    port,
    /** Messages waiting or in flight. */
    depth: () => messages.length,
    /** When the next hidden message becomes visible, or null when the queue is empty. */
    nextVisibleAt: () => (messages.length === 0 ? null : Math.min(...messages.map((m) => m.visibleAt))),
    deadLetters: (): readonly DeadLetter[] => deadLetters,
    /** Moves every dead letter back onto the queue; returns how many moved. */
    redrive(): number {
      const moved = deadLetters.splice(0, deadLetters.length);
      for (const letter of moved) send(letter.body);
      return moved.length;
    },
    clear(): void {
      messages = [];
    },
  };
}

export type InProcessQueue = ReturnType<typeof createInProcessQueue>;
