import { describe, expect, it } from 'vitest';
import type { Signal } from '../../src/core/signal.ts';
import { MAX_KEY_BYTES } from '../../src/sources/bounded-key.ts';
import { normalizeEvent } from '../../src/sources/normalize-event.ts';
import { RECEIVED_AT, eventBridge, loadSample, normalizeOne, snsMessageOf, viaSqs } from './sample-events.ts';

const LONG = 'x'.repeat(200_000);
const bytes = (text: string): number => Buffer.byteLength(text);

/** The signal as it is stored with its alert and logged: without the raw event and the placeholder values. */
function storedPart(signal: Signal): string {
  return JSON.stringify({ ...signal, event: {}, vars: {} });
}

/** Every string anywhere in a value, keys included. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

const isWellFormed = (text: string): boolean => Buffer.from(text, 'utf8').toString('utf8') === text;

describe('normalizeEvent on hostile fields', () => {
  it('bounds the key of an alarm whose ARN is 200,000 characters long', () => {
    // Prepare
    const alarm = { ...snsMessageOf(loadSample('app-down-alarm-sns.json')), AlarmArn: `arn:aws:cloudwatch:eu-west-2:111111111111:alarm:${LONG}` };

    // Act
    const signal = normalizeOne(alarm);

    // Assess
    expect(bytes(signal.key)).toBeLessThanOrEqual(MAX_KEY_BYTES);
  });

  it('bounds an event id of 200,000 characters', () => {
    // Act
    const signal = normalizeOne(eventBridge('Something Happened', 'acme.app', {}, { id: LONG }));

    // Assess
    expect(bytes(signal.eventId)).toBeLessThanOrEqual(MAX_KEY_BYTES);
  });

  it('bounds an SQS message id of 200,000 characters used as the event id', () => {
    // Act
    const signal = normalizeOne(viaSqs('plain text', LONG));

    // Assess
    expect(bytes(signal.eventId)).toBeLessThanOrEqual(MAX_KEY_BYTES);
  });

  it('keeps the stored part of a signal small when its alarm name, reason and tags are huge', () => {
    // Prepare
    const raw = loadSample('app-down-alarm.json') as { detail: Record<string, unknown> };
    raw.detail = {
      ...raw.detail,
      alarmName: LONG,
      state: { ...(raw.detail.state as object), reason: LONG },
      alarmTags: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`${i}${LONG.slice(0, 1_000)}`, LONG.slice(0, 5_000)])),
    };

    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect(bytes(storedPart(signal))).toBeLessThan(80_000);
  });

  it('makes every string of a signal well-formed when the event has lone surrogates everywhere', () => {
    // Prepare
    const raw = eventBridge('Weird \uD800 Event', 'acme.\uDC00app', { ['key\uD83D']: 'value \uDE00', list: ['\uD800'] }, { id: 'id-\uDBFF' });

    // Act
    const [signal] = normalizeEvent(viaSqs(raw), { receivedAt: RECEIVED_AT });

    // Assess
    expect(strings(signal).filter((s) => !isWellFormed(s))).toEqual([]);
  });

  it('replaces the lone surrogates of an SNS subject in the title', () => {
    // Prepare
    const raw = { Records: [{ EventSource: 'aws:sns', Sns: { Type: 'Notification', MessageId: 'm-1', Subject: 'Disk \uD800 full', Message: 'disk full' } }] };

    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect(signal.title).toContain('Disk \uFFFD full');
  });

  it('reads an event nested 10,000 levels deep as a generic signal whose event can be written as JSON', () => {
    // Prepare
    const raw = eventBridge('Deep Event', 'acme.app', JSON.parse(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`));

    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect([signal.family, signal.eventId, JSON.stringify(signal).length > 0]).toEqual(['generic', 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', true]);
  });

  it('keeps the reason of an unknown event well-formed when its cut falls inside an emoji', () => {
    // Prepare
    const raw = eventBridge('Something Happened', 'acme.app', { note: `${'a'.repeat(489)}${'😀'.repeat(20)}` });

    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect([strings(signal).filter((s) => !isWellFormed(s)), signal.reason.length]).toEqual([[], 499]);
  });

  it('makes the strings of JSON inside a string (an alarm reasonData) well-formed too', () => {
    // Prepare
    const raw = loadSample('app-down-alarm.json') as { detail: { state: Record<string, unknown>; configuration?: unknown } };
    delete raw.detail.configuration;
    raw.detail.state.reasonData = '{"version":"1.0","statistic":"\\udbff\\udbff <!channel>","period":300,"recentDatapoints":[1],"threshold":50}';

    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect([signal.metric?.stat, strings(signal).filter((s) => !isWellFormed(s))]).toEqual(['\uFFFD\uFFFD <!channel>', []]);
  });

  it('keeps the stored numbers of a signal within what DynamoDB can store', () => {
    // Prepare
    const raw = loadSample('app-down-alarm.json') as { detail: { state: Record<string, unknown>; configuration?: unknown } };
    delete raw.detail.configuration;
    raw.detail.state.reasonData = JSON.stringify({ version: '1.0', statistic: 'Maximum', period: 1e300, recentDatapoints: [5e-324, -1e200, 2], threshold: -5e-324 });

    // Act
    const signal = normalizeOne(raw);

    // Assess
    const numbers = [signal.metric?.threshold, signal.metric?.periodSeconds, ...(signal.metric?.recentValues ?? [])];
    expect(numbers.filter((n) => n === undefined || (n !== 0 && (Math.abs(n) < 1e-130 || Math.abs(n) >= 1e126)))).toEqual([]);
  });

  it('drops alarm tags with an empty key, which DynamoDB cannot store', () => {
    // Prepare
    const raw = loadSample('app-down-alarm.json') as { detail: Record<string, unknown> };
    raw.detail.alarmTags = { '': 'empty', team: 'web' };

    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect(signal.alarm?.tags).toEqual({ team: 'web' });
  });
});
