/** @module History (status page): what the stakeholder status page says — each service's state, open problems, planned work and the last 90 days — from impact history, the catalog and the clock. */
import { createHash } from 'node:crypto';
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import { serviceOf } from '../catalog/entry-service.ts';
import type { CatalogEntry, PerStateText, ServiceConfig } from '../catalog/schema.ts';
import type { ImpactLevel } from '../core/alert.ts';
import type { HistoryItem, IncidentHistory } from '../core/history.ts';
import { occurrenceAt, occurrencesStarting } from '../pipeline/maintenance-windows.ts';
import type { Occurrence } from '../pipeline/maintenance-windows.ts';
import { zonedTimeToInstant } from '../pipeline/office-hours.ts';
import { parseDuration } from '../pipeline/parse-duration.ts';
import { timeZoneFor } from '../pipeline/route-alert.ts';

/*
 * Only impact incidents feed the page: an impact is exactly what non-technical audiences were told
 * (silenced, planned-work and folded alarms never feed one), so the page never says more than they
 * heard. Its words come only from catalog text written for them (title, impact, local-office
 * comms); history's own `title` and anything with a `{{placeholder}}` are never read, because they
 * can carry event values: alarm names, ARNs, accounts, reasons.
 */

/** The status page shows this many days of history. */
export const STATUS_DAYS = 90;
/** Planned work this far ahead is listed. */
export const PLANNED_AHEAD_DAYS = 14;
/** When an entry sets no `nextUpdate`, readers are promised one within this. */
export const DEFAULT_NEXT_UPDATE = '1h';
/** Past problems listed per service, newest first. */
export const PAST_LISTED = 20;

const DAY_MS = 86_400_000;

export type ServiceState = 'working' | 'degraded' | 'down' | 'planned-work';

/** What each state is called, in the words the page uses. */
export const STATE_TEXT: Record<ServiceState, string> = {
  working: 'Working',
  degraded: 'Some users affected',
  down: 'Not working',
  'planned-work': 'Planned work',
};

export type DayLevel = 'none' | 'minor' | 'major' | 'outage';

export const DAY_TEXT: Record<DayLevel, string> = {
  none: 'No problems',
  minor: 'Minor problem',
  major: 'Some users affected',
  outage: 'Not working',
};

export interface OpenProblem {
  /** Stable and opaque: a hash, never the alert key. */
  id: string;
  /** `open`: users are affected now; `checking`: it looks fixed and is being watched before anyone says so. */
  status: 'open' | 'checking';
  level: ImpactLevel;
  title: string;
  summary: string;
  who?: string;
  /** The catalog's ready-to-forward text for local offices. */
  message?: string;
  startedAt: string;
  acknowledged: boolean;
  /** When readers can expect the next word (only while open). */
  nextUpdateBy?: string;
}

export interface PastProblem {
  id: string;
  level: ImpactLevel;
  title: string;
  summary?: string;
  startedAt: string;
  fixedAt: string;
}

export interface StatusDay {
  /** The date in the stage's time zone, YYYY-MM-DD. */
  date: string;
  level: DayLevel;
  text: string;
}

export interface ServiceStatus {
  id: string;
  name: string;
  description?: string;
  state: ServiceState;
  stateText: string;
  problems: OpenProblem[];
  /** Oldest first, the last `STATUS_DAYS` days ending today. */
  days: StatusDay[];
  /** Newest first, at most `PAST_LISTED`. */
  past: PastProblem[];
}

export interface PlannedWork {
  id: string;
  title: string;
  message?: string;
  startsAt: string;
  endsAt: string;
  /** Ids of the services it affects. */
  services: string[];
  /** Going on now. */
  now: boolean;
}

/** The page as data: also exactly what `status.json` holds (documented in docs/design.md). */
export interface StatusModel {
  version: 1;
  generatedAt: string;
  timeZone: string;
  title: string;
  overall: { state: ServiceState; text: string };
  services: ServiceStatus[];
  plannedWork: PlannedWork[];
}

export interface StatusInput {
  runtime: CatalogRuntime;
  /** History read over the last `STATUS_DAYS` days (`HistoryPort.read`). */
  items: readonly HistoryItem[];
  now: Date;
  stage?: string;
}

/** Catalog text is shown only when it was written whole: a sentence waiting for an event value is dropped. */
function plain(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  return trimmed === '' || trimmed.includes('{{') ? undefined : trimmed;
}

function firingText(text: PerStateText | undefined): string | undefined {
  return typeof text === 'string' ? text : text?.firing;
}

/** Whether any audience the entry routes to reads a non-technical template. */
function tellsNonTechnical(entry: CatalogEntry, runtime: CatalogRuntime): boolean {
  return entry.audiences.some((audience) => {
    const template = runtime.config.audiences[audience]?.template;
    return template !== undefined && template !== 'techies';
  });
}

export function publicId(incident: Pick<IncidentHistory, 'alertKey' | 'openedAt'>): string {
  return createHash('sha256').update(`${incident.alertKey}\u0000${incident.openedAt}`).digest('hex').slice(0, 16);
}

