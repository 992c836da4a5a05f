/** @module Adapter (buffer → processor): runs an SQS batch through the processor with per-record partial failures. */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { StatePort } from '../state/state-port.ts';
import { DeliveryError } from '../core/delivery-error.ts';
import { isRefreshRequest } from '../processor/process-signals.ts';
import type { Processor, SignalResult } from '../processor/process-signals.ts';
import type { QueuePort } from './sqs-queue.ts';
import { ClarionError } from '../core/clarion-error.ts';

export interface BatchLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface SignalBatchDeps {
  processor: Processor;
  queue: QueuePort;
  state: StatePort;
  log: BatchLog;
  count?: (metric: 'RateLimited' | 'DeliveryFailures' | 'DeadLettered' | 'LeftForLater', value?: number) => void;
  /**
   * No new record is started with less than this much of the invocation left (ms): a record whose
   * Slack calls hang can take the client's timeout twice per call, and a Lambda killed mid-record
   * leaves its batch to come back only after the visibility timeout. Default 20 s.
   */
  reserveMs?: number;
}

/** A record not started because the invocation was running out of time; SQS delivers it again at once. */
export class OutOfTimeError extends ClarionError {
  readonly retryAfterSeconds = 1;

  constructor(messageId: string, remainingMs: number, options?: { cause?: unknown }) {
    super(`record ${messageId} left for the next invocation: ${Math.round(remainingMs / 1000)} s of this one left`, options);
  }
}

const DEFAULT_RESERVE_MS = 20_000;

/**
 * How long SQS hides a failed record before delivering it again: Slack's Retry-After (or a claim
 * running out) when there is one, otherwise a backoff on the receive count — 10 s, 20 s, 40 s …
 * up to 3 minutes — so ten receives (the redrive policy) ride out an outage of about 17 minutes
 * before a record is dead-lettered, and a record comes back within 3 minutes of Slack recovering.
 */
export function retryDelaySeconds(error: unknown, receiveCount: number): number {
  const asked = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  if (typeof asked === 'number' && Number.isFinite(asked) && asked >= 0) return Math.max(1, Math.ceil(asked));
  return Math.min(180, 10 * 2 ** Math.max(0, Math.min(10, receiveCount - 1)));
}

/**
 * Whether Lambda's SQS event source sent this: a batch of records, each with the receipt handle
 * and body SQS gives. Anything else reached the processor by a direct invocation (an alarm's
 * Lambda action, SNS, a test invoke), which has no receipt handles to delay or fail.
 */
export function isSqsEvent(event: unknown): event is SQSEvent {
  const records = (event as { Records?: unknown } | null | undefined)?.Records;
  return (
    Array.isArray(records) &&
    records.length > 0 &&
    records.every((record: unknown) => {
      const r = record as { receiptHandle?: unknown; body?: unknown; eventSource?: unknown } | null;
      return typeof r?.receiptHandle === 'string' && typeof r.body === 'string' && (r.eventSource === undefined || r.eventSource === 'aws:sqs');
    })
  );
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/**
 * Records run one at a time, in order: a storm is grouped as it arrives and posts to one channel
 * stay paced. A retryable failure (429, 5xx, network) fails only its record, hidden for Slack's
 * Retry-After; a final one (`ok:false`) goes straight to the dead-letter queue with its reason,
 * because retrying cannot fix it. Storm group messages are flushed once at the end of the batch.
 */
/** What a record is about, for the people reading the logs: the refresh and its alert, or the event's source and type. */
export function describeBody(body: unknown): string {
  if (isRefreshRequest(body)) {
    const target = 'alertKey' in body ? body.alertKey : 'groupKey' in body ? body.groupKey : 'windowId' in body ? `${body.windowId} ${body.phase}` : 'id' in body ? `${body.id} ${body.change}` : 'key' in body ? body.key : body.clarion === 'recap' ? `due ${body.dueAt}` : 'run' in body ? `run ${body.run}` : (body.trigger ?? 'on request');
    return `${body.clarion} ${target}`;
  }
  if (typeof body !== 'object' || body === null) return 'text';
  const event = body as Record<string, unknown>;
  // Cut: one hostile field must not put hundreds of KB into every log line about the record.
  const cut = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);
  const source = typeof event['source'] === 'string' ? cut(event['source']) : undefined;
  const type = typeof event['detail-type'] === 'string' ? cut(event['detail-type']) : typeof event['Type'] === 'string' ? `SNS ${cut(event['Type'])}` : undefined;
  return [source, type].filter(Boolean).join(' / ') || 'event';
}

