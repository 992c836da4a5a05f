/** @module Catalog: reads the `maintenance:` lists of catalog files and checks them against the entries and the configuration, with `file:line:col`. */
import type { z } from 'zod';
import type { CatalogProblem } from './catalog-problem.ts';
import type { LocatedEntry } from './load-catalog.ts';
import { MaintenanceWindow, MAINTENANCE_DAYS } from './maintenance-schema.ts';
import type { ClarionConfig } from './schema.ts';
import type { ParsedYaml } from './yaml-source.ts';

/** A window together with where it was written. */
export interface LocatedWindow {
  window: MaintenanceWindow;
  file: string;
  /** Index in the file's `maintenance` list. */
  index: number;
  source: ParsedYaml;
}

type ZodProblems = (parsed: ParsedYaml, prefix: Array<string | number>, issues: z.core.$ZodIssue[]) => CatalogProblem[];

/** The windows of one file that pass the schema; the others are reported. */
export function readMaintenance(parsed: ParsedYaml, list: unknown, problems: CatalogProblem[], zodProblems: ZodProblems): LocatedWindow[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    problems.push(parsed.problemAt(['maintenance'], 'must be a list of maintenance windows'));
    return [];
  }
  const located: LocatedWindow[] = [];
  list.forEach((raw, index) => {
    const result = MaintenanceWindow.safeParse(raw);
    if (result.success) located.push({ window: result.data, file: parsed.file, index, source: parsed });
    else problems.push(...zodProblems(parsed, ['maintenance', index], result.error.issues));
  });
  return located;
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;
function seconds(duration: string): number {
  return Number(duration.slice(0, -1)) * UNIT_SECONDS[duration.slice(-1) as keyof typeof UNIT_SECONDS];
}

/**
 * Comparable instants for `starts`/`ends`: a local time is read as if in UTC. Both written the same
 * way (the usual case) compare exactly; mixing a local time with an offset compares within a day.
 */
function roughInstant(text: string): number {
  return Date.parse(/(Z|[+-]\d\d:\d\d)$/.test(text) ? text : `${text}Z`);
}

/** The shortest gap, in days, between two starts of a weekly schedule: one occurrence must end before the next begins. */
function shortestGapDays(days: readonly string[]): number {
  const indexes = [...new Set(days)].map((d) => MAINTENANCE_DAYS.indexOf(d as (typeof MAINTENANCE_DAYS)[number])).sort((a, b) => a - b);
  let gap = 7;
  for (let i = 0; i < indexes.length; i++) gap = Math.min(gap, ((indexes[(i + 1) % indexes.length]! - indexes[i]! + 7) % 7) || 7);
  return gap;
}

/** Cross-checks: unique ids, known entries, groups and audiences, and times that make sense. */
export function checkMaintenance(windows: readonly LocatedWindow[], entries: readonly LocatedEntry[], config: ClarionConfig, audiencesRead: boolean): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const ids = new Set(entries.map((e) => e.entry.id));
  const groups = new Set(entries.flatMap((e) => (e.entry.group ? [e.entry.group] : [])));
  const first = new Map<string, LocatedWindow>();
  for (const located of windows) {
    const { window } = located;
    const at = (path: Array<string | number>, message: string) => located.source.problemAt(['maintenance', located.index, ...path], message);
    const seen = first.get(window.id);
    if (seen) {
      const where = seen.source.locate(['maintenance', seen.index, 'id']);
      problems.push(at(['id'], `duplicate maintenance window id "${window.id}", first defined at ${seen.file}:${where.line}:${where.col}`));
    } else first.set(window.id, located);
    window.affects.entries.forEach((id, i) => {
      if (!ids.has(id)) problems.push(at(['affects', 'entries', i], `unknown catalog entry "${id}"`));
    });
    window.affects.groups.forEach((group, i) => {
      if (!groups.has(group)) problems.push(at(['affects', 'groups', i], `unknown group "${group}"; groups in the catalog: ${[...groups].join(', ') || 'none'}`));
    });
    if (audiencesRead) {
      window.tell.forEach((audience, i) => {
        if (!config.audiences[audience]) problems.push(at(['tell', i], `unknown audience "${audience}"; configured: ${Object.keys(config.audiences).join(', ')}`));
      });
    }
    if (window.starts !== undefined && window.ends !== undefined && roughInstant(window.ends) <= roughInstant(window.starts)) {
      problems.push(at(['ends'], `must be later than starts (${window.starts})`));
    }
    if (window.duration !== undefined) {
      const length = seconds(window.duration);
      if (length === 0) problems.push(at(['duration'], 'must be longer than 0'));
      else if (window.schedule && length > shortestGapDays(window.schedule.days) * 86400) {
        problems.push(at(['duration'], `is longer than the time between two starts of the schedule (${shortestGapDays(window.schedule.days)}d): one time would overlap the next`));
      }
    }
  }
  return problems;
}
