import { describe, expect, it } from 'vitest';
import { MaintenanceWindow } from '../../src/catalog/maintenance-schema.ts';
import type { MaintenanceWindowInput } from '../../src/catalog/maintenance-schema.ts';
import { activeWindow, buildMaintenanceIndex, currentOrNext, occurrenceAt, occurrenceForPhase, phasesDue } from '../../src/pipeline/maintenance-windows.ts';
import { maintenanceSchedules } from '../../src/pipeline/maintenance-schedules.ts';

const LONDON = 'Europe/London';

function windowOf(input: Partial<MaintenanceWindowInput> = {}): MaintenanceWindow {
  return MaintenanceWindow.parse({
    id: 'portal.saturday',
    title: 'the Trainee Portal',
    affects: { groups: ['trainee-portal'] },
    schedule: { days: ['sat'], at: '09:00' },
    duration: '2h',
    ...input,
  });
}

const at = (iso: string) => new Date(iso);

describe('Maintenance windows: occurrences', () => {
  it('finds the occurrence of a recurring window going on now, in the time zone', () => {
    // Prepare: Saturday 5 December 2026, 10:00 in London (GMT).
    const window = windowOf();

    // Act
    const found = occurrenceAt(window, at('2026-12-05T10:00:00Z'), LONDON);

    // Assess
    expect(found && [found.start.toISOString(), found.end.toISOString(), found.noticeAt.toISOString()]).toEqual(['2026-12-05T09:00:00.000Z', '2026-12-05T11:00:00.000Z', '2026-12-04T09:00:00.000Z']);
  });

  it('finds no occurrence at the very end of one: the end is when alerts reach everyone again', () => {
    // Act
    const found = occurrenceAt(windowOf(), at('2026-12-05T11:00:00Z'), LONDON);

    // Assess
    expect(found).toBeUndefined();
  });

  it('reads a summer occurrence in British Summer Time', () => {
    // Act
    const found = occurrenceAt(windowOf(), at('2026-07-04T08:30:00Z'), LONDON);

    // Assess
    expect(found?.start.toISOString()).toBe('2026-07-04T08:00:00.000Z');
  });

  it('moves with the clocks in the week they go back (Sunday 25 October 2026)', () => {
    // Prepare: every day at 09:00 London; the clocks go back at 02:00 on Sunday.
    const window = windowOf({ schedule: { days: ['sat', 'sun'], at: '09:00' } });

    // Act
    const saturday = currentOrNext(window, at('2026-10-24T00:00:00Z'), LONDON);
    const sunday = currentOrNext(window, at('2026-10-24T12:00:00Z'), LONDON);

    // Assess: 09:00 BST is 08:00 UTC; 09:00 GMT is 09:00 UTC.
    expect([saturday?.start.toISOString(), sunday?.start.toISOString()]).toEqual(['2026-10-24T08:00:00.000Z', '2026-10-25T09:00:00.000Z']);
  });

  it('lasts its duration in real time across the night the clocks go forward (Sunday 29 March 2026)', () => {
    // Prepare: Sundays 00:30 London for 2h; at 01:00 GMT the clocks jump to 02:00 BST.
    const window = windowOf({ schedule: { days: ['sun'], at: '00:30' } });

    // Act
    const found = occurrenceAt(window, at('2026-03-29T01:30:00Z'), LONDON);

    // Assess: 00:30 GMT to 02:30 UTC, which London reads as 03:30 BST.
    expect([found?.start.toISOString(), found?.end.toISOString()]).toEqual(['2026-03-29T00:30:00.000Z', '2026-03-29T02:30:00.000Z']);
  });

  it('reads a one-off window in the zone, or at its offset when it has one', () => {
    // Prepare
    const local = windowOf({ schedule: undefined, duration: undefined, starts: '2026-07-01T22:00', ends: '2026-07-02T01:00' });
    const exact = windowOf({ schedule: undefined, duration: undefined, starts: '2026-07-01T22:00Z', ends: '2026-07-02T01:00Z' });

    // Act
    const found = [currentOrNext(local, at('2026-06-01T00:00:00Z'), LONDON), currentOrNext(exact, at('2026-06-01T00:00:00Z'), LONDON)];

    // Assess
    expect(found.map((o) => o?.start.toISOString())).toEqual(['2026-07-01T21:00:00.000Z', '2026-07-01T22:00:00.000Z']);
  });

  it('has no next occurrence once a one-off window is over', () => {
    // Act
    const found = currentOrNext(windowOf({ schedule: undefined, duration: undefined, starts: '2026-07-01T22:00', ends: '2026-07-02T01:00' }), at('2026-08-01T00:00:00Z'), LONDON);

    // Assess
    expect(found).toBeUndefined();
  });

  it('lists the phases due in a stretch of time in order: before, start, end', () => {
    // Act
    const due = phasesDue([windowOf()], at('2026-12-03T00:00:00Z'), at('2026-12-06T00:00:00Z'), LONDON);

    // Assess
    expect(due.map((d) => [d.phase, d.at.toISOString()])).toEqual([
      ['before', '2026-12-04T09:00:00.000Z'],
      ['start', '2026-12-05T09:00:00.000Z'],
      ['end', '2026-12-05T11:00:00.000Z'],
    ]);
  });

  it('finds the occurrence a scheduled phase is about when the request names none', () => {
    // Act: the "end" schedule fires a few seconds after 11:00.
    const found = occurrenceForPhase(windowOf(), 'end', at('2026-12-05T11:00:03Z'), LONDON);

    // Assess
    expect(found?.start.toISOString()).toBe('2026-12-05T09:00:00.000Z');
  });
});

