import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Signal } from '../../src/core/signal.ts';
import { normalizeEvent } from '../../src/sources/normalize-event.ts';
import { canFill } from '../../src/sources/placeholders.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const dir = path.resolve(repoRoot, '../shared/fixtures/aws');
const present = existsSync(dir);
if (!present) console.info(`Skipping the AWS fixture conformance tests: ${dir} is absent (it is not part of the repository).`);

const RECEIVED_AT = new Date('2026-12-01T12:00:00.000Z');

/** What each known fixture must normalize to; fixtures not listed here must still normalize to valid signals. */
const EXPECTED: Record<string, Array<{ family: string; state: string; noData?: boolean }>> = {
  'eventbridge-batch-job-state-change-failed-ADAPTED.json': [{ family: 'batch-job', state: 'firing' }],
  'eventbridge-batch-job-state-change-runnable.json': [{ family: 'batch-job', state: 'ignore' }],
  'eventbridge-cloudwatch-alarm-configuration-change-composite-create.json': [{ family: 'cloudwatch-alarm', state: 'ignore' }],
  'eventbridge-cloudwatch-alarm-configuration-change-metric-update.json': [{ family: 'cloudwatch-alarm', state: 'ignore' }],
  'eventbridge-cloudwatch-alarm-state-change-metric-math-insufficient-data-to-alarm.json': [{ family: 'cloudwatch-alarm', state: 'firing' }],
  'eventbridge-cloudwatch-alarm-state-change-single-metric-alarm-to-ok.json': [{ family: 'cloudwatch-alarm', state: 'resolved' }],
  'eventbridge-cloudwatch-alarm-state-change-single-metric-ok-to-alarm.json': [{ family: 'cloudwatch-alarm', state: 'firing' }],
  'eventbridge-cloudwatch-alarm-state-change-single-metric-ok-to-insufficient-data.json': [
    { family: 'cloudwatch-alarm', state: 'firing', noData: true },
  ],
  'eventbridge-cloudwatch-alarm-state-change-anomaly-detection-ok-to-alarm.json': [{ family: 'cloudwatch-alarm', state: 'firing' }],
  'eventbridge-cloudwatch-alarm-state-change-composite-with-suppressor.json': [{ family: 'cloudwatch-alarm', state: 'firing' }],
  'eventbridge-cloudwatch-alarm-state-change-with-alarm-tags-ILLUSTRATIVE.json': [{ family: 'cloudwatch-alarm', state: 'firing' }],
  'lambda-cloudwatch-alarm-action-metric-math.json': [{ family: 'cloudwatch-alarm', state: 'firing' }],
  'lambda-cloudwatch-alarm-action-composite.json': [{ family: 'cloudwatch-alarm', state: 'firing' }],
  'sns-lambda-event-cloudwatch-alarm-single-metric.json': [{ family: 'cloudwatch-alarm', state: 'firing' }],
  'sns-lambda-event-cloudwatch-alarm-metric-math.json': [{ family: 'cloudwatch-alarm', state: 'firing' }],
  'sns-lambda-event-cloudwatch-alarm-OBSERVED-SHAPE.json': [{ family: 'cloudwatch-alarm', state: 'firing' }],
  'sns-cloudwatch-alarm-message-parsed-OBSERVED-SHAPE.json': [{ family: 'cloudwatch-alarm', state: 'firing' }],
  'sns-lambda-event-generic-lambda-docs.json': [{ family: 'generic', state: 'info' }],
  'eventbridge-ecs-task-state-change-running.json': [{ family: 'ecs-task', state: 'ignore' }],
  'eventbridge-ecs-task-state-change-stopped-essential-container-exited-ADAPTED.json': [{ family: 'ecs-task', state: 'firing' }],
  'eventbridge-glue-job-state-change-failed.json': [{ family: 'glue-job', state: 'firing' }],
  'eventbridge-glue-job-state-change-timeout.json': [{ family: 'glue-job', state: 'firing' }],
  'eventbridge-stepfunctions-execution-status-change-failed.json': [{ family: 'step-functions', state: 'firing' }],
  'eventbridge-stepfunctions-execution-status-change-timed-out.json': [{ family: 'step-functions', state: 'firing' }],
  'eventbridge-stepfunctions-execution-status-change-aborted.json': [{ family: 'step-functions', state: 'firing' }],
  'eventbridge-health-event-public-ec2-operational-issue.json': [{ family: 'health', state: 'firing' }],
  'eventbridge-health-event-account-specific-elb-api-issue.json': [{ family: 'health', state: 'firing' }],
  'eventbridge-rds-db-instance-event-multi-az-failover.json': [{ family: 'rds', state: 'info' }],
  'eventbridge-rds-db-instance-event-low-storage-ADAPTED.json': [{ family: 'rds', state: 'firing' }],
  'lambda-destination-invocation-record-failure.json': [{ family: 'lambda-destination', state: 'firing' }],
  'eventbridge-lambda-destination-invocation-result-failure-ADAPTED.json': [{ family: 'lambda-destination', state: 'firing' }],
  'eventbridge-scheduled-event-rule.json': [{ family: 'generic', state: 'info' }],
  'eventbridge-scheduler-target-input-ILLUSTRATIVE.json': [{ family: 'generic', state: 'info' }],
  'eventbridge-codepipeline-pipeline-execution-failed.json': [{ family: 'codepipeline', state: 'firing' }],
  'eventbridge-codepipeline-action-execution-failed.json': [{ family: 'codepipeline', state: 'firing' }],
  'eventbridge-backup-job-state-change-failed.json': [{ family: 'backup', state: 'firing' }],
  'eventbridge-guardduty-finding-short-ADAPTED.json': [{ family: 'generic', state: 'info' }],
  'eventbridge-dms-replication-task-state-change-started.json': [{ family: 'generic', state: 'info' }],
  'eventbridge-dms-replication-task-state-change-failed-ADAPTED.json': [{ family: 'generic', state: 'firing' }],
  'eventbridge-s3-object-created.json': [{ family: 'generic', state: 'info' }],
  'eventbridge-s3-object-created-powertools.json': [{ family: 'generic', state: 'info' }],
};

