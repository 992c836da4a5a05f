/** @module Local stack (buffer): an in-memory queue with SQS's contract — batches, visibility, delays, partial failures, a DLQ. */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueuePort } from '../adapters/sqs-queue.ts';
import type { RefreshRequest } from '../processor/process-signals.ts';

interface QueuedMessage {
  messageId: string;
  body: string;
  /** When the message can next be received (ms on the queue's clock). */
  visibleAt: number;
  receiveCount: number;
  receiptHandle?: string;
  sentAt: number;
  /** Received and not yet settled (SQS's "in flight"); a message hidden for any other reason is delayed. */
  inFlight: boolean;
  attributes?: Record<string, string>;
}

export interface DeadLetter {
  messageId: string;
  body: string;
  receiveCount: number;
  reason: string;
  attributes?: Record<string, string>;
}

/** What `GET /api/queue` reports, with SQS's meanings. */
export interface QueueCounts {
  /** Visible now, waiting to be received (ApproximateNumberOfMessages). */
  depth: number;
  /** Received and not yet settled (ApproximateNumberOfMessagesNotVisible). */
  inFlight: number;
  /** Sent with a delay, or failed and waiting out a visibility timeout or a requested delay (ApproximateNumberOfMessagesDelayed, broadly). */
  delayed: number;
  deadLetters: number;
}

/** What `settle` did with a batch, so the pump and tests can see a whole-batch failure. */
export interface SettleResult {
  deleted: string[];
  /** Stay on the queue and come back after their visibility timeout (or the delay asked for). */
  retried: string[];
  deadLettered: string[];
  /** Set when the answer named an unknown, missing or empty itemIdentifier: Lambda then fails every record of the batch. */
  wholeBatchFailed?: string;
}

export interface InProcessQueueOptions {
  /** ms; injected so tests and benchmarks can run on simulated time. */
  now?: () => number;
  /** Seconds a received message stays hidden before it is delivered again (SQS default 30). */
  visibilityTimeoutSeconds?: number;
  /** Deliveries before a message moves to the dead-letter queue (the redrive policy); default `MAX_RECEIVE_COUNT`. */
  maxReceiveCount?: number;
  batchSize?: number;
}

/**
 * The signal queue's redrive policy on AWS (`RETRIES` in infra/queue.ts, tested equal): with the
 * processor's backoff, ten receives ride out about 17 minutes of Slack outage, locally as deployed.
 */
export const MAX_RECEIVE_COUNT = 10;

/**
 * The same delivery contract the processor has on AWS: at-least-once, a batch at a time, a
 * failed record comes back after its visibility timeout (or the delay the processor asked for),
 * and after `maxReceiveCount` deliveries it moves to the dead-letter queue, from where
 * `redrive()` moves it back.
 */
