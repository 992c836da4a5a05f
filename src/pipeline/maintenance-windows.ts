/** @module Pipeline (the mute stage's maintenance windows): when each window's work happens in the stage's time zone, and which window an alert falls in — in time independent of how many windows there are. */
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import type { MaintenanceWindow } from '../catalog/maintenance-schema.ts';
import { LOCAL_DATE_TIME, MAINTENANCE_DAYS } from '../catalog/maintenance-schema.ts';
import type { Alert } from '../core/alert.ts';
import { zonedTimeToInstant } from './office-hours.ts';
import { parseDuration } from './parse-duration.ts';
import { timeZoneFor } from './route-alert.ts';

/** One time a window's work happens: from `start` to `end`; its first notice is due at `noticeAt`. */
export interface Occurrence {
  window: MaintenanceWindow;
  start: Date;
  end: Date;
  noticeAt: Date;
}

export type MaintenancePhase = 'before' | 'start' | 'end';
export const MAINTENANCE_PHASES: readonly MaintenancePhase[] = ['before', 'start', 'end'];

const DAY_MS = 86_400_000;

/** When a phase of an occurrence is due. */
export function phaseTime(occurrence: Occurrence, phase: MaintenancePhase): Date {
  return phase === 'before' ? occurrence.noticeAt : phase === 'start' ? occurrence.start : occurrence.end;
}

/** `2026-12-05T09:00` in the zone (or an exact instant when it carries an offset). */
export function instantOf(text: string, timeZone: string): Date {
  const m = LOCAL_DATE_TIME.exec(text);
  if (!m) return new Date(Number.NaN);
  if (m[7]) return new Date(text);
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  return zonedTimeToInstant(year, month, day, hour * 60 + minute, timeZone);
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Time-zone answers remembered, by zone and question: a horizon's windows ask the same ones (the
 * same start and end of a stretch, 02:00 on the same Sundays) and each costs time-zone lookups.
 * Past this many the memo starts afresh rather than grow.
 */
const zoneAnswers = new Map<string, number>();
const ZONE_ANSWERS_KEPT = 20_000;

function remembered(key: string, work: () => number): number {
  let answer = zoneAnswers.get(key);
  if (answer === undefined) {
    answer = work();
    if (zoneAnswers.size >= ZONE_ANSWERS_KEPT) zoneAnswers.clear();
    zoneAnswers.set(key, answer);
  }
  return answer;
}

/** The calendar date at an instant in the zone, as a UTC midnight (so days can be counted with plain arithmetic). */
function localDate(instant: Date, timeZone: string): number {
  return remembered(`date|${timeZone}|${instant.getTime()}`, () => {
    let f = dateFormatters.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      dateFormatters.set(timeZone, f);
    }
    return Date.parse(`${f.format(instant)}T00:00:00Z`);
  });
}

/** The instant a wall-clock time of a day (a UTC midnight) happens in the zone. */
function wallClockInstant(day: number, minutes: number, timeZone: string): Date {
  return new Date(
    remembered(`wall|${timeZone}|${day}|${minutes}`, () => {
      const date = new Date(day);
      return zonedTimeToInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), minutes, timeZone).getTime();
    }),
  );
}

function occurrence(window: MaintenanceWindow, start: Date, end: Date): Occurrence {
  return { window, start, end, noticeAt: new Date(start.getTime() - parseDuration(window.noticeBefore) * 1000) };
}

/** Every occurrence of the window that starts in [from, to), in order. */
export function occurrencesStarting(window: MaintenanceWindow, from: Date, to: Date, timeZone: string): Occurrence[] {
  if (window.starts !== undefined && window.ends !== undefined) {
    const start = instantOf(window.starts, timeZone);
    return start >= from && start < to ? [occurrence(window, start, instantOf(window.ends, timeZone))] : [];
  }
  if (!window.schedule || !window.duration) return [];
  const length = parseDuration(window.duration) * 1000;
  const minutes = Number(window.schedule.at.slice(0, 2)) * 60 + Number(window.schedule.at.slice(3, 5));
  const found: Occurrence[] = [];
  // A day either side: the zone's date at `from` and `to` may differ from UTC's.
  for (let day = localDate(from, timeZone) - DAY_MS; day <= localDate(to, timeZone) + DAY_MS; day += DAY_MS) {
    const date = new Date(day);
    const weekday = MAINTENANCE_DAYS[(date.getUTCDay() + 6) % 7]!;
    if (!window.schedule.days.includes(weekday)) continue;
    const start = wallClockInstant(day, minutes, timeZone);
    if (start >= from && start < to) found.push(occurrence(window, start, new Date(start.getTime() + length)));
  }
  return found;
}

