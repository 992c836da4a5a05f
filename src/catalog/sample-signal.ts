/** @module Catalog: a realistic signal for an entry, so authors can preview it without a real event. */
import type { CatalogEntry } from './schema.ts';
import type { Signal } from '../core/signal.ts';
import { normalizeEvent } from '../sources/normalize-event.ts';
import { entryTexts, placeholdersIn } from './entry-texts.ts';
import { PLAUSIBLE_NAMES, sampleCompositeAlarmEvent, sampleEventFor } from './sample-events.ts';
import { sloAlarmNames } from './slo-names.ts';
import { toList } from './to-list.ts';
import { plainDate } from '../slack/format-time.ts';

export type PreviewState = 'firing' | 'resolved' | 'noData';

/**
 * Builds the signal this entry would see from a realistic event of its family: a raw event named
 * as the entry names it, shaped by its pattern, through the real normalizer, so every placeholder
 * reads as it will in Slack (the alarm's metric and its values, the job's name, AWS's reason).
 */
export function sampleSignalFor(entry: CatalogEntry, state: PreviewState, now: Date): Signal {
  const { family } = entry.match;
  const name = entry.slo ? sloAlarmNames('clarion-prod-', entry.id, 'fast').composite : sampleName(entry);
  const build = (shaped: boolean) => {
    // An SLO's alarm is the composite of its fast pair, as Clarion deploys it (src/catalog/slo-names.ts).
    const raw = entry.slo ? sloSample(entry.id, now) : sampleEventFor(family, name, now);
    if (shaped && entry.match.pattern) applyPattern(raw, entry.match.pattern);
    fillDetailPlaceholders(raw, entry, name);
    return normalizeEvent(raw, { receivedAt: now })[0];
  };
  // A pattern that would make the event another family's (a `source` of its own, say) is left out rather than previewing nothing.
  const shapedSignal = build(true);
  const normalized = shapedSignal?.family === family ? shapedSignal : build(false);
  if (!normalized || normalized.family !== family) {
    throw new Error(`the ${family} sample event for ${entry.id} normalizes as ${normalized?.family ?? 'nothing'}`);
  }
  const signal: Signal = {
    ...normalized,
    // Stable ids, so the buttons of a preview do not change with every render.
    key: `${family}:preview:${name}`,
    eventId: `preview-${entry.id}-${state}`,
    state: state === 'resolved' ? 'resolved' : 'firing',
    noData: state === 'noData',
  };
  if (signal.alarm) {
    signal.alarm = { ...signal.alarm, value: state === 'resolved' ? 'OK' : state === 'noData' ? 'INSUFFICIENT_DATA' : 'ALARM' };
  }
  // An SLO's figures are read when it fires, not carried by its event: the preview shows the example's (src/slo/sample-figures.ts).
  if (entry.slo && state === 'firing') signal.vars = { ...signal.vars, slo: sampleSloWords(entry.slo.window, now) };
  return signal;
}

function sloSample(entryId: string, now: Date): Record<string, unknown> {
  const names = sloAlarmNames('clarion-prod-', entryId, 'fast');
  return sampleCompositeAlarmEvent(names.composite, [names.long, names.short], now);
}

/** The words of the example figures: 15.2× with 62% left, so it runs out after 0.62 × window / 15.2. */
function sampleSloWords(window: string, now: Date): Record<string, string> {
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
  const m = /^(\d+)([smhd])$/.exec(window);
  const seconds = m ? Number(m[1]) * units[m[2]!]! : 30 * 86_400;
  return { burnRate: '15.2×', budgetLeft: '62%', runsOutAt: plainDate(new Date(now.getTime() + (0.62 * seconds * 1000) / 15.2)) };
}

/** The entry's first name, or its first glob made concrete; a bare `*` takes a plausible name of the family. */
function sampleName(entry: CatalogEntry): string {
  const named = toList(entry.match.name)[0];
  if (named) return named;
  const glob = toList(entry.match.glob)[0];
  if (glob === undefined || /^[*?]+$/.test(glob)) return PLAUSIBLE_NAMES[entry.match.family];
  if (entry.match.family === 'generic' && glob.endsWith('/*')) return `${glob.slice(0, -2)}/${genericDetailType(glob.slice(0, -2))}`;
  return glob.replace(/\*/g, 'prod').replace(/\?/g, '1');
}

