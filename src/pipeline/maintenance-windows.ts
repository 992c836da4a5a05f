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

/** The calendar date at an instant in the zone, as a UTC midnight (so days can be counted with plain arithmetic). */
function localDate(instant: Date, timeZone: string): number {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, f);
  }
  return Date.parse(`${f.format(instant)}T00:00:00Z`);
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
    const start = zonedTimeToInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), minutes, timeZone);
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

/** The window (and its occurrence) an alert falls in at `now`, or undefined: only the windows of the alert's own entry are looked at. */
export function activeWindow(index: MaintenanceIndex, alert: Pick<Alert, 'catalogId'>, now: Date): Occurrence | undefined {
  if (alert.catalogId === null) return undefined;
  const windows = index.byEntry.get(alert.catalogId);
  if (!windows) return undefined;
  for (const window of windows) {
    const found = occurrenceAt(window, now, index.timeZone);
    if (found) return found;
  }
  return undefined;
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
