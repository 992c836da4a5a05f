/** @module Stage 1, normalize: takes events out of the SQS and SNS wrappers they arrive in. */
import { asObject, text } from './read-fields.ts';

/** Where an event came through, for ids, times and names of events that carry none of their own. */
export interface DeliveryContext {
  /** Wrappers outermost first, e.g. `['sqs', 'sns']` for SNS → SQS → Lambda. */
  via: Array<'sqs' | 'sns'>;
  snsMessageId?: string;
  snsTopicArn?: string;
  snsSubject?: string;
  snsTimestamp?: string;
  /** The SNS message held more events than this one, so its id alone does not tell them apart. */
  snsMessageShared?: true;
  sqsMessageId?: string;
  /** The SQS message held more events than this one (e.g. a JSON array), so its id is shared. */
  sqsMessageShared?: true;
  sqsQueueArn?: string;
  /** SQS `attributes.SentTimestamp`, epoch milliseconds as a string. */
  sqsSentTimestamp?: string;
}

export interface UnwrappedEvent {
  /** The event itself: an object, or text/a number when that is all a message held. */
  payload: unknown;
  delivery: DeliveryContext;
}

/** Deeper nesting than this is not a real delivery path; it is kept as one opaque event. */
const MAX_DEPTH = 8;

function parseJsonText(value: string): unknown {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    // Text starting with { or [ parses to an object or an array, never to a scalar.
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

function isSnsRecord(record: Record<string, unknown>): boolean {
  return asObject(record.Sns) !== undefined;
}

function isSqsRecord(record: Record<string, unknown>): boolean {
  return typeof record.body === 'string' && (record.eventSource === 'aws:sqs' || text(record.messageId) !== undefined);
}

/** An SNS notification as SQS receives it without raw delivery (and as HTTP endpoints do). */
function isSnsNotification(value: Record<string, unknown>): boolean {
  return (
    value.Type === 'Notification' &&
    'Message' in value &&
    (text(value.MessageId) !== undefined || text(value.TopicArn) !== undefined)
  );
}

function fromSns(sns: Record<string, unknown>, delivery: DeliveryContext, depth: number): UnwrappedEvent[] {
  const inner: DeliveryContext = {
    ...delivery,
    via: [...delivery.via, 'sns'],
    snsMessageId: text(sns.MessageId) ?? delivery.snsMessageId,
    snsTopicArn: text(sns.TopicArn) ?? delivery.snsTopicArn,
    snsSubject: text(sns.Subject) ?? delivery.snsSubject,
    snsTimestamp: text(sns.Timestamp) ?? delivery.snsTimestamp,
  };
  if (sns.Message === undefined || sns.Message === null) return [{ payload: sns, delivery: inner }];
  const events = unwrapAt(sns.Message, inner, depth + 1);
  return events.length > 1 ? events.map((e) => ({ payload: e.payload, delivery: { ...e.delivery, snsMessageShared: true } })) : events;
}

function fromSqs(record: Record<string, unknown>, delivery: DeliveryContext, depth: number): UnwrappedEvent[] {
  const attributes = asObject(record.attributes);
  const inner: DeliveryContext = {
    ...delivery,
    via: [...delivery.via, 'sqs'],
    sqsMessageId: text(record.messageId) ?? delivery.sqsMessageId,
    sqsQueueArn: text(record.eventSourceARN) ?? delivery.sqsQueueArn,
    sqsSentTimestamp: text(attributes?.SentTimestamp) ?? delivery.sqsSentTimestamp,
  };
  const events = unwrapAt(record.body, inner, depth + 1);
  return events.length > 1 ? events.map((e) => ({ payload: e.payload, delivery: { ...e.delivery, sqsMessageShared: true } })) : events;
}

function unwrapAt(value: unknown, delivery: DeliveryContext, depth: number): UnwrappedEvent[] {
  if (depth > MAX_DEPTH) return [{ payload: value, delivery }];
  if (typeof value === 'string') {
    const parsed = parseJsonText(value);
    return parsed === undefined ? [{ payload: value, delivery }] : unwrapAt(parsed, delivery, depth + 1);
  }
  if (Array.isArray(value)) return value.flatMap((item) => unwrapAt(item, delivery, depth + 1));
  const object = asObject(value);
  if (!object) return [{ payload: value, delivery }];

  if (Array.isArray(object.Records)) {
    const records = object.Records.map((r) => asObject(r));
    if (records.some((r) => r !== undefined && (isSnsRecord(r) || isSqsRecord(r)))) {
      return object.Records.flatMap((item, i): UnwrappedEvent[] => {
        const record = records[i];
        if (record && isSnsRecord(record)) return fromSns(record.Sns as Record<string, unknown>, delivery, depth);
        if (record && isSqsRecord(record)) return fromSqs(record, delivery, depth);
        return [{ payload: item, delivery }];
      });
    }
  }
  if (isSnsNotification(object)) return fromSns(object, delivery, depth);
  return [{ payload: object, delivery }];
}

/**
 * Every event inside a raw Lambda input: an SNS or SQS batch gives one entry per record (SNS → SQS
 * nesting and JSON-in-JSON bodies are opened recursively), a JSON array one per element, and
 * anything else itself. Never throws; unknown shapes come back unchanged for the generic family.
 */
export function unwrapEnvelope(raw: unknown): UnwrappedEvent[] {
  return unwrapAt(raw, { via: [] }, 0);
}
