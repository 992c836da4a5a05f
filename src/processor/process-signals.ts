/** @module Processor: one queue message in — a raw AWS event through the pipeline's stages, or a request Clarion queued for itself — and storm messages flushed per batch. */
import { isRefreshRequest, parseRefreshRequest } from '../core/refresh-request.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';
import { alertStages, signalStages } from '../pipeline/alert-pipeline.ts';
import { oncePerEvent } from '../pipeline/claim-event.ts';
import { createPipelineContext, runContext } from '../pipeline/pipeline-context.ts';
import type { ProcessorDeps, SignalResult } from '../pipeline/pipeline-context.ts';
import { normalize } from '../pipeline/stages/normalize.ts';
import type { Signal } from '../core/signal.ts';
import { retryOnConflict } from '../state/versioned-write.ts';
import type { AlertRecord } from '../core/alert-record.ts';
import { DeliveryError } from '../core/delivery-error.ts';
import { impactKeyFor } from '../core/impact-key.ts';
import { hasImpactAudience, impactRun, memberKey, missedOpening } from '../pipeline/impact.ts';
import { routeAlert } from '../pipeline/route-alert.ts';
import { foldedUnder, noteInhibition } from '../pipeline/inhibition.ts';
import { createRefreshHandler } from './handle-refresh.ts';
import { readSilences, silenceNow } from '../pipeline/silence-mute.ts';
import { openedDuringPlannedWork, plannedWorkNow, rememberHeld } from '../pipeline/maintenance-rule.ts';
import { createStormFlush } from './storm-flush.ts';
import type { FlushFailure, FlushOptions } from './storm-flush.ts';

export { isRefreshRequest };
export type { RefreshRequest, FlushFailure, FlushOptions };
export type { ProcessorDeps, ProcessorLog, ProcessorMetric, SignalResult } from '../pipeline/pipeline-context.ts';

export interface Processor {
  /** Handles one queue message (a raw AWS event, a batch of them, or a refresh request). */
  processMessage(body: unknown): Promise<SignalResult[]>;
  /**
   * Brings storm group messages up to date once per batch, so a storm costs one chat.update per
   * group; returns the groups that failed, so the caller can retry the messages that touched them.
   */
  flush(options?: FlushOptions): Promise<FlushFailure[]>;
}

let processors = 0;

/**
 * Ids for summary runs when the caller gives none: unique within this process (tests, the local
 * stack). The composition root gives random ones, which are unique across Lambda containers too.
 */
function processIds(): () => string {
  const instance = ++processors;
  let n = 0;
  return () => `run-${instance}-${++n}`;
}

