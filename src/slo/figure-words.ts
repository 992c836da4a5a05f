/** @module SLO (pure): the figures in words — "14.9×", "62% left", a text bar, "this month's allowance" — for templates and placeholders alike. */
import type { SloView } from '../core/alert.ts';
import { plainDate } from '../slack/format-time.ts';

/** "14.9×"; "unknown" when nothing was counted. */
export function burnRateWords(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 'unknown';
  return `${rate >= 10 ? rate.toFixed(1).replace(/\.0$/, '') : rate.toFixed(1)}×`;
}

/** "62%" of the budget left; "none" once used up. */
export function budgetLeftWords(left: number | null | undefined): string {
  if (left === null || left === undefined || !Number.isFinite(left)) return 'unknown';
  return left <= 0 ? 'none' : `${Math.floor(left * 100)}%`;
}

const BAR_CELLS = 10;

/**
 * `▓▓▓▓▓▓░░░░ 62% left`: the bar for the eye, the words for everyone (screen readers read the
 * words; the bar is not colour). Used up: `░░░░░░░░░░ used up`.
 */
export function budgetBar(left: number | null | undefined): string {
  if (left === null || left === undefined || !Number.isFinite(left)) return 'budget left unknown';
  const share = Math.max(0, Math.min(1, left));
  // Rounded up, so a sliver left still shows one cell; none only once it is used up.
  const filled = share > 0 ? Math.max(1, Math.round(share * BAR_CELLS)) : 0;
  const bar = '▓'.repeat(filled) + '░'.repeat(BAR_CELLS - filled);
  return left <= 0 ? `${bar} used up` : `${bar} ${budgetLeftWords(left)} left`;
}

/** "this month's", "this week's", "today's", else "the 14-day": whose allowance it is, by its window. */
export function allowancePeriod(view: Pick<SloView, 'window' | 'windowSeconds'>): string {
  const days = view.windowSeconds / 86_400;
  if (days === 1) return "today's";
  if (days === 7) return "this week's";
  if (days >= 28 && days <= 31) return "this month's";
  if (days === 90) return "this quarter's";
  return Number.isInteger(days) ? `the ${days}-day` : `the ${view.window}`;
}

const dayFormat = new Map<string, Intl.DateTimeFormat>();

function dayParts(date: Date, timeZone: string): { key: string; weekday: string; day: string; month: string } {
  let f = dayFormat.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'short', year: 'numeric' });
    } catch {
      f = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'short', year: 'numeric' });
    }
    dayFormat.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const part of f.formatToParts(date)) parts[part.type] = part.value;
  return { key: `${parts.year}-${parts.month}-${parts.day}`, weekday: parts.weekday!, day: parts.day!, month: parts.month! };
}

/**
 * "14:00 GMT today", "09:00 GMT tomorrow", "14:00 GMT on Friday 4 Dec": a time in the stage's zone,
 * with the day said the way people say it, as of `now`.
 */
export function whenWords(at: Date, now: Date, timeZone: string): string {
  const time = plainDate(at, timeZone, 'time');
  const day = dayParts(at, timeZone);
  if (day.key === dayParts(now, timeZone).key) return `${time} today`;
  if (day.key === dayParts(new Date(now.getTime() + 86_400_000), timeZone).key) return `${time} tomorrow`;
  return `${time} on ${day.weekday} ${day.day} ${day.month}`;
}
