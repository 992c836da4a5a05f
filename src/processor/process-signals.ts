/** @module Pipeline: the processor — normalize → match → enrich → mute → group/dedup → route → render → deliver → record, over ports. */
import { createHash } from 'node:crypto';
import type { Alert, RenderedMessage } from '../core/alert.ts';
import { DeliveryError } from '../core/delivery-error.ts';
import type { AlertRecord, GroupRecord } from '../core/alert-record.ts';
import type { StatePort } from '../state/state-port.ts';
import type { LifecycleEvent, LifecyclePort, MessageRef, PlainTextPort, SlackPort } from '../core/ports.ts';
import { normalizeEvent } from '../sources/normalize-event.ts';
import { renderMessage } from '../../templates/index.ts';
import { renderStormGroup } from '../../templates/storm-group.ts';
import { enrichAlert } from '../pipeline/enrich-alert.ts';
import { matchSignal } from '../catalog/catalog-index.ts';
import { oncePerEvent } from '../pipeline/claim-event.ts';
import { createMessageSync, MAX_WRITE_ATTEMPTS, mergeMessages, StateConflictError } from '../pipeline/message-sync.ts';
import { heldRoutes, holdAway, holdForSummary } from '../pipeline/hold-for-summary.ts';
import { officeHoursFor } from '../pipeline/office-hours.ts';
import type { OfficeHoursPolicy } from '../pipeline/office-hours.ts';
import { DEFAULT_LIFECYCLE, lacksMessages, planAlert, planFixConfirmation, storable, updates } from '../pipeline/plan-alert.ts';
import type { AlertPlan, LifecycleSettings, PlanReason } from '../pipeline/plan-alert.ts';
import { createSummaryJob } from './post-overnight-summary.ts';
import type { SummaryOutcome } from './post-overnight-summary.ts';
import { delayUntil, MAX_QUEUE_DELAY_SECONDS } from '../pipeline/queue-delay.ts';
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import { routeAlert, timeZoneFor } from '../pipeline/route-alert.ts';
import type { Route } from '../pipeline/route-alert.ts';
import { joinGroup, memberStatus, updateMember, withChannels, withMember } from '../pipeline/storm.ts';

/**
 * A message Clarion puts on its own queue: "look at this alert (or storm group) again later", or,
 * from the schedule at the start of office hours (or by hand), "post the summary of what was held".
 */
export type RefreshRequest =
  /** `audiences`: the ones to post (absent: every audience the alert routes to). */
  | { clarion: 'refresh'; alertKey: string; reason: 'quiet-period' | 'missing-posts'; audiences?: string[] }
  | { clarion: 'refresh-group'; groupKey: string; reason: 'rate-limited' | 'render-interval' | 'out-of-time' }
  /**
   * `trigger: 'schedule'` is the schedule at the start of office hours; `retry` finishes a summary
   * already taken (and, only in office hours, takes what was held since); without a trigger,
   * someone asked for the summary now.
   */
  | { clarion: 'summary'; trigger?: 'schedule' | 'retry' };

export function isRefreshRequest(body: unknown): body is RefreshRequest {
  if (typeof body !== 'object' || body === null) return false;
  const request = body as Record<string, unknown>;
  return (
    (request['clarion'] === 'refresh' && typeof request['alertKey'] === 'string') ||
    (request['clarion'] === 'refresh-group' && typeof request['groupKey'] === 'string') ||
    (request['clarion'] === 'summary' && (request['trigger'] === undefined || request['trigger'] === 'schedule' || request['trigger'] === 'retry'))
  );
}

export interface ProcessorLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** Counters the processor reports (EMF metrics on AWS). */
export type ProcessorMetric =
  | 'Signals'
  | 'SignalsIgnored'
  | 'DuplicateDeliveries'
  | 'AlertsOpened'
  | 'AlertsUpdated'
  | 'AlertsResolved'
  | 'SlackCalls'
  | 'StormGrouped';

export interface ProcessorDeps {
  /** A function, so the local stack can swap the catalog when its YAML changes. */
  runtime: () => CatalogRuntime;
  state: StatePort;
  slack: SlackPort;
  lifecycle?: LifecyclePort;
  plainText?: PlainTextPort;
  /** Puts a refresh request back on the queue after a delay (SQS DelaySeconds on AWS, at most 900). */
  scheduleRefresh?: (request: RefreshRequest, delaySeconds: number) => Promise<void>;
  now: () => Date;
  settings?: LifecycleSettings;
  stage?: string;
  log?: ProcessorLog;
  count?: (metric: ProcessorMetric, value?: number) => void;
}

