/** @module History: the insights series — incidents per day by severity, time to acknowledge per day, the noisiest alerts and totals — drawn by the preview page. */
import type { HistoryItem, IncidentHistory } from '../core/history.ts';
import type { Severity } from '../core/signal.ts';
import { nearestRank } from './report.ts';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const satisfies readonly Severity[];

/** How many of the noisiest alerts are listed. */
export const NOISIEST_MAX = 10;

export interface InsightsInput {
  /** History items of the period, as the history port reads them (any order). */
  items: Iterable<HistoryItem>;
  since: Date;
  until: Date;
  /** The stage's time zone: days are the days people lived through, not UTC's. */
  timeZone: string;
  /** A catalog entry's title, or undefined when the catalog has no such entry (any more). */
  entryTitle(catalogId: string): string | undefined;
}

export type SeverityCounts = Record<Severity, number>;

export interface DayIncidents extends SeverityCounts {
  /** `YYYY-MM-DD` in the stage's time zone. */
  day: string;
  total: number;
}

export interface DayAcknowledge {
  day: string;
  /** Incidents opened that day and acknowledged. */
  acknowledged: number;
  /** Minutes from opening (or re-firing) to the acknowledgement; null on a day with none. */
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface NoisyAlert {
  /** The entry's id, or the alert key of an uncatalogued alarm. */
  key: string;
  catalogId: string | null;
  /**
   * The entry's title; for an alarm no entry claims, the alert's own title, which is event text
   * (escape it wherever it is shown).
   */
  title: string;
  events: number;
  incidents: number;
}

export interface InsightsTotals {
  incidents: number;
  bySeverity: SeverityCounts;
  /** Events seen across the incidents, repeats included. */
  events: number;
  acknowledged: number;
  /** Incidents that resolved without anybody acknowledging them. */
  resolvedUnacknowledged: number;
  resolved: number;
  open: number;
  reopenings: number;
  uncatalogued: number;
  medianAcknowledgeMinutes: number | null;
  p90AcknowledgeMinutes: number | null;
  escalations: number;
  silences: number;
  maintenance: number;
  clarity: { yes: number; no: number };
}

export interface Insights {
  since: string;
  until: string;
  timeZone: string;
  /** One row per day of the period, days without incidents included. */
  incidentsPerDay: DayIncidents[];
  acknowledgePerDay: DayAcknowledge[];
  /** At most `NOISIEST_MAX`, most events first. */
  noisiest: NoisyAlert[];
  totals: InsightsTotals;
}

const emptyCounts = (): SeverityCounts => ({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });

/**
 * The calendar day of an instant in a time zone. Every zone in use is a whole number of quarter
 * hours off UTC, so the answer for a quarter hour holds for all of it: a period's worth of
 * incidents costs a few thousand Intl calls, not one each.
 */
function dayReader(timeZone: string): (epochMs: number) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const cache = new Map<number, string>();
  return (epochMs) => {
    const slot = Math.floor(epochMs / 900_000);
    let day = cache.get(slot);
    if (day === undefined) {
      const parts: Record<string, string> = {};
      for (const part of format.formatToParts(new Date(slot * 900_000))) parts[part.type] = part.value;
      day = `${parts['year']}-${parts['month']}-${parts['day']}`;
      cache.set(slot, day);
    }
    return day;
  };
}

/** Every calendar date from `first` to `last`, both included (dates alone, so no time zone is involved). */
function datesBetween(first: string, last: string): string[] {
  const days: string[] = [];
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  for (let i = 0; ; i += 1) {
    const day = new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10);
    if (day > last) return days;
    days.push(day);
  }
}

/**
 * The p-th percentile (0–1) of ascending values, by nearest rank as the report and the recap count
 * it (`nearestRank`): the same acknowledgements give the same figure everywhere, always a real one.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  return nearestRank(sorted, p * 100);
}

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** Minutes from the opening an acknowledgement answered (a re-fire clears the acknowledgement, so a later one answers the re-fire). */
function acknowledgeMinutes(incident: IncidentHistory): number | null {
  if (!incident.acknowledgedAt) return null;
  const from = Date.parse(incident.reopenedAt && incident.reopenedAt <= incident.acknowledgedAt ? incident.reopenedAt : incident.openedAt);
  return Math.max(0, (Date.parse(incident.acknowledgedAt) - from) / 60_000);
}

