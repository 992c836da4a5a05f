/** @module Processor: a request Clarion put on its own queue comes back — confirm a fix after the quiet period, post what is missing, redraw a storm group, post the summary or the weekly recap. */
import type { RefreshRequest } from '../core/refresh-request.ts';
import { holdAway } from '../pipeline/hold-for-summary.ts';
import { officeHoursFor } from '../pipeline/office-hours.ts';
import type { PipelineContext, SignalResult } from '../pipeline/pipeline-context.ts';
import { planFixConfirmation } from '../pipeline/plan-alert.ts';
import { MAX_QUEUE_DELAY_SECONDS } from '../pipeline/queue-delay.ts';
import { routesFor } from '../pipeline/impact.ts';
import { showInGroup } from '../pipeline/storm-membership.ts';
import { pendingKey, tellMissing } from '../pipeline/tell-missing.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';
import { createSummaryJob } from './post-overnight-summary.ts';
import type { SummaryOutcome } from './post-overnight-summary.ts';
import type { createStormFlush } from './storm-flush.ts';
import { createTellChange } from '../pipeline/tell-change.ts';
import { createMaintenanceHandler } from './handle-maintenance.ts';
import type { FeedImpact } from './handle-maintenance.ts';
import { createEscalation } from './escalate.ts';
import { createSilenceHandler } from './silence-line.ts';
import { createWeeklyRecap } from './post-weekly-recap.ts';
import { createInhibitionHandler } from './inhibition-requests.ts';
import { foldedUnder, noteInhibition } from '../pipeline/inhibition.ts';
import { isImpactKey } from '../core/impact-key.ts';
import { noteSilenced, silenceNow } from '../pipeline/silence-mute.ts';
import { createFixHandler } from './run-fix.ts';

/** One line for logs and the local stack's terminal. */
function summaryDetail(outcome: SummaryOutcome): string {
  if (outcome.closed) return 'outside office hours: what is held waits for the next summary';
  if (outcome.busy && outcome.covered === 0) return 'another run is posting it';
  if (outcome.covered === 0) return outcome.deferred > 0 ? 'left for a retry' : 'nothing was held';
  const parts = [
    `${outcome.covered} held`,
    `told ${outcome.told.join(', ') || 'nobody new'}`,
    `${outcome.followUps} still-open ${outcome.followUps === 1 ? 'alert' : 'alerts'} shown`,
    ...(outcome.deferred > 0 ? [`${outcome.deferred} left for a retry`] : []),
    ...(outcome.failed.length > 0 ? [`refused for good: ${outcome.failed.join(', ')}`] : []),
  ];
  return parts.join('; ');
}

