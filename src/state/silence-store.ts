/** @module State (silences): the active silences as one versioned record, and each silence's details (reason, quiet line, what it held) as a record of its own. */
import * as z from 'zod';
import { ClarionError } from '../core/clarion-error.ts';
import type { StatePort } from './state-port.ts';
import { CONFLICT, retryOnConflict } from './versioned-write.ts';

/*
 * Two kinds of record under the `silences` kind:
 *   silences#active       what matching needs of every active silence (id, match, kind, times):
 *                         read once per event, about 100 bytes per silence, so 1,000 fit well
 *                         inside DynamoDB's 400 KB item;
 *   silences#silence:<id> one silence in full: its reason (up to 300 characters, which 1,000 times
 *                         over would not fit one item), who made it, its quiet line in Slack and the
 *                         alerts it held. Written by the processor as alerts are held, so a storm of
 *                         held alerts does not fight over the record every event reads.
 */

/** At most this many silences are active at once; one more is refused with a clear error. */
export const MAX_ACTIVE_SILENCES = 1000;
/** A silence remembers this many of the alerts it held (the newest); beyond it they are only counted. */
export const MAX_HELD_KEYS = 200;
/** A reason longer than this is refused: it is shown in Slack on one line. */
export const MAX_REASON_LENGTH = 300;
/** A silence's details are kept this long after it ends (DynamoDB TTL), for `list` and the quiet line's last edit. */
const DETAIL_KEPT_SECONDS = 7 * 86400;

/** What a silence covers: one alarm (its alert key), a catalog entry, a group, or a glob over entry ids and group names. */
export const SilenceKind = z.enum(['alarm', 'entry', 'group', 'glob']);
export type SilenceKind = z.infer<typeof SilenceKind>;

/** A silence as matching needs it. */
export const SilenceRule = z.object({
  id: z.string().min(1).max(64),
  match: z.string().min(1).max(2048),
  kind: SilenceKind,
  startsAt: z.string(),
  endsAt: z.string(),
});
export type SilenceRule = z.infer<typeof SilenceRule>;

export const ActiveSilences = z.object({
  silences: z.array(SilenceRule),
  version: z.number().int(),
  expiresAt: z.number().optional(),
});
export type ActiveSilences = z.infer<typeof ActiveSilences>;

export const SilenceDetail = SilenceRule.extend({
  reason: z.string().min(1).max(MAX_REASON_LENGTH),
  createdBy: z.string().min(1).max(200),
  /** What people call it (an alarm's title), when `match` is a key. */
  label: z.string().max(300).optional(),
  /** The quiet line in the engineers' channel, once posted. */
  line: z.object({ channel: z.string(), ts: z.string() }).optional(),
  /** What it held: how many alerts, when the last was held, and the newest alert keys (at most `MAX_HELD_KEYS`). */
  held: z.object({ count: z.number().int(), lastAt: z.string().optional(), keys: z.array(z.string()) }),
  /** Alerts were held since the quiet line last showed it: an edit is on the queue. */
  lineDue: z.boolean().optional(),
  /** When it ended (lifted, expired by hand, or its time ran out) and by whom (`time` when it ran out). */
  endedAt: z.string().optional(),
  endedBy: z.string().optional(),
  /** What the quiet line last showed (held count and end), so a request that changes nothing edits nothing. */
  lineShows: z.string().optional(),
  /** Once what it held was handed back for delivery after it ended. */
  deliveredAt: z.string().optional(),
  version: z.number().int(),
  expiresAt: z.number().optional(),
});
export type SilenceDetail = z.infer<typeof SilenceDetail>;

/** The silence as the API, the CLI and the quiet line show it. */
export type SilenceView = Pick<SilenceDetail, 'id' | 'match' | 'kind' | 'startsAt' | 'endsAt' | 'reason' | 'createdBy'> & {
  held: number;
  endedAt?: string;
  endedBy?: string;
};

export class SilenceLimitError extends ClarionError {}

const ACTIVE = 'active';
const detailKey = (id: string) => `silence:${id}`;