/**
 * The insights of a period, in one pass over its items. Only alarm-scope incidents count: an
 * impact is the same incident as non-technical readers saw it, and counting it would count twice.
 */
export function insightsOf(input: InsightsInput): Insights {
  const dayOf = dayReader(input.timeZone);
  const from = input.since.toISOString();
  const to = input.until.toISOString();
  const days = datesBetween(dayOf(input.since.getTime()), dayOf(Math.max(input.since.getTime(), input.until.getTime() - 1)));
  const perDay = new Map(days.map((day) => [day, { counts: emptyCounts(), acks: [] as number[] }]));
  const noisy = new Map<string, NoisyAlert>();
  const allAcks: number[] = [];
  const totals: InsightsTotals = {
    incidents: 0,
    bySeverity: emptyCounts(),
    events: 0,
    acknowledged: 0,
    resolvedUnacknowledged: 0,
    resolved: 0,
    open: 0,
    reopenings: 0,
    uncatalogued: 0,
    medianAcknowledgeMinutes: null,
    p90AcknowledgeMinutes: null,
    escalations: 0,
    silences: 0,
    maintenance: 0,
    clarity: { yes: 0, no: 0 },
  };

  for (const item of input.items) {
    if (item.kind === 'note') {
      if (item.at < from || item.at >= to) continue;
      if (item.type === 'escalation') totals.escalations += 1;
      else if (item.type === 'silence') totals.silences += 1;
      else if (item.type === 'maintenance') totals.maintenance += 1;
      else if (item.type === 'clarity') totals.clarity[item.answer] += 1;
      continue;
    }
    if (item.scope !== 'alarm' || item.openedAt < from || item.openedAt >= to) continue;
    totals.incidents += 1;
    totals.bySeverity[item.severity] += 1;
    totals.events += item.occurrences;
    totals.reopenings += item.reopenings;
    if (item.status === 'resolved') totals.resolved += 1;
    else totals.open += 1;
    if (item.catalogId === null) totals.uncatalogued += 1;
    const bucket = perDay.get(dayOf(Date.parse(item.openedAt)));
    if (bucket) bucket.counts[item.severity] += 1;
    const minutes = acknowledgeMinutes(item);
    if (minutes !== null) {
      totals.acknowledged += 1;
      allAcks.push(minutes);
      bucket?.acks.push(minutes);
      // Resolved by hand is answered too, only not through Acknowledge.
    } else if (item.status === 'resolved' && item.resolvedBy === undefined) totals.resolvedUnacknowledged += 1;

    // Per entry where one claims the alarm (what an author can change), per alert otherwise.
    const key = item.catalogId ?? item.alertKey;
    const seen = noisy.get(key);
    if (seen) {
      seen.events += item.occurrences;
      seen.incidents += 1;
      // The newest title an uncatalogued alarm had.
      if (item.catalogId === null) seen.title = item.title;
    } else {
      const title = (item.catalogId !== null ? input.entryTitle(item.catalogId) : undefined) ?? item.title;
      noisy.set(key, { key, catalogId: item.catalogId, title, events: item.occurrences, incidents: 1 });
    }
  }

  allAcks.sort((a, b) => a - b);
  totals.medianAcknowledgeMinutes = round1(percentile(allAcks, 0.5));
  totals.p90AcknowledgeMinutes = round1(percentile(allAcks, 0.9));
  const incidentsPerDay: DayIncidents[] = [];
  const acknowledgePerDay: DayAcknowledge[] = [];
  for (const [day, { counts, acks }] of perDay) {
    incidentsPerDay.push({ day, ...counts, total: SEVERITIES.reduce((sum, s) => sum + counts[s], 0) });
    acks.sort((a, b) => a - b);
    acknowledgePerDay.push({ day, acknowledged: acks.length, medianMinutes: round1(percentile(acks, 0.5)), p90Minutes: round1(percentile(acks, 0.9)) });
  }
  const noisiest = [...noisy.values()].sort((a, b) => b.events - a.events || b.incidents - a.incidents || a.key.localeCompare(b.key)).slice(0, NOISIEST_MAX);
  return { since: from, until: to, timeZone: input.timeZone, incidentsPerDay, acknowledgePerDay, noisiest, totals };
}
