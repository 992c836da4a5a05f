/** @module History: when the weekly recap is due — the configured day and time in the stage's time zone, for the local job and the EventBridge Scheduler cron. */
import type { ClarionConfig } from '../catalog/schema.ts';
import { WEEKDAYS } from '../catalog/schema.ts';
import { zonedTimeToInstant } from '../pipeline/office-hours.ts';

export type RecapSetting = Exclude<ClarionConfig['recap'], false>;

/** The first recap strictly after `after` (null when `recap: false`); wall-clock time, so it moves with summer time. */
export function nextRecapAt(after: Date, recap: ClarionConfig['recap'], timeZone: string): Date | null {
  if (recap === false) return null;
  const minutes = Number(recap.at.slice(0, 2)) * 60 + Number(recap.at.slice(3, 5));
  const target = WEEKDAYS.indexOf(recap.day);
  // From the day before in UTC: the zone's date may be a day behind, and 8 days cover every case.
  for (let ahead = -1; ahead <= 8; ahead++) {
    const date = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate() + ahead));
    if ((date.getUTCDay() + 6) % 7 !== target) continue;
    const instant = zonedTimeToInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), minutes, timeZone);
    if (instant.getTime() > after.getTime()) return instant;
  }
  return null;
}

/**
 * The same wall-clock time a week before `due`: where the recap before it was due, so consecutive
 * recaps neither overlap nor leave a gap when summer time starts or ends in between (a week is
 * then 167 or 169 hours).
 */
export function weekBefore(due: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' })
      .formatToParts(due)
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute', number>;
  const date = new Date(Date.UTC(parts.year, parts.month - 1, parts.day - 7));
  const earlier = zonedTimeToInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), parts.hour * 60 + parts.minute, timeZone);
  // Seconds and milliseconds past the minute stay as they were.
  return new Date(earlier.getTime() + (due.getTime() % 60_000));
}

/**
 * Where the recap due at `due` starts: when the one before it was due (so the weeks join even when
 * summer time moved a recap out of a skipped hour), else the same wall-clock time a week before.
 */
export function recapWeekStart(due: Date, recap: ClarionConfig['recap'], timeZone: string): Date {
  const previous = nextRecapAt(new Date(due.getTime() - 8 * 86_400_000), recap, timeZone);
  return previous && previous.getTime() < due.getTime() && due.getTime() - previous.getTime() >= 6 * 86_400_000 ? previous : weekBefore(due, timeZone);
}

/** EventBridge Scheduler's cron for the recap, evaluated in the schedule's own time zone. */
export function recapCron(recap: RecapSetting): string {
  return `cron(${Number(recap.at.slice(3, 5))} ${Number(recap.at.slice(0, 2))} ? * ${recap.day.toUpperCase()} *)`;
}
