/** @module Pipeline: the processor — normalize → match → enrich → mute → group/dedup → route → render → deliver → record, over ports. */
import type { Alert, RenderInput } from '../core/alert.ts';
import type { AlertRecord, GroupRecord, StatePort } from '../core/alert-record.ts';
import type { LifecycleEvent, LifecyclePort, MessageRef, PlainTextPort, SlackPort } from '../core/ports.ts';
import { normalizeEvent } from '../sources/normalize-event.ts';
import { blocksToPlainText } from '../slack/blocks-to-plain-text.ts';
import { renderMessage } from '../../templates/index.ts';
import { renderStormGroup } from '../../templates/storm-group.ts';
import { enrichAlert } from './enrich-alert.ts';
import { lifecycleOf } from './lifecycle-of.ts';
import { matchSignal } from './match-signal.ts';
import { DEFAULT_LIFECYCLE, planAlert, planFixConfirmation } from './plan-alert.ts';
import type { AlertPlan, LifecycleSettings, PlanReason, SlackAction } from './plan-alert.ts';
import type { CatalogRuntime } from './render-event.ts';
import { routeAlert, timeZoneFor } from './route-alert.ts';
import type { Route } from './route-alert.ts';
import { joinGroup, updateMember } from './storm.ts';
import { suggestEntry } from './suggest-entry.ts';

/** A message Clarion puts on its own queue: "look at this alert again later". */
export interface RefreshRequest {
  clarion: 'refresh';
  alertKey: string;
  reason: 'quiet-period';
}

export function isRefreshRequest(body: unknown): body is RefreshRequest {
  return typeof body === 'object' && body !== null && (body as RefreshRequest).clarion === 'refresh' && typeof (body as RefreshRequest).alertKey === 'string';
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
  outcome: PlanReason | 'ignored' | 'duplicate' | 'refresh' | 'refresh-not-needed';
  detail?: string;
}

const EVENT_CLAIM_SECONDS = 2 * 86400;
const MAX_WRITE_ATTEMPTS = 5;

export class StateConflictError extends Error {
  constructor(alertKey: string) {
    super(`gave up after ${MAX_WRITE_ATTEMPTS} conflicting writes to ${alertKey}`);
    this.name = 'StateConflictError';
  }
}

export interface Processor {
  /** Handles one queue message (a raw AWS event, a batch of them, or a refresh request). */
  processMessage(body: unknown): Promise<SignalResult[]>;
  /** Brings storm group messages up to date once per batch, so a storm costs one chat.update per group. */
  flush(): Promise<void>;
}

