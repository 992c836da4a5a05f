/** @module Pipeline (the group stage's rules): decides, against the stored record, what an alert means now and what Slack must see. */
import type { Alert } from '../core/alert.ts';
import type { AlertRecord, IncidentChange } from '../core/alert-record.ts';
import type { LifecycleEvent, MessageRef } from '../core/ports.ts';
import { formatDuration } from '../slack/format-time.ts';
import { heldByOther, withLease } from '../state/delivery-lease.ts';
import type { Route } from './route-alert.ts';

export interface LifecycleSettings {
  /** A re-fire this soon after resolving reopens the same messages instead of posting new ones. */
  flapWindowSeconds: number;
  /** Repeats only refresh counts; do that at most this often per alert, to stay inside chat.update's tier. */
  repeatRenderIntervalSeconds: number;
  /** How long records are kept after their last change (DynamoDB TTL). */
  recordTtlSeconds: number;
  storm: { threshold: number; windowSeconds: number };
  /** How long a processor may take to post an alert's messages before another may post them. */
  deliveryLeaseSeconds: number;
  /**
   * How long a source event stays claimed while it is processed: longer than the processor's
   * Lambda timeout (60 s), shorter than the queue's visibility timeout (360 s).
   */
  processingClaimSeconds: number;
}

export const DEFAULT_LIFECYCLE: LifecycleSettings = {
  flapWindowSeconds: 15 * 60,
  repeatRenderIntervalSeconds: 60,
  recordTtlSeconds: 30 * 86400,
  storm: { threshold: 5, windowSeconds: 5 * 60 },
  deliveryLeaseSeconds: 120,
  processingClaimSeconds: 90,
};

/** What Slack should see: a new message, an edit of one, or a reply in its thread. */
export type SlackAction =
  | { kind: 'post'; audience: string; channel: string }
  | { kind: 'update'; audience: string; ref: MessageRef }
  | { kind: 'reply'; audience: string; ref: MessageRef; text: string };

/** Alertmanager-style reasons, for logs and metrics. */
export type PlanReason =
  | 'opened'
  | 'repeat'
  | 'repeat-muted'
  | 'repair'
  | 'resolved'
  | 'reopened'
  | 'already-resolved'
  | 'resolved-unknown'
  | 'stale-event'
  | 'info';

export interface AlertPlan {
  reason: PlanReason;
  /** The record to write, or null when nothing changes. */
  record: AlertRecord | null;
  /** The stored version the write is conditional on (null: the record must not exist yet). */
  expectedVersion: number | null;
  actions: SlackAction[];
  lifecycle: LifecycleEvent[];
  /** Ask to be called again after this many seconds (to confirm a fix after the quiet period). */
  refreshAfterSeconds?: number;
  /** The alert opens as part of a storm: show it in the group's message, not on its own. */
  joinsStormGroup?: boolean;
  /** A change the non-technical audiences are told of once the record is stored (a `tell` request), and its key. */
  tell?: { change: IncidentChange; key: string };
}

export interface PlanInput {
  alert: Alert;
  existing: AlertRecord | null;
  routes: Route[];
  now: Date;
  settings: LifecycleSettings;
  /** True when the storm stage decided this new alert belongs in a group message. */
  inStorm?: boolean;
  /** The mute stage's word on whether repeats stay quiet (a snooze); read from the record when absent. */
  muted?: boolean;
}

/** Whether a resolved alert re-firing now reopens its own messages rather than opening a new incident. */
export function withinFlapWindow(existing: AlertRecord | null, now: Date, settings: LifecycleSettings): boolean {
  return (
    existing?.status === 'resolved' &&
    existing.resolvedAt !== undefined &&
    now.getTime() - Date.parse(existing.resolvedAt) <= settings.flapWindowSeconds * 1000
  );
}

/** Whether this event opens a new incident: firing with nothing open, and neither stale nor a flap. */
export function opensIncident(alert: Alert, existing: AlertRecord | null, now: Date, settings: LifecycleSettings): boolean {
  // An event older than the last one applied changes nothing (see decide), storm counts included.
  if (existing !== null && alert.signal.time < existing.lastEventTime) return false;
  if (alert.phase !== 'firing' && alert.phase !== 'noData') return false;
  return !existing || (existing.status === 'resolved' && !withinFlapWindow(existing, now, settings));
}