export function createProcessor(deps: ProcessorDeps & { newId?: () => string }): Processor {
  const ctx = createPipelineContext(deps);
  const storms = createStormFlush(ctx);
  const handleRefresh = createRefreshHandler(ctx, storms, deps.newId ?? processIds(), (alertKey, eventId) => feedImpactFrom(alertKey, eventId));

  /** One signal through the stages; the source event is claimed once the signal is known to make an alert. */
  async function handleSignal(signal: Signal): Promise<SignalResult> {
    ctx.count('Signals');
    const run = runContext(ctx);
    const front = await signalStages.run({ signal }, run);
    // Matching and enriching write nothing, so they have no conflict to retry.
    if (typeof front === 'symbol') throw new Error(`the stages of signal ${signal.key} reported a write conflict`);
    const base = { signalKey: signal.key, eventId: signal.eventId, catalogId: front.run.match?.entry.id ?? null };
    if ('ended' in front) {
      ctx.count('SignalsIgnored');
      return { ...base, outcome: 'ignored', ...(front.ended.detail ? { detail: front.ended.detail } : {}) };
    }
    const { alert } = front.run;
    const handled = await oncePerEvent(deps.state, signal.eventId, deps.now(), ctx.settings.processingClaimSeconds, () =>
      // A conditional write that lost to another processor runs the alert's stages again from a fresh read.
      retryOnConflict(alert.alertKey, async () => {
        const done = await alertStages.run({ alert }, runContext(ctx));
        if (typeof done === 'symbol') return done;
        if ('ended' in done) throw new Error(`the ${done.at} stage ended the run of ${alert.alertKey}: ${done.ended.ended}`);
        return done.run;
      }).then(
        async (run) => {
          // Inhibition: a cause's state, or a folded dependant, is noted once the record is stored; a folded one feeds no impact.
          if (run.record) await noteInhibition(ctx, alert, run.folded ?? [], deps.now());
          const held = [...(run.result.held ?? []), ...(run.record && !run.folded ? await feedImpactFrom(alert.alertKey, signal.eventId) : [])];
          return held.length > 0 ? { ...run.result, held } : run.result;
        },
        async (error: unknown) => {
          // The engineers' delivery failed (Slack refused their channel, or is down): whoever
          // hears of the impact is still told, from the alarm's record as stored. Then the event
          // fails as before, to be retried or dead-lettered.
          if (error instanceof DeliveryError) {
            await feedImpactFrom(alert.alertKey, signal.eventId).catch((feedError: unknown) =>
              deps.log?.warn('could not tell the impact of an alarm whose delivery failed', { alertKey: alert.alertKey, error: String(feedError) }),
            );
          }
          throw error;
        },
      ),
    );
    if (!handled.duplicate) return handled.result;
    // The run that handled it may have died before its end-of-batch flush: look at the group
    // message again (a flush of a group Slack is in step with costs one read).
    if (alert.group) ctx.dirtyGroups.add(alert.group);
    ctx.count('DuplicateDeliveries');
    return { ...base, alertKey: alert.alertKey, outcome: 'duplicate' };
  }

  /**
   * Feeds the impact the alarm's record as stored now, and again while the alarm changed meanwhile
   * (an engineer resolved it by hand while this ran): the impact ends with the alarm's newest state.
   */
  async function feedImpactFrom(alertKey: string, eventId: string): Promise<string[]> {
    const held = new Set<string>();
    let record = await deps.state.getAlert(alertKey);
    for (let pass = 0; pass < 3 && record && (impactKeyFor(record.alert) !== null || record.formerImpacts); pass++) {
      for (const audience of await feedImpact(record, eventId)) held.add(audience);
      const again = await deps.state.getAlert(alertKey);
      if (!again || again.version === record.version) break;
      record = again;
    }
    return [...held];
  }

  /**
   * After an alarm's own run, its impact (what non-technical audiences hear) takes the alarm's state
   * as stored — also when this event changed nothing, so a retry after a failure here catches up.
   */
  async function feedImpact(record: AlertRecord | null, eventId: string): Promise<string[]> {
    if (!record || record.resolvedUnseen) return [];
    // During planned work the impact is not fed: the occurrence remembers the alarm and feeds it at the end.
    const work = plannedWorkNow(deps.runtime(), deps.stage, record.alert, deps.now());
    if (work) return rememberHeld(deps.state, work, record.alertKey).then(() => []);
    // Silenced: non-technical audiences hear nothing of it, not even through another alarm's impact
    // message; the silence's end feeds the impact if it still fires. A recovery still reaches an
    // impact that heard it open before the silence (and opens none: it never heard of it).
    const silenced = (await silenceNow(deps, record.alert, deps.now(), readSilences(ctx, eventId))) !== undefined;
    if (silenced && record.status === 'open') return [];
    // Folded under a firing cause: its audiences hear only the cause (inhibition.ts delivers it later).
    if (record.status === 'open' && (await foldedUnder({ ...ctx, runtime: deps.runtime() }, record.alert, record)).length > 0) return [];
    const member = { alertKey: record.alertKey, status: record.status, alert: record.alert, time: record.lastEventTime };
    // An impact the alarm no longer feeds (its entry moved) hears it resolved, so it does not stay open for it.
    for (const former of record.formerImpacts ?? []) await runImpact(impactRun({ ...member, status: 'resolved' }, eventId, former));
    const key = impactKeyFor(record.alert);
    if (key === null) return [];
    const input = impactRun(member, eventId, key);
    const impact = await deps.state.getAlert(key);
    // An entry only engineers hear of feeds no impact — not even one its group's other entries opened, whose
    // readers would otherwise hear engineers' words and never "fixed" — unless it is open in it from before a
    // catalog change (it must be able to close it). A member it left resolved long ago does not count.
    if (!hasImpactAudience(routeAlert(input.alert, ctx.deps.runtime().config, deps.stage)) && impact?.members?.[memberKey(record.alertKey)]?.status !== 'open') return [];
    // The impact may never have heard this alarm open (its run failed before feeding it): it hears that
    // first — unless it was told in the impact its entry fed before.
    const missed = record.formerImpacts?.length || silenced || openedDuringPlannedWork(deps.runtime(), deps.stage, record) ? null : missedOpening(record, impact);
    const opening = missed ? await runImpact(impactRun(missed, eventId, key)) : [];
    return [...new Set([...opening, ...(await runImpact(input))])];
  }

  async function runImpact(input: ReturnType<typeof impactRun>): Promise<string[]> {
    return retryOnConflict(input.alert.alertKey, async () => {
      const done = await alertStages.run(input, runContext(ctx));
      if (typeof done === 'symbol') return done;
      if (!('ended' in done)) return done.run.result.held ?? [];
      if (done.ended.ended !== 'no-impact') throw new Error(`the ${done.at} stage ended the run of ${input.alert.alertKey}: ${done.ended.ended}`);
      return [];
    });
  }

  return {
    async processMessage(body) {
      const request = parseRefreshRequest(body);
      if (request) return [await handleRefresh(request)];
      const results: SignalResult[] = [];
      for (const signal of normalize(body, deps.now())) results.push(await handleSignal(signal));
      return results;
    },
    flush: (options) => storms.flush(options),
  };
}