export function createProcessor(deps: ProcessorDeps): Processor {
  const settings = deps.settings ?? DEFAULT_LIFECYCLE;
  const count = deps.count ?? (() => {});
  const dirtyGroups = new Set<string>();

  function renderInput(record: AlertRecord, audience: string, route: Route | undefined, now: Date): RenderInput {
    const { config } = deps.runtime();
    const alert = record.alert;
    return {
      alert,
      audience,
      template: route?.template ?? config.audiences[audience]?.template ?? 'techies',
      now,
      timeZone: timeZoneFor(config, deps.stage),
      serviceName: config.serviceName,
      lifecycle: lifecycleOf(record),
      ...(alert.catalogId === null ? { suggestedEntry: suggestEntry(alert.signal) } : {}),
    };
  }

  /** Carries out Slack actions in order; returns the refs of new posts. Throws DeliveryError. */
  async function deliver(record: AlertRecord, actions: SlackAction[], routes: Route[], now: Date): Promise<Record<string, MessageRef>> {
    const posted: Record<string, MessageRef> = {};
    for (const action of actions) {
      const route = routes.find((r) => r.audience === action.audience);
      if (action.kind === 'reply') {
        await deps.slack.post({ channel: action.ref.channel, threadTs: action.ref.ts, message: { text: action.text, blocks: [] } });
      } else {
        const message = renderMessage(renderInput(record, action.audience, route, now));
        const metadata = { event_type: 'clarion_alert', event_payload: { alert_key: record.alertKey, catalog_id: record.catalogId ?? 'uncatalogued', status: record.status } };
        if (action.kind === 'post') {
          posted[action.audience] = await deps.slack.post({ channel: action.channel, message, metadata });
          await notifyPlainText(action.audience, message.text, blocksToPlainText(message), record.alertKey);
        } else {
          await deps.slack.update({ ref: action.ref, message, metadata });
        }
      }
      count('SlackCalls');
    }
    return posted;
  }

  /** Audiences with an SNS topic also get a plain-text copy, for people not on Slack. */
  async function notifyPlainText(audience: string, subject: string, text: string, alertKey: string): Promise<void> {
    const topicArn = deps.runtime().config.audiences[audience]?.snsTopicArn;
    if (!topicArn || !deps.plainText) return;
    await deps.plainText.send({ topicArn, subject, text, alertKey });
  }

  /** Stores new message refs and marks what Slack now shows, merging with any concurrent writer. */
  async function recordDelivery(written: AlertRecord, posted: Record<string, MessageRef>): Promise<AlertRecord> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const latest = (await deps.state.getAlert(written.alertKey)) ?? written;
      const version = latest.version + 1;
      const merged: AlertRecord = {
        ...latest,
        messages: { ...posted, ...latest.messages },
        version,
        // Only when nobody changed the alert meanwhile does Slack show its latest state.
        syncedVersion: latest.version === written.version ? version : latest.syncedVersion ?? 0,
      };
      if (await deps.state.putAlert(merged, latest.version)) return merged;
    }
    throw new StateConflictError(written.alertKey);
  }

  async function publish(events: LifecycleEvent[]): Promise<void> {
    if (events.length > 0 && deps.lifecycle) await deps.lifecycle.publish(events);
  }

  async function handleAlert(alert: Alert): Promise<SignalResult> {
    const now = deps.now();
    const { config } = deps.runtime();
    const routes = routeAlert(alert, config, deps.stage);
    const base = { signalKey: alert.signal.key, eventId: alert.signal.eventId, catalogId: alert.catalogId, alertKey: alert.alertKey };

    let plan: AlertPlan | undefined;
    let existing: AlertRecord | null = null;
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS && !plan; attempt++) {
      existing = await deps.state.getAlert(alert.alertKey);
      let inStorm = false;
      const opening = (alert.phase === 'firing' || alert.phase === 'noData') && (!existing || existing.status === 'resolved');
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
      actions = Object.entries(existing.messages).map(([audience, ref]) => ({ kind: 'update' as const, audience, ref }));
    }
    if (record) {
      const posted = await deliver(record, actions, routes, now);
      if (plan.record || actions.length > 0) await recordDelivery(record, posted);
      if (record.groupedInto) await touchGroup(record, alert, now);
    } else if (plan.reason === 'info') {
      await deliverInfo(alert, routes, now);
    }
    await publish(plan.lifecycle);
    if (plan.refreshAfterSeconds && deps.scheduleRefresh) {
      await deps.scheduleRefresh({ clarion: 'refresh', alertKey: alert.alertKey, reason: 'quiet-period' }, Math.min(900, plan.refreshAfterSeconds));
    }
    if (plan.reason === 'opened') count(plan.joinsStormGroup ? 'StormGrouped' : 'AlertsOpened');
    else if (plan.reason === 'resolved') count('AlertsResolved');
    else if (plan.record) count('AlertsUpdated');
    deps.log?.info('alert handled', { alertKey: alert.alertKey, catalogId: alert.catalogId, reason: plan.reason, actions: actions.length });
    return { ...base, outcome: plan.reason };
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
      const member = group.members.find((m) => m.alertKey === record.alertKey);
      if (member?.status === record.status) break;
      if (await deps.state.putGroup(updateMember(group, alert, record.status, now, settings), group.version)) break;
    }
    dirtyGroups.add(groupKey);
  }

  async function flushGroup(groupKey: string): Promise<void> {
    const now = deps.now();
    const { config } = deps.runtime();
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const group = await deps.state.getGroup(groupKey);
      if (!group) return;
      const posted: Record<string, MessageRef> = {};
      for (const [audience, channel] of Object.entries(group.channels)) {
        const template = config.audiences[audience]?.template ?? 'techies';
        const message = renderStormGroup({ group, template, now, timeZone: timeZoneFor(config, deps.stage), serviceName: config.serviceName });
        const ref = group.messages[audience];
        if (ref) await deps.slack.update({ ref, message });
        else posted[audience] = await deps.slack.post({ channel, message });
        count('SlackCalls');
      }
      const version = group.version + 1;
      const next: GroupRecord = { ...group, messages: { ...group.messages, ...posted }, lastRenderedAt: now.toISOString(), version, syncedVersion: version };
      if (await deps.state.putGroup(next, group.version)) return;
    }
    throw new StateConflictError(groupKey);
  }

  async function handleRefresh(request: RefreshRequest): Promise<SignalResult> {
    const base = { signalKey: request.alertKey, eventId: `refresh:${request.alertKey}`, catalogId: null, alertKey: request.alertKey };
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const existing = await deps.state.getAlert(request.alertKey);
      if (!existing) return { ...base, outcome: 'refresh-not-needed' };
      const plan = planFixConfirmation(existing, existing.alert.quietPeriodSeconds, deps.now());
      if (!plan) return { ...base, catalogId: existing.catalogId, outcome: 'refresh-not-needed' };
      if (!plan.record) {
        await deps.scheduleRefresh?.(request, Math.min(900, plan.refreshAfterSeconds ?? 60));
        return { ...base, catalogId: existing.catalogId, outcome: 'refresh' };
      }
      if (!(await deps.state.putAlert(plan.record, plan.expectedVersion))) continue;
      const routes = routeAlert(existing.alert, deps.runtime().config, deps.stage);
      await deliver(plan.record, plan.actions, routes, deps.now());
      await recordDelivery(plan.record, {});
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
        const claimExpiry = Math.floor(deps.now().getTime() / 1000) + EVENT_CLAIM_SECONDS;
        if (!(await deps.state.claimEvent(signal.eventId, claimExpiry))) {
          count('DuplicateDeliveries');
          results.push({ ...base, alertKey: enriched.alert.alertKey, outcome: 'duplicate' });
          continue;
        }
        try {
          results.push(await handleAlert(enriched.alert));
        } catch (error) {
          // Forget the claim so the retry of this event is not mistaken for a duplicate.
          await deps.state.releaseEvent(signal.eventId);
          throw error;
        }
      }
      return results;
    },
    async flush() {
      const groups = [...dirtyGroups];
      dirtyGroups.clear();
      for (const groupKey of groups) await flushGroup(groupKey);
    },
  };
}