export function createRefreshHandler(
  ctx: PipelineContext,
  storms: ReturnType<typeof createStormFlush>,
  newId: () => string,
  /** Feeds an alarm's impact its stored state (the processor's own); inhibition feeds a dependant's once it is delivered. */
  feedImpact: FeedImpact = async () => [],
) {
  const { deps, sync } = ctx;
  const handleMaintenance = createMaintenanceHandler(ctx, feedImpact);
  const tellChange = createTellChange({ ...deps, count: ctx.count });
  const escalate = createEscalation(ctx);
  const handleSilence = createSilenceHandler(ctx, feedImpact);
  const postWeeklyRecap = createWeeklyRecap(ctx);
  const fixes = createFixHandler(ctx, deps.fixes);
  const postSummary = createSummaryJob({
    ...deps,
    deliveryLeaseSeconds: ctx.settings.deliveryLeaseSeconds,
    stormThreshold: ctx.settings.storm.threshold,
    sync,
    showInGroup: (record, groupKey, routes) => showInGroup(ctx, record, groupKey, routes),
    newId,
    ...(deps.scheduleRefresh ? { scheduleRetry: (delaySeconds: number) => deps.scheduleRefresh!({ clarion: 'summary', trigger: 'retry' }, delaySeconds) } : {}),
    count: ctx.count,
  });

  /** Posts the messages some audiences of an alert are missing (or holds them for the summary, when they are away). */
  async function postMissing(request: Extract<RefreshRequest, { clarion: 'refresh' }>, base: SignalResult): Promise<SignalResult> {
    const existing = await deps.state.getAlert(request.alertKey);
    if (!existing) return { ...base, outcome: 'refresh-not-needed' };
    ctx.missingPending.delete(pendingKey(request.alertKey, request.audiences ?? []));
    const now = deps.now();
    const run = { ...ctx, runtime: deps.runtime(), now };
    // Silenced (again, or by another silence): the silence holds it and delivers it when it ends.
    if (!isImpactKey(existing.alertKey)) {
      const silence = await silenceNow(deps, existing.alert, now);
      if (silence) {
        await noteSilenced(run, silence.id, existing.alert, existing);
        return { ...base, catalogId: existing.catalogId, outcome: 'refresh-not-needed', detail: 'held by a silence' };
      }
    }
    // Folded under a cause that fires (inhibition): it is shown in the cause's message, and delivered once
    // that is fixed — listed under the cause now, if it was not (a silence that held it ended meanwhile).
    const folded = await foldedUnder(run, existing.alert, existing);
    if (folded.length > 0) {
      await noteInhibition(ctx, existing.alert, folded, now);
      return { ...base, catalogId: existing.catalogId, outcome: 'refresh-not-needed', detail: 'folded under what it depends on' };
    }
    const { config } = deps.runtime();
    const all = routesFor(existing.alert, config, deps.stage);
    let routes = request.audiences ? all.filter((r) => request.audiences!.includes(r.audience)) : all;
    // Audiences away now are held for the summary, as the event itself would have held them.
    const held = await holdAway(deps.state, existing, routes, deps.now(), officeHoursFor(config, deps.stage));
    routes = routes.filter((r) => !held.includes(r));
    if (routes.length === 0) return { ...base, catalogId: existing.catalogId, outcome: 'refresh', held: held.map((r) => r.audience) };
    if (existing.groupedInto) await showInGroup(ctx, existing, existing.groupedInto, routes);
    else await tellMissing(ctx, request.alertKey, routes, base.eventId, deps.now());
    return { ...base, catalogId: existing.catalogId, outcome: 'refresh' };
  }

  const inhibition = createInhibitionHandler(ctx, {
    postMissing: (alertKey, eventId) => postMissing({ clarion: 'refresh', alertKey, reason: 'missing-posts' }, { signalKey: alertKey, eventId, catalogId: null, alertKey, outcome: 'refresh' }),
    feedImpact,
  });

  /** After the quiet period, a fix that held is confirmed to the non-technical audiences. */
  async function confirmFix(request: Extract<RefreshRequest, { clarion: 'refresh' }>, base: SignalResult): Promise<SignalResult> {
    return retryOnConflict(request.alertKey, async () => {
      const existing = await deps.state.getAlert(request.alertKey);
      if (!existing) return { ...base, outcome: 'refresh-not-needed' as const };
      const done = { ...base, catalogId: existing.catalogId };
      const plan = planFixConfirmation(existing, existing.alert.quietPeriodSeconds, deps.now());
      const routes = () => routesFor(existing.alert, deps.runtime().config, deps.stage);
      if (!plan && (existing.syncedVersion ?? 0) < existing.version) {
        // The confirmation was stored but its message updates failed: show the stored state now.
        await sync.updateAll(existing, routes(), deps.now());
        return { ...done, outcome: 'refresh' as const };
      }
      if (!plan) return { ...done, outcome: 'refresh-not-needed' as const };
      if (!plan.record) {
        await deps.scheduleRefresh?.(request, Math.min(MAX_QUEUE_DELAY_SECONDS, plan.refreshAfterSeconds ?? 60));
        return { ...done, outcome: 'refresh' as const };
      }
      if (!(await deps.state.putAlert(plan.record, plan.expectedVersion))) return CONFLICT;
      // The confirmation is stored: the audiences who heard "checking" are told it is fixed.
      if (plan.tell) await deps.scheduleRefresh?.({ clarion: 'tell', alertKey: request.alertKey, ...plan.tell }, 1);
      await sync.recordShown(plan.record, await sync.deliver(plan.record, plan.actions, routes(), deps.now()), routes(), deps.now());
      return { ...done, outcome: 'refresh' as const };
    });
  }

  return async function handleRefresh(request: RefreshRequest): Promise<SignalResult> {
    if (request.clarion === 'summary') {
      const outcome = await postSummary({ scheduled: request.trigger === 'schedule', retry: request.trigger === 'retry' });
      deps.log?.info('summary handled', { ...outcome });
      return { signalKey: 'summary', eventId: `summary:${deps.now().toISOString()}`, catalogId: null, outcome: 'summary', detail: summaryDetail(outcome) };
    }
    if (request.clarion === 'refresh-group') {
      storms.refreshed(request.groupKey);
      return { signalKey: request.groupKey, eventId: `refresh:${request.groupKey}`, catalogId: null, outcome: 'refresh', groupKey: request.groupKey };
    }
    if (request.clarion === 'tell') return tellChange(request);
    if (request.clarion === 'maintenance') return handleMaintenance(request);
    if (request.clarion === 'escalate') return escalate(request);
    if (request.clarion === 'silence') return handleSilence(request);
    if (request.clarion === 'inhibition') return inhibition(request);
    if (request.clarion === 'recap') return postWeeklyRecap(request);
    if (request.clarion === 'fix') return fixes.handleFix(request);
    if (request.clarion === 'fix-check') return fixes.handleCheck(request);
    const base: SignalResult = { signalKey: request.alertKey, eventId: `refresh:${request.alertKey}`, catalogId: null, alertKey: request.alertKey, outcome: 'refresh' };
    return request.reason === 'missing-posts' ? postMissing(request, base) : confirmFix(request, base);
  };
}