/** How long one occurrence lasts at most, in ms (a one-off's own length). */
function longest(window: MaintenanceWindow, timeZone: string): number {
  if (window.duration) return parseDuration(window.duration) * 1000;
  if (window.starts && window.ends) return Math.max(0, instantOf(window.ends, timeZone).getTime() - instantOf(window.starts, timeZone).getTime());
  return 0;
}

/** The occurrence going on at `now` (start ≤ now < end), if any. */
export function occurrenceAt(window: MaintenanceWindow, now: Date, timeZone: string): Occurrence | undefined {
  const from = new Date(now.getTime() - longest(window, timeZone));
  return occurrencesStarting(window, from, new Date(now.getTime() + 1), timeZone).find((o) => o.start <= now && now < o.end);
}

/** The occurrence going on at `now`, else the next one; undefined when a one-off window is over. */
export function currentOrNext(window: MaintenanceWindow, now: Date, timeZone: string): Occurrence | undefined {
  return occurrenceAt(window, now, timeZone) ?? occurrencesStarting(window, now, new Date(now.getTime() + 8 * DAY_MS), timeZone)[0] ?? nextOneOff(window, now, timeZone);
}

function nextOneOff(window: MaintenanceWindow, now: Date, timeZone: string): Occurrence | undefined {
  if (!window.starts || !window.ends) return undefined;
  const start = instantOf(window.starts, timeZone);
  return start > now ? occurrence(window, start, instantOf(window.ends, timeZone)) : undefined;
}

/** The occurrence that starts exactly at `start`, if the window has one there. */
export function occurrenceStartingAt(window: MaintenanceWindow, start: Date, timeZone: string): Occurrence | undefined {
  return occurrencesStarting(window, start, new Date(start.getTime() + 1), timeZone)[0];
}

/**
 * The occurrence a phase request without one is about: the one whose phase time is nearest `now`
 * (a schedule fires at the phase time, give or take its delivery), looking a little over a week
 * either side.
 */
export function occurrenceForPhase(window: MaintenanceWindow, phase: MaintenancePhase, now: Date, timeZone: string): Occurrence | undefined {
  const span = 8 * DAY_MS + parseDuration(window.noticeBefore) * 1000 + longest(window, timeZone);
  const all = occurrencesStarting(window, new Date(now.getTime() - span), new Date(now.getTime() + span), timeZone);
  let best: Occurrence | undefined;
  for (const o of all) {
    if (!best || Math.abs(phaseTime(o, phase).getTime() - now.getTime()) < Math.abs(phaseTime(best, phase).getTime() - now.getTime())) best = o;
  }
  return best;
}

/** A phase of an occurrence, due at `at`. */
export interface DuePhase {
  window: MaintenanceWindow;
  phase: MaintenancePhase;
  occurrence: Occurrence;
  at: Date;
}

/** Every phase of every window due in (from, to], in time order (before, start, end for one occurrence at the same instant). */
export function phasesDue(windows: readonly MaintenanceWindow[], from: Date, to: Date, timeZone: string): DuePhase[] {
  const due: DuePhase[] = [];
  for (const window of windows) {
    const reach = parseDuration(window.noticeBefore) * 1000 + longest(window, timeZone);
    for (const o of occurrencesStarting(window, new Date(from.getTime() - reach), new Date(to.getTime() + reach + 1), timeZone)) {
      for (const phase of MAINTENANCE_PHASES) {
        const at = phaseTime(o, phase);
        // A window too short for its notice (noticeBefore 0) still has its phases in order.
        if (at > from && at <= to) due.push({ window, phase, occurrence: o, at });
      }
    }
  }
  return due.sort((a, b) => a.at.getTime() - b.at.getTime() || MAINTENANCE_PHASES.indexOf(a.phase) - MAINTENANCE_PHASES.indexOf(b.phase));
}

/** The next phase of any window after `after`, for a timer; looks ahead at most `horizonMs`. */
export function nextPhase(windows: readonly MaintenanceWindow[], after: Date, timeZone: string, horizonMs = 8 * DAY_MS): DuePhase | undefined {
  return phasesDue(windows, after, new Date(after.getTime() + horizonMs), timeZone)[0];
}

