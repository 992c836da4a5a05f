/** @module Pipeline (mute stage's inhibition rule): while an entry a dependant `dependsOn` fires, the dependant is folded under it — a line in the cause's engineers' message, nothing of its own — and delivered on its own if it outlasts the cause. */
import * as z from 'zod';
import type { CatalogIndex } from '../catalog/catalog-index.ts';
import type { Alert, AlsoAffected } from '../core/alert.ts';
import type { AlertRecord } from '../core/alert-record.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';
import { memberKey } from './impact.ts';
import type { PipelineContext } from './pipeline-context.ts';

/*
 * "Is entry X firing now?" is kept in one keyed record per cause entry (kind `inhibition`, key the
 * entry id): the state of each of its alarms, and the dependants folded under it. Every state is
 * kept with the time of the event that set it, so two processors writing out of order (or a
 * redelivered event) never let an older state overwrite a newer one; every write is conditional
 * on the version read.
 *
 * The order of writes makes folding safe against a cause that recovers meanwhile: a dependant is
 * added to its cause's list only after its own record is stored, and only while the cause still
 * fires; the cause's recovery empties the list in the same write that stores it and asks for each
 * dependant still open to be delivered. Whichever write comes second sees the other.
 */

/** Alarms kept per cause entry; beyond it, resolved ones are forgotten first. */
export const MAX_CAUSE_ALARMS = 100;
/** Dependants folded under one cause; one more is delivered on its own rather than dropped. */
export const MAX_FOLDED = 100;
/** Dependants listed by name in the cause's message; the rest are counted ("and 12 more"). */
export const MAX_LISTED = 10;

const status = z.enum(['open', 'resolved']);

const AlarmState = z.looseObject({
  alertKey: z.string(),
  status,
  /** Time of the event that set it. */
  at: z.string(),
  /**
   * The alarm has no message of its own to list dependants in: it is folded under a cause of its
   * own, or shown only in its storm group's message. Nothing folds under it then (they are told as usual).
   */
  folded: z.boolean().optional(),
});

const FoldedState = z.looseObject({
  alertKey: z.string(),
  entry: z.string(),
  title: z.string(),
  name: z.string().optional(),
  status,
  at: z.string(),
});
export type FoldedState = z.infer<typeof FoldedState>;

/** A dependant told on its own (it fired before its cause did): noted "Probably caused by" once the cause fires. */
const ShownState = z.looseObject({
  alertKey: z.string(),
  status,
  at: z.string(),
  /** Its thread was told of this cause's current firing. */
  noted: z.boolean().optional(),
});

export const InhibitionRecordSchema = z.looseObject({
  /** The cause entry's id. */
  entry: z.string(),
  /** A short hash of each alarm's key → its state. */
  alarms: z.record(z.string(), AlarmState),
  /** A short hash of each folded dependant's key → what the cause's message lists of it. */
  folded: z.record(z.string(), FoldedState),
  /** A short hash of each dependant told on its own → its state (bounded like `folded`). */
  shown: z.record(z.string(), ShownState).optional(),
  version: z.number(),
  expiresAt: z.number().optional(),
});
export type InhibitionRecord = z.infer<typeof InhibitionRecordSchema>;

/** Entries that depend on each entry, per catalog index (computed once per catalog). */
const dependantsByIndex = new WeakMap<CatalogIndex, Map<string, string[]>>();

export function dependantsOf(index: CatalogIndex, entryId: string): string[] {
  let map = dependantsByIndex.get(index);
  if (!map) {
    map = new Map();
    for (const entry of index.byId.values()) {
      for (const cause of entry.dependsOn ?? []) map.set(cause, [...(map.get(cause) ?? []), entry.id]);
    }
    dependantsByIndex.set(index, map);
  }
  return map.get(entryId) ?? [];
}

/** Whether the cause fires now, shown to engineers in a message of its own: an alarm of it is open and neither folded nor only in a storm's message. */
export function causeFiring(record: InhibitionRecord | null): boolean {
  return record !== null && Object.values(record.alarms).some((a) => a.status === 'open' && !a.folded);
}

/**
 * The rule: the causes this alert is folded under now (empty: it is told as usual).
 * - An alert that already has a message (or is shown in a storm's) stays as it is: no retraction.
 * - Firing: folded under each cause that fires now (and has room for one more dependant).
 * - Resolving: kept quiet if it is listed under a cause (it was folded, and nobody saw it open).
 */