const GENERIC_SUMMARY: Record<ImpactLevel, string> = {
  none: 'Nothing users do should be affected.',
  minor: 'A small part of the service is not working as it should.',
  major: 'Some people cannot do what they need to.',
  outage: 'Nobody can use the service at the moment.',
};

const GENERIC_SUMMARY_FIXED: Record<ImpactLevel, string> = {
  none: 'Nothing users did was affected.',
  minor: 'A small part of the service did not work as it should.',
  major: 'Some people could not do what they needed to.',
  outage: 'Nobody could use the service.',
};

/** The next time readers were promised word: the newest change, stepped forward by the entry's cadence until it lies ahead. */
function nextUpdateBy(incident: IncidentHistory, entry: CatalogEntry, now: Date): string {
  let interval = parseDuration(DEFAULT_NEXT_UPDATE) * 1000;
  try {
    if (entry.nextUpdate) interval = parseDuration(entry.nextUpdate) * 1000;
  } catch {
    // The schema checked it; a bad one keeps the default rather than dropping the promise.
  }
  const base = Math.max(...[incident.openedAt, incident.reopenedAt, incident.acknowledgedAt].filter((t): t is string => t !== undefined).map(Date.parse));
  const steps = Math.max(1, Math.ceil((now.getTime() - base + 1) / interval));
  return new Date(base + steps * interval).toISOString();
}

function openProblem(incident: IncidentHistory, entry: CatalogEntry, service: ServiceConfig, now: Date): OpenProblem {
  const checking = incident.status === 'resolved';
  const who = plain(entry.impact.who);
  const message = plain(firingText(entry.comms['local-office']));
  return {
    id: publicId(incident),
    status: checking ? 'checking' : 'open',
    level: entry.impact.level,
    title: plain(entry.title) ?? `A problem with the ${service.name}`,
    summary: plain(entry.impact.summary) ?? GENERIC_SUMMARY[entry.impact.level],
    ...(who ? { who } : {}),
    ...(message && !checking ? { message } : {}),
    startedAt: incident.reopenedAt ?? incident.openedAt,
    acknowledged: incident.acknowledgedAt !== undefined,
    ...(checking ? {} : { nextUpdateBy: nextUpdateBy(incident, entry, now) }),
  };
}

function pastProblem(incident: IncidentHistory, entry: CatalogEntry, service: ServiceConfig): PastProblem {
  const title = plain(entry.titleWhenFixed) ?? (plain(entry.title) ? `Fixed: ${plain(entry.title)}` : `There was a problem with the ${service.name}`);
  const summary = plain(entry.impact.summaryWhenFixed) ?? GENERIC_SUMMARY_FIXED[entry.impact.level];
  return {
    id: publicId(incident),
    level: entry.impact.level,
    title,
    summary,
    startedAt: incident.openedAt,
    // When users found it working again, not when Clarion was sure enough to say so.
    fixedAt: incident.resolvedAt ?? incident.fixConfirmedAt ?? incident.lastSeen,
  };
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DD of an instant in the zone. */
export function localDay(instant: Date, timeZone: string): string {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, f);
  }
  return f.format(instant);
}

