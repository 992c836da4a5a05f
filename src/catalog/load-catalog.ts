/** @module Catalog: turns YAML sources into a validated catalog, reporting every problem with `file:line:col`. */
import type { z } from 'zod';
import { canFill, FAMILY_PLACEHOLDERS } from '../sources/placeholders.ts';
import type { CatalogProblem } from './catalog-problem.ts';
import { DEFAULT_CONFIG } from './default-config.ts';
import { entryTexts, hasUnfinishedPlaceholder, placeholdersIn, UNFINISHED_PLACEHOLDER } from './entry-texts.ts';
import { eventPatternProblems } from './event-pattern.ts';
import { escalationConfigProblems, unknownPolicy } from './escalation-schema.ts';
import { checkDependencies } from './check-dependencies.ts';
import { checkSlos } from './check-slo.ts';
import { SLO_PLACEHOLDERS, sloMatch } from './slo-names.ts';
import { checkAutoFixes } from './check-auto-fix.ts';
import { checkEntryServices, checkServicesConfig } from './entry-service.ts';
import { toList } from './to-list.ts';
import { AudienceConfig, CatalogEntry, ClarionConfig } from './schema.ts';
import { parseYamlSource } from './yaml-source.ts';
import { checkMaintenance, readMaintenance } from './load-maintenance.ts';
import type { LocatedWindow } from './load-maintenance.ts';
import type { ParsedYaml, SourceFile } from './yaml-source.ts';

/** An entry together with where it was written, so later checks (lint, conflicts) can point at it. */
export interface LocatedEntry {
  entry: CatalogEntry;
  file: string;
  /** Index in the file's `entries` list. */
  index: number;
  source: ParsedYaml;
}

/**
 * An entry that fails the schema, with what of it could still be read (the rest set to neutral
 * values), so its schema errors do not hide the other checks: a duplicate of its id, an unknown
 * audience, a bad placeholder or jargon in its texts.
 */
export interface SalvagedEntry extends LocatedEntry {
  /** Whether `entry.id` and `entry.match` are the author's own; when not, checks that need them skip the entry. */
  usable: { id: boolean; match: boolean };
}

export interface LoadedCatalog {
  config: ClarionConfig;
  /** The entries that passed the schema: the only ones a catalog in use is built from. */
  entries: LocatedEntry[];
  /** The entries that failed it, read as far as they can be for the other checks and the lint. */
  salvaged: SalvagedEntry[];
  /** Every entry read, passed or salvaged, in file order: what the plain-language lint reads. */
  checked: LocatedEntry[];
  /** Every problem found; the catalog is usable only when none is an error. */
  problems: CatalogProblem[];
  /** The maintenance windows that passed the schema (`load-maintenance.ts`). */
  maintenance: LocatedWindow[];
}

export interface CatalogSources {
  /** `clarion.config.yaml`; the embedded defaults are used when absent. */
  config?: SourceFile;
  entryFiles: SourceFile[];
  /** Problems found while reading the files (one too large to read, say), reported with the rest. */
  problems?: CatalogProblem[];
}

export function loadCatalog(sources: CatalogSources): LoadedCatalog {
  const problems: CatalogProblem[] = [...(sources.problems ?? [])];
  const { config, audiencesRead } = loadConfig(sources.config, problems);
  // In file order, passed or not, so a duplicate id is reported at the later of the two.
  const all: Array<LocatedEntry | SalvagedEntry> = [];
  const maintenance: LocatedWindow[] = [];

  for (const file of sources.entryFiles) {
    const parsed = parseYamlSource(file);
    problems.push(...parsed.problems);
    if (parsed.value === undefined && parsed.problems.some((p) => p.severity === 'error')) continue;
    all.push(...readEntries(parsed, problems));
    if (isRecord(parsed.value)) maintenance.push(...readMaintenance(parsed, parsed.value['maintenance'], problems, zodProblems));
  }

  const usable = (part: keyof SalvagedEntry['usable']) => all.filter((e) => !('usable' in e) || e.usable[part]);
  problems.push(...checkDuplicateIds(usable('id')));
  // Against the default audiences, a configuration whose audiences cannot be read would make every custom one "unknown".
  if (audiencesRead) problems.push(...checkAudiences(all, config));
  problems.push(...checkPlaceholders(usable('match')));
  // Claims are told apart by id and priority; a broken entry's may not read, and it is fixed before the tie matters.
  problems.push(...checkClaims(all.filter((e) => !('usable' in e))));
  problems.push(...checkPatterns(usable('match')));
  problems.push(...checkMaintenance(maintenance, all, config, audiencesRead));
  problems.push(...checkEscalationPolicies(all.filter((e) => !('usable' in e)), config));
  problems.push(...checkDependencies(usable('id')));
  problems.push(...checkSlos(all.filter((e) => !('usable' in e))));
  problems.push(...checkEntryServices(all, config));
  problems.push(...checkAutoFixes(all.filter((e) => !('usable' in e))));
  return {
    config,
    maintenance,
    entries: all.filter((e) => !('usable' in e)),
    salvaged: all.filter((e): e is SalvagedEntry => 'usable' in e),
    checked: all,
    problems,
  };
}

