/** @module Catalog: lists every author-written text of an entry, with its path and who reads it. */
import type { CatalogEntry, PerStateText } from './schema.ts';

export interface EntryText {
  /** Path inside the entry, e.g. ['comms', 'local-office', 'firing']. */
  path: Array<string | number>;
  text: string;
  /** `everyone` texts reach non-technical readers; `techies` texts only engineers; else an audience name. */
  readers: 'everyone' | 'techies' | string;
  /** URLs get their placeholders URL-encoded instead of mrkdwn-escaped, and are never linted. */
  isUrl?: boolean;
}

function perState(text: PerStateText | undefined, path: Array<string | number>, readers: string): EntryText[] {
  if (text === undefined) return [];
  if (typeof text === 'string') return [{ path, text, readers }];
  return Object.entries(text)
    .filter((kv): kv is [string, string] => typeof kv[1] === 'string')
    .map(([state, t]) => ({ path: [...path, state], text: t, readers }));
}

export function entryTexts(entry: CatalogEntry): EntryText[] {
  const texts: EntryText[] = [
    { path: ['title'], text: entry.title, readers: 'everyone' },
  ];
  if (entry.titleWhenFixed) texts.push({ path: ['titleWhenFixed'], text: entry.titleWhenFixed, readers: 'everyone' });
  texts.push({ path: ['impact', 'summary'], text: entry.impact.summary, readers: 'everyone' });
  if (entry.impact.summaryWhenFixed) {
    texts.push({ path: ['impact', 'summaryWhenFixed'], text: entry.impact.summaryWhenFixed, readers: 'everyone' });
  }
  if (entry.impact.who) texts.push({ path: ['impact', 'who'], text: entry.impact.who, readers: 'everyone' });
  texts.push(...perState(entry.summary, ['summary'], 'everyone'));
  if (entry.slo) texts.push({ path: ['slo', 'allowance'], text: entry.slo.allowance, readers: 'everyone' });
  for (const [audience, text] of Object.entries(entry.comms)) texts.push(...perState(text, ['comms', audience], audience));
  entry.data.forEach((d, i) => {
    texts.push({ path: ['data', i, 'name'], text: d.name, readers: 'everyone' });
    texts.push({ path: ['data', i, 'whenStale'], text: d.whenStale, readers: 'everyone' });
  });
  entry.fix.forEach((step, i) => texts.push({ path: ['fix', i], text: step, readers: 'techies' }));
  if (entry.runbook) texts.push({ path: ['runbook'], text: entry.runbook, readers: 'techies', isUrl: true });
  entry.links.forEach((l, i) => {
    texts.push({ path: ['links', i, 'label'], text: l.label, readers: 'techies' });
    texts.push({ path: ['links', i, 'url'], text: l.url, readers: 'techies', isUrl: true });
  });
  return texts;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/** The placeholder paths used in a text, e.g. `alarm.name` for `{{ alarm.name }}`. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** True when a `{{` or `}}` is left once the whole placeholders are taken out: `{{slo.budgetLeft` would reach readers as it is. */
export function hasUnfinishedPlaceholder(text: string): boolean {
  const rest = text.replace(PLACEHOLDER, '');
  return rest.includes('{{') || rest.includes('}}');
}

export const UNFINISHED_PLACEHOLDER = 'has an unfinished placeholder: each {{ needs its }}, around a name such as {{alarm.name}}';

/** Replaces each `{{path}}` with `fill(path)`. */
export function fillPlaceholders(text: string, fill: (path: string) => string): string {
  if (!text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (_, path: string) => fill(path));
}
