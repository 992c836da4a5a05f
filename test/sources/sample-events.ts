/** @module Test support: the project's shipped sample events and the AWS wrappers they can arrive in. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Signal } from '../../src/core/signal.ts';
import { normalizeEvent } from '../../src/sources/normalize-event.ts';

export const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../alert-catalog/samples/events');
export const RECEIVED_AT = new Date('2026-12-01T12:00:00.000Z');

export type Json = Record<string, unknown>;

export function sampleNames(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function loadSample(name: string): Json {
  return JSON.parse(readFileSync(path.join(SAMPLES_DIR, name), 'utf8')) as Json;
}

/** A deep copy, so a test can change a sample without touching others. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** Normalizes and insists on exactly one signal. */
export function normalizeOne(raw: unknown): Signal {
  const signals = normalizeEvent(raw, { receivedAt: RECEIVED_AT });
  if (signals.length !== 1) throw new Error(`expected one signal, got ${signals.length}`);
  return signals[0]!;
}

export function eventBridge(detailType: string, source: string, detail: unknown, extra: Json = {}): Json {
  return {
    version: '0',
    id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    'detail-type': detailType,
    source,
    account: '111111111111',
    time: '2026-11-22T09:00:00Z',
    region: 'eu-west-2',
    resources: [],
    detail,
    ...extra,
  };
}

export function snsRecord(message: unknown, messageId = 'sns-message-1'): Json {
  return {
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: 'arn:aws:sns:eu-west-2:111111111111:alerts:sub',
    Sns: {
      Type: 'Notification',
      MessageId: messageId,
      TopicArn: 'arn:aws:sns:eu-west-2:111111111111:alerts',
      Subject: 'Subject line',
      Message: typeof message === 'string' ? message : JSON.stringify(message),
      Timestamp: '2026-11-22T09:00:01.000Z',
    },
  };
}

/** An SNS → Lambda event. */
export function viaSns(message: unknown, messageId?: string): Json {
  return { Records: [snsRecord(message, messageId)] };
}

export function sqsRecord(body: unknown, messageId = 'sqs-message-1'): Json {
  return {
    messageId,
    receiptHandle: 'handle',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: { SentTimestamp: '1795338000000' },
    messageAttributes: {},
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-2:111111111111:clarion-signals',
    awsRegion: 'eu-west-2',
  };
}

/** An SQS → Lambda event. */
export function viaSqs(body: unknown, messageId?: string): Json {
  return { Records: [sqsRecord(body, messageId)] };
}

/** SNS → SQS without raw delivery: the body is the SNS notification envelope. */
export function snsEnvelope(message: unknown, messageId = 'sns-message-1'): Json {
  return {
    Type: 'Notification',
    MessageId: messageId,
    TopicArn: 'arn:aws:sns:eu-west-2:111111111111:alerts',
    Message: typeof message === 'string' ? message : JSON.stringify(message),
    Timestamp: '2026-11-22T09:00:01.000Z',
  };
}

/** The parsed SNS `Message` of an SNS Lambda event. */
export function snsMessageOf(event: Json): Json {
  const records = event.Records as Array<{ Sns: { Message: string } }>;
  return JSON.parse(records[0]!.Sns.Message) as Json;
}
