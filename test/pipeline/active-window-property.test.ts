import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAINTENANCE_DAYS, MaintenanceWindow } from '../../src/catalog/maintenance-schema.ts';
import type { MaintenanceWindowInput } from '../../src/catalog/maintenance-schema.ts';
import { activeWindow, buildMaintenanceIndex, occurrenceAt } from '../../src/pipeline/maintenance-windows.ts';
import type { MaintenanceIndex, Occurrence } from '../../src/pipeline/maintenance-windows.ts';
import { propertyRuns } from '../property/pipeline-checks.ts';

const LONDON = 'Europe/London';
const MINUTE = 60_000;

/** The straightforward lookup the timeline must agree with: each of the entry's windows in turn, asked in the zone. */
function activeWindowByScan(index: MaintenanceIndex, catalogId: string, now: Date): Occurrence | undefined {
  for (const window of index.byEntry.get(catalogId) ?? []) {
    const found = occurrenceAt(window, now, index.timeZone);
    if (found) return found;
  }
  return undefined;
}

const ENTRIES = [
  { id: 'portal.app-down', group: 'portal' },
  { id: 'portal.errors', group: 'portal' },
  { id: 'data.sync', group: 'data' },
  { id: 'backup.failed' },
];

/** The weeks the clocks go forward (29 March 2026) and back (25 October 2026), and the days around them. */
const WEEKS = [Date.parse('2026-03-23T00:00:00Z'), Date.parse('2026-10-19T00:00:00Z')];

const pad = (n: number) => String(n).padStart(2, '0');

/** Often the hours the clocks change at in London, so occurrences fall in the gap and in the hour seen twice. */
const timeOfDay = fc.oneof(
  fc.constantFrom('00:30', '01:00', '01:30', '02:00', '23:30', '09:00'),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${pad(h)}:${pad(m)}`),
);

/** Minutes up to three days, so occurrences of one window overlap and run over the change of the clocks. */
const duration = fc.oneof(fc.constantFrom('0s', '1m', '30m', '1h', '2h', '25h', '2d', '3d'), fc.integer({ min: 1, max: 4320 }).map((m) => `${m}m`));

const localDateTime = fc.tuple(fc.constantFrom(...WEEKS), fc.integer({ min: -2 * 1440, max: 10 * 1440 })).map(([week, minutes]) => {
  const d = new Date(week + minutes * MINUTE);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
});

const affects = fc.record({
  entries: fc.subarray(ENTRIES.map((e) => e.id)),
  groups: fc.subarray(['portal', 'data', 'nowhere']),
});

const recurring = fc.record({ days: fc.subarray([...MAINTENANCE_DAYS], { minLength: 1 }), at: timeOfDay, duration }).map(
  ({ days, at, duration }): Partial<MaintenanceWindowInput> => ({ schedule: { days, at }, duration }),
);

/** One-offs read in the zone or at an exact offset, some ending before they start. */
const oneOff = fc.record({ starts: localDateTime, ends: localDateTime, suffix: fc.constantFrom('', '', 'Z', '+01:00') }).map(
  ({ starts, ends, suffix }): Partial<MaintenanceWindowInput> => ({ starts: `${starts}${suffix}`, ends }),
);

const windows = fc.array(fc.tuple(fc.oneof(recurring, oneOff), affects), { minLength: 1, maxLength: 12 }).map((list) =>
  list.map(([when, affected], i) =>
    MaintenanceWindow.parse({
      id: `w${i}`,
      title: `Work ${i}`,
      affects: affected.entries.length + affected.groups.length > 0 ? affected : { entries: ['portal.app-down'] },
      ...when,
    }),
  ),
);

/** Times in either week, on whole minutes (where occurrences start and end) or a millisecond either side; in any order, so the lookup moves back as well as on. */
const times = fc.array(
  fc.tuple(fc.constantFrom(...WEEKS), fc.integer({ min: -3 * 1440, max: 12 * 1440 }), fc.constantFrom(0, 0, 1, -1, 30_000)).map(([week, minutes, ms]) => new Date(week + minutes * MINUTE + ms)),
  { minLength: 1, maxLength: 40 },
);

describe('Maintenance windows: the timeline lookup', () => {
  it('finds the same window and occurrence as asking each window in turn, at any time, across the changes of the clocks', () => {
    fc.assert(
      fc.property(windows, times, (list, instants) => {
        // Prepare
        const index = buildMaintenanceIndex(list, ENTRIES, LONDON);

        // Act
        const fast = instants.flatMap((now) => ENTRIES.map((entry) => activeWindow(index, { catalogId: entry.id }, now)));

        // Assess
        const slow = instants.flatMap((now) => ENTRIES.map((entry) => activeWindowByScan(index, entry.id, now)));
        expect(fast).toEqual(slow);
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('finds the occurrence that started first when a window overlaps itself, and the first window listed when several are on', () => {
    // Prepare: daily at 09:00 for 2 days (two occurrences on at once), and a later window on all the time too.
    const list = [
      MaintenanceWindow.parse({ id: 'daily', title: 'Daily', affects: { entries: ['data.sync'] }, schedule: { days: [...MAINTENANCE_DAYS], at: '09:00' }, duration: '2d' }),
      MaintenanceWindow.parse({ id: 'long', title: 'Long', affects: { entries: ['data.sync'] }, starts: '2026-10-01T00:00', ends: '2026-11-30T00:00' }),
    ];
    const index = buildMaintenanceIndex(list, ENTRIES, LONDON);

    // Act
    const found = activeWindow(index, { catalogId: 'data.sync' }, new Date('2026-10-24T10:00:00Z'));

    // Assess: Friday's (09:00 BST is 08:00 UTC) and Saturday's are on; Thursday's has just ended.
    expect([found?.window.id, found?.start.toISOString()]).toEqual(['daily', '2026-10-23T08:00:00.000Z']);
  });
});
