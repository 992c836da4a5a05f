/** @module Adapter (buffer → processor): runs an SQS batch through the processor with per-record partial failures. */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { StatePort } from '../core/alert-record.ts';
import { DeliveryError } from '../core/delivery-error.ts';
import { isRefreshRequest } from '../pipeline/process-signals.ts';
import type { Processor, SignalResult } from '../pipeline/process-signals.ts';
import type { QueuePort } from './sqs-queue.ts';

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
  count?: (metric: 'RateLimited' | 'DeliveryFailures' | 'DeadLettered', value?: number) => void;
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
    const target = 'alertKey' in body ? body.alertKey : 'groupKey' in body ? body.groupKey : (body.trigger ?? 'on request');
    return `${body.clarion} ${target}`;
  }
  if (typeof body !== 'object' || body === null) return 'text';
  const event = body as Record<string, unknown>;
  const source = typeof event['source'] === 'string' ? event['source'] : undefined;
  const type = typeof event['detail-type'] === 'string' ? event['detail-type'] : typeof event['Type'] === 'string' ? `SNS ${event['Type']}` : undefined;
  return [source, type].filter(Boolean).join(' / ') || 'event';
}

export function createSignalBatchRunner(deps: SignalBatchDeps) {
  const count = deps.count ?? (() => {});
  return async function runSignalBatch(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
    const results = new Map<string, SignalResult[]>();
    const recordHandler = async (record: SQSRecord) => {
      const body = parseBody(record.body);
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
        if (error instanceof DeliveryError && error.retryAfterSeconds !== undefined) {
          await deps.queue.delay(record.receiptHandle, error.retryAfterSeconds);
        }
        deps.log.warn('record failed; SQS will deliver it again', { messageId: record.messageId, about: describeBody(body), error: (error as Error).message });
        throw error;
      }
    };
    const processor = new BatchProcessor(EventType.SQS);
    const response = await processPartialResponse(event, recordHandler, processor, {
      context,
      processInParallel: false,
      throwOnFullBatchFailure: false,
    });
    const failedGroups = new Set((await deps.processor.flush()).map((f) => f.groupKey));
    if (failedGroups.size === 0) return response;
    // Records whose alerts live in a group message that could not be updated are retried, so the
    // group message catches up; their event claims are dropped so the retry is not a "duplicate".
    const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    for (const [messageId, signals] of results) {
      const touching = signals.filter((s) => s.groupKey && failedGroups.has(s.groupKey));
      if (touching.length === 0 || failed.has(messageId)) continue;
      for (const signal of touching) await deps.state.releaseEvent(signal.eventId);
      response.batchItemFailures.push({ itemIdentifier: messageId });
    }
    deps.log.warn('storm group messages could not be updated', { groups: [...failedGroups] });
    return response;
  };
}
