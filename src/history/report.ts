/** @module History: `clarion report` and the weekly recap's figures — what a period's incidents and notes say, per catalog entry and overall, in one pass. */
import type { HistoryItem, HistoryNote, IncidentHistory } from '../core/history.ts';
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import type { OfficeHours } from '../catalog/schema.ts';
import { WEEKDAYS } from '../catalog/schema.ts';
import { catalogSlug } from '../catalog/suggest-entry.ts';
import { describeOfficeHours, officeHoursFor } from '../pipeline/office-hours.ts';
import { timeZoneFor } from '../pipeline/route-alert.ts';
import { tallyClarity } from './clarity-answers.ts';
import type { ClarityTally } from './clarity-answers.ts';
import { periodEndingAt } from './read-period.ts';
import type { Period } from './read-period.ts';
import { ClarionError } from '../core/clarion-error.ts';

/** The shape's version in `--json`: bumped only when a field changes meaning or goes away. */
export const REPORT_VERSION = 1;

/** Hours counted as office hours when the configuration names none (said so in the report). */
export const DEFAULT_OFFICE_HOURS: OfficeHours = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:30', closed: [] };

/** An entry flaps when it opened at least this many incidents on one calendar day (in the configuration's zone), or an incident of it re-fired. */
export const FLAP_INCIDENTS_PER_DAY = 3;

/** The longest span a report covers: a day partition is read per day, and history is kept 400 days by default. */
export const MAX_REPORT_DAYS = 400;

export class ReportSpanError extends ClarionError {}

/** The period a report of `span` (`30d`, `7d`, `12h`) ending at `now` covers; a bad span throws `DurationError`, a too long one `ReportSpanError`. */
export function reportPeriod(now: Date, span: string): Period {
  const period = periodEndingAt(now, span);
  // A span so long its start is no date at all (`99999999999999999999d`) is too long, not a crash.
  if (Number.isNaN(period.since.getTime())) throw new ReportSpanError(`"${span}" is longer than ${MAX_REPORT_DAYS} days`);
  if (period.until.getTime() - period.since.getTime() > MAX_REPORT_DAYS * 86_400_000) throw new ReportSpanError(`"${span}" is longer than ${MAX_REPORT_DAYS} days`);
  if (period.until.getTime() === period.since.getTime()) throw new ReportSpanError(`"${span}" is an empty period`);
  return period;
}

/** Seconds covered by at least one of the spans (epoch ms pairs), overlaps counted once. */
function unionSeconds(spans: Array<[number, number]>): number {
  spans.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [start, end] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const [from, to] of spans) {
    if (from > end) {
      if (end > start) total += end - start;
      [start, end] = [from, to];
    } else if (to > end) end = to;
  }
  if (end > start) total += end - start;
  return Math.round(total / 1000);
}

/** Someone answered the incident: acknowledged it, or resolved it by hand. */
function answered(incident: IncidentHistory): boolean {
  return incident.acknowledgedAt !== undefined || incident.resolvedBy !== undefined;
}

/** How many rows the ranked lists keep. */
export const TOP = 10;

/** Durations in seconds; null when no incident had one. Nearest-rank percentiles (see `nearestRank`). */
export interface DurationFigures {
  count: number;
  median: number | null;
  p90: number | null;
}

export interface EntryFigures {
  /** The catalog entry; null for the overall row and for alarms no entry claims (one row for all of them). */
  catalogId: string | null;
  title: string;
  incidents: number;
  /** Incidents still open at the end of the period. */
  open: number;
  /** Events seen across its incidents (repeats included). */
  events: number;
  timeToAcknowledge: DurationFigures;
  timeToResolve: DurationFigures;
  outOfHours: number;
  /** Re-fires: how often an incident fired again within the flap window after it resolved. */
  reFires: number;
  /** Calendar days on which it opened at least `FLAP_INCIDENTS_PER_DAY` incidents. */
  flapDays: number;
  flapping: boolean;
  /** Incidents nobody acknowledged (resolved on their own, or still open). */
  unacknowledged: number;
}

/** One catalog entry's share of what non-technical audiences heard (the entry that spoke for each impact). */
export interface ImpactFigures {
  catalogId: string;
  incidents: number;
  fixed: number;
  affectedSeconds: number;
}

export interface NoisyAlert {
  catalogId: string | null;
  title: string;
  incidents: number;
  events: number;
  eventsPerIncident: number;
}

export interface UnacknowledgedAlert {
  catalogId: string | null;
  alertKey: string;
  title: string;
  incidents: number;
  lastOpenedAt: string;
}