/** Windows by the catalog entry they affect (groups expanded once), in the stage's time zone. */
export interface MaintenanceIndex {
  byEntry: Map<string, MaintenanceWindow[]>;
  byId: Map<string, MaintenanceWindow>;
  timeZone: string;
}

export function buildMaintenanceIndex(windows: readonly MaintenanceWindow[], entries: Iterable<{ id: string; group?: string | undefined }>, timeZone: string): MaintenanceIndex {
  const byGroup = new Map<string, string[]>();
  for (const entry of entries) {
    if (!entry.group) continue;
    const list = byGroup.get(entry.group) ?? [];
    list.push(entry.id);
    byGroup.set(entry.group, list);
  }
  const byEntry = new Map<string, MaintenanceWindow[]>();
  const byId = new Map<string, MaintenanceWindow>();
  for (const window of windows) {
    byId.set(window.id, window);
    const ids = new Set([...window.affects.entries, ...window.affects.groups.flatMap((g) => byGroup.get(g) ?? [])]);
    for (const id of ids) {
      const list = byEntry.get(id) ?? [];
      list.push(window);
      byEntry.set(id, list);
    }
  }
  return { byEntry, byId, timeZone };
}

/**
 * The window (and its occurrence) an alert falls in at `now`, or undefined: only the windows of the
 * alert's own entry are looked at. Of several, the first window of the entry's list that is on, and
 * of its occurrences going on, the one that started first (as `occurrenceAt` window by window would
 * say) — but found by a binary search in the entry's timeline, so an entry with a thousand windows
 * costs what one with a single window does.
 */
export function activeWindow(index: MaintenanceIndex, alert: Pick<Alert, 'catalogId'>, now: Date): Occurrence | undefined {
  if (alert.catalogId === null) return undefined;
  const windows = index.byEntry.get(alert.catalogId);
  if (!windows) return undefined;
  const t = now.getTime();
  if (Number.isNaN(t)) return undefined;
  const horizon = horizonAt(index, t);
  let timeline = horizon.byEntry.get(alert.catalogId);
  if (!timeline) {
    timeline = timelineOf(windows, horizon, index.timeZone);
    horizon.byEntry.set(alert.catalogId, timeline);
  }
  return answerAt(timeline, t);
}

/*
 * Time-zone arithmetic is what costs, so each window's occurrences are worked out once for a stretch
 * of time (the horizon) and each entry's windows are folded into a step function over it: from
 * `bounds[i]` until `bounds[i + 1]`, the answer is `answers[i]`. A `now` outside the horizon (time
 * moved on a week, or a clock moved back) starts a new one; time is only ever the `now` given.
 */
interface Timeline {
  bounds: number[];
  answers: (Occurrence | undefined)[];
}

interface Horizon {
  from: number;
  to: number;
  byWindow: Map<MaintenanceWindow, Occurrence[]>;
  byEntry: Map<string, Timeline>;
}

/** A day back (events that arrive late), a week ahead; starting at a UTC midnight so every entry shares it. */
const HORIZON_BEFORE_MS = DAY_MS;
const HORIZON_MS = 9 * DAY_MS;
/**
 * Horizons kept per index, the last used first: besides now, alarms are asked about the time they
 * opened (`openedDuringPlannedWork`), which may be days back, and one old alarm must not make
 * every alert after it start the present horizon again.
 */
const HORIZONS_KEPT = 4;

const horizons = new WeakMap<MaintenanceIndex, Horizon[]>();

function horizonAt(index: MaintenanceIndex, t: number): Horizon {
  let kept = horizons.get(index);
  if (!kept) {
    kept = [];
    horizons.set(index, kept);
  }
  const at = kept.findIndex((h) => h.from <= t && t < h.to);
  if (at === 0) return kept[0]!;
  const from = Math.floor(t / DAY_MS) * DAY_MS - HORIZON_BEFORE_MS;
  const horizon = at > 0 ? kept.splice(at, 1)[0]! : { from, to: from + HORIZON_MS, byWindow: new Map(), byEntry: new Map() };
  kept.unshift(horizon);
  if (kept.length > HORIZONS_KEPT) kept.pop();
  return horizon;
}