function epoch(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

export function viewOf(detail: SilenceDetail): SilenceView {
  return {
    id: detail.id,
    match: detail.match,
    kind: detail.kind,
    startsAt: detail.startsAt,
    endsAt: detail.endsAt,
    reason: detail.reason,
    createdBy: detail.createdBy,
    held: detail.held.count,
    ...(detail.endedAt ? { endedAt: detail.endedAt } : {}),
    ...(detail.endedBy ? { endedBy: detail.endedBy } : {}),
  };
}

/** Whether a silence is in force at `now`. */
export function inForce(rule: Pick<SilenceRule, 'startsAt' | 'endsAt'>, now: Date): boolean {
  const t = now.getTime();
  return Date.parse(rule.startsAt) <= t && t < Date.parse(rule.endsAt);
}

export async function readActive(state: StatePort): Promise<ActiveSilences | null> {
  return state.getRecord('silences', ACTIVE, ActiveSilences);
}

/**
 * The active list's version, in an item of its own: every event reads it (a few bytes) and reads
 * the list itself (up to 1,000 rules, ~100 KB) only when it changed, so 1,000 silences cost an
 * event what one does. Written after the list; if that write fails, the writer's call fails and its
 * retry writes it, and readers take the list again at least once a minute anyway.
 */
export const SilencesStamp = z.object({ listVersion: z.number().int(), version: z.number().int(), expiresAt: z.number().optional() });
export type SilencesStamp = z.infer<typeof SilencesStamp>;
const STAMP = 'stamp';
/** How long a reader trusts its copy of the list without reading it, however the stamp reads. */
const LIST_TRUSTED_MS = 60_000;

async function stampList(state: StatePort, listVersion: number): Promise<void> {
  await retryOnConflict('silences#stamp', async () => {
    const read = await state.getRecord('silences', STAMP, SilencesStamp);
    if (read && read.listVersion >= listVersion) return undefined;
    const next: SilencesStamp = { listVersion, version: (read?.version ?? 0) + 1 };
    return (await state.putRecord('silences', STAMP, next, read ? read.version : null)) ? undefined : CONFLICT;
  });
}

const copies = new WeakMap<StatePort, { list: ActiveSilences | null; readAt: number }>();

/** The active list as the mute stage needs it: this container's copy while the stamp says it is current, else read afresh. */
export async function readActiveQuickly(state: StatePort, now: Date): Promise<ActiveSilences | null> {
  const stamp = await state.getRecord('silences', STAMP, SilencesStamp);
  const copy = copies.get(state);
  const fresh = copy !== undefined && now.getTime() - copy.readAt < LIST_TRUSTED_MS && now.getTime() >= copy.readAt;
  if (stamp && fresh && (copy.list?.version ?? 0) === stamp.listVersion) return copy.list;
  const list = await readActive(state);
  copies.set(state, { list, readAt: now.getTime() });
  return list;
}

export async function readSilence(state: StatePort, id: string): Promise<SilenceDetail | null> {
  return state.getRecord('silences', detailKey(id), SilenceDetail);
}

/** The silences in force now, in full (one read per silence: for the CLI and the API, not the hot path). */
export async function listActive(state: StatePort, now: Date): Promise<SilenceDetail[]> {
  const active = await readActive(state);
  const rules = (active?.silences ?? []).filter((r) => Date.parse(r.endsAt) > now.getTime());
  const details = await Promise.all(rules.map((r) => readSilence(state, r.id)));
  return details.filter((d): d is SilenceDetail => d !== null && !d.endedAt);
}

/**
 * Stores a new silence: its details first (so whoever finds it in the active list can read them),
 * then its rule in the active list. Idempotent by id: storing the same id again changes nothing and
 * answers `created: false` (a Slack submission delivered twice makes one silence).
 */
export async function addSilence(state: StatePort, silence: Omit<SilenceDetail, 'version' | 'held' | 'expiresAt'>, now: Date): Promise<{ detail: SilenceDetail; created: boolean }> {
  const current = await readActive(state);
  const live = (current?.silences ?? []).filter((r) => Date.parse(r.endsAt) > now.getTime());
  if (!live.some((r) => r.id === silence.id) && live.length >= MAX_ACTIVE_SILENCES) {
    throw new SilenceLimitError(`there are already ${MAX_ACTIVE_SILENCES} active silences; lift or expire some first`);
  }
  const fresh: SilenceDetail = { ...silence, held: { count: 0, keys: [] }, version: 1, expiresAt: epoch(silence.endsAt) + DETAIL_KEPT_SECONDS };
  const wrote = await state.putRecord('silences', detailKey(silence.id), fresh, null);
  const detail = wrote ? fresh : await readSilence(state, silence.id);
  if (!detail) throw new ClarionError(`silence ${silence.id} could not be stored`);
  // A silence already ended (a replayed submission after its lift) is not brought back.
  if (detail.endedAt) return { detail, created: false };
  const rule: SilenceRule = { id: detail.id, match: detail.match, kind: detail.kind, startsAt: detail.startsAt, endsAt: detail.endsAt };
  const listed = await retryOnConflict('silences#active', async () => {
    const read = await readActive(state);
    // Ended ones leave the list at each write, so it never fills with the past.
    const kept = (read?.silences ?? []).filter((r) => Date.parse(r.endsAt) > now.getTime());
    if (kept.some((r) => r.id === rule.id)) return false;
    if (kept.length >= MAX_ACTIVE_SILENCES) throw new SilenceLimitError(`there are already ${MAX_ACTIVE_SILENCES} active silences; lift or expire some first`);
    const next: ActiveSilences = { silences: [...kept, rule], version: (read?.version ?? 0) + 1 };
    return (await state.putRecord('silences', ACTIVE, next, read ? read.version : null)) ? true : CONFLICT;
  });
  // Also when it was listed already: a retry after a failed stamp writes it now.
  const listedNow = await readActive(state);
  if (listedNow) await stampList(state, listedNow.version);
  return { detail, created: wrote && listed };
}

/**
 * Ends a silence now: it leaves the active list and its details say when and by whom. Null when
 * there is no such silence; `ended: false` when it had ended already (a second lift changes nothing).
 */
export async function endSilence(state: StatePort, id: string, by: string, now: Date): Promise<{ detail: SilenceDetail; ended: boolean } | null> {
  const result = await retryOnConflict(`silences#${detailKey(id)}`, async () => {
    const detail = await readSilence(state, id);
    if (!detail) return null;
    if (detail.endedAt) return { detail, ended: false };
    // Its time ran out: it ended then, whoever noticed.
    const at = Date.parse(detail.endsAt) <= now.getTime() ? detail.endsAt : now.toISOString();
    const next: SilenceDetail = { ...detail, endedAt: at, endedBy: by, version: detail.version + 1 };
    return (await state.putRecord('silences', detailKey(id), next, detail.version)) ? { detail: next, ended: true } : CONFLICT;
  });
  if (!result) return null;
  await retryOnConflict('silences#active', async () => {
    const read = await readActive(state);
    if (!read) return undefined;
    const kept = read.silences.filter((r) => r.id !== id && Date.parse(r.endsAt) > now.getTime());
    if (kept.length === read.silences.length) return undefined;
    const next: ActiveSilences = { silences: kept, version: read.version + 1 };
    return (await state.putRecord('silences', ACTIVE, next, read.version)) ? undefined : CONFLICT;
  });
  const listedNow = await readActive(state);
  if (listedNow) await stampList(state, listedNow.version);
  return result;
}

/**
 * Notes that the silence held this alert. Returns whether the quiet line needs an edit queued now:
 * the first alert held since its last edit (later ones ride on that edit). Null when the silence
 * is unknown.
 */
export async function noteHeld(state: StatePort, id: string, alertKey: string, now: Date): Promise<{ queueEdit: boolean; over?: boolean } | null> {
  return retryOnConflict(`silences#${detailKey(id)}`, async () => {
    const detail = await readSilence(state, id);
    if (!detail) return null;
    // Ended while this run held the alert (it read the list before the lift): what it held was handed
    // back already, so the caller delivers this one itself.
    if (detail.endedAt || detail.deliveredAt) return { queueEdit: false, over: true };
    // A repeat of an alert it holds already changes nothing the line shows.
    if (detail.held.keys.includes(alertKey)) return { queueEdit: false };
    const keys = [...detail.held.keys, alertKey].slice(-MAX_HELD_KEYS);
    const next: SilenceDetail = { ...detail, held: { count: detail.held.count + 1, lastAt: now.toISOString(), keys }, lineDue: true, version: detail.version + 1 };
    return (await state.putRecord('silences', detailKey(id), next, detail.version)) ? { queueEdit: detail.lineDue !== true } : CONFLICT;
  });
}

/** Writes a change to a silence's details, conditional on the version read; false on conflict. */
export async function putSilence(state: StatePort, detail: SilenceDetail, expectedVersion: number): Promise<boolean> {
  return state.putRecord('silences', detailKey(detail.id), detail, expectedVersion);
}