/** Every dotted path to a leaf value in `vars`. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return prefix ? [prefix] : [];
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return prefix ? [prefix] : [];
  return entries.flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

const files = present ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
const load = (file: string): unknown => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));

describe.skipIf(!present)('normalizer conformance over the AWS fixtures', () => {
  it('finds fixtures to check', () => {
    // Assess
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('normalizes %s without throwing into valid signals', (file) => {
    // Prepare
    const raw = load(file);

    // Act
    const signals = normalizeEvent(raw, { receivedAt: RECEIVED_AT });

    // Assess
    expect(signals.length).toBeGreaterThan(0);
    for (const signal of signals) expect(Signal.safeParse(signal).error).toBeUndefined();
  });

  it.each(files.filter((f) => EXPECTED[f] !== undefined))('normalizes %s to the expected family and state', (file) => {
    // Prepare
    const raw = load(file);

    // Act
    const signals = normalizeEvent(raw, { receivedAt: RECEIVED_AT });

    // Assess
    expect(signals.map((s) => ({ family: s.family, state: s.state, ...(s.noData ? { noData: true } : {}) }))).toEqual(EXPECTED[file]);
  });

  // Only for the fixtures listed above: a new AWS field in an unknown file is not a normalizer bug.
  it.each(files.filter((f) => EXPECTED[f] !== undefined))('declares every placeholder value the signals of %s fill', (file) => {
    // Prepare
    const signals = normalizeEvent(load(file), { receivedAt: RECEIVED_AT });

    // Act
    const undeclared = signals.flatMap((s) => leafPaths(s.vars).filter((p) => !p.startsWith('normalizer.') && !canFill(s.family, p)));

    // Assess
    expect(undeclared).toEqual([]);
  });

  it.each(files)('gives %s an ISO 8601 UTC time', (file) => {
    // Act
    const signals = normalizeEvent(load(file), { receivedAt: RECEIVED_AT });

    // Assess
    for (const signal of signals) expect(signal.time).toBe(new Date(signal.time).toISOString());
  });

  it('gives the same alarm the same key through EventBridge and SNS', () => {
    // Prepare
    const eventBridgeFile = 'eventbridge-cloudwatch-alarm-state-change-single-metric-ok-to-alarm.json';
    const snsFile = 'sns-cloudwatch-alarm-message-parsed-OBSERVED-SHAPE.json';

    // Act
    const [fromEventBridge] = normalizeEvent(load(eventBridgeFile), { receivedAt: RECEIVED_AT });
    const [fromSns] = normalizeEvent(load(snsFile), { receivedAt: RECEIVED_AT });

    // Assess
    expect(fromEventBridge?.key.startsWith('cloudwatch-alarm:arn:aws:cloudwatch:us-east-1:123456789012:alarm:')).toBe(true);
    expect(fromSns?.key).toBe('cloudwatch-alarm:arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-api-prod-HighCPU');
  });
});