/**
 * Reads each field of `shape` from `raw` on its own: the ones that pass are kept, the ones that
 * fail take their `fallback`, else their default, else are left out. Returns which fields failed.
 */
function salvageFields(
  shape: Readonly<Record<string, z.ZodType>>,
  raw: Record<string, unknown>,
  fallback: Record<string, unknown>,
): { value: Record<string, unknown>; failed: Set<string> } {
  const value: Record<string, unknown> = {};
  const failed = new Set<string>();
  for (const [key, field] of Object.entries(shape)) {
    const result = field.safeParse(raw[key]);
    if (result.success) {
      if (result.data !== undefined) value[key] = result.data;
      continue;
    }
    failed.add(key);
    // A field with a default (a list, a map) takes it, so what reads the entry finds the shape it expects.
    const empty = field.safeParse(undefined);
    if (key in fallback) value[key] = fallback[key];
    else if (empty.success && empty.data !== undefined) value[key] = empty.data;
  }
  return { value, failed };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NEUTRAL_IMPACT = { level: 'none', summary: '' };

/** What of an entry that failed the schema can be read for the checks that compare it with the others; undefined when it is not a mapping at all. */
function salvageEntry(raw: unknown): { entry: CatalogEntry; usable: SalvagedEntry['usable'] } | undefined {
  if (!isRecord(raw)) return undefined;
  const { value, failed } = salvageFields(CatalogEntry.shape, raw, {
    id: '',
    title: '',
    // Never looked at: an entry whose match fails is left out of the checks that read it.
    match: { family: 'generic' },
    severity: 'info',
    impact: isRecord(raw['impact']) ? salvageFields(CatalogEntry.shape.impact.shape, raw['impact'], NEUTRAL_IMPACT).value : NEUTRAL_IMPACT,
    audiences: [],
  });
  // The fields that fail take neutral values of the right shape, so the result reads as an entry.
  return { entry: value as CatalogEntry, usable: { id: !failed.has('id'), match: !failed.has('match') } };
}

/** The configuration, and whether its audiences are the author's own (they are the defaults when they cannot be read). */
function loadConfig(file: SourceFile | undefined, problems: CatalogProblem[]): { config: ClarionConfig; audiencesRead: boolean } {
  if (!file) return { config: DEFAULT_CONFIG, audiencesRead: true };
  const parsed = parseYamlSource(file);
  problems.push(...parsed.problems);
  if (parsed.value === undefined) return { config: DEFAULT_CONFIG, audiencesRead: false };
  const result = ClarionConfig.safeParse(parsed.value);
  if (result.success) return { config: checkConfig(result.data, parsed, problems, new Set()), audiencesRead: true };
  problems.push(...zodProblems(parsed, [], result.error.issues));
  if (!isRecord(parsed.value)) return { config: DEFAULT_CONFIG, audiencesRead: false };
  // The entries are still checked against what of the configuration reads, so one mistake in it does not hide theirs.
  const rawAudiences = parsed.value['audiences'];
  const audiences = isRecord(rawAudiences)
    ? Object.fromEntries(
        Object.entries(rawAudiences).map(([name, raw]) => [
          name,
          isRecord(raw) ? salvageFields(AudienceConfig.shape, raw, { template: 'techies', channel: name, outOfHours: 'send' }).value : { template: 'techies', channel: name, outOfHours: 'send' },
        ]),
      )
    : undefined;
  const { value, failed } = salvageFields(ClarionConfig.shape, parsed.value, DEFAULT_CONFIG);
  if (audiences) failed.delete('audiences');
  // The fields that fail take the defaults, and audiences that fail neutral values, so the result reads as a configuration.
  const config = { ...value, ...(audiences ? { audiences } : {}) } as ClarionConfig;
  return { config: checkConfig(config, parsed, problems, failed), audiencesRead: audiences !== undefined };
}

/** Cross-checks within the configuration; `failed` names the fields that failed the schema and hold defaults. */
function checkConfig(config: ClarionConfig, parsed: ParsedYaml, problems: CatalogProblem[], failed: ReadonlySet<string>): ClarionConfig {
  if (failed.has('audiences')) return config;
  if (!failed.has('uncatalogued') && !config.audiences[config.uncatalogued.audience]) {
    problems.push(
      parsed.problemAt(
        ['uncatalogued', 'audience'],
        `unknown audience "${config.uncatalogued.audience}"; configured: ${Object.keys(config.audiences).join(', ')}`,
      ),
    );
  }
  for (const [stage, override] of Object.entries(config.stages)) {
    for (const audience of Object.keys(override.channels)) {
      if (!config.audiences[audience]) {
        problems.push(parsed.problemAt(['stages', stage, 'channels'], `unknown audience "${audience}"`, 'error', audience));
      }
    }
  }
  if (!failed.has('escalation') && !failed.has('paging')) problems.push(...escalationConfigProblems(config, parsed));
  if (!failed.has('services')) problems.push(...checkServicesConfig(config, parsed));
  return config;
}

/** An entry's `escalation` names a policy of the configuration. */
function checkEscalationPolicies(entries: LocatedEntry[], config: ClarionConfig): CatalogProblem[] {
  const policies = config.escalation?.policies ?? {};
  return entries.flatMap((located) => {
    const name = located.entry.escalation;
    return name && !policies[name] ? [entryProblem(located, ['escalation'], unknownPolicy(name, policies))] : [];
  });
}

function readEntries(parsed: ParsedYaml, problems: CatalogProblem[]): Array<LocatedEntry | SalvagedEntry> {
  const none: LocatedEntry[] = [];
  const value = parsed.value;
  if (value === null || value === undefined) {
    problems.push(parsed.problemAt([], 'the file is empty; expected a mapping with an `entries` list', 'warning'));
    return none;
  }
  if (typeof value !== 'object' || Array.isArray(value) || !('entries' in value || 'maintenance' in value)) {
    problems.push(parsed.problemAt([], 'expected a mapping with an `entries` list (or a `maintenance` list)'));
    return none;
  }
  const extraKeys = Object.keys(value).filter((k) => k !== 'entries' && k !== 'maintenance');
  for (const key of extraKeys) problems.push(parsed.problemAt([], `Unrecognized key: "${key}"`, 'error', key));
  // A file of maintenance windows only has no entries.
  if (!('entries' in value)) return none;
  const list = (value as { entries: unknown }).entries;
  if (!Array.isArray(list)) {
    problems.push(parsed.problemAt(['entries'], 'must be a list of entries'));
    return none;
  }
  const located: Array<LocatedEntry | SalvagedEntry> = [];
  list.forEach((given, index) => {
    const raw = withSloMatch(given, (path, message) => problems.push(parsed.problemAt(['entries', index, ...path], message)));
    const result = CatalogEntry.safeParse(raw);
    if (result.success) {
      located.push({ entry: result.data, file: parsed.file, index, source: parsed });
      return;
    }
    problems.push(...zodProblems(parsed, ['entries', index], result.error.issues));
    const partial = salvageEntry(raw);
    if (partial) located.push({ ...partial, file: parsed.file, index, source: parsed });
  });
  return located;
}

/**
 * An `slo` entry's match is generated (its alarms are Clarion's own, named after the entry), so it
 * is filled in before the schema reads the entry. One written beside `slo` is an error: it would
 * claim alarms that carry no burn rate, and the figures read for them would be another's.
 */
function withSloMatch(raw: unknown, problem: (path: string[], message: string) => void): unknown {
  if (!isRecord(raw) || raw['slo'] === undefined) return raw;
  if ('match' in raw) problem(['match'], 'must be left out when the entry has `slo`: Clarion generates the match that claims the SLO’s alarms');
  const id = typeof raw['id'] === 'string' ? raw['id'] : 'invalid.id';
  return { ...raw, match: sloMatch(id) };
}

function zodProblems(parsed: ParsedYaml, prefix: Array<string | number>, issues: z.core.$ZodIssue[]): CatalogProblem[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...(issue.path as Array<string | number>)];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => parsed.problemAt(path, `Unrecognized key: "${key}"`, 'error', key));
    }
    if (issue.code === 'invalid_union') {
      // A union's own message ("Invalid input") says nothing; the closest branch's issues do.
      const branch = issue.errors.slice().sort((a, b) => a.length - b.length)[0];
      if (branch && branch.length > 0) return zodProblems(parsed, path, branch);
    }
    return [parsed.problemAt(path, issue.message)];
  });
}