/** The window's occurrences that are on at some time in the horizon (those that never are, e.g. ending before they start, left out). */
function occurrencesIn(window: MaintenanceWindow, horizon: Horizon, timeZone: string): Occurrence[] {
  let found = horizon.byWindow.get(window);
  if (!found) {
    const all = occurrencesStarting(window, new Date(horizon.from - longest(window, timeZone)), new Date(horizon.to), timeZone);
    // `!(start < end)` also drops dates that did not parse (NaN), which `occurrenceAt` never finds either.
    found = all.filter((o) => o.start.getTime() < o.end.getTime() && o.end.getTime() > horizon.from && o.start.getTime() < horizon.to);
    horizon.byWindow.set(window, found);
  }
  return found;
}

interface Ranked {
  occurrence: Occurrence;
  /** The window's place in the entry's list: the first window on wins. */
  rank: number;
  start: number;
  end: number;
}

/** The entry's answer over the horizon: a sweep over every start and end, keeping the occurrences going on in a heap ordered by (window rank, start). */
function timelineOf(windows: readonly MaintenanceWindow[], horizon: Horizon, timeZone: string): Timeline {
  const items: Ranked[] = [];
  windows.forEach((window, rank) => {
    for (const occurrence of occurrencesIn(window, horizon, timeZone)) items.push({ occurrence, rank, start: occurrence.start.getTime(), end: occurrence.end.getTime() });
  });
  items.sort((a, b) => a.start - b.start);
  const edges = new Set<number>([horizon.from]);
  for (const item of items) {
    if (item.start > horizon.from) edges.add(item.start);
    if (item.end < horizon.to) edges.add(item.end);
  }
  const timeline: Timeline = { bounds: [], answers: [] };
  const on = new RankedHeap();
  let next = 0;
  for (const edge of [...edges].sort((a, b) => a - b)) {
    while (next < items.length && items[next]!.start <= edge) on.push(items[next++]!);
    // Ended ones are dropped only when they reach the top: below it they change nothing.
    while (on.top() && on.top()!.end <= edge) on.pop();
    const answer = on.top()?.occurrence;
    if (timeline.answers.length > 0 && timeline.answers.at(-1) === answer) continue;
    timeline.bounds.push(edge);
    timeline.answers.push(answer);
  }
  return timeline;
}

function answerAt(timeline: Timeline, t: number): Occurrence | undefined {
  // The last bound at or before t (the first bound is the horizon's start, which t is past).
  let low = 0;
  let high = timeline.bounds.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (timeline.bounds[mid]! <= t) low = mid;
    else high = mid - 1;
  }
  return timeline.answers[low];
}

const before = (a: Ranked, b: Ranked) => a.rank < b.rank || (a.rank === b.rank && a.start < b.start);

/** A binary min-heap of occurrences by (window rank, start). */
class RankedHeap {
  private readonly items: Ranked[] = [];

  top(): Ranked | undefined {
    return this.items[0];
  }

  push(item: Ranked): void {
    const items = this.items;
    let i = items.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): void {
    const items = this.items;
    const last = items.pop();
    if (items.length === 0 || !last) return;
    items[0] = last;
    let i = 0;
    for (;;) {
      const [left, right] = [2 * i + 1, 2 * i + 2];
      let least = i;
      if (left < items.length && before(items[left]!, items[least]!)) least = left;
      if (right < items.length && before(items[right]!, items[least]!)) least = right;
      if (least === i) return;
      [items[i], items[least]] = [items[least]!, items[i]!];
      i = least;
    }
  }
}

const EMPTY: MaintenanceIndex = { byEntry: new Map(), byId: new Map(), timeZone: 'UTC' };
const indexes = new WeakMap<CatalogRuntime, Map<string, MaintenanceIndex>>();

/** The index of a catalog's windows for a stage, built once per catalog (the local stack swaps the catalog when its YAML changes). */
export function maintenanceIndexFor(runtime: CatalogRuntime, stage?: string): MaintenanceIndex {
  if (!runtime.maintenance || runtime.maintenance.length === 0) return EMPTY;
  let byStage = indexes.get(runtime);
  if (!byStage) {
    byStage = new Map();
    indexes.set(runtime, byStage);
  }
  let index = byStage.get(stage ?? '');
  if (!index) {
    index = buildMaintenanceIndex(runtime.maintenance, runtime.index.byId.values(), timeZoneFor(runtime.config, stage));
    byStage.set(stage ?? '', index);
  }
  return index;
}
