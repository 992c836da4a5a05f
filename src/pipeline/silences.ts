/** @module Pipeline (the mute stage's silence rules): what a silence covers, and an index that finds the silence over an alert at the same cost for 1 silence or 1,000. */
import type { Alert } from '../core/alert.ts';
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import { ClarionError } from '../core/clarion-error.ts';
import { MAX_REASON_LENGTH, inForce } from '../state/silence-store.ts';
import type { ActiveSilences, SilenceKind, SilenceRule } from '../state/silence-store.ts';
import { memberKey } from './impact.ts';
import type { ImpactMemberState } from './impact.ts';

/*
 * Matching stays flat however many silences are active: every silence is put in a map once (by
 * alert key, entry id or group), and a glob is expanded once against the catalog's entry ids and
 * group names. An alert then costs three map lookups. The index is cached per catalog and per
 * version of the active list, so it is rebuilt only when either changes.
 */

/** The lengths offered in Slack's form; the CLI and the API take any `30m`, `2h`, `3d`. */
export const SILENCE_LENGTHS = ['1h', '2h', '4h', '8h', '24h', '3d'] as const;
/** The longest silence: a forgotten one should not hide alerts for ever. */
export const MAX_SILENCE_SECONDS = 30 * 86400;

/** A silence asked for with something wrong in it; the message says what, in one line. */
export class SilenceInputError extends ClarionError {}

export interface SilenceIndex {
  byAlertKey: Map<string, SilenceRule[]>;
  /** Alarm silences by the short hash an impact keeps its members under. */
  byMemberKey: Map<string, SilenceRule[]>;
  byEntry: Map<string, SilenceRule[]>;
  byGroup: Map<string, SilenceRule[]>;
  /** The group of each catalog entry (an impact knows its members' entries only). */
  groupOf: Map<string, string>;
  size: number;
}

/** Reads `30m`, `2h`, `3d` (the CLI's and the API's `for`) as seconds; throws `SilenceInputError`. */
export function silenceSeconds(text: string): number {
  const match = /^(\d+)\s*(m|h|d)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * { m: 60, h: 3600, d: 86400 }[match[2] as 'm' | 'h' | 'd'] : NaN;
  if (!(seconds > 0)) throw new SilenceInputError(`"${text}" is not a length such as 30m, 2h or 3d`);
  if (seconds > MAX_SILENCE_SECONDS) throw new SilenceInputError(`a silence lasts at most 30 days ("${text}" is longer)`);
  return seconds;
}

export function isGlob(match: string): boolean {
  return /[*?]/.test(match);
}

function globRegExp(glob: string): RegExp {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

/** The catalog's group names. */
export function groupsOf(runtime: CatalogRuntime): Set<string> {
  const groups = new Set<string>();
  for (const entry of runtime.index.byId.values()) if (entry.group) groups.add(entry.group);
  return groups;
}

/** What a glob reaches in this catalog now: entry ids and group names. */
export function expandGlob(glob: string, runtime: CatalogRuntime): { entries: string[]; groups: string[] } {
  const re = globRegExp(glob);
  return { entries: [...runtime.index.byId.keys()].filter((id) => re.test(id)), groups: [...groupsOf(runtime)].filter((g) => re.test(g)) };
}

/**
 * What kind of silence `match` asks for: an entry id, a group name, or a glob. Unknown names are an
 * error unless `force` (then taken as an entry id, or a glob); a glob that reaches nothing now may
 * reach something after a catalog change, so it is a warning.
 */
export function resolveMatch(match: string, runtime: CatalogRuntime, force = false): { kind: Exclude<SilenceKind, 'alarm'>; warning?: string } {
  const text = match.trim();
  if (text === '') throw new SilenceInputError('say what to silence: a catalog entry id, a group or a glob such as portal.*');
  if (text.length > 200) throw new SilenceInputError('the match is longer than 200 characters');
  if (isGlob(text)) {
    const reach = expandGlob(text, runtime);
    if (reach.entries.length + reach.groups.length > 0) return { kind: 'glob' };
    return { kind: 'glob', warning: `"${text}" matches no catalog entry or group now; it silences any that match later` };
  }
  if (runtime.index.byId.has(text)) return { kind: 'entry' };
  if (groupsOf(runtime).has(text)) return { kind: 'group' };
  if (force) return { kind: 'entry', warning: `"${text}" is no catalog entry or group now; silenced as an entry id anyway` };
  throw new SilenceInputError(`"${text}" is no catalog entry id, group or glob that matches one (use --force to silence it anyway)`);
}

/** Checks the words of a new silence; throws `SilenceInputError`. */
export function checkReason(reason: unknown): string {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text === '') throw new SilenceInputError('give a reason: the engineers’ channel shows it with the silence');
  if (text.length > MAX_REASON_LENGTH) throw new SilenceInputError(`keep the reason under ${MAX_REASON_LENGTH} characters`);
  return text;
}