export function foldDecision(alert: Alert, existing: AlertRecord | null, causes: Array<{ entry: string; record: InhibitionRecord | null }>): string[] {
  if (alert.phase === 'info' || !shownNowhere(existing)) return [];
  const key = memberKey(alert.alertKey);
  if (alert.phase === 'resolved') return causes.filter((c) => c.record?.folded[key] !== undefined).map((c) => c.entry);
  return causes
    .filter((c) => causeFiring(c.record) && (c.record!.folded[key] !== undefined || Object.keys(c.record!.folded).length < MAX_FOLDED))
    .map((c) => c.entry);
}

function shownNowhere(existing: AlertRecord | null): boolean {
  return !existing || (!existing.groupedInto && Object.keys(existing.messages).length === 0);
}

/**
 * The record with this alarm's state, or null when it changes nothing (or is older than the one
 * kept). A repeat in the same state writes nothing: `at` is when the state was set.
 */
export function withAlarm(record: InhibitionRecord | null, entry: string, alarm: z.infer<typeof AlarmState>): InhibitionRecord | null {
  const key = memberKey(alarm.alertKey);
  const known = record?.alarms[key];
  if (known && (known.at > alarm.at || (known.status === alarm.status && !known.folded === !alarm.folded))) return null;
  const { folded: isFolded, ...rest } = alarm;
  const state = isFolded ? { ...rest, folded: true } : rest;
  return { ...(record ?? empty(entry)), alarms: bounded({ ...record?.alarms, [key]: state }, key, MAX_CAUSE_ALARMS) };
}

/** The record with this dependant's state, or null when it changes nothing (a repeat in the same state), or is older than the one kept. */
export function withFolded(record: InhibitionRecord | null, entry: string, dependant: FoldedState): InhibitionRecord | null {
  const key = memberKey(dependant.alertKey);
  const known = record?.folded[key];
  if (known && (known.at > dependant.at || known.status === dependant.status)) return null;
  return { ...(record ?? empty(entry)), folded: bounded({ ...record?.folded, [key]: dependant }, key, MAX_FOLDED) };
}

/**
 * Once the cause stops firing: the list emptied, and the dependants still open, to be delivered on
 * their own; the dependants told on their own may be noted again when it next fires.
 */
export function unfoldAll(record: InhibitionRecord): { record: InhibitionRecord; open: FoldedState[] } {
  const shown = record.shown ? Object.fromEntries(Object.entries(record.shown).map(([k, { noted: _noted, ...s }]) => [k, s])) : undefined;
  return { record: { ...record, folded: {}, ...(shown ? { shown } : {}) }, open: Object.values(record.folded).filter((d) => d.status === 'open') };
}

/** The record with this dependant's state as told on its own, or null when it changes nothing (or is older than the one kept). */
export function withShown(record: InhibitionRecord | null, entry: string, dependant: { alertKey: string; status: 'open' | 'resolved'; at: string }): InhibitionRecord | null {
  const key = memberKey(dependant.alertKey);
  const known = record?.shown?.[key];
  if (known && (known.at > dependant.at || known.status === dependant.status)) return null;
  return { ...(record ?? empty(entry)), shown: bounded({ ...record?.shown, [key]: dependant }, key, MAX_FOLDED) };
}

/** Dependants told on their own, still open, whose thread has not been told of the cause's current firing. */
export function toNote(record: InhibitionRecord): string[] {
  return Object.values(record.shown ?? {}).flatMap((s) => (s.status === 'open' && !s.noted ? [s.alertKey] : []));
}

/** What the cause's engineers' message lists: the open dependants, oldest first, the first few by name. */
export function alsoAffectedOf(record: InhibitionRecord | null): AlsoAffected | undefined {
  const open = Object.values(record?.folded ?? {})
    .filter((d) => d.status === 'open')
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.alertKey < b.alertKey ? -1 : 1));
  if (open.length === 0) return undefined;
  return {
    listed: open.slice(0, MAX_LISTED).map((d) => ({ title: d.title, ...(d.name ? { name: d.name } : {}) })),
    more: Math.max(0, open.length - MAX_LISTED),
  };
}