export function planAlert(input: PlanInput): AlertPlan {
  const plan = decide(input);
  // Nothing for Slack to do and no audience without its message (a storm member resolving, shown
  // by its group's message): Slack is in step with the record as written.
  if (plan.record && plan.actions.length === 0 && lacksMessages(plan.record, input.routes).length === 0) plan.record.syncedVersion = plan.record.version;
  if (plan.record && plan.actions.some((a) => a.kind === 'post')) {
    plan.record = withLease(plan.record, { id: input.alert.signal.eventId, seconds: input.settings.deliveryLeaseSeconds }, input.now);
    plan.record.postTries = withPostTries(plan.record.postTries, plan.actions.flatMap((a) => (a.kind === 'post' ? [a.audience] : [])));
  }
  return plan;
}

function decide(input: PlanInput): AlertPlan {
  const { alert, existing, now, settings } = input;
  const nowIso = now.toISOString();
  if (existing && alert.signal.time < existing.lastEventTime) {
    // An older transition delivered late (retries reorder events) must not undo a newer one.
    return { reason: 'stale-event', record: null, expectedVersion: existing.version, actions: [], lifecycle: [] };
  }
  if (alert.phase === 'info') return planInfo(input);
  if (alert.phase === 'resolved') return planResolve(input);

  if (!existing || (existing.status === 'resolved' && !withinFlapWindow(existing, now, settings))) return planOpen(input, existing);

  const base = touch(existing, alert, now, settings);
  if (existing.status === 'resolved') {
    const record: AlertRecord = {
      ...base,
      status: 'open',
      occurrences: existing.occurrences + 1,
      lastRenderedAt: nowIso,
      reopenedAt: alert.signal.time,
      reopenings: (existing.reopenings ?? 0) + 1,
    };
    delete record.resolvedAt;
    delete record.resolvedBy;
    delete record.fixConfirmedAt;
    // Broken again is a new problem to look at: an acknowledgement of the last one does not cover it.
    // History still counts the incident as acknowledged when it first was.
    if (existing.acknowledgedAt && !existing.firstAcknowledged) record.firstAcknowledged = { by: existing.acknowledgedBy ?? 'unknown', at: existing.acknowledgedAt };
    delete record.acknowledgedBy;
    delete record.acknowledgedAt;
    return {
      // Those who heard "fixed" are told it broke again; those who only saw "checking" see the edit.
      ...(existing.fixConfirmedAt ? { tell: { change: 'broken-again' as const, key: `broken-again@${alert.signal.time}` } } : {}),
      reason: 'reopened',
      record,
      expectedVersion: existing.version,
      actions: [
        ...updates(record),
        ...threadReply(record, input.routes, 'Firing again within the flap window; this message was reopened.'),
        ...missingPosts(record, input),
      ],
      lifecycle: [lifecycleEvent('Clarion Alert Reopened', record, nowIso)],
    };
  }

  const record: AlertRecord = { ...base, occurrences: existing.occurrences + 1 };
  const missing = missingPosts(record, input);
  // A record whose last delivery failed is re-rendered by the next event, snoozed or not.
  const unsynced = (existing.syncedVersion ?? 0) < existing.version;
  const muted = input.muted ?? isSnoozed(existing, now);
  // What the message says changed (an impact whose worse entry now speaks): shown at once, not at
  // the next render interval, which only paces repeats that change a count.
  const storyChanged = existing.alert.catalogId !== alert.catalogId || existing.alert.title !== alert.title || existing.alert.severity !== alert.severity;
  const due =
    unsynced ||
    (!muted &&
      (storyChanged ||
        !existing.lastRenderedAt ||
        now.getTime() - Date.parse(existing.lastRenderedAt) >= settings.repeatRenderIntervalSeconds * 1000 ||
        existing.alert.phase !== alert.phase));
  if (due) record.lastRenderedAt = nowIso;
  const actions = [...(due ? updates(record) : []), ...missing];
  // Only the count changed and Slack showed everything else: the record stays in step without a
  // call. Never while an audience has no message (another delivery may still be failing to post
  // it): an unsynced record is what makes the next event, or a retry, repair it.
  if (actions.length === 0 && lacksMessages(record, input.routes).length === 0) record.syncedVersion = record.version;
  return {
    reason: muted ? 'repeat-muted' : missing.length > 0 ? 'repair' : 'repeat',
    record,
    expectedVersion: existing.version,
    actions,
    lifecycle: [],
  };
}

