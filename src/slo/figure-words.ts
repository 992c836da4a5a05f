/** @module SLO (pure): the figures in words — "14.9×", "62% left", a text bar, "this month's allowance" — for templates and placeholders alike. */
import type { SloView } from '../core/alert.ts';
import { plainDate } from '../slack/format-time.ts';

/** "14.9×"; "unknown" when nothing was counted. */
export function burnRateWords(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 'unknown';
  return `${rate >= 10 ? rate.toFixed(1).replace(/\.0$/, '') : rate.toFixed(1)}×`;
}

/** "62%" of the budget left; "under 1%" for a sliver, which "0%" would call gone; "none" once used up. */
export function budgetLeftWords(left: number | null | undefined): string {
  if (left === null || left === undefined || !Number.isFinite(left)) return 'unknown';
  if (left <= 0) return 'none';
  // Rounded to 12 digits first: 1 − 0.8 is 0.19999999999999996, and a floor of that says 19%.
  const percent = Math.floor(Number((left * 100).toPrecision(12)));
  return percent < 1 ? 'under 1%' : `${percent}%`;
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

const dayFormat = new Map<string, { words: Intl.DateTimeFormat; numbers: Intl.DateTimeFormat }>();

function formatsFor(timeZone: string): { words: Intl.DateTimeFormat; numbers: Intl.DateTimeFormat } {
  let f = dayFormat.get(timeZone);
  if (!f) {
    const make = (zone: string) => ({
      words: new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'long', day: 'numeric', month: 'short', year: 'numeric' }),
      numbers: new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: 'numeric', month: 'numeric', year: 'numeric' }),
    });
    try {
      f = make(timeZone);
    } catch {
      f = make('Europe/London');
    }
    dayFormat.set(timeZone, f);
  }
  return f;
}

function partsOf(format: Intl.DateTimeFormat, date: Date): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(date)) parts[part.type] = part.value;
  return parts;
}

/** The calendar day in the zone, as `y-m-d`, and the day after it. */
function dayKeys(date: Date, timeZone: string): { key: string; next: string } {
  const p = partsOf(formatsFor(timeZone).numbers, date);
  const [y, m, d] = [Number(p.year), Number(p.month), Number(p.day)];
  // The next calendar day, not 24 hours on: a day the clocks change lasts 23 or 25 hours.
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return { key: `${y}-${m}-${d}`, next: `${next.getUTCFullYear()}-${next.getUTCMonth() + 1}-${next.getUTCDate()}` };
}

/**
 * "14:00 GMT today", "09:00 GMT tomorrow", "14:00 GMT on Friday 4 Dec": a time in the stage's zone,
 * with the day said the way people say it, as of `now`.
 */
export function whenWords(at: Date, now: Date, timeZone: string): string {
  const time = plainDate(at, timeZone, 'time');
  const day = dayKeys(at, timeZone).key;
  const today = dayKeys(now, timeZone);
  if (day === today.key) return `${time} today`;
  if (day === today.next) return `${time} tomorrow`;
  const words = partsOf(formatsFor(timeZone).words, at);
  return `${time} on ${words.weekday} ${words.day} ${words.month}`;
}