export function sameAlsoAffected(a: AlsoAffected | undefined, b: AlsoAffected | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function empty(entry: string): InhibitionRecord {
  return { entry, alarms: {}, folded: {}, version: 0 };
}

function bounded<T extends { status: 'open' | 'resolved' }>(map: Record<string, T>, keep: string, max: number): Record<string, T> {
  let over = Object.keys(map).length - max;
  if (over <= 0) return map;
  const next = { ...map };
  for (const [k, v] of Object.entries(map)) {
    if (over <= 0) break;
    if (v.status === 'resolved' && k !== keep) {
      delete next[k];
      over -= 1;
    }
  }
  return next;
}

/** The requests inhibition puts on the queue: deliver a dependant on its own, or bring a cause's messages' list up to date. */
export function unfoldRequest(alertKey: string): RefreshRequest {
  return { clarion: 'inhibition', step: 'unfold', key: alertKey };
}
export function redrawRequest(entry: string): RefreshRequest {
  return { clarion: 'inhibition', step: 'redraw', key: entry };
}
export function noteRequest(alertKey: string): RefreshRequest {
  return { clarion: 'inhibition', step: 'note', key: alertKey };
}

// ——— Reading and writing the records ———

type Ctx = Pick<PipelineContext, 'deps' | 'settings'>;

function readCause(ctx: Ctx, entry: string): Promise<InhibitionRecord | null> {
  return ctx.deps.state.getRecord('inhibition', entry, InhibitionRecordSchema);
}

/** The mute stage's question: which causes this alert is folded under now (none for an entry without `dependsOn`). */
export async function foldedUnder(ctx: Ctx & { runtime: { index: CatalogIndex } }, alert: Alert, existing: AlertRecord | null): Promise<string[]> {
  const causes = alert.catalogId ? (ctx.runtime.index.byId.get(alert.catalogId)?.dependsOn ?? []) : [];
  // Without a queue nothing could deliver it once the cause is fixed: nothing is folded then.
  if (causes.length === 0 || alert.phase === 'info' || !shownNowhere(existing) || !ctx.deps.scheduleRefresh) return [];
  return foldDecision(alert, existing, await Promise.all(causes.map(async (entry) => ({ entry, record: await readCause(ctx, entry) }))));
}

/**
 * After an alert's run, once its record is stored: a cause's alarm updates its entry's record
 * (delivering its dependants if it was the last to stop firing), and a folded dependant is listed
 * under each cause it was folded under. Reads the alert's record afresh, so it writes the newest state.
 */
export async function noteInhibition(ctx: Ctx, alert: Pick<Alert, 'alertKey' | 'catalogId'>, folded: string[], now: Date): Promise<void> {
  if (!ctx.deps.scheduleRefresh) return;
  // Most entries are neither a cause nor a dependant: they cost nothing here.
  const { index } = ctx.deps.runtime();
  const isCause = alert.catalogId !== null && dependantsOf(index, alert.catalogId).length > 0;
  const causes = alert.catalogId !== null ? (index.byId.get(alert.catalogId)?.dependsOn ?? []) : [];
  if (!isCause && causes.length === 0) return;
  const record = await ctx.deps.state.getAlert(alert.alertKey);
  if (!record) return;
  if (isCause) await noteCauseAlarm(ctx, record.catalogId!, record, folded.length > 0 || record.groupedInto !== undefined, now);
  for (const cause of folded) await noteFolded(ctx, cause, record, now);
  // Told on its own: kept, so its thread can say "Probably caused by" when a cause starts firing.
  if (folded.length === 0 && Object.keys(record.messages).length > 0) for (const cause of causes) await noteShown(ctx, cause, record, now);
}

async function noteShown(ctx: Ctx, entry: string, record: AlertRecord, now: Date): Promise<void> {
  await retryOnConflict(`inhibition#${entry}`, async () => {
    const current = await readCause(ctx, entry);
    if (record.status === 'resolved' && current?.shown?.[memberKey(record.alertKey)] === undefined) return 'unchanged';
    const next = withShown(current, entry, { alertKey: record.alertKey, status: record.status, at: record.lastEventTime });
    if (!next) return 'unchanged';
    if (!(await ctx.deps.state.putRecord('inhibition', entry, { ...next, version: (current?.version ?? 0) + 1, expiresAt: expiry(ctx, now) }, current?.version ?? null))) return CONFLICT;
    // Told while the cause fires (it started firing meanwhile, or had no message to fold it under): noted now.
    if (record.status === 'open' && causeFiring(next)) await schedule(ctx, noteRequest(record.alertKey));
    return 'written';
  });
}

/**
 * After a dependant's thread was told of this cause's firing: marked, so a retry or the next event
 * does not tell it again. False when it was marked already (another run told it).
 */
export async function markNoted(ctx: Ctx, entry: string, alertKey: string, now: Date): Promise<boolean> {
  return retryOnConflict(`inhibition#${entry}`, async () => {
    const current = await readCause(ctx, entry);
    const key = memberKey(alertKey);
    const known = current?.shown?.[key];
    if (!current || !known || known.noted) return false;
    const next = { ...current, shown: { ...current.shown, [key]: { ...known, noted: true } } };
    return (await ctx.deps.state.putRecord('inhibition', entry, { ...next, version: current.version + 1, expiresAt: expiry(ctx, now) }, current.version)) ? true : CONFLICT;
  });
}

async function schedule(ctx: Ctx, request: RefreshRequest): Promise<void> {
  await ctx.deps.scheduleRefresh?.(request, 1);
}

function expiry(ctx: Ctx, now: Date): number {
  return Math.floor(now.getTime() / 1000) + ctx.settings.recordTtlSeconds;
}

async function noteCauseAlarm(ctx: Ctx, entry: string, record: AlertRecord, isFolded: boolean, now: Date): Promise<void> {
  await retryOnConflict(`inhibition#${entry}`, async () => {
    const current = await readCause(ctx, entry);
    let next = withAlarm(current, entry, { alertKey: record.alertKey, status: record.status, at: record.lastEventTime, ...(isFolded ? { folded: true } : {}) });
    if (!next) return 'unchanged';
    let deliver: FoldedState[] = [];
    if (!causeFiring(next)) ({ record: next, open: deliver } = unfoldAll(next));
    // Asked before the write: if the write loses, the next attempt asks again (delivering twice posts once).
    for (const dependant of deliver) await schedule(ctx, unfoldRequest(dependant.alertKey));
    // The cause starts firing: dependants already told on their own are noted, not retracted.
    if (!causeFiring(current) && causeFiring(next)) for (const alertKey of toNote(next)) await schedule(ctx, noteRequest(alertKey));
    if (!(await ctx.deps.state.putRecord('inhibition', entry, { ...next, version: (current?.version ?? 0) + 1, expiresAt: expiry(ctx, now) }, current?.version ?? null))) return CONFLICT;
    const listChanged = !sameAlsoAffected(alsoAffectedOf(current), alsoAffectedOf(next));
    if (listChanged || !sameAlsoAffected(record.alsoAffected, record.status === 'open' ? alsoAffectedOf(next) : undefined)) await schedule(ctx, redrawRequest(entry));
    return 'written';
  });
}

async function noteFolded(ctx: Ctx, entry: string, record: AlertRecord, now: Date): Promise<void> {
  await retryOnConflict(`inhibition#${entry}`, async () => {
    const current = await readCause(ctx, entry);
    const listed = current?.folded[memberKey(record.alertKey)] !== undefined;
    if (record.status === 'open' && !listed && (!causeFiring(current) || Object.keys(current!.folded).length >= MAX_FOLDED)) {
      // The cause stopped firing after the mute stage looked (or has no room left): told on its own.
      await schedule(ctx, unfoldRequest(record.alertKey));
      return 'deliver';
    }
    if (record.status === 'resolved' && !listed) return 'unchanged';
    const next = withFolded(current, entry, {
      alertKey: record.alertKey,
      entry: record.catalogId ?? '',
      title: record.alert.title,
      ...(record.alert.signal.name ? { name: record.alert.signal.name } : {}),
      status: record.status,
      at: record.lastEventTime,
    });
    if (!next) return 'unchanged';
    if (!(await ctx.deps.state.putRecord('inhibition', entry, { ...next, version: (current?.version ?? 0) + 1, expiresAt: expiry(ctx, now) }, current?.version ?? null))) return CONFLICT;
    if (!sameAlsoAffected(alsoAffectedOf(current), alsoAffectedOf(next))) await schedule(ctx, redrawRequest(entry));
    return 'written';
  });
}

/** Reads a cause entry's record (for the redraw and the local stack's state view). */
export function readInhibition(ctx: Ctx, entry: string): Promise<InhibitionRecord | null> {
  return readCause(ctx, entry);
}
