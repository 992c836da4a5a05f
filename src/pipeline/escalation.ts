/** @module Pipeline (escalation rules): which policy an alert follows, when each step is due, whether it still applies, and what it says — pure, no ports. */
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import { durationSeconds } from '../catalog/escalation-schema.ts';
import type { EscalationPolicy, EscalationStep, PolicyHours } from '../catalog/escalation-schema.ts';
import type { Alert } from '../core/alert.ts';
import type { AlertRecord } from '../core/alert-record.ts';
import { isImpactKey } from '../core/impact-key.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';
import { escapeMrkdwn } from '../slack/escape-mrkdwn.ts';
import { formatDuration } from '../slack/format-time.ts';
import { isWithinOfficeHours, nextOfficeStart } from './office-hours.ts';

export type EscalateRequest = Extract<RefreshRequest, { clarion: 'escalate' }>;
export type StepKind = 'remind' | 'mention' | 'channel' | 'page';

export interface ChosenPolicy {
  name: string;
  policy: EscalationPolicy;
}

/**
 * The policy an alert follows: its entry's own, else the one for its severity. Impacts never
 * escalate: they are the non-technical audiences' messages, and escalation reaches engineers.
 */
export function policyFor(alert: Pick<Alert, 'alertKey' | 'catalogId' | 'severity'>, runtime: CatalogRuntime): ChosenPolicy | undefined {
  if (isImpactKey(alert.alertKey)) return undefined;
  const escalation = runtime.config.escalation;
  if (!escalation) return undefined;
  const entry = alert.catalogId ? runtime.index.byId.get(alert.catalogId) : undefined;
  const name = entry?.escalation ?? escalation.bySeverity[alert.severity];
  const policy = name ? escalation.policies[name] : undefined;
  return name && policy ? { name, policy } : undefined;
}

/** The incident a record is in: a reopening is a new problem to escalate, as it clears the acknowledgement. */
export function incidentOf(record: Pick<AlertRecord, 'openedAt' | 'reopenedAt'>): string {
  return record.reopenedAt ?? record.openedAt;
}

export function stepKind(step: EscalationStep): StepKind {
  if ('remind' in step) return 'remind';
  if ('mention' in step) return 'mention';
  if ('channel' in step) return 'channel';
  return 'page';
}

/** When a step is due: `after` counted from when the policy started. */
export function stepDueAt(since: Date, step: EscalationStep): Date {
  return new Date(since.getTime() + durationSeconds(step.after) * 1000);
}

/** When repeat reminder `round` (1, 2 …) is due, or undefined when the policy repeats nothing. */
export function repeatDueAt(since: Date, policy: EscalationPolicy, round: number): Date | undefined {
  return policy.repeat ? new Date(since.getTime() + round * durationSeconds(policy.repeat) * 1000) : undefined;
}

/**
 * The first moment at or after `at` the policy may reach people: `at` itself with hours `always`
 * or within them, else the next start of the policy's own hours (not the non-technical audiences').
 */
export function reachableAt(at: Date, hours: EscalationPolicy['hours'], timeZone: string): Date {
  if (hours === 'always') return at;
  const policy = { hours: hours satisfies PolicyHours, timeZone };
  return isWithinOfficeHours(at, policy) ? at : nextOfficeStart(at, policy);
}

export type StopReason = 'gone' | 'other-incident' | 'resolved' | 'acknowledged' | 'snoozed';

/**
 * Why a due step no longer applies, or undefined when it does. Steps stop once someone acknowledged,
 * snoozed or resolved the alert; repeat reminders go on while it is open, acknowledged or not.
 */
export function stopReason(record: AlertRecord | null, request: Pick<EscalateRequest, 'incident' | 'step'>, _now?: Date): StopReason | undefined {
  if (!record) return 'gone';
  if (incidentOf(record) !== request.incident) return 'other-incident';
  if (record.status !== 'open') return 'resolved';
  if (request.step === 'repeat') return undefined;
  if (record.acknowledgedBy) return 'acknowledged';
  // A snooze for a time only delays the steps (escalate.ts waits for its end); these two end them.
  if (record.snoozedUntil === 'until-resolved' || record.snoozedUntil === 'until-lifted') return 'snoozed';
  return undefined;
}

/** `5m` → "5 minutes", as people say it. */
export function describeAfter(after: string): string {
  return formatDuration(durationSeconds(after) * 1000);
}

/**
 * The words of a step. The title comes from events and is escaped; the user group mention is the one
 * ping Clarion ever writes, and only from the configuration's id (checked to be `S…`).
 */
export function escalationText(step: EscalationStep, title: string, where?: string, openForMs?: number): string {
  // A step taken late (it waited for planned work, a silence or the policy's hours) says how long it really was.
  const after = openForMs !== undefined && openForMs >= durationSeconds(step.after) * 1000 + 60_000 ? formatDuration(openForMs) : describeAfter(step.after);
  const news = `Still unacknowledged after ${after}: ${escapeMrkdwn(title)}`;
  if ('mention' in step) return `<!subteam^${step.mention}> ${news}`;
  if ('channel' in step) return `${news}${where ? ` — see its message in <#${where}>` : ''}`;
  return news;
}

/** The repeat reminder's words: open this long, acknowledged or not. */
export function repeatText(record: Pick<AlertRecord, 'acknowledgedBy'>, title: string, openFor: number): string {
  return `Still open after ${formatDuration(openFor)}${record.acknowledgedBy ? ' (acknowledged)' : ''}: ${escapeMrkdwn(title)}`;
}

/** Whether a policy hands alerts to a paging service (then acknowledgements and fixes are passed on). */
export function pages(policy: EscalationPolicy): boolean {
  return policy.steps.some((step) => 'page' in step);
}

/**
 * A stable PagerDuty dedup key for one incident of one alert: the same for every trigger,
 * acknowledge and resolve of it, and at most 255 characters (alert keys can be longer).
 */
export function dedupKeyFor(alertKey: string, incident: string, hash: (text: string) => string): string {
  return `clarion-${hash(`${alertKey}\n${incident}`).slice(0, 40)}`;
}

/** PagerDuty's severities from Clarion's. */
export function pagingSeverity(severity: Alert['severity']): 'critical' | 'error' | 'warning' | 'info' {
  if (severity === 'critical') return 'critical';
  if (severity === 'high') return 'error';
  if (severity === 'info') return 'info';
  return 'warning';
}