function add(map: Map<string, SilenceRule[]>, key: string, rule: SilenceRule): void {
  const list = map.get(key);
  if (list) list.push(rule);
  else map.set(key, [rule]);
}

export function buildSilenceIndex(rules: readonly SilenceRule[], runtime: CatalogRuntime): SilenceIndex {
  const index: SilenceIndex = { byAlertKey: new Map(), byMemberKey: new Map(), byEntry: new Map(), byGroup: new Map(), groupOf: new Map(), size: rules.length };
  for (const entry of runtime.index.byId.values()) if (entry.group) index.groupOf.set(entry.id, entry.group);
  // Glob expansion is the one cost that grows with the catalog: ids and group names are listed once, not per glob.
  let ids: string[] | undefined;
  let groups: string[] | undefined;
  for (const rule of rules) {
    if (rule.kind === 'alarm') {
      add(index.byAlertKey, rule.match, rule);
      add(index.byMemberKey, memberKey(rule.match), rule);
    } else if (rule.kind === 'entry') add(index.byEntry, rule.match, rule);
    else if (rule.kind === 'group') add(index.byGroup, rule.match, rule);
    else {
      ids ??= [...runtime.index.byId.keys()];
      groups ??= [...groupsOf(runtime)];
      const re = globRegExp(rule.match);
      for (const id of ids) if (re.test(id)) add(index.byEntry, id, rule);
      for (const group of groups) if (re.test(group)) add(index.byGroup, group, rule);
    }
  }
  return index;
}

/** Of the silences listed under a key, the one in force that ends last (it holds longest). */
function pick(lists: Array<SilenceRule[] | undefined>, now: Date, except?: string): SilenceRule | undefined {
  let best: SilenceRule | undefined;
  for (const list of lists) {
    if (!list) continue;
    for (const rule of list) {
      if (rule.id === except || !inForce(rule, now)) continue;
      if (!best || rule.endsAt > best.endsAt) best = rule;
    }
  }
  return best;
}

/**
 * The silence in force over this alert now, if any: by its alert key, its entry or its group. The
 * cost is the same for one silence or 1,000 (what `npm run bench` measures). `except`: a silence
 * to leave out (the one ending).
 */
export function silenceFor(index: SilenceIndex, alert: Pick<Alert, 'alertKey' | 'catalogId' | 'group'>, now: Date, except?: string): SilenceRule | undefined {
  if (index.size === 0) return undefined;
  const group = alert.group ?? (alert.catalogId ? index.groupOf.get(alert.catalogId) : undefined);
  return pick([index.byAlertKey.get(alert.alertKey), alert.catalogId ? index.byEntry.get(alert.catalogId) : undefined, group ? index.byGroup.get(group) : undefined], now, except);
}

/** The silence over an impact's member, known only by its short key and its entry. */
export function silenceForMember(index: SilenceIndex, key: string, member: Pick<ImpactMemberState, 'entry'>, now: Date, except?: string): SilenceRule | undefined {
  if (index.size === 0) return undefined;
  const group = member.entry ? index.groupOf.get(member.entry) : undefined;
  return pick([index.byMemberKey.get(key), member.entry ? index.byEntry.get(member.entry) : undefined, group ? index.byGroup.get(group) : undefined], now, except);
}

/**
 * The silence over an impact: while any of its members fires, only when every firing member is
 * silenced (an alarm nobody silenced still speaks for it); once none fires, the silence over the
 * member whose change this is.
 */
export function silenceForImpact(
  index: SilenceIndex,
  members: Record<string, ImpactMemberState>,
  changed: Pick<Alert, 'alertKey' | 'catalogId' | 'group'>,
  now: Date,
  except?: string,
): SilenceRule | undefined {
  if (index.size === 0) return undefined;
  let found: SilenceRule | undefined;
  let open = 0;
  for (const [key, member] of Object.entries(members)) {
    if (member.status !== 'open') continue;
    open += 1;
    const rule = silenceForMember(index, key, member, now, except);
    if (!rule) return undefined;
    found ??= rule;
  }
  if (open > 0) return found;
  return silenceFor(index, changed, now, except);
}

/** One index per catalog, for the version of the active list it was built from. */
const cache = new WeakMap<CatalogRuntime, { fingerprint: string; index: SilenceIndex }>();

/** The index of these silences, built once per catalog and per stored version of the list. */
export function silenceIndex(active: ActiveSilences | null, runtime: CatalogRuntime): SilenceIndex {
  const rules = active?.silences ?? [];
  // The version alone could repeat across two stores (tests); the ends of the list tell them apart.
  const fingerprint = `${active?.version ?? 0}:${rules.length}:${rules[0]?.id ?? ''}:${rules.at(-1)?.id ?? ''}`;
  const cached = cache.get(runtime);
  if (cached && cached.fingerprint === fingerprint) return cached.index;
  const index = buildSilenceIndex(rules, runtime);
  cache.set(runtime, { fingerprint, index });
  return index;
}