export interface SignalResult {
  signalKey: string;
  eventId: string;
  catalogId: string | null;
  alertKey?: string;
  outcome: PlanReason | 'ignored' | 'duplicate' | 'refresh' | 'refresh-not-needed' | 'summary';
  detail?: string;
  /** Audiences not told now because they are out of office hours; the summary tells them. */
  held?: string[];
  /** The storm group whose message shows this alert, brought up to date by `flush`. */
  groupKey?: string;
}

/** A storm group message that could not be brought up to date, and why. */
export interface FlushFailure {
  groupKey: string;
  error: unknown;
}

/** Storm group messages are edited at most this often. */
const GROUP_RENDER_INTERVAL_MS = 2000;

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

function digestOf(message: { text: string; blocks: unknown[] }): string {
  return createHash('sha256').update(JSON.stringify(message)).digest('base64url').slice(0, 22);
}

export interface FlushOptions {
  /** Time left for flushing (ms); a group not reached by the time it is used up is left to a refresh. */
  remainingMs?: () => number;
}

export interface Processor {
  /** Handles one queue message (a raw AWS event, a batch of them, or a refresh request). */
  processMessage(body: unknown): Promise<SignalResult[]>;
  /**
   * Brings storm group messages up to date once per batch, so a storm costs one chat.update per
   * group; returns the groups that failed, so the caller can retry the messages that touched them.
   */
  flush(options?: FlushOptions): Promise<FlushFailure[]>;
}