function planOpen(input: PlanInput, previous: AlertRecord | null): AlertPlan {
  const { alert, now, settings } = input;
  const nowIso = now.toISOString();
  const record: AlertRecord = {
    alertKey: alert.alertKey,
    catalogId: alert.catalogId,
    ...(alert.group ? { group: alert.group } : {}),
    status: 'open',
    openedAt: alert.signal.time,
    lastSeen: nowIso,
    occurrences: 1,
    lastEventTime: alert.signal.time,
    messages: {},
    ...(input.inStorm && alert.group ? { groupedInto: alert.group } : {}),
    lastRenderedAt: nowIso,
    // A snooze until lifted outlasts incidents: it holds until someone presses Unsnooze.
    ...(previous?.snoozedUntil === 'until-lifted' ? { snoozedUntil: 'until-lifted', ...(previous.snoozedBy ? { snoozedBy: previous.snoozedBy } : {}) } : {}),
    alert: storable(alert),
    version: (previous?.version ?? 0) + 1,
    // An alert shown only in its storm group's message has nothing of its own to bring up to date.
    ...(input.inStorm ? { syncedVersion: (previous?.version ?? 0) + 1 } : {}),
    expiresAt: expiry(now, settings),
  };
  return {
    reason: 'opened',
    record,
    expectedVersion: previous ? previous.version : null,
    actions: input.inStorm ? [] : input.routes.map((r) => ({ kind: 'post' as const, audience: r.audience, channel: r.channel })),
    lifecycle: [lifecycleEvent('Clarion Alert Opened', record, nowIso)],
    ...(input.inStorm ? { joinsStormGroup: true } : {}),
  };
}

function planResolve(input: PlanInput): AlertPlan {
  const { alert, existing, now, settings } = input;
  const nowIso = now.toISOString();
  if (!existing) {
    // An OK with nothing open: Clarion started after the alarm fired, the record expired, or the
    // ALARM before it is still being retried (SQS does not keep order). Its time is kept, so that
    // ALARM, arriving now, is stale rather than opening an alert nothing would ever resolve.
    const record: AlertRecord = {
      alertKey: alert.alertKey,
      catalogId: alert.catalogId,
      ...(alert.group ? { group: alert.group } : {}),
      status: 'resolved',
      openedAt: alert.signal.time,
      lastSeen: nowIso,
      occurrences: 0,
      lastEventTime: alert.signal.time,
      messages: {},
      resolvedUnseen: true,
      alert: storable(alert),
      version: 1,
      syncedVersion: 1,
      expiresAt: expiry(now, settings),
    };
    return { reason: 'resolved-unknown', record, expectedVersion: null, actions: [], lifecycle: [] };
  }
  if (existing.status === 'resolved') {
    return { reason: 'already-resolved', record: null, expectedVersion: existing.version, actions: [], lifecycle: [] };
  }
  const touched = touch(existing, alert, now, settings);
  const record: AlertRecord = {
    ...touched,
    // An OK says nothing of how bad it was (an uncatalogued one enriches as info): the resolved
    // message, the summary and the lifecycle event keep the severity the alert fired with.
    alert: { ...touched.alert, severity: existing.alert.severity },
    status: 'resolved',
    resolvedAt: alert.signal.time,
    lastRenderedAt: nowIso,
  };
  if (alert.quietPeriodSeconds === 0) record.fixConfirmedAt = nowIso;
  // A snooze "until resolved" ends here; a timed one may still run and mute a re-fire.
  if (record.snoozedUntil === 'until-resolved') {
    delete record.snoozedUntil;
    delete record.snoozedBy;
  }
  const duration = formatDuration(Date.parse(alert.signal.time) - Date.parse(existing.openedAt));
  return {
    reason: 'resolved',
    record,
    expectedVersion: existing.version,
    actions: [...updates(record), ...threadReply(record, input.routes, `Resolved after ${duration}.`), ...missingPosts(record, input)],
    lifecycle: [lifecycleEvent('Clarion Alert Resolved', record, nowIso)],
    // With no quiet period the fix is confirmed at once, and told at once.
    ...(record.fixConfirmedAt ? { tell: { change: 'fixed' as const, key: `fixed@${record.resolvedAt}` } } : {}),
    ...(alert.quietPeriodSeconds > 0 ? { refreshAfterSeconds: alert.quietPeriodSeconds } : {}),
  };
}

function planInfo(input: PlanInput): AlertPlan {
  // Information never opens an alert: each distinct event is posted once (dedup is by event id).
  return {
    reason: 'info',
    record: null,
    expectedVersion: null,
    actions: input.routes.map((r) => ({ kind: 'post' as const, audience: r.audience, channel: r.channel })),
    lifecycle: [],
  };
}

/**
 * Called after the quiet period: if the alert is still resolved, non-technical readers can now be
 * told it is fixed. Returns null when there is nothing to do (re-fired, already confirmed, too early).
 */
