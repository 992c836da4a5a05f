import { describe, expect, it } from 'vitest';
import { copy, eventBridge, loadSample, normalizeOne } from './sample-events.ts';

const failedDetail = () => copy(loadSample('monthly-report-batch-failed.json').detail as Record<string, unknown>);

describe('Batch job state changes', () => {
  it('fires for a failed job, explained by status reason and exit code', () => {
    // Act
    const signal = normalizeOne(loadSample('monthly-report-batch-failed.json'));

    // Assess
    expect([signal.state, signal.name, signal.reason]).toEqual(['firing', 'monthly-placement-report', 'Essential container in task exited; exit code 1']);
  });

  it('takes the time from the epoch-millisecond stoppedAt', () => {
    // Act
    const signal = normalizeOne(loadSample('monthly-report-batch-failed.json'));

    // Assess
    expect(signal.time).toBe('2026-11-01T04:26:44.000Z');
  });

  it('links to the job and to its log stream', () => {
    // Act
    const signal = normalizeOne(loadSample('monthly-report-batch-failed.json'));

    // Assess
    expect(signal.links.map((l) => l.url)).toEqual([
      'https://eu-west-2.console.aws.amazon.com/batch/home?region=eu-west-2#jobs/detail/9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      'https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#logsV2:log-groups/log-group/$252Faws$252Fbatch$252Fjob/log-events/monthly-placement-report$252Fdefault$252F4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b',
    ]);
  });

  it('resolves on success', () => {
    // Act
    const signal = normalizeOne(eventBridge('Batch Job State Change', 'aws.batch', { ...failedDetail(), status: 'SUCCEEDED' }));

    // Assess
    expect([signal.state, signal.title]).toEqual(['resolved', 'Batch job monthly-placement-report succeeded']);
  });

  it('ignores a job that is still queued', () => {
    // Act
    const signal = normalizeOne(eventBridge('Batch Job State Change', 'aws.batch', { jobName: 'j', status: 'RUNNABLE', attempts: [] }));

    // Assess
    expect([signal.state, signal.ignoreReason, signal.links]).toEqual(['ignore', 'Batch job is RUNNABLE; only FAILED and SUCCEEDED are alerted on', []]);
  });

  it('falls back to the job container and the attempt reason when the job has no status reason', () => {
    // Act
    const signal = normalizeOne(
      eventBridge('Batch Job State Change', 'aws.batch', {
        jobName: 'j',
        status: 'FAILED',
        attempts: [{ statusReason: 'Host EC2 terminated', container: {} }],
        container: { exitCode: 143, reason: 'Killed' },
      }),
    );

    // Assess
    expect(signal.reason).toBe('Host EC2 terminated; exit code 143; Killed');
  });
});