export function createSignalBatchRunner(deps: SignalBatchDeps) {
  const count = deps.count ?? (() => {});
  return async function runSignalBatch(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
    const results = new Map<string, SignalResult[]>();
    const reserveMs = deps.reserveMs ?? DEFAULT_RESERVE_MS;
    const recordHandler = async (record: SQSRecord) => {
      const body = parseBody(record.body);
      const remainingMs = context.getRemainingTimeInMillis();
      if (remainingMs < reserveMs) {
        count('LeftForLater');
        // Sent again as a new message rather than failed: a record that was never tried must not
        // use up one of its ten receives (a long Slack outage would dead-letter it untried).
        try {
          await deps.queue.requeue(record.body, 1);
          return;
        } catch (error) {
          await deps.queue.delay(record.receiptHandle, 1);
          throw new OutOfTimeError(record.messageId, remainingMs, { cause: error });
        }
      }
      try {
        // The whole record goes in, so its messageId can stand in for events that carry no id.
        results.set(record.messageId, await deps.processor.processMessage(isRefreshRequest(body) ? body : { Records: [record] }));
      } catch (error) {
        if (error instanceof DeliveryError && !error.retryable) {
          count('DeadLettered');
          deps.log.error('delivery failed for good; moved to the dead-letter queue', { messageId: record.messageId, about: describeBody(body), code: error.code, error: error.message });
          await deps.queue.deadLetter(record.body, { code: error.code, message: error.message });
          return;
        }
        count('DeliveryFailures');
        if (error instanceof DeliveryError && error.kind === 'rate-limited') count('RateLimited');
        const receives = Number(record.attributes?.ApproximateReceiveCount ?? 1) || 1;
        const delaySeconds = retryDelaySeconds(error, receives);
        await deps.queue.delay(record.receiptHandle, delaySeconds);
        deps.log.warn('record failed; SQS will deliver it again', {
          messageId: record.messageId,
          about: describeBody(body),
          receives,
          retryInSeconds: delaySeconds,
          error: (error as Error).message,
        });
        throw error;
      }
    };
    const processor = new BatchProcessor(EventType.SQS);
    const processed = await processPartialResponse(event, recordHandler, processor, {
      context,
      processInParallel: false,
      throwOnFullBatchFailure: false,
    });
    // A copy: for a batch with no failure Powertools answers with one object it shares between
    // invocations, and ids added to it would be reported failed by every later batch of the container.
    const response: SQSBatchResponse = { batchItemFailures: processed.batchItemFailures.map((f) => ({ itemIdentifier: f.itemIdentifier })) };
    const flushFailures = await deps.processor.flush({ remainingMs: () => context.getRemainingTimeInMillis() - reserveMs / 2 });
    const flushErrors = new Map(flushFailures.map((f) => [f.groupKey, f.error]));
    const failedGroups = new Set(flushErrors.keys());
    if (failedGroups.size === 0) return response;
    // Records whose alerts live in a group message that could not be updated are retried, so the
    // group message catches up; their event claims are dropped so the retry is not a "duplicate".
    const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    const byId = new Map(event.Records.map((r) => [r.messageId, r]));
    for (const [messageId, signals] of results) {
      const touching = signals.filter((s) => s.groupKey && failedGroups.has(s.groupKey));
      if (touching.length === 0 || failed.has(messageId)) continue;
      for (const signal of touching) await deps.state.releaseEvent(signal.eventId);
      const record = byId.get(messageId);
      const error = flushErrors.get(touching[0]!.groupKey!);
      if (record && error instanceof DeliveryError && !error.retryable) {
        // Slack refused the group message for good: retrying cannot help until someone fixes the
        // cause, so the record waits in the dead-letter queue, with why, for a redrive.
        count('DeadLettered');
        await deps.queue.deadLetter(record.body, { code: error.code, message: error.message });
        continue;
      }
      if (record) await deps.queue.delay(record.receiptHandle, retryDelaySeconds(error, Number(record.attributes?.ApproximateReceiveCount ?? 1) || 1));
      response.batchItemFailures.push({ itemIdentifier: messageId });
    }
    deps.log.warn('storm group messages could not be updated', { groups: [...failedGroups] });
    return response;
  };
}
