/** @module Processor: inhibition's queued requests — deliver a folded dependant on its own once its cause stopped firing, and redraw a cause's list of folded dependants. */
import type { RefreshRequest } from '../core/refresh-request.ts';
import { routesFor } from '../pipeline/impact.ts';
import { alsoAffectedOf, causeFiring, foldedUnder, markNoted, noteInhibition, readInhibition, sameAlsoAffected, toNote } from '../pipeline/inhibition.ts';
import { escapeMrkdwn } from '../slack/escape-mrkdwn.ts';
import type { PipelineContext, SignalResult } from '../pipeline/pipeline-context.ts';
import { updates } from '../pipeline/plan-alert.ts';
import { joinGroup } from '../pipeline/storm.ts';
import type { AlertRecord } from '../core/alert-record.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';

type InhibitionRequest = Extract<RefreshRequest, { clarion: 'inhibition' }>;

export interface InhibitionHandlerDeps {
  /** Posts the engineers' messages the alert lacks (the missing-posts refresh: held when they are away, shown in a storm when it is in one). */
  postMissing: (alertKey: string, eventId: string) => Promise<SignalResult>;
  /** Feeds the alarm's impact its stored state, so non-technical audiences hear of it. */
  feedImpact: (alertKey: string, eventId: string) => Promise<string[]>;
}

export function createInhibitionHandler(ctx: PipelineContext, handlers: InhibitionHandlerDeps) {
  const { deps } = ctx;

  /**
   * The cause stopped firing: the dependant is told on its own, to engineers and through its impact —
   * unless it resolved meanwhile (nobody is told of it) or another cause it depends on still fires
   * (it is listed there instead). Idempotent: posting what is missing posts once.
   */
  async function unfold(alertKey: string): Promise<SignalResult> {
    const eventId = `unfold:${alertKey}`;
    const base: SignalResult = { signalKey: alertKey, eventId, catalogId: null, alertKey, outcome: 'refresh' };
    const record = await deps.state.getAlert(alertKey);
    if (!record || record.status !== 'open' || record.resolvedUnseen) return { ...base, outcome: 'refresh-not-needed', detail: 'it stopped firing while folded' };
    const now = deps.now();
    const still = await foldedUnder({ ...ctx, runtime: deps.runtime() }, record.alert, record);
    if (still.length > 0) {
      await noteInhibition(ctx, record, still, now);
      return { ...base, catalogId: record.catalogId, outcome: 'refresh-not-needed', detail: `still folded under ${still.join(', ')}` };
    }
    await joinStorm(record, now);
    const posted = await handlers.postMissing(alertKey, eventId);
    const held = await handlers.feedImpact(alertKey, eventId);
    // Shown now: its own dependants fold under it from here on.
    await noteInhibition(ctx, record, [], now);
    const allHeld = [...(posted.held ?? []), ...held];
    return { ...posted, catalogId: record.catalogId, detail: 'delivered on its own: what it depends on stopped firing', ...(allHeld.length > 0 ? { held: allHeld } : {}) };
  }

  /**
   * Many dependants delivered at once (a cause with a storm of symptoms recovers) are a storm like
   * any other: the group stage's rule decides, and the ones past its threshold are shown in the
   * group's message (the missing-posts path shows an alert `groupedInto` a group there).
   */
  async function joinStorm(record: AlertRecord, now: Date): Promise<void> {
    if (!record.group || record.groupedInto) return;
    const inStorm = await retryOnConflict(record.group, async () => {
      const decision = joinGroup(await deps.state.getGroup(record.group!), record.alert, routesFor(record.alert, deps.runtime().config, deps.stage), now, ctx.settings);
      return (await deps.state.putGroup(decision.group, decision.expectedVersion)) ? decision.inStorm : CONFLICT;
    });
    if (!inStorm) return;
    await retryOnConflict(record.alertKey, async () => {
      const current = await deps.state.getAlert(record.alertKey);
      if (!current || current.groupedInto || Object.keys(current.messages).length > 0) return 'as-is';
      // Shown by the group's message from now on, as a storm member opening is: nothing of its own to bring up to date.
      const grouped = { ...current, groupedInto: record.group!, version: current.version + 1, syncedVersion: current.version + 1 };
      return (await deps.state.putAlert(grouped, current.version)) ? 'grouped' : CONFLICT;
    });
  }

  /** Each alarm of the cause shows the dependants folded under it now (its resolved ones, none); only messages whose list changed are edited. */
  async function redraw(entry: string): Promise<SignalResult> {
    const base: SignalResult = { signalKey: entry, eventId: `redraw:${entry}`, catalogId: entry, outcome: 'refresh' };
    const inhibition = await readInhibition(ctx, entry);
    if (!inhibition) return { ...base, outcome: 'refresh-not-needed' };
    const list = alsoAffectedOf(inhibition);
    let edited = 0;
    for (const alarm of Object.values(inhibition.alarms)) {
      await retryOnConflict(alarm.alertKey, async () => {
        const record = await deps.state.getAlert(alarm.alertKey);
        const wanted = record?.status === 'open' ? list : undefined;
        if (!record || sameAlsoAffected(record.alsoAffected, wanted)) return 'in-step';
        const next = { ...record, version: record.version + 1 };
        if (wanted) next.alsoAffected = wanted;
        else delete next.alsoAffected;
        if (!(await deps.state.putAlert(next, record.version))) return CONFLICT;
        const now = deps.now();
        const routes = routesFor(next.alert, deps.runtime().config, deps.stage);
        await ctx.sync.recordShown(next, await ctx.sync.deliver(next, updates(next), routes, now), routes, now);
        edited += 1;
        return 'edited';
      });
    }
    return { ...base, outcome: edited > 0 ? 'refresh' : 'refresh-not-needed', detail: `${edited} message${edited === 1 ? '' : 's'} of ${entry} redrawn` };
  }

  /**
   * A cause started firing after this dependant was told on its own: it is left as it is (no
   * retraction), and its engineers' thread says what probably caused it, once per firing of the cause.
   */
  async function note(alertKey: string): Promise<SignalResult> {
    const base: SignalResult = { signalKey: alertKey, eventId: `note:${alertKey}`, catalogId: null, alertKey, outcome: 'refresh-not-needed' };
    const record = await deps.state.getAlert(alertKey);
    if (!record || record.status !== 'open' || !record.catalogId) return base;
    const { index, config } = deps.runtime();
    const engineers = routesFor(record.alert, config, deps.stage).filter((r) => r.template === 'techies' && record.messages[r.audience]);
    const now = deps.now();
    const told: string[] = [];
    for (const cause of index.byId.get(record.catalogId)?.dependsOn ?? []) {
      const inhibition = await readInhibition(ctx, cause);
      if (!inhibition || !causeFiring(inhibition) || !toNote(inhibition).includes(alertKey)) continue;
      const text = `Probably caused by: ${escapeMrkdwn(index.byId.get(cause)?.title ?? cause)}`;
      await ctx.sync.deliver(record, engineers.map((r) => ({ kind: 'reply' as const, audience: r.audience, ref: record.messages[r.audience]!, text })), engineers, now);
      if (await markNoted(ctx, cause, alertKey, now)) told.push(cause);
    }
    return told.length > 0 ? { ...base, catalogId: record.catalogId, outcome: 'refresh', detail: `noted: probably caused by ${told.join(', ')}` } : { ...base, catalogId: record.catalogId };
  }

  return function handleInhibition(request: InhibitionRequest): Promise<SignalResult> {
    if (request.step === 'note') return note(request.key);
    return request.step === 'unfold' ? unfold(request.key) : redraw(request.key);
  };
}
