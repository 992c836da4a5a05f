// Which alarms an impact never heard open: those whose run failed before feeding it, resolved since.
import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../src/core/alert-record.ts';
import { missedOpening } from '../../src/pipeline/impact.ts';
import { alertRecord } from '../support/make-record.ts';

/** An alarm opened at 10:00 and resolved at 10:05, as its own record holds it. */
function resolvedAlarm(changes: Partial<AlertRecord> = {}): AlertRecord {
  return { ...alertRecord('bookings.api-failing|alarm-1'), status: 'resolved', resolvedAt: '2026-11-22T10:05:00.000Z', lastEventTime: '2026-11-22T10:05:00.000Z', ...changes };
}

/** The impact as stored, its clock at `lastEventTime`. */
function impactAt(lastEventTime: string): AlertRecord {
  return { ...alertRecord('impact:entry:bookings.api-failing'), lastEventTime };
}

describe('missedOpening', () => {
  it('opens the member at its opening when no impact was ever stored', () => {
    // Act
    const member = missedOpening(resolvedAlarm(), null);

    // Assess
    expect(member).toMatchObject({ alertKey: 'bookings.api-failing|alarm-1', status: 'open', time: '2026-11-22T10:00:00.000Z' });
  });

  it('opens the member when the impact\'s clock stopped before the opening (an earlier incident)', () => {
    // Act
    const member = missedOpening(resolvedAlarm(), impactAt('2026-11-22T08:00:00.000Z'));

    // Assess
    expect(member?.status).toBe('open');
  });

  it('takes a re-fire within the flap window as the opening the impact must have heard', () => {
    // Act
    const member = missedOpening(resolvedAlarm({ reopenedAt: '2026-11-22T10:03:00.000Z' }), impactAt('2026-11-22T10:01:00.000Z'));

    // Assess
    expect(member?.time).toBe('2026-11-22T10:03:00.000Z');
  });

  it('finds nothing missed when the impact\'s clock is at or past the opening', () => {
    // Act
    const member = missedOpening(resolvedAlarm(), impactAt('2026-11-22T10:00:00.000Z'));

    // Assess
    expect(member).toBeNull();
  });

  it('finds nothing missed for an alarm still open, which feeds its impact as it is', () => {
    // Act
    const member = missedOpening(alertRecord('bookings.api-failing|alarm-1'), null);

    // Assess
    expect(member).toBeNull();
  });

  it('finds nothing missed for an OK nobody saw open', () => {
    // Act
    const member = missedOpening(resolvedAlarm({ resolvedUnseen: true }), null);

    // Assess
    expect(member).toBeNull();
  });
});
