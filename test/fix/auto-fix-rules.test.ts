import { describe, expect, it } from 'vitest';
import { AutoFix } from '../../src/catalog/auto-fix-schema.ts';
import type { AlertRecord } from '../../src/core/alert-record.ts';
import { autoFixRequest, fixRefusal, fixThreadText, takeSlot } from '../../src/pipeline/auto-fix.ts';
import type { FixRun } from '../../src/pipeline/auto-fix.ts';
import { lifecycleOf } from '../../src/pipeline/lifecycle-of.ts';

const LIMIT = { runs: 1, per: '6h' };
const NOW = new Date('2026-11-24T03:10:00Z');
const FIX = AutoFix.parse({ title: 'Restart', mode: 'auto', action: { kind: 'ecs-redeploy', service: 'arn:aws:ecs:eu-west-2:123456789012:service/main/sync' } });

function record(changes: Partial<AlertRecord> = {}): AlertRecord {
  return {
    alertKey: 'sync.job|glue',
    catalogId: 'sync.job',
    status: 'open',
    openedAt: '2026-11-24T03:00:00.000Z',
    lastSeen: '2026-11-24T03:00:00.000Z',
    occurrences: 1,
    lastEventTime: '2026-11-24T03:00:00.000Z',
    messages: {},
    alert: { autoFix: { title: 'Restart', mode: 'auto', call: { kind: 'ecs-redeploy', service: 'x' } } } as AlertRecord['alert'],
    version: 1,
    expiresAt: 0,
    ...changes,
  };
}

function run(changes: Partial<FixRun> = {}): FixRun {
  return { run: 'r1', alertKey: 'k', catalogId: 'sync.job', incident: '2026-11-24T03:00:00.000Z', by: { kind: 'auto' }, title: 'Restart', call: { kind: 'ecs-redeploy', service: 'x' }, dryRun: false, state: 'running', claimedAt: NOW.toISOString(), version: 1, ...changes };
}

describe('Automatic fixes: the rules', () => {
  it('refuses a run once the entry’s limit is used within its window', () => {
    // Prepare
    const stored = { runs: [{ run: 'earlier', at: '2026-11-24T00:00:00.000Z' }], version: 3 };

    // Act
    const taken = takeSlot(stored, LIMIT, 'r2', NOW);

    // Assess
    expect(taken).toEqual({ refused: 'limit of 1 run in 6 h reached' });
  });

  it('frees a slot once the earlier run is older than the window, and keeps a run’s own slot when it is tried again', () => {
    // Prepare
    const stored = { runs: [{ run: 'earlier', at: '2026-11-23T20:00:00.000Z' }], version: 3 };

    // Act
    const taken = takeSlot(stored, LIMIT, 'r2', NOW);
    const again = 'record' in taken ? takeSlot(taken.record, LIMIT, 'r2', NOW) : taken;

    // Assess
    expect(taken).toEqual({ record: { runs: [{ run: 'r2', at: NOW.toISOString() }], version: 4, expiresAt: expect.any(Number) } });
    expect('record' in again && again.record.version).toBe(4);
  });

  it('refuses a run for an incident that is over, or that an automatic run may no longer take', () => {
    // Prepare
    const auto = { incident: '2026-11-24T03:00:00.000Z', by: { kind: 'auto' as const } };

    // Act
    const refusals = [
      fixRefusal({ record: record({ status: 'resolved' }), request: auto, entryFix: FIX, silenced: false, plannedWork: false }),
      fixRefusal({ record: record({ reopenedAt: '2026-11-24T03:05:00.000Z' }), request: auto, entryFix: FIX, silenced: false, plannedWork: false }),
      fixRefusal({ record: record(), request: auto, entryFix: { ...FIX, mode: 'suggest' }, silenced: false, plannedWork: false }),
      fixRefusal({ record: record(), request: auto, entryFix: FIX, silenced: false, plannedWork: true }),
      fixRefusal({ record: record(), request: auto, entryFix: FIX, silenced: false, plannedWork: false }),
    ];

    // Assess
    expect(refusals).toEqual(['the alert recovered first', 'the alert fired again since, as a new incident', 'its catalog entry now only suggests the fix', 'planned work covers it', undefined]);
  });

  it('queues an automatic run for an opened alarm but never for an impact or a suggested fix', () => {
    // Act
    const requests = [
      autoFixRequest('opened', record()),
      autoFixRequest('opened', record({ alertKey: 'impact:group:overnight-sync' })),
      autoFixRequest('repeat', record()),
      autoFixRequest('opened', record({ alert: { autoFix: { title: 'x', mode: 'suggest', call: { kind: 'ecs-redeploy', service: 'x' } } } as AlertRecord['alert'] })),
    ];

    // Assess
    expect(requests.map((r) => r?.clarion ?? null)).toEqual(['fix', null, null, null]);
  });

  it('escapes the catalog title and the service’s reason, and mentions only a well-formed user', () => {
    // Prepare
    const hostile = run({ title: 'Restart <!channel> *now*', reason: '<@U999> see <https://evil.example|here>', by: { kind: 'user', id: 'U0ENGINEER' } });
    const forged = run({ by: { kind: 'user', id: '<!here>' } });

    // Act
    const failed = fixThreadText(hostile, 'failed');
    const started = fixThreadText(forged, 'running');

    // Assess
    expect(failed).not.toMatch(/<!channel>|<@U999>|<https:\/\/evil/);
    expect(failed).toContain('<@U0ENGINEER> pressed *Run fix*');
    expect(started).toContain('An engineer pressed *Run fix*');
    expect(started).not.toContain('<!here>');
  });

  it('tells product leads of the automatic fix only for a run of this incident that started before it resolved', () => {
    // Prepare
    const resolved = record({ status: 'resolved', resolvedAt: '2026-11-24T03:12:00.000Z', fixConfirmedAt: '2026-11-24T03:22:00.000Z' });

    // Act
    const before = lifecycleOf({ ...resolved, fixedAutomatically: { at: '2026-11-24T03:13:00.000Z', startedAt: '2026-11-24T03:01:00.000Z', incident: '2026-11-24T03:00:00.000Z' } });
    const after = lifecycleOf({ ...resolved, fixedAutomatically: { at: '2026-11-24T03:14:00.000Z', startedAt: '2026-11-24T03:13:00.000Z', incident: '2026-11-24T03:00:00.000Z' } });
    const earlier = lifecycleOf({ ...resolved, fixedAutomatically: { at: '2026-11-23T03:11:00.000Z', startedAt: '2026-11-23T03:01:00.000Z', incident: '2026-11-23T03:00:00.000Z' } });

    // Assess
    expect([before.fixedAutomaticallyAt, after.fixedAutomaticallyAt, earlier.fixedAutomaticallyAt]).toEqual(['2026-11-24T03:12:00.000Z', undefined, undefined]);
  });
});
