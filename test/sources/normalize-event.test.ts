import { describe, expect, it } from 'vitest';
import { Signal } from '../../src/core/signal.ts';
import { normalizeEvent } from '../../src/sources/normalize-event.ts';
import {
  RECEIVED_AT,
  eventBridge,
  loadSample,
  normalizeOne,
  sampleNames,
  snsEnvelope,
  snsRecord,
  sqsRecord,
  viaSns,
  viaSqs,
} from './sample-events.ts';

const EXPECTED_SAMPLE_FAMILIES: Record<string, { family: string; state: string }> = {
  'app-down-alarm.json': { family: 'cloudwatch-alarm', state: 'firing' },
  'app-down-ok.json': { family: 'cloudwatch-alarm', state: 'resolved' },
  'app-down-alarm-sns.json': { family: 'cloudwatch-alarm', state: 'firing' },
  'error-rate-alarm.json': { family: 'cloudwatch-alarm', state: 'firing' },
  'error-rate-ok.json': { family: 'cloudwatch-alarm', state: 'resolved' },
  'db-storage-alarm.json': { family: 'cloudwatch-alarm', state: 'firing' },
  'placements-stale-no-data.json': { family: 'cloudwatch-alarm', state: 'firing' },
  'placements-stale-alarm.json': { family: 'cloudwatch-alarm', state: 'firing' },
  'nightly-sync-glue-failed.json': { family: 'glue-job', state: 'firing' },
  'nightly-sync-glue-succeeded.json': { family: 'glue-job', state: 'resolved' },
  'overnight-sync-custom.json': { family: 'clarion', state: 'firing' },
  'overnight-sync-custom-resolved.json': { family: 'clarion', state: 'resolved' },
  'web-task-stopped.json': { family: 'ecs-task', state: 'firing' },
  'monthly-report-batch-failed.json': { family: 'batch-job', state: 'firing' },
  'import-workflow-failed.json': { family: 'step-functions', state: 'firing' },
  'aws-health-rds-issue.json': { family: 'health', state: 'firing' },
  'db-failover.json': { family: 'rds', state: 'firing' },
  'db-low-storage.json': { family: 'rds', state: 'firing' },
  'release-pipeline-failed.json': { family: 'codepipeline', state: 'firing' },
  'backup-failed.json': { family: 'backup', state: 'firing' },
  'notify-function-failed.json': { family: 'lambda-destination', state: 'firing' },
  'unknown-event.json': { family: 'generic', state: 'firing' },
  'guardduty-finding.json': { family: 'generic', state: 'info' },
  'hostile-alarm.json': { family: 'cloudwatch-alarm', state: 'firing' },
  'page-speed-burn-sns.json': { family: 'cloudwatch-alarm', state: 'firing' },
  'page-speed-burn-ok-sns.json': { family: 'cloudwatch-alarm', state: 'resolved' },
};

describe('normalizeEvent on the shipped samples', () => {
  it('ships exactly the samples the catalog is written against', () => {
    // Prepare
    const expected = Object.keys(EXPECTED_SAMPLE_FAMILIES).sort();

    // Act
    const shipped = sampleNames();

    // Assess
    expect(shipped).toEqual(expected);
  });

  it.each(Object.entries(EXPECTED_SAMPLE_FAMILIES))('normalizes %s to its family and state', (file, expected) => {
    // Prepare
    const raw = loadSample(file);

    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect({ family: signal.family, state: signal.state }).toEqual(expected);
  });

  it.each(Object.keys(EXPECTED_SAMPLE_FAMILIES))('gives a signal from %s that validates against the Signal schema', (file) => {
    // Prepare
    const raw = loadSample(file);

    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect(Signal.safeParse(signal).success).toBe(true);
  });

  it.each(Object.keys(EXPECTED_SAMPLE_FAMILIES))('gives %s an ISO 8601 UTC time and a Trainee Portal account and Region', (file) => {
    // Prepare
    const raw = loadSample(file);

    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect(signal.time).toBe(new Date(signal.time).toISOString());
    expect([signal.account, signal.region]).toEqual(['111111111111', 'eu-west-2']);
  });
});