export interface UncataloguedAlarm {
  family: string;
  name: string;
  incidents: number;
  lastSeen: string;
  /** The catalog entry to write for it (`clarion validate` checks it once written). */
  suggestedEntry: { id: string; match: { family: string; name: string } };
}

export interface Report {
  version: typeof REPORT_VERSION;
  period: { since: string; until: string };
  timeZone: string;
  /** The office hours "out of hours" counts against, and whether they were assumed (none configured). */
  officeHours: { description: string; assumed: boolean };
  percentiles: 'nearest-rank';
  overall: EntryFigures;
  /** One row per catalog entry with incidents (and one, `catalogId: null`, for uncatalogued alarms), most incidents first. */
  entries: EntryFigures[];
  /** What non-technical audiences heard: incidents of impact, and how long users were affected (sum of the impacts' open time within the period). */
  impacts: { incidents: number; fixed: number; affectedSeconds: number; open: number; byEntry: ImpactFigures[] };
  noisiest: NoisyAlert[];
  unacknowledged: { incidents: number; alerts: UnacknowledgedAlert[] };
  uncatalogued: UncataloguedAlarm[];
  escalations: { total: number; byAction: Record<EscalationAction, number> };
  silences: { count: number; totalSeconds: number; held: number };
  maintenance: { occurrences: number; held: number };
  /** Automatic fix runs (issue 14) noted in the period, by how they ended (`automatic`: started by Clarion, not a press). Always set by `buildReport`. */
  fixes?: { runs: number; automatic: number; succeeded: number; failed: number; refused: number; running: number };
  clarity: ClarityTally[];
}

type EscalationAction = Extract<HistoryNote, { type: 'escalation' }>['action'];

/**
 * The nearest-rank percentile of sorted values: the smallest value with at least p% of the values
 * at or below it (rank ⌈p/100 · n⌉). Always one of the values, never an interpolation; the median
 * of an even count is the lower middle value.
 */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

function durations(values: number[]): DurationFigures {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  return { count: list.length, median: nearestRank(list, 50), p90: nearestRank(list, 90) };
}

/**
 * Wall-clock time in a zone, from the zone's offset cached per quarter hour: offsets change only on
 * quarter-hour boundaries, so this is exact, and 100,000 incidents cost a few thousand Intl calls.
 */
function zonedClock(timeZone: string) {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
  const offsets = new Map<number, number>();
  const QUARTER = 900_000;
  function offset(epochMs: number): number {
    const bucket = Math.floor(epochMs / QUARTER);
    let known = offsets.get(bucket);
    if (known === undefined) {
      const start = bucket * QUARTER;
      const parts: Record<string, number> = {};
      for (const part of format.formatToParts(new Date(start))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
      known = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!) - start;
      offsets.set(bucket, known);
    }
    return known;
  }
  /** The local day (days since 1970-01-01), weekday and minutes past midnight of an instant. */
  return (epochMs: number) => {
    const local = epochMs + offset(epochMs);
    const day = Math.floor(local / 86_400_000);
    // 1 January 1970 was a Thursday: index 3 of WEEKDAYS, which starts on Monday.
    return { day, weekday: WEEKDAYS[(day + 3) % 7]!, minutes: Math.floor((local - day * 86_400_000) / 60_000) };
  };
}

/** `2026-12-25` for a local day number, as `closed` lists them. */
const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

interface Tally {
  catalogId: string | null;
  title: string;
  incidents: number;
  open: number;
  events: number;
  ack: number[];
  resolve: number[];
  outOfHours: number;
  reFires: number;
  perDay: Map<number, number>;
  unacknowledged: number;
}

const newTally = (catalogId: string | null, title: string): Tally => ({
  catalogId,
  title,
  incidents: 0,
  open: 0,
  events: 0,
  ack: [],
  resolve: [],
  outOfHours: 0,
  reFires: 0,
  perDay: new Map(),
  unacknowledged: 0,
});

function figuresOf(tally: Tally): EntryFigures {
  let flapDays = 0;
  for (const count of tally.perDay.values()) if (count >= FLAP_INCIDENTS_PER_DAY) flapDays += 1;
  return {
    catalogId: tally.catalogId,
    title: tally.title,
    incidents: tally.incidents,
    open: tally.open,
    events: tally.events,
    timeToAcknowledge: durations(tally.ack),
    timeToResolve: durations(tally.resolve),
    outOfHours: tally.outOfHours,
    reFires: tally.reFires,
    flapDays,
    flapping: flapDays > 0 || tally.reFires > 0,
    unacknowledged: tally.unacknowledged,
  };
}

