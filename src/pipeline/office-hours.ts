/** @module Pipeline (the mute stage's office hours): whether people are at work now in the stage's time zone, and when they next start. */
import type { ClarionConfig, OfficeHours, Weekday } from '../catalog/schema.ts';
import { WEEKDAYS } from '../catalog/schema.ts';
import { timeZoneFor } from './route-alert.ts';

export interface OfficeHoursPolicy {
  hours: OfficeHours;
  timeZone: string;
}

/** The stage's office hours, or undefined when none are configured (then every audience is told at once). */
export function officeHoursFor(config: ClarionConfig, stage?: string): OfficeHoursPolicy | undefined {
  const hours = (stage ? config.stages[stage]?.officeHours : undefined) ?? config.officeHours;
  return hours ? { hours, timeZone: timeZoneFor(config, stage) } : undefined;
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  minutes: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function localTime(instant: Date, timeZone: string): LocalTime {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    partsFormatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const part of f.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts['year']!, month: parts['month']!, day: parts['day']!, minutes: parts['hour']! * 60 + parts['minute']! };
}

/** `2026-12-25` for a calendar date, as `closed` lists them. */
function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A working day: one of the office days, and not a closed date. */
function isWorkingDate(hours: OfficeHours, year: number, month: number, day: number): boolean {
  return hours.days.includes(weekdayOf(year, month, day)) && !hours.closed.includes(isoDate(year, month, day));
}

/** Weekday of a calendar date (the date alone, so no time zone is involved). */
function weekdayOf(year: number, month: number, day: number): Weekday {
  // getUTCDay counts from Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7]!;
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** How far the zone's clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(epochMs: number, timeZone: string): number {
  // Every zone in use today is a whole number of minutes off UTC, so minute precision is exact.
  const minute = Math.floor(epochMs / 60_000) * 60_000;
  const local = localTime(new Date(minute), timeZone);
  return Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes) - minute;
}

/**
 * The instant a wall-clock time happens in the zone. A time that happens twice (clocks going back)
 * is its first occurrence; a time skipped by clocks going forward lands just after the gap.
 */
export function zonedTimeToInstant(year: number, month: number, day: number, minutes: number, timeZone: string): Date {
  const asUtc = Date.UTC(year, month - 1, day, 0, minutes);
  // Real zones change their offset at most once in two days, so the offsets a day either side cover every case.
  const before = asUtc - offsetAt(asUtc - 86_400_000, timeZone);
  const after = asUtc - offsetAt(asUtc + 86_400_000, timeZone);
  const shows = (instant: number) => {
    const local = localTime(new Date(instant), timeZone);
    return Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes) === asUtc;
  };
  if (shows(before)) return new Date(Math.min(before, shows(after) ? after : before));
  if (shows(after)) return new Date(after);
  // Skipped: read with the offset from before the change, the wall time falls after the gap.
  return new Date(before);
}

export function isWithinOfficeHours(now: Date, policy: OfficeHoursPolicy): boolean {
  const local = localTime(now, policy.timeZone);
  if (!isWorkingDate(policy.hours, local.year, local.month, local.day)) return false;
  return local.minutes >= minutesOf(policy.hours.start) && local.minutes < minutesOf(policy.hours.end);
}

/** Closed dates can run on, but not for longer than this many days. */
const LOOK_AHEAD_DAYS = 366;

/** The first start of office hours after `now`, skipping days off and closed dates. */
export function nextOfficeStart(now: Date, policy: OfficeHoursPolicy): Date {
  const today = localTime(now, policy.timeZone);
  const start = minutesOf(policy.hours.start);
  for (let ahead = 0; ahead <= LOOK_AHEAD_DAYS; ahead++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + ahead));
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (!isWorkingDate(policy.hours, year, month, day)) continue;
    const instant = zonedTimeToInstant(year, month, day, start, policy.timeZone);
    if (instant.getTime() > now.getTime()) return instant;
  }
  // Only a year of closed dates gets here; a week ahead is the safe answer.
  return new Date(now.getTime() + 7 * 86400_000);
}

const DAY_NAMES: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** "Mon–Fri 09:00–17:30", "Mon, Wed, Fri 08:00–12:00": for people reading the summary. */
export function describeOfficeHours(hours: OfficeHours): string {
  const indexes = [...new Set(hours.days)].map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const index of indexes) {
    const run = runs.at(-1);
    if (run && run.at(-1) === index - 1) run.push(index);
    else runs.push([index]);
  }
  const days = runs
    .map((run) => (run.length >= 3 ? `${DAY_NAMES[WEEKDAYS[run[0]!]!]}–${DAY_NAMES[WEEKDAYS[run.at(-1)!]!]}` : run.map((i) => DAY_NAMES[WEEKDAYS[i]!]).join(', ')))
    .join(', ');
  return `${days} ${hours.start}–${hours.end}`;
}

/** EventBridge Scheduler's cron for "when office hours start", evaluated in the schedule's own time zone. */
export function officeStartCron(hours: OfficeHours): string {
  const days = WEEKDAYS.filter((d) => hours.days.includes(d)).map((d) => d.toUpperCase()).join(',');
  return `cron(${Number(hours.start.slice(3, 5))} ${Number(hours.start.slice(0, 2))} ? * ${days} *)`;
}