describe('Maintenance windows: the index', () => {
  it('finds the window of an alert of an entry in an affected group', () => {
    // Prepare
    const index = buildMaintenanceIndex([windowOf()], [{ id: 'portal.app-down', group: 'trainee-portal' }, { id: 'data.sync' }], LONDON);

    // Act
    const found = [activeWindow(index, { catalogId: 'portal.app-down' }, at('2026-12-05T10:00:00Z')), activeWindow(index, { catalogId: 'data.sync' }, at('2026-12-05T10:00:00Z'))];

    // Assess
    expect(found.map((o) => o?.window.id)).toEqual(['portal.saturday', undefined]);
  });

  it('looks only at the windows of the alert entry, however many windows there are', () => {
    // Prepare: 1,000 windows on 1,000 other entries, and one on ours.
    const windows = Array.from({ length: 1000 }, (_, i) => windowOf({ id: `other.w${i}`, affects: { entries: [`other.e${i}`] } }));
    const entries = [...Array.from({ length: 1000 }, (_, i) => ({ id: `other.e${i}` })), { id: 'portal.app-down', group: 'trainee-portal' }];
    const index = buildMaintenanceIndex([...windows, windowOf()], entries, LONDON);

    // Act
    const candidates = index.byEntry.get('portal.app-down');

    // Assess
    expect(candidates?.map((w) => w.id)).toEqual(['portal.saturday']);
  });
});

describe('Maintenance windows: schedules on AWS', () => {
  it('gives a recurring window three crons, the notice a day earlier on the day before', () => {
    // Act
    const specs = maintenanceSchedules([windowOf()], LONDON, at('2026-12-01T00:00:00Z'));

    // Assess
    expect(specs.map((s) => [s.phase, s.expression])).toEqual([
      ['before', 'cron(0 9 ? * FRI *)'],
      ['start', 'cron(0 9 ? * SAT *)'],
      ['end', 'cron(0 11 ? * SAT *)'],
    ]);
  });

  it('gives a one-off window at() times on the zone wall clock, leaving out those already past', () => {
    // Prepare
    const window = windowOf({ schedule: undefined, duration: undefined, starts: '2026-07-01T22:00', ends: '2026-07-02T01:00', noticeBefore: '2h' });

    // Act
    const specs = maintenanceSchedules([window], LONDON, at('2026-07-01T20:30:00Z'));

    // Assess
    expect(specs.map((s) => [s.phase, s.expression])).toEqual([
      ['start', 'at(2026-07-01T22:00:00)'],
      ['end', 'at(2026-07-02T01:00:00)'],
    ]);
  });
});