const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

export interface ReportInput {
  /** History items of the period (`HistoryPort.read(since, until)`), in any order. */
  items: readonly HistoryItem[];
  period: Period;
  runtime: CatalogRuntime;
  stage?: string;
}

/** The report of a period. One pass over the items; only the duration lists are sorted. */
export function buildReport({ items, period, runtime, stage }: ReportInput): Report {
  const { config } = runtime;
  const timeZone = timeZoneFor(config, stage);
  const policy = officeHoursFor(config, stage);
  const hours = policy?.hours ?? DEFAULT_OFFICE_HOURS;
  const [start, end] = [minutesOf(hours.start), minutesOf(hours.end)];
  const closed = new Set(hours.closed);
  const workdays = new Set(hours.days);
  const clock = zonedClock(timeZone);
  const until = period.until.toISOString();
  const since = period.since.toISOString();

  const overall = newTally(null, 'All alerts');
  const entries = new Map<string, Tally>();
  const uncataloguedRow = newTally(null, 'Uncatalogued alarms');
  const byAlert = new Map<string, UnacknowledgedAlert & { events: number }>();
  const uncatalogued = new Map<string, UncataloguedAlarm>();
  const impacts = { incidents: 0, fixed: 0, affectedSeconds: 0, open: 0 };
  // Two problems at once affect people once: the overall time is the union of the impacts' spans.
  const affectedSpans: Array<[number, number]> = [];
  const impactsByEntry = new Map<string, ImpactFigures>();
  const escalations: Report['escalations'] = { total: 0, byAction: { remind: 0, mention: 0, channel: 0, page: 0 } };
  const silences = { count: 0, totalSeconds: 0, held: 0 };
  const fixes = { runs: 0, automatic: 0, succeeded: 0, failed: 0, refused: 0, running: 0 };
  const maintenance = { occurrences: 0, held: 0 };

  const countInto = (tally: Tally, incident: IncidentHistory, local: ReturnType<typeof clock>, outOfHours: boolean, ackSeconds: number | null, resolveSeconds: number | null) => {
    tally.incidents += 1;
    tally.events += incident.occurrences;
    tally.reFires += incident.reopenings;
    if (incident.status === 'open') tally.open += 1;
    if (outOfHours) tally.outOfHours += 1;
    if (ackSeconds !== null) tally.ack.push(ackSeconds);
    // An engineer who resolved it by hand answered it, without pressing Acknowledge first.
    else if (!answered(incident)) tally.unacknowledged += 1;
    if (resolveSeconds !== null) tally.resolve.push(resolveSeconds);
    tally.perDay.set(local.day, (tally.perDay.get(local.day) ?? 0) + 1);
  };

  for (const item of items) {
    if (item.kind === 'note') {
      if (item.type === 'escalation') {
        escalations.total += 1;
        escalations.byAction[item.action] += 1;
      } else if (item.type === 'silence') {
        silences.count += 1;
        silences.totalSeconds += Math.max(0, seconds(item.startsAt, item.endsAt < until ? item.endsAt : until));
        silences.held += item.held ?? 0;
      } else if (item.type === 'maintenance') {
        maintenance.occurrences += 1;
        maintenance.held += item.held;
      } else if (item.type === 'fix') {
        fixes.runs += 1;
        if (item.by === 'auto') fixes.automatic += 1;
        fixes[item.outcome] += 1;
      }
      continue;
    }
    if (item.scope === 'impact') {
      impacts.incidents += 1;
      if (item.status === 'open') impacts.open += 1;
      else impacts.fixed += 1;
      const ended = item.status === 'resolved' && item.resolvedAt && item.resolvedAt < until ? item.resolvedAt : until;
      // Only the time within the period: a problem that began before it counts from its start.
      const from = item.openedAt > since ? item.openedAt : since;
      const affected = Math.max(0, seconds(from, ended));
      if (affected > 0) affectedSpans.push([Date.parse(from), Date.parse(ended)]);
      if (item.catalogId !== null) {
        const entry = impactsByEntry.get(item.catalogId) ?? { catalogId: item.catalogId, incidents: 0, fixed: 0, affectedSeconds: 0 };
        entry.incidents += 1;
        if (item.status === 'resolved') entry.fixed += 1;
        entry.affectedSeconds += affected;
        impactsByEntry.set(item.catalogId, entry);
      }
      continue;
    }
    const epoch = Date.parse(item.openedAt);
    const local = clock(epoch);
    const outOfHours = !workdays.has(local.weekday) || local.minutes < start || local.minutes >= end || (closed.size > 0 && closed.has(isoDay(local.day)));
    // Parsed once for the overall row and the entry's: an acknowledgement or fix before the opening (clock skew) counts in neither.
    const acked = item.acknowledgedAt ? (Date.parse(item.acknowledgedAt) - epoch) / 1000 : -1;
    const fixed = item.status === 'resolved' && item.resolvedAt ? (Date.parse(item.resolvedAt) - epoch) / 1000 : -1;
    const ackSeconds = acked >= 0 ? acked : null;
    const resolveSeconds = fixed >= 0 ? fixed : null;
    countInto(overall, item, local, outOfHours, ackSeconds, resolveSeconds);
    let tally: Tally;
    if (item.catalogId === null) {
      tally = uncataloguedRow;
      const family = item.source?.family ?? 'unknown';
      const name = item.source?.name ?? item.title;
      const key = `${family}\u0000${name}`;
      const seen = uncatalogued.get(key);
      if (seen) {
        seen.incidents += 1;
        if (item.lastSeen > seen.lastSeen) seen.lastSeen = item.lastSeen;
      } else {
        uncatalogued.set(key, { family, name, incidents: 1, lastSeen: item.lastSeen, suggestedEntry: { id: `my-team.${catalogSlug(name) || 'unnamed'}`, match: { family, name } } });
      }
    } else {
      tally = entries.get(item.catalogId) ?? newTally(item.catalogId, runtime.index.byId.get(item.catalogId)?.title ?? item.title);
      entries.set(item.catalogId, tally);
    }
    countInto(tally, item, local, outOfHours, ackSeconds, resolveSeconds);
    const alert = byAlert.get(item.alertKey) ?? { catalogId: item.catalogId, alertKey: item.alertKey, title: item.title, incidents: 0, lastOpenedAt: item.openedAt, events: 0 };
    if (!answered(item)) {
      alert.incidents += 1;
      if (item.openedAt > alert.lastOpenedAt) alert.lastOpenedAt = item.openedAt;
    }
    byAlert.set(item.alertKey, alert);
  }

  const rows = [...entries.values(), ...(uncataloguedRow.incidents > 0 ? [uncataloguedRow] : [])].map(figuresOf);
  rows.sort((a, b) => b.incidents - a.incidents || (a.catalogId ?? '\uffff').localeCompare(b.catalogId ?? '\uffff'));
  const perIncident = (row: { events: number; incidents: number }) => Math.round((row.events / row.incidents) * 10) / 10;
  const noisiest = rows
    .map((row) => ({ catalogId: row.catalogId, title: row.title, incidents: row.incidents, events: row.events, eventsPerIncident: perIncident(row) }))
    .sort((a, b) => b.incidents - a.incidents || b.eventsPerIncident - a.eventsPerIncident || (a.catalogId ?? '\uffff').localeCompare(b.catalogId ?? '\uffff'))
    .slice(0, TOP);
  const unacknowledgedAlerts = [...byAlert.values()]
    .filter((alert) => alert.incidents > 0)
    .sort((a, b) => b.incidents - a.incidents || b.lastOpenedAt.localeCompare(a.lastOpenedAt) || a.alertKey.localeCompare(b.alertKey))
    .slice(0, TOP)
    .map(({ events: _events, ...alert }) => alert);

  // Flapping is an entry's trait: overall, the entry-days that flapped and whether any entry did.
  const overallRow = { ...figuresOf(overall), flapDays: rows.reduce((sum, row) => sum + row.flapDays, 0), flapping: rows.some((row) => row.flapping) };
  return {
    version: REPORT_VERSION,
    period: { since: period.since.toISOString(), until },
    timeZone,
    officeHours: { description: `${describeOfficeHours(hours)} ${timeZone}`, assumed: !policy },
    percentiles: 'nearest-rank',
    overall: overallRow,
    entries: rows,
    impacts: { ...impacts, affectedSeconds: unionSeconds(affectedSpans), byEntry: [...impactsByEntry.values()].sort((a, b) => b.affectedSeconds - a.affectedSeconds || a.catalogId.localeCompare(b.catalogId)).slice(0, TOP) },
    noisiest,
    unacknowledged: { incidents: overall.unacknowledged, alerts: unacknowledgedAlerts },
    uncatalogued: [...uncatalogued.values()].sort((a, b) => b.incidents - a.incidents || a.family.localeCompare(b.family) || a.name.localeCompare(b.name)),
    escalations,
    silences,
    maintenance,
    fixes,
    clarity: tallyClarity(items),
  };
}