describe('normalizeEvent on anything else', () => {
  const hostileInputs: Array<[string, unknown]> = [
    ['null', null],
    ['a number', 42],
    ['a string', 'x'],
    ['true', true],
    ['an empty object', {}],
    ['Records that are not an array', { Records: 'x' }],
    ['an alarm event whose detail is a string', { detail: 'x', 'detail-type': 'CloudWatch Alarm State Change', source: 'aws.cloudwatch' }],
    ['an ECS event whose detail is null', eventBridge('ECS Task State Change', 'aws.ecs', null)],
    ['a Glue event whose detail is an array', eventBridge('Glue Job State Change', 'aws.glue', [1, 2])],
    ['an SNS record whose Message is not JSON', viaSns('not json')],
    ['an SNS record whose Sns is a string', { Records: [{ EventSource: 'aws:sns', Sns: 'x' }] }],
    ['an SQS record whose body is not JSON', viaSqs('{ broken')],
    ['an alarm with a numeric name', eventBridge('CloudWatch Alarm State Change', 'aws.cloudwatch', { alarmName: 7, state: { value: 'ALARM' } })],
    ['an SNS alarm message with an unknown state', { AlarmName: 'a', NewStateValue: 'MAYBE' }],
    ['a direct alarm action without a state', { alarmData: { alarmName: 'a' } }],
    ['a deeply nested array', [[[[[[[[[[[{}]]]]]]]]]]]],
    ['a Clarion alert without a name', eventBridge('Clarion Alert', 'my.app', { reason: 'x' })],
  ];

  it.each(hostileInputs)('returns valid signals without throwing for %s', (_label, raw) => {
    // Act
    const signals = normalizeEvent(raw, { receivedAt: RECEIVED_AT });

    // Assess
    expect(signals.every((s) => Signal.safeParse(s).success)).toBe(true);
  });

  it.each([
    ['CloudWatch Alarm State Change', 'aws.cloudwatch'],
    ['ECS Task State Change', 'aws.ecs'],
    ['Glue Job State Change', 'aws.glue'],
    ['Batch Job State Change', 'aws.batch'],
    ['Step Functions Execution Status Change', 'aws.states'],
    ['AWS Health Event', 'aws.health'],
    ['RDS DB Instance Event', 'aws.rds'],
    ['CodePipeline Pipeline Execution State Change', 'aws.codepipeline'],
    ['Backup Job State Change', 'aws.backup'],
    ['Lambda Function Invocation Result - Failure', 'lambda'],
    ['Clarion Alert', 'my.app'],
  ])('turns a %s event whose detail is not an object into a generic signal', (detailType, source) => {
    // Act
    const signal = normalizeOne(eventBridge(detailType, source, 'x'));

    // Assess
    expect([signal.family, signal.name]).toEqual(['generic', `${source}/${detailType}`]);
  });

  it('turns a bare invocation record with an empty function ARN into a generic signal', () => {
    // Act
    const signal = normalizeOne({ requestContext: { functionArn: '' }, responseContext: {} });

    // Assess
    expect(signal.family).toBe('generic');
  });

  it.each([
    ['a BigInt inside an event', { source: 'aws.glue', 'detail-type': 'Glue Job State Change', detail: { jobName: 'j', n: 1n } }],
    ['a BigInt inside an alarm action', { alarmData: { alarmName: 'a', state: { value: 'ALARM' }, n: 1n } }],
    ['a BigInt on its own', 1n],
  ])('still returns a valid signal for values JSON cannot hold: %s', (_label, raw) => {
    // Act
    const signals = normalizeEvent(raw, { receivedAt: RECEIVED_AT });

    // Assess
    expect(signals.every((s) => Signal.safeParse(s).success)).toBe(true);
  });

  it('still returns a valid generic signal for a circular object, cut where events go deeper than they can', () => {
    // Prepare
    const raw: Record<string, unknown> = { a: 1 };
    raw.self = raw;

    // Act
    const signals = normalizeEvent(raw, { receivedAt: RECEIVED_AT });

    // Assess
    expect(signals.map((s) => [s.family, s.kind, Signal.safeParse(s).success])).toEqual([['generic', 'unknown', true]]);
  });

  it('still returns a valid signal when receivedAt is an invalid date', () => {
    // Prepare
    const raw: Record<string, unknown> = {};
    raw.self = raw;

    // Act
    const signals = normalizeEvent(raw, { receivedAt: new Date('x') });

    // Assess
    expect(signals.map((s) => s.time)).toEqual(['1970-01-01T00:00:00.000Z']);
  });

  it('returns no signals for an empty array', () => {
    // Act
    const signals = normalizeEvent([], { receivedAt: RECEIVED_AT });

    // Assess
    expect(signals).toEqual([]);
  });

  it('turns an alarm event with an unusable detail into a generic signal that says why', () => {
    // Prepare
    const raw = { detail: 'x', 'detail-type': 'CloudWatch Alarm State Change', source: 'aws.cloudwatch' };

    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect([signal.family, (signal.vars.normalizer as { fromFamily: string }).fromFamily]).toEqual(['generic', 'cloudwatch-alarm']);
  });

  it('uses receivedAt as the time of an event that carries none', () => {
    // Act
    const signal = normalizeOne(42);

    // Assess
    expect(signal.time).toBe(RECEIVED_AT.toISOString());
  });

  it('gives one signal per record of an SQS batch', () => {
    // Prepare
    const glue = loadSample('nightly-sync-glue-failed.json');
    const ecs = loadSample('web-task-stopped.json');
    const batch = { Records: [sqsRecord(glue, 'm1'), sqsRecord(ecs, 'm2'), sqsRecord('hello', 'm3')] };

    // Act
    const signals = normalizeEvent(batch, { receivedAt: RECEIVED_AT });

    // Assess
    expect(signals.map((s) => s.family)).toEqual(['glue-job', 'ecs-task', 'generic']);
  });

  it('gives one signal per element of a JSON array of events', () => {
    // Prepare
    const raw = [loadSample('db-failover.json'), loadSample('backup-failed.json')];

    // Act
    const signals = normalizeEvent(raw, { receivedAt: RECEIVED_AT });

    // Assess
    expect(signals.map((s) => s.family)).toEqual(['rds', 'backup']);
  });

  it('reads an EventBridge event delivered through SNS and then SQS', () => {
    // Prepare
    const raw = viaSqs(snsEnvelope(loadSample('import-workflow-failed.json')));

    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect([signal.family, signal.name]).toEqual(['step-functions', 'trainee-import']);
  });

  it('reads an event given as a JSON string', () => {
    // Prepare
    const raw = JSON.stringify(loadSample('release-pipeline-failed.json'));

    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect(signal.family).toBe('codepipeline');
  });

  it('keeps the EventBridge id as the event id whichever wrapper delivered the event', () => {
    // Prepare
    const event = loadSample('nightly-sync-glue-failed.json');
    const deliveries = [event, viaSns(event, 'sns-1'), viaSqs(event, 'sqs-1'), viaSqs(snsEnvelope(event, 'sns-2'), 'sqs-2')];

    // Act
    const ids = deliveries.map((d) => normalizeOne(d).eventId);

    // Assess
    expect(new Set(ids)).toEqual(new Set([event.id]));
  });

  it('uses the SNS message id for an event without an id of its own, through SQS too', () => {
    // Prepare
    const message = { anything: 'here' };

    // Act
    const ids = [viaSns(message, 'sns-7'), viaSqs(snsEnvelope(message, 'sns-7'), 'sqs-9')].map((d) => normalizeOne(d).eventId);

    // Assess
    expect(ids).toEqual(['sns-7', 'sns-7']);
  });

  it('falls back to the SQS message id when the body has no id at all', () => {
    // Act
    const signal = normalizeOne(viaSqs('just text', 'sqs-42'));

    // Assess
    expect(signal.eventId).toBe('sqs-42');
  });

  it('gives an id-less event the same hash-based id on every delivery', () => {
    // Prepare
    const raw = loadSample('db-storage-alarm.json');

    // Act
    const ids = [normalizeOne(raw).eventId, normalizeOne(structuredClone(raw)).eventId];

    // Assess
    expect(ids[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(ids[1]).toBe(ids[0]);
  });

  it('keeps unrecognised records of a mixed batch as generic signals', () => {
    // Prepare
    const raw = { Records: [snsRecord({ a: 1 }), { s3: { bucket: 'b' } }] };

    // Act
    const signals = normalizeEvent(raw, { receivedAt: RECEIVED_AT });

    // Assess
    expect(signals.map((s) => s.family)).toEqual(['generic', 'generic']);
  });

  it('routes a Clarion Alert from an aws. source to generic, so AWS services cannot pose as apps', () => {
    // Prepare
    const raw = eventBridge('Clarion Alert', 'aws.glue', { name: 'x' });

    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect(signal.family).toBe('generic');
  });

  it('routes lambda destination results from aws.lambda to generic, because AWS never sends those', () => {
    // Prepare
    const raw = eventBridge('Lambda Function Invocation Result - Failure', 'aws.lambda', loadSample('notify-function-failed.json').detail);

    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect(signal.family).toBe('generic');
  });
});
