/** @module Catalog: the match index — finds the entry that claims a signal (the match stage's rule), in time independent of catalog size. */
import { compileGlob, matchesEventPattern } from './event-pattern.ts';
import { toList } from './to-list.ts';
import type { GlobTest } from './event-pattern.ts';
import type { CatalogEntry } from './schema.ts';
import type { Signal, SignalFamily } from '../core/signal.ts';

/** How an entry claimed the signal, most specific first; used for tie-breaks and in logs. */
export type MatchKind = 'tag' | 'name' | 'glob' | 'pattern';

export interface CatalogMatch {
  entry: CatalogEntry;
  by: MatchKind;
}

interface Claim {
  entry: CatalogEntry;
  /** Order of appearance, the last tie-break, so results never depend on Map iteration quirks. */
  order: number;
}

interface GlobClaim extends Claim {
  matches: GlobTest;
}

interface FamilyIndex {
  names: Map<string, Claim[]>;
  /** Globs bucketed by their literal prefix (text before the first wildcard). */
  globsByPrefix: Map<string, GlobClaim[]>;
  longestGlobPrefix: number;
  /** Entries whose only claim is a pattern, checked in order (few per family in practice). */
  patterns: Claim[];
}

export interface CatalogIndex {
  byId: Map<string, CatalogEntry>;
  families: Map<SignalFamily, FamilyIndex>;
  size: number;
}

/** The alarm tag that names a catalog entry directly, e.g. `clarion-id = web.app-down`. */
export const CATALOG_ID_TAG = 'clarion-id';

export function buildCatalogIndex(entries: readonly CatalogEntry[]): CatalogIndex {
  const families = new Map<SignalFamily, FamilyIndex>();
  const byId = new Map<string, CatalogEntry>();
  entries.forEach((entry, order) => {
    byId.set(entry.id, entry);
    let family = families.get(entry.match.family);
    if (!family) {
      family = { names: new Map(), globsByPrefix: new Map(), longestGlobPrefix: 0, patterns: [] };
      families.set(entry.match.family, family);
    }
    for (const name of toList(entry.match.name)) {
      const list = family.names.get(name) ?? [];
      list.push({ entry, order });
      family.names.set(name, list);
    }
    for (const glob of toList(entry.match.glob)) {
      const prefix = glob.split(/[*?]/, 1)[0]!;
      const list = family.globsByPrefix.get(prefix) ?? [];
      list.push({ entry, order, matches: compileGlob(glob) });
      family.globsByPrefix.set(prefix, list);
      family.longestGlobPrefix = Math.max(family.longestGlobPrefix, prefix.length);
    }
    if (entry.match.pattern && entry.match.name === undefined && entry.match.glob === undefined) {
      family.patterns.push({ entry, order });
    }
  });
  return { byId, families, size: entries.length };
}

/**
 * The entry for a signal: an alarm's `clarion-id` tag wins, then exact names, then globs, then
 * patterns; within a kind the higher `match.priority` wins. An entry with a name or glob and a
 * pattern claims the signal only when the pattern matches too.
 */
export function matchSignal(index: CatalogIndex, signal: Signal): CatalogMatch | null {
  const tagged = signal.alarm?.tags[CATALOG_ID_TAG];
  if (tagged) {
    const entry = index.byId.get(tagged);
    if (entry && entry.match.family === signal.family) return { entry, by: 'tag' };
  }
  const family = index.families.get(signal.family);
  if (!family) return null;

  const byName = best(family.names.get(signal.name), signal);
  if (byName) return { entry: byName, by: 'name' };

  const globs: Claim[] = [];
  const limit = Math.min(signal.name.length, family.longestGlobPrefix);
  for (let length = 0; length <= limit; length++) {
    const bucket = family.globsByPrefix.get(signal.name.slice(0, length));
    if (bucket) for (const claim of bucket) if (claim.matches(signal.name)) globs.push(claim);
  }
  const byGlob = best(globs, signal);
  if (byGlob) return { entry: byGlob, by: 'glob' };

  const byPattern = best(family.patterns, signal);
  if (byPattern) return { entry: byPattern, by: 'pattern' };
  return null;
}

function best(claims: Claim[] | undefined, signal: Signal): CatalogEntry | null {
  let winner: Claim | null = null;
  for (const claim of claims ?? []) {
    const pattern = claim.entry.match.pattern;
    if (pattern && !matchesEventPattern(pattern, signal.event)) continue;
    if (!winner || outranks(claim, winner)) winner = claim;
  }
  return winner?.entry ?? null;
}

function outranks(a: Claim, b: Claim): boolean {
  const pa = a.entry.match.priority ?? 0;
  const pb = b.entry.match.priority ?? 0;
  return pa !== pb ? pa > pb : a.order < b.order;
}
