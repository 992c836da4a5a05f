/** @module Pipeline (the mute stage's silences): finds the silence over an alert or an impact, and notes on the silence what it held so its quiet line can say so. */
import type { Alert } from '../core/alert.ts';
import type { AlertRecord } from '../core/alert-record.ts';
import { impactKeyFor, isImpactKey } from '../core/impact-key.ts';
import { noteHeld, readActiveQuickly } from '../state/silence-store.ts';
import type { ActiveSilences, SilenceRule } from '../state/silence-store.ts';
import type { ImpactMemberState } from './impact.ts';
import type { PipelineContext, ProcessorDeps, RunContext } from './pipeline-context.ts';
import { silenceFor, silenceForImpact, silenceIndex } from './silences.ts';

/*
 * The active list is read once per source event, not once per run: an alarm's run and the runs of
 * its impact that follow share the read (they carry the event's id). A silence added meanwhile
 * applies from the next event.
 */
const lastRead = new WeakMap<ProcessorDeps, { eventId: string; active: Promise<ActiveSilences | null> }>();

/** Starts reading the active silences for this event (at most once per event), so the read runs beside the record's. */
export function readSilences(ctx: PipelineContext, eventId: string): Promise<ActiveSilences | null> {
  const cached = lastRead.get(ctx.deps);
  if (cached && cached.eventId === eventId) return cached.active;
  const active = readActiveQuickly(ctx.deps.state, ctx.deps.now());
  // A failed read is not kept: the event's retry reads again.
  active.catch(() => lastRead.delete(ctx.deps));
  lastRead.set(ctx.deps, { eventId, active });
  return active;
}

/**
 * The silence over an alarm now, for the paths outside the mute stage (the repost path, escalation,
 * the impact feed): the same cheap read of the active list and the same index.
 */
export async function silenceNow(
  deps: Pick<ProcessorDeps, 'state' | 'runtime'>,
  alert: Alert,
  now: Date,
  /** The event's read already under way (`readSilences`), so the feed after a run reads nothing again. */
  reading: Promise<ActiveSilences | null> = readActiveQuickly(deps.state, now),
): Promise<SilenceRule | undefined> {
  const active = await reading;
  return active && active.silences.length > 0 ? silenceFor(silenceIndex(active, deps.runtime()), alert, now) : undefined;
}

/**
 * The silence over this run's alert now, if any. An alarm (or uncatalogued alert) is silenced by
 * its key, entry or group; an impact only while every firing member is (see `silenceForImpact`).
 */
export async function silenceOver(
  ctx: RunContext,
  reading: Promise<ActiveSilences | null>,
  alert: Alert,
  impactMembers: Record<string, ImpactMemberState> | undefined,
  changed: Alert,
): Promise<SilenceRule | undefined> {
  const active = await reading;
  if (!active || active.silences.length === 0) return undefined;
  const index = silenceIndex(active, ctx.runtime);
  if (impactMembers) return silenceForImpact(index, impactMembers, changed, ctx.now);
  return silenceFor(index, alert, ctx.now);
}

/**
 * Notes on the silence that it held this alarm (firing, its record stored), and queues the edit of
 * its quiet line when none is queued yet. Impacts are not noted: the silence's end delivers each
 * alarm it held and the impact with it.
 */
export async function noteSilenced(ctx: RunContext, silenceId: string, alert: Alert, record: AlertRecord | null): Promise<void> {
  if (isImpactKey(alert.alertKey) || !record || record.status !== 'open' || record.resolvedUnseen) return;
  if (alert.phase !== 'firing' && alert.phase !== 'noData') return;
  const noted = await noteHeld(ctx.deps.state, silenceId, alert.alertKey, ctx.now);
  if (noted?.over) {
    // The silence ended after this run read it: deliver the alarm (and its impact) as its end would have.
    await ctx.deps.scheduleRefresh?.({ clarion: 'refresh', alertKey: alert.alertKey, reason: 'missing-posts' }, 0);
    const impactKey = impactKeyFor(alert);
    if (impactKey) await ctx.deps.scheduleRefresh?.({ clarion: 'refresh', alertKey: impactKey, reason: 'missing-posts' }, 0);
    return;
  }
  ctx.deps.log?.info('alert held by a silence', { alertKey: alert.alertKey, silence: silenceId });
  if (noted?.queueEdit) await ctx.deps.scheduleRefresh?.({ clarion: 'silence', id: silenceId, change: 'held' }, 0);
}