function entryProblem(located: LocatedEntry, path: Array<string | number>, message: string, key?: string): CatalogProblem {
  return located.source.problemAt(['entries', located.index, ...path], message, 'error', key);
}

function checkDuplicateIds(entries: LocatedEntry[]): CatalogProblem[] {
  const first = new Map<string, LocatedEntry>();
  const problems: CatalogProblem[] = [];
  for (const located of entries) {
    const seen = first.get(located.entry.id);
    if (!seen) {
      first.set(located.entry.id, located);
      continue;
    }
    const where = seen.source.locate(['entries', seen.index, 'id']);
    problems.push(
      entryProblem(located, ['id'], `duplicate id "${located.entry.id}", first defined at ${seen.file}:${where.line}:${where.col}`),
    );
  }
  return problems;
}

function checkAudiences(entries: LocatedEntry[], config: ClarionConfig): CatalogProblem[] {
  const known = Object.keys(config.audiences);
  const problems: CatalogProblem[] = [];
  for (const located of entries) {
    located.entry.audiences.forEach((audience, i) => {
      if (!config.audiences[audience]) {
        problems.push(entryProblem(located, ['audiences', i], `unknown audience "${audience}"; configured: ${known.join(', ')}`));
      }
    });
    for (const audience of Object.keys(located.entry.comms)) {
      if (!config.audiences[audience]) {
        problems.push(entryProblem(located, ['comms'], `unknown audience "${audience}"; configured: ${known.join(', ')}`, audience));
      }
    }
  }
  return problems;
}