export function createInProcessQueue(options: InProcessQueueOptions = {}) {
  const now = options.now ?? Date.now;
  const visibilityMs = (options.visibilityTimeoutSeconds ?? 30) * 1000;
  const maxReceiveCount = options.maxReceiveCount ?? MAX_RECEIVE_COUNT;
  const batchSize = options.batchSize ?? 10;
  let messages: QueuedMessage[] = [];
  const deadLetters: DeadLetter[] = [];
  let sequence = 0;

  function send(body: string, delaySeconds = 0): string {
    sequence += 1;
    const messageId = `local-${sequence.toString().padStart(8, '0')}`;
    messages.push({ messageId, body, visibleAt: now() + delaySeconds * 1000, receiveCount: 0, sentAt: now(), inFlight: false });
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
      message.inFlight = true;
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

  /**
   * Applies a handler's partial-batch answer: successes are deleted, failures wait or go to the DLQ.
   * As Lambda's SQS event source does, an answer naming an id that is not in the batch (or an
   * empty or missing one) fails the whole batch: no record is deleted, each counts its receive.
   */
  function settle(event: SQSEvent, response: SQSBatchResponse | undefined): SettleResult {
    const inBatch = new Set(event.Records.map((r) => r.messageId));
    const listed: unknown = response?.batchItemFailures ?? [];
    const failures = Array.isArray(listed) ? (listed as Array<{ itemIdentifier?: unknown } | null>) : [];
    const wholeBatchFailed = Array.isArray(listed) ? unknownItem(failures, inBatch) : 'the batch answer\'s batchItemFailures is not a list; Lambda fails the whole batch';
    const failed: Set<unknown> = wholeBatchFailed ? inBatch : new Set(failures.map((f) => f?.itemIdentifier));
    const result: SettleResult = { deleted: [], retried: [], deadLettered: [], ...(wholeBatchFailed ? { wholeBatchFailed } : {}) };
    for (const record of event.Records) {
      const index = messages.findIndex((m) => m.messageId === record.messageId);
      if (index === -1) continue;
      const message = messages[index]!;
      message.inFlight = false;
      if (!failed.has(record.messageId)) {
        messages.splice(index, 1);
        result.deleted.push(message.messageId);
      } else if (message.receiveCount >= maxReceiveCount) {
        messages.splice(index, 1);
        deadLetters.push({
          messageId: message.messageId,
          body: message.body,
          receiveCount: message.receiveCount,
          reason: wholeBatchFailed ? `maxReceiveCount reached (${wholeBatchFailed})` : 'maxReceiveCount reached',
        });
        result.deadLettered.push(message.messageId);
      } else {
        result.retried.push(message.messageId);
      }
    }
    return result;
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
    async requeue(body, delaySeconds) {
      send(body, delaySeconds);
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
    /** Messages waiting, delayed or in flight. */
    depth: () => messages.length,
    /** Visible, in flight, delayed and dead, as `GET /api/queue` reports them. */
    counts(): QueueCounts {
      const at = now();
      const counts: QueueCounts = { depth: 0, inFlight: 0, delayed: 0, deadLetters: deadLetters.length };
      for (const message of messages) {
        // A message whose visibility timeout ran out is visible again, even if a handler still holds it (as on SQS).
        if (message.visibleAt <= at) counts.depth += 1;
        else if (message.inFlight) counts.inFlight += 1;
        else counts.delayed += 1;
      }
      return counts;
    },
    /** When the next hidden message becomes visible, or null when the queue is empty. */
    nextVisibleAt: () => (messages.length === 0 ? null : Math.min(...messages.map((m) => m.visibleAt))),
    /** Work a clock advance waits for: messages visible at `atMs` (default now), and those received and not yet settled. */
    dueCount(atMs = now()): number {
      return messages.filter((m) => m.inFlight || m.visibleAt <= atMs).length;
    },
    /**
     * When the next message still hidden at `afterMs` (default now) becomes visible: a delay or a
     * retry running out. Messages in flight are left out: their handler settles them first.
     */
    nextDelayedAt(afterMs = now()): number | null {
      let next: number | null = null;
      for (const m of messages) if (!m.inFlight && m.visibleAt > afterMs && (next === null || m.visibleAt < next)) next = m.visibleAt;
      return next;
    },
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

/** Why Lambda would fail the whole batch for this answer, or undefined when every failure names a record of the batch. */
function unknownItem(failures: Array<{ itemIdentifier?: unknown } | null>, inBatch: Set<string>): string | undefined {
  const bad = failures.find((f) => typeof f?.itemIdentifier !== 'string' || f.itemIdentifier === '' || !inBatch.has(f.itemIdentifier));
  if (bad === undefined) return undefined;
  const id = bad?.itemIdentifier;
  const what = typeof id === 'string' && id !== '' ? `"${id.slice(0, 100)}", which is not in the batch` : 'an empty or missing itemIdentifier';
  return `the batch answer names ${what}; Lambda fails the whole batch`;
}

export type InProcessQueue = ReturnType<typeof createInProcessQueue>;