/** The instant a local date starts in the zone. */
function dayStart(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return zonedTimeToInstant(year, month, day, 0, timeZone).getTime();
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

const LEVEL_RANK: Record<DayLevel, number> = { none: 0, minor: 1, major: 2, outage: 3 };

function strip(incidents: ReadonlyArray<{ incident: IncidentHistory; entry: CatalogEntry }>, now: Date, timeZone: string): StatusDay[] {
  const dates: string[] = [localDay(now, timeZone)];
  while (dates.length < STATUS_DAYS) dates.unshift(dayBefore(dates[0]!));
  const starts = dates.map((date) => dayStart(date, timeZone));
  return dates.map((date, i) => {
    const from = starts[i]!;
    const to = starts[i + 1] ?? now.getTime() + 1;
    let level: DayLevel = 'none';
    for (const { incident, entry } of incidents) {
      const opened = Date.parse(incident.openedAt);
      const ended = incident.status === 'open' ? now.getTime() : Date.parse(incident.resolvedAt ?? incident.lastSeen);
      if (opened < to && ended >= from && entry.impact.level !== 'none' && LEVEL_RANK[entry.impact.level] > LEVEL_RANK[level]) level = entry.impact.level;
    }
    return { date, level, text: DAY_TEXT[level] };
  });
}

/** Each entry id the window affects (its entries and its groups' entries). */
function affectedServices(occurrence: Occurrence, runtime: CatalogRuntime, services: readonly ServiceConfig[]): string[] {
  const { affects } = occurrence.window;
  const ids = new Set<string>();
  for (const entry of runtime.index.byId.values()) {
    if (!affects.entries.includes(entry.id) && !(entry.group !== undefined && affects.groups.includes(entry.group))) continue;
    if (!tellsNonTechnical(entry, runtime)) continue;
    const service = serviceOf(entry, services);
    if (service) ids.add(service.id);
  }
  return services.filter((s) => ids.has(s.id)).map((s) => s.id);
}

function plannedWork(runtime: CatalogRuntime, services: readonly ServiceConfig[], now: Date, timeZone: string): PlannedWork[] {
  const until = new Date(now.getTime() + PLANNED_AHEAD_DAYS * DAY_MS);
  const found: PlannedWork[] = [];
  for (const window of runtime.maintenance ?? []) {
    const current = occurrenceAt(window, now, timeZone);
    for (const occurrence of [...(current ? [current] : []), ...occurrencesStarting(window, now, until, timeZone)]) {
      const affected = affectedServices(occurrence, runtime, services);
      if (affected.length === 0) continue;
      const message = plain(window.message);
      const title = plain(window.title);
      found.push({
        id: `${window.id}@${occurrence.start.toISOString()}`,
        title: title ? `Planned work on ${title}` : 'Planned work',
        ...(message ? { message } : {}),
        startsAt: occurrence.start.toISOString(),
        endsAt: occurrence.end.toISOString(),
        services: affected,
        now: occurrence.start <= now && now < occurrence.end,
      });
    }
  }
  const unique = new Map(found.map((work) => [work.id, work]));
  return [...unique.values()].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
}

const STATE_RANK: Record<ServiceState, number> = { working: 0, 'planned-work': 1, degraded: 2, down: 3 };

const OVERALL_TEXT: Record<ServiceState, string> = {
  working: 'All services are working',
  'planned-work': 'Planned work is going on',
  degraded: 'Some users are affected by a problem',
  down: 'A service is not working',
};

/** The status page as data. Pure: the same input gives the same page. */
export function statusModel(input: StatusInput): StatusModel {
  const { runtime, now } = input;
  const { config } = runtime;
  const timeZone = timeZoneFor(config, input.stage);
  const services = config.services;
  const work = plannedWork(runtime, services, now, timeZone);

  // The newest version of each impact incident whose entry still exists, speaks to non-technical readers and belongs to a service.
  const byService = new Map<string, Array<{ incident: IncidentHistory; entry: CatalogEntry }>>();
  for (const item of input.items) {
    if (item.kind !== 'incident' || item.scope !== 'impact' || item.catalogId === null) continue;
    const entry = runtime.index.byId.get(item.catalogId);
    if (!entry || !tellsNonTechnical(entry, runtime)) continue;
    const service = serviceOf(entry, services);
    if (!service) continue;
    const list = byService.get(service.id) ?? [];
    list.push({ incident: item, entry });
    byService.set(service.id, list);
  }

  // The newest incident of each impact: only it can still be waiting for its fix to be confirmed.
  const latest = new Map<string, string>();
  for (const list of byService.values()) {
    for (const { incident } of list) if ((latest.get(incident.alertKey) ?? '') < incident.openedAt) latest.set(incident.alertKey, incident.openedAt);
  }

  const statuses = services.map((service): ServiceStatus => {
    const incidents = byService.get(service.id) ?? [];
    // Resolved but not yet confirmed fixed: readers were told it looks fixed and is being checked —
    // unless a newer incident of the same impact followed it (its confirmation will never come).
    const checking = (incident: IncidentHistory) => incident.status === 'resolved' && incident.fixConfirmedAt === undefined && latest.get(incident.alertKey) === incident.openedAt;
    const current = incidents.filter(({ incident }) => incident.status === 'open' || checking(incident));
    const problems = current
      .map(({ incident, entry }) => openProblem(incident, entry, service, now))
      .sort((a, b) => (a.status === b.status ? b.startedAt.localeCompare(a.startedAt) : a.status === 'open' ? -1 : 1));
    const open = current.filter(({ incident }) => incident.status === 'open');
    const inWork = work.some((w) => w.now && w.services.includes(service.id));
    const state: ServiceState = open.some(({ entry }) => entry.impact.level === 'outage')
      ? 'down'
      : open.some(({ entry }) => entry.impact.level !== 'none')
        ? 'degraded'
        : inWork
          ? 'planned-work'
          : 'working';
    const past = incidents
      .filter(({ incident }) => incident.status === 'resolved' && !checking(incident))
      .map(({ incident, entry }) => pastProblem(incident, entry, service))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, PAST_LISTED);
    const description = plain(service.description);
    return {
      id: service.id,
      name: service.name,
      ...(description ? { description } : {}),
      state,
      stateText: STATE_TEXT[state],
      problems,
      days: strip(incidents, now, timeZone),
      past,
    };
  });

  const overall = statuses.reduce<ServiceState>((worst, s) => (STATE_RANK[s.state] > STATE_RANK[worst] ? s.state : worst), 'working');
  return {
    version: 1,
    generatedAt: now.toISOString(),
    timeZone,
    title: config.statusPage?.title ?? `${capitalise(config.serviceName.replace(/^the /i, ''))} status`,
    overall: { state: overall, text: OVERALL_TEXT[overall] },
    services: statuses,
    plannedWork: work,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