function checkPlaceholders(entries: LocatedEntry[]): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  for (const located of entries) {
    const family = located.entry.match.family;
    for (const { path, text } of entryTexts(located.entry)) {
      if (hasUnfinishedPlaceholder(text)) problems.push(entryProblem(located, path, UNFINISHED_PLACEHOLDER));
      for (const placeholder of placeholdersIn(text)) {
        if (canFill(family, placeholder)) continue;
        if (located.entry.slo && (SLO_PLACEHOLDERS as readonly string[]).includes(placeholder)) continue;
        const available = FAMILY_PLACEHOLDERS[family].slice(0, 12).join(', ');
        problems.push(
          entryProblem(
            located,
            path,
            `placeholder {{${placeholder}}} cannot be filled by any ${family} signal; available: ${available}`,
          ),
        );
      }
    }
  }
  return problems;
}

/** Two entries claiming the same name, glob or pattern of one family must be told apart by priority. */
function checkClaims(entries: LocatedEntry[]): CatalogProblem[] {
  const claims = new Map<string, LocatedEntry[]>();
  const claim = (key: string, located: LocatedEntry) => {
    const list = claims.get(key) ?? [];
    list.push(located);
    claims.set(key, list);
  };
  for (const located of entries) {
    const { match } = located.entry;
    // A name or glob narrowed by a pattern only overlaps another claim with the same pattern.
    const narrowed = match.pattern ? `\0${stableJson(match.pattern)}` : '';
    for (const name of toList(match.name)) claim(`${match.family}\0name\0${name}${narrowed}`, located);
    for (const glob of toList(match.glob)) claim(`${match.family}\0glob\0${glob}${narrowed}`, located);
    if (match.pattern && narrowed && match.name === undefined && match.glob === undefined) {
      claim(`${match.family}\0pattern\0${stableJson(match.pattern)}`, located);
    }
  }
  const problems: CatalogProblem[] = [];
  for (const [key, list] of claims) {
    if (list.length < 2) continue;
    const [family, kind, what] = key.split('\0');
    for (let i = 1; i < list.length; i++) {
      const current = list[i]!;
      // Two SLO entries' generated matches collide only when their ids name the same alarms: check-slo tells that at the id.
      const tied = list.slice(0, i).filter((other) => other.entry.match.priority === current.entry.match.priority && !(other.entry.slo && current.entry.slo));
      const explicit = current.entry.match.priority !== undefined;
      for (const other of tied) {
        problems.push(
          entryProblem(
            current,
            ['match'],
            `claims the same ${family} ${kind} ${kind === 'pattern' ? '' : `"${what}" `}as "${other.entry.id}"` +
              (explicit ? ' with the same priority' : '') +
              '; give one of them a higher match.priority',
          ),
        );
      }
    }
  }
  return problems;
}

function checkPatterns(entries: LocatedEntry[]): CatalogProblem[] {
  return entries.flatMap((located) =>
    located.entry.match.pattern === undefined
      ? []
      : eventPatternProblems(located.entry.match.pattern).map((p) =>
          entryProblem(located, ['match', 'pattern', ...p.path], p.message),
        ),
  );
}


function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