export function planFixConfirmation(existing: AlertRecord, quietPeriodSeconds: number, now: Date): AlertPlan | null {
  if (existing.status !== 'resolved' || existing.fixConfirmedAt || !existing.resolvedAt) return null;
  const waited = now.getTime() - Date.parse(existing.resolvedAt);
  if (waited < quietPeriodSeconds * 1000) {
    return { reason: 'resolved', record: null, expectedVersion: existing.version, actions: [], lifecycle: [], refreshAfterSeconds: Math.ceil((quietPeriodSeconds * 1000 - waited) / 1000) };
  }
  const record: AlertRecord = { ...existing, fixConfirmedAt: now.toISOString(), lastRenderedAt: now.toISOString(), version: existing.version + 1 };
  return { reason: 'resolved', record, expectedVersion: existing.version, actions: updates(record), lifecycle: [], tell: { change: 'fixed', key: `fixed@${existing.resolvedAt}` } };
}

export function isSnoozed(record: AlertRecord, now: Date): boolean {
  if (!record.snoozedUntil) return false;
  // `until-lifted` lasts through recoveries and re-fires, until someone presses Unsnooze.
  return record.snoozedUntil === 'until-resolved' || record.snoozedUntil === 'until-lifted' || Date.parse(record.snoozedUntil) > now.getTime();
}

function touch(existing: AlertRecord, alert: Alert, now: Date, settings: LifecycleSettings): AlertRecord {
  return {
    ...existing,
    lastSeen: now.toISOString(),
    lastEventTime: alert.signal.time,
    alert: storable(alert),
    version: existing.version + 1,
    expiresAt: expiry(now, settings),
  };
}

/** An edit of every message the alert has. */
export function updates(record: AlertRecord): SlackAction[] {
  return Object.entries(record.messages).map(([audience, ref]) => ({ kind: 'update' as const, audience, ref }));
}

/**
 * A reply in the thread of the engineers' messages (audiences rendered with the engineers'
 * template), where on-call reads the alert's history; other audiences see the edit only.
 */
function threadReply(record: AlertRecord, routes: Route[], text: string): SlackAction[] {
  const engineers = new Set(routes.filter((r) => r.template === 'techies').map((r) => r.audience));
  return Object.entries(record.messages).flatMap(([audience, ref]) => (engineers.has(audience) ? [{ kind: 'reply' as const, audience, ref, text }] : []));
}

/** Counts one more delivery setting out to post these audiences' messages (written with the lease). */
export function withPostTries(tries: Record<string, number> | undefined, audiences: string[]): Record<string, number> {
  const next = { ...tries };
  for (const audience of audiences) next[audience] = (next[audience] ?? 0) + 1;
  return next;
}

/** Takes back the count of a post Slack answered with an error, so its retry posts without looking first. */
export function withoutTries(tries: Record<string, number> | undefined, audiences: string[]): Record<string, number> {
  const next = { ...tries };
  for (const audience of audiences) next[audience] = Math.max(0, (next[audience] ?? 0) - 1);
  return next;
}

/** Routes whose audience has no message of this alert's own (a storm member is shown by its group's message). */
export function lacksMessages(record: AlertRecord, routes: Route[]): Route[] {
  if (record.groupedInto || record.resolvedUnseen) return [];
  return routes.filter((r) => !record.messages[r.audience]);
}

/**
 * Audiences routed now that have no message yet (a post failed earlier, or routing changed) —
 * unless another processor holds the delivery lease and may still be posting them.
 */
function missingPosts(record: AlertRecord, input: PlanInput): SlackAction[] {
  const { routes } = input;
  if (heldByOther(input.existing, input.alert.signal.eventId, input.now) !== null) return [];
  return lacksMessages(record, routes).map((r) => ({ kind: 'post' as const, audience: r.audience, channel: r.channel }));
}

/** The raw event and placeholder values are not needed to re-render and can be large. */
export function storable(alert: Alert): Alert {
  return { ...alert, signal: { ...alert.signal, event: {}, vars: {} } };
}

function expiry(now: Date, settings: LifecycleSettings): number {
  return Math.floor(now.getTime() / 1000) + settings.recordTtlSeconds;
}

export function lifecycleEvent(type: LifecycleEvent['type'], record: AlertRecord, time: string): LifecycleEvent {
  return {
    type,
    alertKey: record.alertKey,
    catalogId: record.catalogId,
    severity: record.alert.severity,
    title: record.alert.title,
    time,
    openedAt: record.openedAt,
    ...(record.acknowledgedBy ? { acknowledgedBy: record.acknowledgedBy } : {}),
    ...(record.acknowledgedAt ? { acknowledgedAt: record.acknowledgedAt } : {}),
    ...(record.resolvedAt ? { resolvedAt: record.resolvedAt } : {}),
    ...(record.resolvedBy ? { resolvedBy: record.resolvedBy } : {}),
    ...(record.snoozedUntil ? { snoozedUntil: record.snoozedUntil } : {}),
  };
}
