/** @module Adapter (lifecycle port): publishes alert lifecycle events to an EventBridge bus for other consumers. */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { DeliveryError } from '../core/delivery-error.ts';
import type { DeliveryErrorKind } from '../core/delivery-error.ts';
import type { LifecycleEvent, LifecyclePort } from '../core/ports.ts';
import { classifyAwsError } from './classify-aws-error.ts';
import type { AwsErrorCodes } from './classify-aws-error.ts';

/** PutEvents takes at most ten entries per call. */
const MAX_ENTRIES_PER_CALL = 10;

/*
 * PutEvents can succeed as a call while failing some entries (FailedEntryCount > 0, an ErrorCode
 * on each failed entry, in request order). AWS documents InternalFailure and ThrottlingException
 * as retryable; the rest (permissions, malformed detail …) fail the same way every time, so only
 * the retryable failures are sent again, once, before giving up to the queue.
 */
const CONFIG_ENTRY_ERRORS = new Set([
  'AccessDeniedException',
  'InvalidAccountIdException',
  'NotAuthorizedForSourceException',
  'NotAuthorizedForDetailTypeException',
]);
/** Permanent failures of the event itself; unknown codes count as retryable, since a pointless retry costs less than a lost event. */
const BAD_EVENT_ENTRY_ERRORS = new Set(['MalformedDetail', 'InvalidArgument', 'RedactionFailure']);

/** Whole-call SDK errors (without their `Exception` suffix) by what they mean. */
const CALL_ERRORS: AwsErrorCodes = {
  // The bus, its permissions or the credentials are wrong.
  config: new Set(['ResourceNotFound', 'AccessDenied', 'UnrecognizedClient', 'InvalidSignature']),
  // Too many entries or a detail over 256 KB: the same request fails the same way every time.
  platform: new Set(['Validation']),
  throttled: new Set(['Throttling']),
  internal: 'Internal',
};

export interface EventBridgeLifecycleOptions {
  /** Default: a client configured from the environment (the Lambda's region and role). */
  client?: EventBridgeClient;
  /** Name or ARN of the bus. */
  busName: string;
  /** The events' `source`; default `clarion`. */
  source?: string;
}

export function createEventBridgeLifecycle(options: EventBridgeLifecycleOptions): LifecyclePort {
  const { busName } = options;
  const client = options.client ?? new EventBridgeClient({});
  const source = options.source ?? 'clarion';

  const toEntry = (event: LifecycleEvent): PutEventsRequestEntry => {
    const time = new Date(event.time);
    return {
      EventBusName: busName,
      Source: source,
      DetailType: event.type,
      Detail: JSON.stringify(event),
      // An unparseable time is left out, and EventBridge stamps the time it received the event.
      ...(Number.isNaN(time.getTime()) ? {} : { Time: time }),
    };
  };

  /** Sends the entries; returns those that failed, each with its error code. */
  const put = async (entries: PutEventsRequestEntry[]): Promise<Array<{ entry: PutEventsRequestEntry; code: string }>> => {
    let results: PutEventsResultEntry[];
    let failedCount: number;
    try {
      const response = await client.send(new PutEventsCommand({ Entries: entries }));
      results = response.Entries ?? [];
      failedCount = response.FailedEntryCount ?? 0;
    } catch (error) {
      throw classifyAwsError(error, `EventBridge PutEvents to ${busName}`, CALL_ERRORS);
    }
    if (failedCount === 0) return [];
    return entries.flatMap((entry, i) => {
      const result = results[i];
      // A result without an EventId or an ErrorCode is not a success we can count on.
      if (result?.EventId && !result.ErrorCode) return [];
      return [{ entry, code: result?.ErrorCode ?? 'UnknownFailure' }];
    });
  };

  const publishBatch = async (entries: PutEventsRequestEntry[]): Promise<void> => {
    const failed = await put(entries);
    if (failed.length === 0) return;
    const retryable = failed.filter((f) => !isPermanent(f.code));
    const permanent = failed.filter((f) => isPermanent(f.code));
    const stillFailed = retryable.length > 0 ? await put(retryable.map((f) => f.entry)) : [];
    const remaining = [...permanent, ...stillFailed];
    if (remaining.length === 0) return;

    const codes = [...new Set(remaining.map((f) => f.code))].sort();
    const kind: DeliveryErrorKind = remaining.some((f) => !isPermanent(f.code))
      ? 'server'
      : remaining.every((f) => CONFIG_ENTRY_ERRORS.has(f.code))
        ? 'config'
        : 'platform';
    throw new DeliveryError(
      `EventBridge PutEvents to ${busName} failed for ${remaining.length} of ${entries.length} events: ${codes.join(', ')}`,
      { kind, code: codes.join(',') },
    );
  };

  return {
    async publish(events: LifecycleEvent[]): Promise<void> {
      for (let start = 0; start < events.length; start += MAX_ENTRIES_PER_CALL) {
        await publishBatch(events.slice(start, start + MAX_ENTRIES_PER_CALL).map(toEntry));
      }
    },
  };
}

function isPermanent(code: string): boolean {
  return CONFIG_ENTRY_ERRORS.has(code) || BAD_EVENT_ENTRY_ERRORS.has(code);
}
