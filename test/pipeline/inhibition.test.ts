import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/core/alert.ts';
import { alsoAffectedOf, causeFiring, foldDecision, MAX_LISTED, unfoldAll, withAlarm, withFolded } from '../../src/pipeline/inhibition.ts';
import type { FoldedState, InhibitionRecord } from '../../src/pipeline/inhibition.ts';
import { makeAlert } from '../support/make-alert.ts';
import { alertRecord } from '../support/make-record.ts';

const CAUSE = 'portal.app-down';
const CAUSE_ALARM = 'portal.app-down|alarm-1';

/** The cause entry's record with its one alarm in this state, set at `at`. */
function causeWith(status: 'open' | 'resolved', at = '2026-11-22T10:00:00.000Z'): InhibitionRecord {
  return withAlarm(null, CAUSE, { alertKey: CAUSE_ALARM, status, at })!;
}

function dependant(phase: Alert['phase'] = 'firing'): Alert {
  return makeAlert({ alertKey: 'portal.error-rate|alarm-2', catalogId: 'portal.error-rate', phase });
}

function folded(alertKey: string, status: 'open' | 'resolved', at: string): FoldedState {
  return { alertKey, entry: 'portal.error-rate', title: 'Some pages fail', name: alertKey, status, at };
}

describe('Inhibition rules', () => {
  it('folds a new alert under a cause that fires', () => {
    // Act
    const causes = foldDecision(dependant(), null, [{ entry: CAUSE, record: causeWith('open') }]);

    // Assess
    expect(causes).toEqual([CAUSE]);
  });

  it('does not fold an alert under a cause that was fixed', () => {
    // Act
    const causes = foldDecision(dependant(), null, [{ entry: CAUSE, record: causeWith('resolved') }]);

    // Assess
    expect(causes).toEqual([]);
  });

  it('does not fold under a cause whose only open alarm is folded itself', () => {
    // Prepare
    const record = withAlarm(null, CAUSE, { alertKey: CAUSE_ALARM, status: 'open', at: '2026-11-22T10:00:00.000Z', folded: true });

    // Act
    const causes = foldDecision(dependant(), null, [{ entry: CAUSE, record }]);

    // Assess
    expect(causes).toEqual([]);
  });

  it('leaves an alert that already has its message as it is when its cause starts firing', () => {
    // Prepare
    const existing = { ...alertRecord('portal.error-rate|alarm-2'), catalogId: 'portal.error-rate' };

    // Act
    const causes = foldDecision(dependant(), existing, [{ entry: CAUSE, record: causeWith('open') }]);

    // Assess
    expect(causes).toEqual([]);
  });

  it('keeps the recovery of a folded alert quiet while it is listed under its cause', () => {
    // Prepare
    const record = withFolded(causeWith('open'), CAUSE, folded('portal.error-rate|alarm-2', 'open', '2026-11-22T10:01:00.000Z'));
    const existing = { ...alertRecord('portal.error-rate|alarm-2'), messages: {} };

    // Act
    const causes = foldDecision(dependant('resolved'), existing, [{ entry: CAUSE, record }]);

    // Assess
    expect(causes).toEqual([CAUSE]);
  });

  it('never lets an older state of a cause alarm overwrite a newer one', () => {
    // Prepare: the recovery at 10:05 was written before the firing of 10:00 arrived
    const resolved = causeWith('resolved', '2026-11-22T10:05:00.000Z');

    // Act
    const after = withAlarm(resolved, CAUSE, { alertKey: CAUSE_ALARM, status: 'open', at: '2026-11-22T10:00:00.000Z' });

    // Assess
    expect([after, causeFiring(resolved)]).toEqual([null, false]);
  });

  it('writes nothing for a repeat of a cause alarm in the state it is in', () => {
    // Prepare
    const open = causeWith('open', '2026-11-22T10:00:00.000Z');

    // Act
    const after = withAlarm(open, CAUSE, { alertKey: CAUSE_ALARM, status: 'open', at: '2026-11-22T10:03:00.000Z' });

    // Assess
    expect(after).toBeNull();
  });

  it('never lets an older state of a folded alert overwrite a newer one', () => {
    // Prepare
    const record = withFolded(causeWith('open'), CAUSE, folded('portal.error-rate|alarm-2', 'resolved', '2026-11-22T10:05:00.000Z'))!;

    // Act
    const after = withFolded(record, CAUSE, folded('portal.error-rate|alarm-2', 'open', '2026-11-22T10:01:00.000Z'));

    // Assess
    expect(after).toBeNull();
  });

  it('hands back the folded alerts still open once the cause stops firing, and empties the list', () => {
    // Prepare
    let record = causeWith('resolved', '2026-11-22T10:09:00.000Z');
    record = withFolded(record, CAUSE, folded('a', 'open', '2026-11-22T10:01:00.000Z'))!;
    record = withFolded(record, CAUSE, folded('b', 'resolved', '2026-11-22T10:02:00.000Z'))!;

    // Act
    const { record: after, open } = unfoldAll(record);

    // Assess
    expect([open.map((d) => d.alertKey), after.folded]).toEqual([['a'], {}]);
  });

  it('lists the first few open folded alerts by name and counts the rest', () => {
    // Prepare
    let record = causeWith('open');
    for (let i = 0; i < MAX_LISTED + 3; i++) record = withFolded(record, CAUSE, folded(`k${String(i).padStart(2, '0')}`, 'open', `2026-11-22T10:${String(10 + i).padStart(2, '0')}:00.000Z`))!;

    // Act
    const list = alsoAffectedOf(record);

    // Assess
    expect([list?.listed.length, list?.listed[0]?.name, list?.more]).toEqual([MAX_LISTED, 'k00', 3]);
  });
});
