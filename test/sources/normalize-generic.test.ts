import { describe, expect, it } from 'vitest';
import { eventBridge, loadSample, normalizeOne, viaSns, viaSqs } from './sample-events.ts';

describe('generic signals', () => {
  it('names an unknown EventBridge event by source and detail-type', () => {
    // Act
    const signal = normalizeOne(loadSample('unknown-event.json'));

    // Assess
    expect([signal.name, signal.title, signal.kind]).toEqual([
      'aws.dms/DMS Replication Task State Change',
      'DMS Replication Task State Change from aws.dms',
      'DMS Replication Task State Change',
    ]);
  });

  it('fires when a status-like field reports a failure', () => {
    // Act
    const signal = normalizeOne(loadSample('unknown-event.json'));

    // Assess
    expect(signal.state).toBe('firing');
  });

  it.each([
    [{ status: 'TIMED_OUT' }],
    [{ state: 'ABORTED' }],
    [{ severity: 'ERROR' }],
    [{ state: { value: 'FAILED' } }],
  ])('fires for detail %j', (detail) => {
    // Act
    const signal = normalizeOne(eventBridge('Something Happened', 'aws.other', detail));

    // Assess
    expect(signal.state).toBe('firing');
  });

  it('reports an event without a failure as info', () => {
    // Act
    const signal = normalizeOne(eventBridge('Scheduled Event', 'aws.events', {}, { resources: ['arn:aws:events:eu-west-2:111111111111:rule/hourly'] }));

    // Assess
    expect([signal.state, signal.resource, signal.key]).toEqual([
      'info',
      { type: 'Scheduled Event', name: 'hourly', arn: 'arn:aws:events:eu-west-2:111111111111:rule/hourly' },
      'generic:aws.events:Scheduled Event:arn:aws:events:eu-west-2:111111111111:rule/hourly',
    ]);
  });

  it('keeps the reason to a compact excerpt of at most 500 characters', () => {
    // Act
    const signal = normalizeOne(eventBridge('Big', 'aws.other', { blob: 'x'.repeat(2000) }));

    // Assess
    expect([signal.reason.length, signal.reason.startsWith('{"blob":"xxx')]).toEqual([500, true]);
  });

  it('describes plain text from SNS by its topic and subject', () => {
    // Act
    const signal = normalizeOne(viaSns('Hello from SNS!'));

    // Assess
    expect([signal.name, signal.title, signal.reason, signal.event.source]).toEqual([
      'aws.sns/alerts',
      'Subject line (from SNS topic alerts)',
      'Hello from SNS!',
      'aws.sns',
    ]);
  });

  it('describes text from SQS by its queue', () => {
    // Act
    const signal = normalizeOne(viaSqs('hello'));

    // Assess
    expect([signal.name, signal.title]).toEqual(['aws.sqs/clarion-signals', 'Unrecognised text message from SQS queue clarion-signals']);
  });

  it('uses the SQS sent time for an event with no time of its own', () => {
    // Act
    const signal = normalizeOne(viaSqs('hello'));

    // Assess
    expect(signal.time).toBe(new Date(1795338000000).toISOString());
  });

  it.each([
    [{ a: 1, b: 2 }, 'unknown/object with a, b'],
    [{ a: 1, b: 2, c: 3, d: 4, e: 5 }, 'unknown/object with a, b, c, d …'],
    [{}, 'unknown/empty object'],
    [null, 'unknown/null'],
    [42, 'unknown/number'],
    ['x', 'unknown/text message'],
  ])('names unrecognised input %j as %s', (raw, name) => {
    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect(signal.name).toBe(name);
  });

  it('wraps a non-object payload in the synthesised detail', () => {
    // Act
    const signal = normalizeOne(42);

    // Assess
    expect(signal.event).toEqual({ source: 'unknown', 'detail-type': 'Unrecognised Event', detail: { message: 42 } });
  });

  it('names an EventBridge event with empty source and detail-type sensibly', () => {
    // Act
    const signal = normalizeOne({ source: '', 'detail-type': '', detail: {} });

    // Assess
    expect([signal.name, signal.kind, signal.title, signal.resource]).toEqual([
      'unknown/unknown',
      'unknown',
      'Event from an unknown source',
      { type: 'Event', name: 'unknown' },
    ]);
  });
});
