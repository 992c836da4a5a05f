import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../src/core/alert-record.ts';
import { lifecycleOf } from '../../src/pipeline/lifecycle-of.ts';

/*
 * Review of issue 14: product leads read "It was fixed automatically at …" only when the alert
 * then resolves. A run that succeeded while the problem stayed, and a resolution hours later (a
 * person's own fix, or the cause going away), must not be credited to the run.
 */
function impact(changes: Partial<AlertRecord>): AlertRecord {
  return {
    alertKey: 'impact|sync',
    catalogId: 'sync.job',
    status: 'resolved',
    openedAt: '2026-11-24T03:00:00.000Z',
    lastSeen: '2026-11-24T03:00:00.000Z',
    occurrences: 1,
    lastEventTime: '2026-11-24T03:00:00.000Z',
    messages: {},
    alert: {} as AlertRecord['alert'],
    version: 1,
    expiresAt: 0,
    fixedAutomatically: { at: '2026-11-24T03:13:00.000Z', startedAt: '2026-11-24T03:01:00.000Z', incident: '2026-11-24T03:00:00.000Z' },
    ...changes,
  };
}

describe('"It was fixed automatically" and when the alert resolved', () => {
  it('is not told when the alert resolved hours after the run succeeded', () => {
    // Prepare: the restart succeeded at 03:13; the sync kept failing until someone fixed it at 06:40.
    const record = impact({ resolvedAt: '2026-11-24T06:40:00.000Z', fixConfirmedAt: '2026-11-24T06:50:00.000Z' });

    // Act
    const lifecycle = lifecycleOf(record);

    // Assess
    expect(lifecycle.fixedAutomaticallyAt).toBeUndefined();
  });

  it('is told when the alert resolved minutes after the run succeeded', () => {
    // Prepare
    const record = impact({ resolvedAt: '2026-11-24T03:20:00.000Z', fixConfirmedAt: '2026-11-24T03:30:00.000Z' });

    // Act
    const lifecycle = lifecycleOf(record);

    // Assess
    expect(lifecycle.fixedAutomaticallyAt).toBe('2026-11-24T03:13:00.000Z');
  });
});