/** The detail-type a generic source most likely sends, for a glob over all of its detail-types. */
function genericDetailType(source: string): string {
  const known: Record<string, string> = {
    'aws.guardduty': 'GuardDuty Finding',
    'aws.securityhub': 'Security Hub Findings - Imported',
    'aws.s3': 'Object Created',
    'aws.ec2': 'EC2 Instance State-change Notification',
  };
  return known[source] ?? 'Job Failed';
}

/** Sets each field the pattern names to its first allowed value, so the sample is one the pattern would let through. */
function applyPattern(target: Record<string, unknown>, pattern: Record<string, unknown>): void {
  for (const [key, rule] of Object.entries(pattern)) {
    if (Array.isArray(rule)) {
      const value = firstAllowed(rule);
      if (value !== undefined) target[key] = value;
    } else if (rule && typeof rule === 'object') {
      const inner = target[key];
      const node = inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {};
      target[key] = node;
      applyPattern(node, rule as Record<string, unknown>);
    }
  }
}

function firstAllowed(rule: unknown[]): unknown {
  for (const option of rule) {
    if (typeof option === 'string' || typeof option === 'number' || typeof option === 'boolean') return option;
    if (!option || typeof option !== 'object') continue;
    const matcher = option as Record<string, unknown>;
    if (typeof matcher['prefix'] === 'string') return `${matcher['prefix']}1`;
    if (typeof matcher['suffix'] === 'string') return `file${matcher['suffix']}`;
    if (typeof matcher['wildcard'] === 'string') return matcher['wildcard'].replace(/\*/g, 'prod');
    if (Array.isArray(matcher['numeric'])) return numberWithin(matcher['numeric']);
  }
  return undefined;
}

/** The lowest whole number a numeric matcher such as `[">=", 7, "<", 9]` lets through. */
function numberWithin(conditions: unknown[]): number | undefined {
  let value: number | undefined;
  for (let i = 0; i + 1 < conditions.length; i += 2) {
    const [op, bound] = [conditions[i], conditions[i + 1]];
    if (typeof bound !== 'number') continue;
    if (op === '>=' || op === '=') value = Math.max(value ?? bound, bound);
    else if (op === '>') value = Math.max(value ?? bound + 1, Math.floor(bound) + 1);
  }
  if (value !== undefined) return value;
  const upper = conditions.findIndex((c) => c === '<' || c === '<=');
  const bound = conditions[upper + 1];
  return upper >= 0 && typeof bound === 'number' ? (conditions[upper] === '<' ? bound - 1 : bound) : undefined;
}

/**
 * Events of the generic and custom families carry whatever their sender puts in `detail`; a
 * placeholder the entry uses there gets a value that reads like one, rather than "unknown".
 */
function fillDetailPlaceholders(raw: Record<string, unknown>, entry: CatalogEntry, name: string): void {
  const detail = (raw['detail'] ??= {}) as Record<string, unknown>;
  for (const { text } of entryTexts(entry)) {
    for (const path of placeholdersIn(text)) {
      if (!path.startsWith('detail.')) continue;
      const parts = path.split('.').slice(1);
      let node = detail;
      for (const part of parts.slice(0, -1)) {
        if (!node[part] || typeof node[part] !== 'object') node[part] = {};
        node = node[part] as Record<string, unknown>;
      }
      const last = parts.at(-1)!;
      if (node[last] === undefined) node[last] = plausibleValue(last, name);
    }
  }
}

function plausibleValue(field: string, name: string): unknown {
  const f = field.toLowerCase();
  if (f.endsWith('name')) return name.split('/').pop();
  if (/severity/.test(f)) return 8;
  if (/count|records|processed|attempts|total/.test(f)) return 1240;
  if (/reason|message|error|cause|description/.test(f)) return 'The run stopped after 3 failed attempts to reach the partner system (HTTP 503).';
  if (/title|summary/.test(f)) return `${name.split('/').pop()} needs attention`;
  if (/time|date|at$/.test(f)) return '2026-11-22T09:30:00Z';
  if (/id$/.test(f)) return 'run-2026-11-22-0200';
  if (/status|state/.test(f)) return 'FAILED';
  if (/url|link/.test(f)) return 'https://console.aws.amazon.com/';
  return `${field} of ${name.split('/').pop()}`;
}
