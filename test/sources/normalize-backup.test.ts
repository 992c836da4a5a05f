import { describe, expect, it } from 'vitest';
import type { Json } from './sample-events.ts';
import { copy, eventBridge, loadSample, normalizeOne } from './sample-events.ts';

function backup(overrides: Json, detailType = 'Backup Job State Change'): Json {
  const detail = copy(loadSample('backup-failed.json').detail as Json);
  return eventBridge(detailType, 'aws.backup', { ...detail, ...overrides });
}

describe('AWS Backup job state changes', () => {
  it('fires for a failed job, named after the protected resource', () => {
    // Act
    const signal = normalizeOne(loadSample('backup-failed.json'));

    // Assess
    expect([signal.state, signal.name, signal.key]).toEqual([
      'firing',
      'trainee-db-prod',
      'backup:backup:arn:aws:rds:eu-west-2:111111111111:db:trainee-db-prod',
    ]);
  });

  it('strips the literal quotes AWS puts around status messages', () => {
    // Act
    const signal = normalizeOne(loadSample('backup-failed.json'));

    // Assess
    expect(signal.reason).toBe('Backup job failed because the DB instance trainee-db-prod is not in the available state (current state: storage-full).');
  });

  it.each(['ABORTED', 'EXPIRED'])('fires for a %s job', (state) => {
    // Act
    const signal = normalizeOne(backup({ state }));

    // Assess
    expect(signal.state).toBe('firing');
  });

  it('resolves a completed job with the key of the failed one', () => {
    // Act
    const [failed, completed] = [loadSample('backup-failed.json'), backup({ state: 'COMPLETED', statusMessage: undefined })].map((e) => normalizeOne(e));

    // Assess
    expect([completed!.state, completed!.key]).toEqual(['resolved', failed!.key]);
  });

  it('reports a job completed with issues as info', () => {
    // Act
    const signal = normalizeOne(backup({ state: 'COMPLETED', statusMessage: 'Windows VSS backup failed; crash-consistent backup taken' }));

    // Assess
    expect([signal.state, signal.title]).toEqual(['info', 'AWS Backup backup job for trainee-db-prod completed with issues']);
  });

  it('treats an empty status message as no message', () => {
    // Act
    const signal = normalizeOne(backup({ state: 'COMPLETED', statusMessage: '' }));

    // Assess
    expect(signal.state).toBe('resolved');
  });

  it('reads status as well as state', () => {
    // Act
    const signal = normalizeOne(backup({ state: undefined, status: 'FAILED' }));

    // Assess
    expect(signal.state).toBe('firing');
  });

  it('ignores a running job', () => {
    // Act
    const signal = normalizeOne(backup({ state: 'RUNNING' }));

    // Assess
    expect([signal.state, signal.ignoreReason]).toEqual(['ignore', 'AWS Backup backup job is RUNNING; only finished jobs are alerted on']);
  });

  it('accepts a 13-digit account id', () => {
    // Act
    const signal = normalizeOne({ ...loadSample('backup-failed.json'), account: '1112233445566' });

    // Assess
    expect([signal.family, signal.account]).toEqual(['backup', '1112233445566']);
  });

  it('names a restore job without a resource after its vault and links to the restore job', () => {
    // Act
    const signal = normalizeOne(
      eventBridge('Restore Job State Change', 'aws.backup', {
        status: 'FAILED',
        restoreJobId: 'restore-1',
        backupVaultArn: 'arn:aws:backup:eu-west-2:111111111111:backup-vault:trainee-portal-vault',
      }),
    );

    // Assess
    expect([signal.name, signal.kind, signal.links[0]?.url]).toEqual([
      'trainee-portal-vault',
      'restore-job',
      'https://eu-west-2.console.aws.amazon.com/backup/home?region=eu-west-2#/jobs/restore/details/restore-1',
    ]);
  });

  it('names a copy job with nothing to go on after the job type', () => {
    // Act
    const signal = normalizeOne(eventBridge('Copy Job State Change', 'aws.backup', { state: 'FAILED' }));

    // Assess
    expect([signal.name, signal.resource.type, signal.links]).toEqual(['copy job', 'AWS Backup job', []]);
  });
});
