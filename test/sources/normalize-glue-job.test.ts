import { describe, expect, it } from 'vitest';
import { eventBridge, loadSample, normalizeOne } from './sample-events.ts';

function glue(detail: Record<string, unknown>, detailType = 'Glue Job State Change') {
  return eventBridge(detailType, 'aws.glue', { jobName: 'nightly-trainee-sync', jobRunId: 'jr_1', ...detail });
}

describe('Glue job state changes', () => {
  it('fires for a failed run with its message as the reason', () => {
    // Act
    const signal = normalizeOne(loadSample('nightly-sync-glue-failed.json'));

    // Assess
    expect([signal.state, signal.title, signal.reason]).toEqual([
      'firing',
      'Glue job nightly-trainee-sync failed',
      expect.stringContaining('Communications link failure'),
    ]);
  });

  it('resolves on a successful run with the same key as the failure', () => {
    // Act
    const [failed, succeeded] = ['nightly-sync-glue-failed.json', 'nightly-sync-glue-succeeded.json'].map((f) => normalizeOne(loadSample(f)));

    // Assess
    expect([succeeded!.state, succeeded!.key]).toEqual(['resolved', failed!.key]);
  });

  it('keys a job by account, Region and job name', () => {
    // Act
    const signal = normalizeOne(loadSample('nightly-sync-glue-failed.json'));

    // Assess
    expect(signal.key).toBe('glue-job:111111111111:eu-west-2:nightly-trainee-sync');
  });

  it.each([
    ['TIMEOUT', 'WARN', 'firing', 'medium'],
    ['ERROR', 'ERROR', 'firing', 'high'],
    ['STOPPED', 'INFO', 'info', 'info'],
  ])('maps state %s with severity %s to %s and a %s hint', (state, severity, expectedState, hint) => {
    // Act
    const signal = normalizeOne(glue({ state, severity }));

    // Assess
    expect([signal.state, signal.severityHint]).toEqual([expectedState, hint]);
  });

  it('ignores a run that has not finished', () => {
    // Act
    const signal = normalizeOne(glue({ state: 'RUNNING' }));

    // Assess
    expect([signal.state, signal.ignoreReason, signal.title]).toEqual([
      'ignore',
      'Glue job run is RUNNING; only finished runs are alerted on',
      'Glue job nightly-trainee-sync is RUNNING',
    ]);
  });

  it('fires for a run past its notify-delay threshold', () => {
    // Act
    const signal = normalizeOne(glue({ state: 'RUNNING', severity: 'WARN', notificationCondition: { NotifyDelayAfter: 10 } }, 'Glue Job Run Status'));

    // Assess
    expect([signal.state, signal.kind, signal.title]).toEqual(['firing', 'run-delayed', 'Glue job nightly-trainee-sync is running late (RUNNING)']);
  });

  it('gives no severity hint for an unknown severity', () => {
    // Act
    const signal = normalizeOne(glue({ state: 'FAILED', severity: 'LOUD' }));

    // Assess
    expect(signal.severityHint).toBeUndefined();
  });

  it('links to the job runs in Glue Studio', () => {
    // Act
    const signal = normalizeOne(loadSample('nightly-sync-glue-failed.json'));

    // Assess
    expect(signal.links[0]?.url).toBe('https://eu-west-2.console.aws.amazon.com/gluestudio/home?region=eu-west-2#/editor/job/nightly-trainee-sync/runs');
  });

  it('handles a detail without a state or message', () => {
    // Act
    const signal = normalizeOne(glue({}));

    // Assess
    expect([signal.family, signal.state, signal.kind, signal.reason]).toEqual(['glue-job', 'ignore', 'unknown', '']);
  });
});
