import { describe, expect, it } from 'vitest';
import type { ClarionConfig, OfficeHours } from '../../src/catalog/schema.ts';
import { DEFAULT_CONFIG } from '../../src/catalog/default-config.ts';
import {
  describeOfficeHours,
  isWithinOfficeHours,
  nextOfficeStart,
  officeHoursFor,
  officeStartCron,
  zonedTimeToInstant,
} from '../../src/pipeline/office-hours.ts';

const WEEKDAYS: OfficeHours = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:30', closed: [] };
const LONDON = { hours: WEEKDAYS, timeZone: 'Europe/London' };

describe('Office hours', () => {
  it('counts the start minute as in office hours and the end minute as out', () => {
    // Act
    const atStart = isWithinOfficeHours(new Date('2026-11-23T09:00:00Z'), LONDON);
    const beforeStart = isWithinOfficeHours(new Date('2026-11-23T08:59:59Z'), LONDON);
    const atEnd = isWithinOfficeHours(new Date('2026-11-23T17:30:00Z'), LONDON);

    // Assess
    expect([beforeStart, atStart, atEnd]).toEqual([false, true, false]);
  });

  it('reads the clock in the stage time zone, summer time included', () => {
    // Prepare: 08:30 UTC on 1 July is 09:30 in London (BST) and 04:30 in New York (EDT).
    const instant = new Date('2026-07-01T08:30:00Z');

    // Act
    const london = isWithinOfficeHours(instant, LONDON);
    const newYork = isWithinOfficeHours(instant, { hours: WEEKDAYS, timeZone: 'America/New_York' });

    // Assess
    expect([london, newYork]).toEqual([true, false]);
  });

  it('treats a day that is not a working day as out of office hours all day', () => {
    // Act
    const saturdayNoon = isWithinOfficeHours(new Date('2026-11-21T12:00:00Z'), LONDON);

    // Assess
    expect(saturdayNoon).toBe(false);
  });

  it('finds the next start the same morning, the next day and after a weekend', () => {
    // Act
    const starts = ['2026-11-23T02:10:00Z', '2026-11-23T09:00:00Z', '2026-11-27T18:00:00Z'].map((t) => nextOfficeStart(new Date(t), LONDON).toISOString());

    // Assess
    expect(starts).toEqual(['2026-11-23T09:00:00.000Z', '2026-11-24T09:00:00.000Z', '2026-11-30T09:00:00.000Z']);
  });

  it('treats a closed date as a day off and finds the next start after it', () => {
    // Prepare: Christmas Day and the substitute Boxing Day holiday of 2026 are closed.
    const policy = { ...LONDON, hours: { ...WEEKDAYS, closed: ['2026-12-25', '2026-12-28'] } };

    // Act
    const christmasMorning = isWithinOfficeHours(new Date('2026-12-25T10:00:00Z'), policy);
    const next = nextOfficeStart(new Date('2026-12-24T18:00:00Z'), policy);

    // Assess
    expect(christmasMorning).toBe(false);
    expect(next.toISOString()).toBe('2026-12-29T09:00:00.000Z');
  });

  it('finds the next start across the change to summer time', () => {
    // Prepare: Friday 27 March 2026 evening; clocks go forward on Sunday 29 March.

    // Act
    const start = nextOfficeStart(new Date('2026-03-27T18:00:00Z'), LONDON);

    // Assess: Monday 09:00 BST is 08:00 UTC.
    expect(start.toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });

  it('places a wall-clock time skipped by the clock change just after the change', () => {
    // Act: 01:30 on 29 March 2026 does not exist in London.
    const instant = zonedTimeToInstant(2026, 3, 29, 90, 'Europe/London');

    // Assess
    expect(instant.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('places a time skipped by the clock change west of UTC after the gap, on the same day', () => {
    // Act: 02:00 on 8 March 2026 does not exist in New York, nor 00:00 on 6 September in Santiago.
    const newYork = zonedTimeToInstant(2026, 3, 8, 120, 'America/New_York');
    const santiago = zonedTimeToInstant(2026, 9, 6, 0, 'America/Santiago');

    // Assess: 03:00 EDT and 01:00 on the Sunday.
    expect([newYork.toISOString(), santiago.toISOString()]).toEqual(['2026-03-08T07:00:00.000Z', '2026-09-06T04:00:00.000Z']);
  });

  it('places a time that happens twice at its first occurrence', () => {
    // Act: 01:30 on 1 November 2026 happens twice in New York.
    const instant = zonedTimeToInstant(2026, 11, 1, 90, 'America/New_York');

    // Assess: 01:30 EDT.
    expect(instant.toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('places a wall-clock time in a zone with a half-hour offset', () => {
    // Act
    const instant = zonedTimeToInstant(2026, 11, 23, 9 * 60, 'Asia/Kolkata');

    // Assess
    expect(instant.toISOString()).toBe('2026-11-23T03:30:00.000Z');
  });

  it('describes runs of three days or more as a range and shorter runs as a list', () => {
    // Act
    const weekdays = describeOfficeHours(WEEKDAYS);
    const mixed = describeOfficeHours({ days: ['sun', 'mon', 'wed', 'fri', 'sat'], start: '08:00', end: '12:00', closed: [] });

    // Assess
    expect([weekdays, mixed]).toEqual(['Mon–Fri 09:00–17:30', 'Mon, Wed, Fri–Sun 08:00–12:00']);
  });

  it('gives EventBridge Scheduler a cron for the start of office hours', () => {
    // Act
    const cron = officeStartCron({ days: ['sat', 'mon'], start: '07:45', end: '12:00', closed: [] });

    // Assess
    expect(cron).toBe('cron(45 7 ? * MON,SAT *)');
  });

  it('takes a stage office hours and time zone over the top-level ones', () => {
    // Prepare
    const config: ClarionConfig = {
      ...DEFAULT_CONFIG,
      officeHours: WEEKDAYS,
      stages: { prod: { channels: {}, timeZone: 'Europe/Paris', officeHours: { ...WEEKDAYS, start: '08:00' } } },
    };

    // Act
    const prod = officeHoursFor(config, 'prod');
    const dev = officeHoursFor(config, 'dev');
    const none = officeHoursFor({ ...config, officeHours: undefined }, 'dev');

    // Assess
    expect(prod).toEqual({ hours: { ...WEEKDAYS, start: '08:00' }, timeZone: 'Europe/Paris' });
    expect(dev).toEqual({ hours: WEEKDAYS, timeZone: config.timeZone });
    expect(none).toBeUndefined();
  });
});
