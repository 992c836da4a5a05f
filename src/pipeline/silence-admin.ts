/** @module Pipeline (silences from people): create and end a silence — from Slack's form, the CLI or the local API — by writing state and queueing its quiet line; the processor does the posting. */
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';
import { addSilence, endSilence, viewOf } from '../state/silence-store.ts';
import type { SilenceKind, SilenceView } from '../state/silence-store.ts';
import type { StatePort } from '../state/state-port.ts';
import { delayUntil } from './queue-delay.ts';
import { checkReason, MAX_SILENCE_SECONDS, resolveMatch, silenceSeconds, SilenceInputError } from './silences.ts';

export interface SilenceAdminDeps {
  state: StatePort;
  runtime: () => CatalogRuntime;
  now: () => Date;
  newId: () => string;
  /** Puts a request on the signal queue (the processor posts the quiet line and ends the silence on time). */
  enqueue?: (request: RefreshRequest, delaySeconds: number) => Promise<void>;
  log?: { info(message: string, fields?: Record<string, unknown>): void };
}

export interface SilenceAsk {
  /** An entry id, a group, a glob; or, with `kind: 'alarm'`, one alarm's alert key. */
  match: string;
  kind?: Extract<SilenceKind, 'alarm' | 'entry' | 'group'>;
  /** What people call it (an alarm's title). */
  label?: string;
  /** How long (`2h`), or until when (`endsAt`, ISO). */
  for?: string;
  endsAt?: string;
  reason: unknown;
  createdBy: string;
  /** Silence a name the catalog does not know (it may be added later). */
  force?: boolean;
  /** Given by Slack's form (from the view's id), so a submission delivered twice makes one silence. */
  id?: string;
}

/** A short id: enough for 1,000 active silences never to meet, short enough to type in `clarion silence expire`. */
function shortId(newId: () => string): string {
  return newId().replace(/[^A-Za-z0-9]/g, '').slice(0, 10).toLowerCase();
}

function endOf(ask: SilenceAsk, now: Date): string {
  if (ask.for !== undefined && ask.endsAt !== undefined) throw new SilenceInputError('give "for" or "endsAt", not both');
  if (ask.for !== undefined) return new Date(now.getTime() + silenceSeconds(String(ask.for)) * 1000).toISOString();
  if (ask.endsAt === undefined) throw new SilenceInputError('say how long: "for" such as 2h, or "endsAt" as an ISO time');
  const end = Date.parse(String(ask.endsAt));
  if (!Number.isFinite(end)) throw new SilenceInputError(`"${String(ask.endsAt)}" is not an ISO time`);
  if (end <= now.getTime()) throw new SilenceInputError('"endsAt" is in the past');
  if (end - now.getTime() > MAX_SILENCE_SECONDS * 1000) throw new SilenceInputError('a silence lasts at most 30 days');
  return new Date(end).toISOString();
}

/**
 * Creates a silence (throws `SilenceInputError` for bad input, `SilenceLimitError` past 1,000) and
 * queues its quiet line and its end. `created: false` when this id existed already (a replay).
 */
export async function createSilence(deps: SilenceAdminDeps, ask: SilenceAsk): Promise<{ silence: SilenceView; created: boolean; warning?: string }> {
  const now = deps.now();
  const reason = checkReason(ask.reason);
  if (typeof ask.match !== 'string') throw new SilenceInputError('say what to silence: "match"');
  const endsAt = endOf(ask, now);
  const resolved = ask.kind === 'alarm' ? { kind: 'alarm' as const } : ask.kind ? { kind: ask.kind } : resolveMatch(ask.match, deps.runtime(), ask.force);
  const createdBy = (ask.createdBy || 'someone').trim().slice(0, 200) || 'someone';
  const { detail, created } = await addSilence(
    deps.state,
    {
      id: ask.id ?? shortId(deps.newId),
      match: ask.match.trim(),
      kind: resolved.kind,
      ...(ask.label ? { label: ask.label.slice(0, 300) } : {}),
      startsAt: now.toISOString(),
      endsAt,
      reason,
      createdBy,
    },
    now,
  );
  if (!detail.endedAt) {
    // Queued on every call, a replay included: the first may have failed before queueing, and the processor re-checks.
    await deps.enqueue?.({ clarion: 'silence', id: detail.id, change: 'added' }, 0);
    await deps.enqueue?.({ clarion: 'silence', id: detail.id, change: 'ended', dueAt: detail.endsAt }, delayUntil(Date.parse(detail.endsAt), now.getTime()));
  }
  if (created) deps.log?.info('silence added', { silence: detail.id, match: detail.match, kind: detail.kind, endsAt: detail.endsAt, by: createdBy });
  return { silence: viewOf(detail), created, ...('warning' in resolved && resolved.warning ? { warning: resolved.warning } : {}) };
}

/** Ends a silence now (lifted in Slack, expired from the CLI or the API); null when there is none. */
export async function liftSilence(deps: Pick<SilenceAdminDeps, 'state' | 'now' | 'enqueue' | 'log'>, id: string, by: string): Promise<{ silence: SilenceView; ended: boolean } | null> {
  const result = await endSilence(deps.state, id, by, deps.now());
  if (!result) return null;
  // Also when it had ended already: a retry after a failed enqueue still delivers what it held.
  await deps.enqueue?.({ clarion: 'silence', id, change: 'ended' }, 0);
  if (result.ended) deps.log?.info('silence lifted', { silence: id, by });
  return { silence: viewOf(result.detail), ended: result.ended };
}