export function createProcessor(deps: ProcessorDeps): Processor {
  const settings = deps.settings ?? DEFAULT_LIFECYCLE;
  const count = deps.count ?? (() => {});
  const dirtyGroups = new Set<string>();
  /**
   * Groups with a refresh already on the queue from this container, and when it is due, so a storm
   * schedules one, not dozens. Another container may take that refresh, so the mark lapses when it
   * is due rather than waiting to be cleared here.
   */
  const refreshPending = new Map<string, number>();
  /** Alerts (and audiences) with a missing-posts refresh already on the queue from this container, until when. */
  const missingPending = new Map<string, number>();
  const { deliver, recordShown, updateAll, postMissing } = createMessageSync(deps);
  const postSummary = createSummaryJob({
    ...deps,
    deliveryLeaseSeconds: settings.deliveryLeaseSeconds,
    stormThreshold: settings.storm.threshold,
    sync: { postMissing },
    showInGroup,
    ...(deps.scheduleRefresh ? { scheduleRetry: (delaySeconds: number) => deps.scheduleRefresh!({ clarion: 'summary', trigger: 'retry' }, delaySeconds) } : {}),
    count,
  });

  /**
   * Audiences away now that would get a new message: an alert opening (or opening again after the
   * flap window) is new to everyone; otherwise an audience already told keeps getting edits, and
   * a storm member is shown by its group's message.
   */
  function awayRoutes(alert: Alert, existing: AlertRecord | null, opening: boolean, routes: Route[], now: Date, policy: OfficeHoursPolicy | undefined): Route[] {
    if (!policy) return [];
    if (alert.phase === 'info' || opening) return heldRoutes(routes, null, now, policy);
    if (!existing || existing.groupedInto) return [];
    return heldRoutes(routes, existing, now, policy);
  }

  /**
   * Posts these audiences' missing messages now. While another delivery holds the alert's lease
   * (one that crashed holds it until it expires), a refresh on the queue comes back for them.
   */
  async function tellMissing(alertKey: string, routes: Route[], leaseId: string, now: Date): Promise<'posted' | 'nothing' | 'later'> {
    const result = await postMissing(alertKey, routes, { id: leaseId, seconds: settings.deliveryLeaseSeconds }, now);
    if (typeof result === 'string') return result;
    // Every event of a busy alarm lands here while the lease runs: one refresh per lease is enough.
    const key = `${alertKey}\n${routes.map((r) => r.audience).sort().join(',')}`;
    if ((missingPending.get(key) ?? 0) >= result.busyUntil) return 'later';
    missingPending.set(key, result.busyUntil);
    await deps.scheduleRefresh?.(
      { clarion: 'refresh', alertKey, reason: 'missing-posts', audiences: routes.map((r) => r.audience) },
      delayUntil(result.busyUntil, now.getTime()),
    );
    return 'later';
  }

  /**
   * Shows an alert in its storm group's message for these audiences, joining it as a member if it
   * had its own messages so far; the message is brought up to date at the end of the batch.
   */
  async function showInGroup(record: AlertRecord, groupKey: string, routes: Route[]): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const group = await deps.state.getGroup(groupKey);
      if (!group) return false;
      const member = memberStatus(group, record.alertKey) !== undefined ? group : withMember(group, record.alert, record.status);
      if (!member) return false;
      const next = withChannels(member, routes) ?? member;
      if (next !== group && !(await deps.state.putGroup(next, group.version))) continue;
      dirtyGroups.add(groupKey);
      return true;
    }
    throw new StateConflictError(groupKey);
  }

  async function publish(events: LifecycleEvent[]): Promise<void> {
    if (events.length > 0 && deps.lifecycle) await deps.lifecycle.publish(events);
  }

  async function handleAlert(alert: Alert): Promise<SignalResult> {
    const now = deps.now();
    const { config } = deps.runtime();
    const allRoutes = routeAlert(alert, config, deps.stage);
    const policy = officeHoursFor(config, deps.stage);
    const base = { signalKey: alert.signal.key, eventId: alert.signal.eventId, catalogId: alert.catalogId, alertKey: alert.alertKey };

    let plan: AlertPlan | undefined;
    let existing: AlertRecord | null = null;
    let routes = allRoutes;
    let away: Route[] = [];
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS && !plan; attempt++) {
      existing = await deps.state.getAlert(alert.alertKey);
      let inStorm = false;
      // A re-fire inside the flap window reopens its own messages; only a real new opening counts towards a storm.
      const flapping =
        existing?.status === 'resolved' &&
        existing.resolvedAt !== undefined &&
        now.getTime() - Date.parse(existing.resolvedAt) <= settings.flapWindowSeconds * 1000;
      // An event older than the last one applied changes nothing (see planAlert), storm counts included.
      const stale = existing !== null && alert.signal.time < existing.lastEventTime;
      const opening = !stale && (alert.phase === 'firing' || alert.phase === 'noData') && (!existing || (existing.status === 'resolved' && !flapping));
      away = awayRoutes(alert, existing, opening, allRoutes, now, policy);
      routes = away.length > 0 ? allRoutes.filter((r) => !away.includes(r)) : allRoutes;
      if (opening && alert.group) {
        const decision = joinGroup(await deps.state.getGroup(alert.group), alert, routes, now, settings);
        if (!(await deps.state.putGroup(decision.group, decision.expectedVersion))) continue;
        inStorm = decision.inStorm;
      }
      const candidate = planAlert({ alert, existing, routes, now, settings, inStorm });
      if (candidate.record && !(await deps.state.putAlert(candidate.record, candidate.expectedVersion))) continue;
      plan = candidate;
    }
    if (!plan) throw new StateConflictError(alert.alertKey);

    const record = plan.record ?? existing;
    let actions = plan.actions;
    if (!plan.record && existing && (existing.syncedVersion ?? 0) < existing.version) {
      // An earlier delivery failed after its record was written: show the stored state now.
      actions = updates(existing);
    }
    // Held only once the record exists, so the summary never finds an alert it cannot read. The
    // summary may have gone out meanwhile (this processor read the clock just before office hours
    // started): then the audiences are told now, or they would never hear.
    let held: string[] = [];
    let tellNow: Route[] = [];
    // Also for an event that changes nothing (stale, already resolved) while Slack is behind the
    // record: it may be the retry that reaches Slack only after office hours, for audiences an
    // earlier failure left untold. Not once the record is in step: the summary may have told them.
    const behind = record !== null && (record.syncedVersion ?? 0) < record.version && !record.fixConfirmedAt;
    if (policy && away.length > 0 && (plan.record || plan.reason === 'info' || behind)) {
      const kept = await holdForSummary(deps.state, plan.reason === 'info' ? { notice: storable(alert) } : { alertKey: alert.alertKey }, now, policy);
      if (kept) held = away.map((r) => r.audience);
      else if (plan.reason === 'info') routes = allRoutes;
      else if (record?.groupedInto) await showInGroup(record, record.groupedInto, away);
      else tellNow = away;
    }
    // The state change is stored: announce it and schedule its follow-up now, because a retry after
    // a failed Slack delivery finds the change already made and would not do either again.
    await publish(plan.lifecycle);
    if (plan.refreshAfterSeconds && deps.scheduleRefresh) {
      await deps.scheduleRefresh({ clarion: 'refresh', alertKey: alert.alertKey, reason: 'quiet-period' }, Math.min(MAX_QUEUE_DELAY_SECONDS, plan.refreshAfterSeconds));
    }
    if (record) {
      const posted = await deliver(record, actions, routes, now);
      if (actions.length > 0) await recordShown(record, posted, routes, now, { leaseId: alert.signal.eventId });
      if (record.groupedInto) await touchGroup(record, alert, now);
      // Any event of the alert, even one too old to change it, repairs what Slack is missing: a
      // post that failed for an earlier event (its retry may never come, or come stale). Under the
      // delivery lease, after a fresh read: the summary's follow-up, or the processor that opened
      // the alert, may be posting the same messages; whichever holds the lease posts.
      const missing = [...lacksMessages({ ...record, messages: { ...posted, ...record.messages } }, routes), ...tellNow];
      if (missing.length > 0) await tellMissing(alert.alertKey, missing, alert.signal.eventId, now);
    } else if (plan.reason === 'info') {
      await deliverInfo(alert, routes, now);
    }
    if (plan.reason === 'opened') count(plan.joinsStormGroup ? 'StormGrouped' : 'AlertsOpened');
    else if (plan.reason === 'resolved') count('AlertsResolved');
    else if (plan.record && plan.reason !== 'resolved-unknown') count('AlertsUpdated');
    deps.log?.info('alert handled', { alertKey: alert.alertKey, catalogId: alert.catalogId, reason: plan.reason, actions: actions.length });
    return { ...base, outcome: plan.reason, ...(record?.groupedInto ? { groupKey: record.groupedInto } : {}), ...(held.length > 0 ? { held } : {}) };
  }

  /** Information is posted once per event and never opens an alert. */
  async function deliverInfo(alert: Alert, routes: Route[], now: Date): Promise<void> {
    const { config } = deps.runtime();
    for (const route of routes) {
      const message = renderMessage({ alert, audience: route.audience, template: route.template, now, timeZone: timeZoneFor(config, deps.stage), serviceName: config.serviceName });
      await deps.slack.post({ channel: route.channel, message });
      count('SlackCalls');
    }
  }

  /** Keeps a grouped alert's state in its group and marks the group message for the end-of-batch flush. */
  async function touchGroup(record: AlertRecord, alert: Alert, now: Date): Promise<void> {
    const groupKey = record.groupedInto!;
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const group = await deps.state.getGroup(groupKey);
      if (!group) return;
      if (memberStatus(group, record.alertKey) === record.status || (await deps.state.putGroup(updateMember(group, alert, record.status, now, settings), group.version))) {
        dirtyGroups.add(groupKey);
        return;
      }
    }
    // Failing the record retries it; carrying on would leave the group showing the old state.
    throw new StateConflictError(groupKey);
  }

  async function flushGroup(groupKey: string): Promise<void> {
    const now = deps.now();
    const { config } = deps.runtime();
    const group = await deps.state.getGroup(groupKey);
    const unposted = group ? Object.keys(group.channels).some((audience) => !group.messages[audience]) : false;
    // Repeats of grouped alarms do not change the group: only a new member or a new state re-renders.
    if (!group || (group.syncedVersion === group.version && !unposted)) return;
    const sinceRender = group.lastRenderedAt ? now.getTime() - Date.parse(group.lastRenderedAt) : Infinity;
    if (!unposted && sinceRender < GROUP_RENDER_INTERVAL_MS) {
      // A storm adds members every few hundred milliseconds; one edit every couple of seconds shows them all.
      await scheduleGroupRefresh(groupKey, (GROUP_RENDER_INTERVAL_MS - sinceRender) / 1000, 'render-interval');
      return;
    }
    const posted: Record<string, MessageRef> = {};
    const digests: Record<string, string> = { ...group.renderedDigests };
    let failure: unknown;
    for (const [audience, channel] of Object.entries(group.channels)) {
      const template = config.audiences[audience]?.template ?? 'techies';
      const message = renderStormGroup({ group, template, now, timeZone: timeZoneFor(config, deps.stage), serviceName: config.serviceName });
      const digest = digestOf(message);
      const ref = group.messages[audience];
      // Non-technical readers see one sentence whatever the member count: most edits would change nothing.
      if (ref && group.renderedDigests?.[audience] === digest) continue;
      try {
        if (ref) await updateOrRepostGroup(ref, channel, message, posted, audience);
        else posted[audience] = await deps.slack.post({ channel, message });
      } catch (error) {
        // A channel refused for good does not keep the audiences after it from their message.
        if (error instanceof DeliveryError && error.kind === 'platform') {
          failure ??= error;
          continue;
        }
        failure = error;
        break;
      }
      digests[audience] = digest;
      count('SlackCalls');
    }
    // Whatever was posted is recorded even after a failure, so the next flush edits it instead of posting again.
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const latest = (await deps.state.getGroup(groupKey)) ?? group;
      const version = latest.version + 1;
      const synced = failure === undefined && latest.version === group.version;
      const next: GroupRecord = {
        ...latest,
        messages: mergeMessages(group.messages, latest.messages, posted),
        renderedDigests: { ...latest.renderedDigests, ...digests },
        lastRenderedAt: now.toISOString(),
        version,
        syncedVersion: synced ? version : latest.syncedVersion ?? 0,
      };
      if (await deps.state.putGroup(next, latest.version)) {
        if (failure !== undefined) throw failure;
        // Changed while it was being rendered (another container added a member): come back for it.
        if (!synced) await scheduleGroupRefresh(groupKey, GROUP_RENDER_INTERVAL_MS / 1000, 'render-interval');
        return;
      }
    }
    throw new StateConflictError(groupKey);
  }

  /** A group message deleted in Slack (or forgotten by a restarted emulator) is posted again. */
  async function updateOrRepostGroup(ref: MessageRef, channel: string, message: RenderedMessage, posted: Record<string, MessageRef>, audience: string): Promise<void> {
    try {
      await deps.slack.update({ ref, message });
    } catch (error) {
      if (!(error instanceof DeliveryError && error.code === 'message_not_found')) throw error;
      posted[audience] = await deps.slack.post({ channel, message });
    }
  }

  async function scheduleGroupRefresh(groupKey: string, delaySeconds: number, reason: 'rate-limited' | 'render-interval' | 'out-of-time'): Promise<boolean> {
    if (!deps.scheduleRefresh) return false;
    const nowMs = deps.now().getTime();
    const due = refreshPending.get(groupKey);
    // Pending only until it is due: by then another container may have taken it and found the
    // group in step, and a change after that would wait for the next event of the group.
    if (due !== undefined && nowMs < due) return true;
    const seconds = Math.max(1, Math.ceil(delaySeconds));
    refreshPending.set(groupKey, nowMs + seconds * 1000);
    await deps.scheduleRefresh({ clarion: 'refresh-group', groupKey, reason }, seconds);
    return true;
  }

  async function handleRefresh(request: RefreshRequest): Promise<SignalResult> {
    if (request.clarion === 'summary') {
      const outcome = await postSummary({ scheduled: request.trigger === 'schedule', retry: request.trigger === 'retry' });
      deps.log?.info('summary handled', { ...outcome });
      const detail = summaryDetail(outcome);
      return { signalKey: 'summary', eventId: `summary:${deps.now().toISOString()}`, catalogId: null, outcome: 'summary', detail };
    }
    if (request.clarion === 'refresh-group') {
      refreshPending.delete(request.groupKey);
      dirtyGroups.add(request.groupKey);
      return { signalKey: request.groupKey, eventId: `refresh:${request.groupKey}`, catalogId: null, outcome: 'refresh', groupKey: request.groupKey };
    }
    const base = { signalKey: request.alertKey, eventId: `refresh:${request.alertKey}`, catalogId: null, alertKey: request.alertKey };
    if (request.reason === 'missing-posts') {
      const existing = await deps.state.getAlert(request.alertKey);
      if (!existing) return { ...base, outcome: 'refresh-not-needed' };
      missingPending.delete(`${request.alertKey}\n${[...(request.audiences ?? [])].sort().join(',')}`);
      const { config } = deps.runtime();
      const all = routeAlert(existing.alert, config, deps.stage);
      let routes = request.audiences ? all.filter((r) => request.audiences!.includes(r.audience)) : all;
      // Audiences away now are held for the summary, as the event itself would have held them.
      const held = await holdAway(deps.state, existing, routes, deps.now(), officeHoursFor(config, deps.stage));
      routes = routes.filter((r) => !held.includes(r));
      if (routes.length === 0) return { ...base, catalogId: existing.catalogId, outcome: 'refresh', held: held.map((r) => r.audience) };
      if (existing.groupedInto) await showInGroup(existing, existing.groupedInto, routes);
      else await tellMissing(request.alertKey, routes, base.eventId, deps.now());
      return { ...base, catalogId: existing.catalogId, outcome: 'refresh' };
    }
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const existing = await deps.state.getAlert(request.alertKey);
      if (!existing) return { ...base, outcome: 'refresh-not-needed' };
      const plan = planFixConfirmation(existing, existing.alert.quietPeriodSeconds, deps.now());
      if (!plan && (existing.syncedVersion ?? 0) < existing.version) {
        // The confirmation was stored but its message updates failed: show the stored state now.
        const routes = routeAlert(existing.alert, deps.runtime().config, deps.stage);
        await updateAll(existing, routes, deps.now());
        return { ...base, catalogId: existing.catalogId, outcome: 'refresh' };
      }
      if (!plan) return { ...base, catalogId: existing.catalogId, outcome: 'refresh-not-needed' };
      if (!plan.record) {
        await deps.scheduleRefresh?.(request, Math.min(MAX_QUEUE_DELAY_SECONDS, plan.refreshAfterSeconds ?? 60));
        return { ...base, catalogId: existing.catalogId, outcome: 'refresh' };
      }
      if (!(await deps.state.putAlert(plan.record, plan.expectedVersion))) continue;
      const routes = routeAlert(existing.alert, deps.runtime().config, deps.stage);
      await recordShown(plan.record, await deliver(plan.record, plan.actions, routes, deps.now()), routes, deps.now());
      return { ...base, catalogId: existing.catalogId, outcome: 'refresh' };
    }
    throw new StateConflictError(request.alertKey);
  }

  return {
    async processMessage(body) {
      if (isRefreshRequest(body)) return [await handleRefresh(body)];
      const results: SignalResult[] = [];
      const runtime = deps.runtime();
      for (const signal of normalizeEvent(body, { receivedAt: deps.now() })) {
        count('Signals');
        const match = matchSignal(runtime.index, signal);
        const enriched = enrichAlert(signal, match?.entry ?? null, runtime.config.uncatalogued.audience);
        const base = { signalKey: signal.key, eventId: signal.eventId, catalogId: match?.entry.id ?? null };
        if ('ignored' in enriched) {
          count('SignalsIgnored');
          results.push({ ...base, outcome: 'ignored', detail: enriched.ignored });
          continue;
        }
        const handled = await oncePerEvent(deps.state, signal.eventId, deps.now(), settings.processingClaimSeconds, () => handleAlert(enriched.alert));
        if (handled.duplicate) {
          // The run that handled it may have died before its end-of-batch flush: look at the group
          // message again (a flush of a group Slack is in step with costs one read).
          if (enriched.alert.group) dirtyGroups.add(enriched.alert.group);
          count('DuplicateDeliveries');
          results.push({ ...base, alertKey: enriched.alert.alertKey, outcome: 'duplicate' });
          continue;
        }
        results.push(handled.result);
      }
      return results;
    },
    async flush(options = {}) {
      const groups = [...dirtyGroups];
      dirtyGroups.clear();
      const failures: FlushFailure[] = [];
      for (const groupKey of groups) {
        // Out of time: a group message that hangs must not take the invocation past its timeout.
        if (options.remainingMs && options.remainingMs() <= 0) {
          if (!(await scheduleGroupRefresh(groupKey, 1, 'out-of-time'))) failures.push({ groupKey, error: new Error('no time left to update the storm message') });
          continue;
        }
        try {
          await flushGroup(groupKey);
        } catch (error) {
          // Held back by a rate limit: try the group again after the wait, with no record retried for it.
          const retried = error instanceof DeliveryError && error.retryable && (await scheduleGroupRefresh(groupKey, error.retryAfterSeconds ?? 5, 'rate-limited'));
          if (!retried) failures.push({ groupKey, error });
        }
      }
      return failures;
    },
  };
}
