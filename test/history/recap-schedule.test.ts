import { describe, expect, it } from 'vitest';
import { nextRecapAt, recapCron, weekBefore } from '../../src/history/recap-schedule.ts';

describe('When the weekly recap is due', () => {
  it('is next Monday 09:00 in the zone, moving with summer time', () => {
    // Assess: London is UTC in winter and UTC+1 from 29 March 2026
    expect(nextRecapAt(new Date('2026-11-24T10:00:00Z'), { day: 'mon', at: '09:00' }, 'Europe/London')?.toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(nextRecapAt(new Date('2026-03-25T10:00:00Z'), { day: 'mon', at: '09:00' }, 'Europe/London')?.toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });

  it('is strictly after the time asked about', () => {
    // Assess
    expect(nextRecapAt(new Date('2026-11-30T09:00:00Z'), { day: 'mon', at: '09:00' }, 'Europe/London')?.toISOString()).toBe('2026-12-07T09:00:00.000Z');
  });

  it('finds the day in a zone ahead of UTC, where the local date is already the next', () => {
    // Assess: Sunday 23:30 UTC is Monday 08:30 in Tokyo
    expect(nextRecapAt(new Date('2026-11-29T23:30:00Z'), { day: 'mon', at: '09:00' }, 'Asia/Tokyo')?.toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });

  it('is never due when turned off', () => {
    // Assess
    expect(nextRecapAt(new Date('2026-11-24T10:00:00Z'), false, 'Europe/London')).toBeNull();
  });

  it('gives EventBridge Scheduler a weekly cron', () => {
    // Assess
    expect(recapCron({ day: 'mon', at: '09:30' })).toBe('cron(30 9 ? * MON *)');
  });
});

describe('The week a recap covers', () => {
  it('starts at the same wall-clock time a week before, across the start of summer time', () => {
    // Act
    const since = weekBefore(new Date('2026-03-30T08:00:00.000Z'), 'Europe/London');
    // Assess
    expect(since.toISOString()).toBe('2026-03-23T09:00:00.000Z');
  });

  it('starts at the same wall-clock time a week before, across the end of summer time', () => {
    // Act
    const since = weekBefore(new Date('2026-10-26T09:00:00.000Z'), 'Europe/London');
    // Assess
    expect(since.toISOString()).toBe('2026-10-19T08:00:00.000Z');
  });
});
