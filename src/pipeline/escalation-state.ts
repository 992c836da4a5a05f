/** @module Pipeline (escalation): the per-alert escalation record — steps done and the page handed out, per incident — and the requests that start a policy or pass an acknowledgement on to the paging service. */
import * as z from 'zod';
import type { AlertRecord } from '../core/alert-record.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';
import type { StatePort } from '../state/state-port.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';
import { incidentOf, pages, policyFor, repeatDueAt, stepDueAt } from './escalation.ts';
import type { AlertPlan } from './plan-alert.ts';
import type { RunContext } from './pipeline-context.ts';
import { delayUntil } from './queue-delay.ts';

const PageState = z.enum(['triggered', 'acknowledged', 'resolved']);

const IncidentEscalation = z.object({
  /** Steps done: their index in the policy, or `repeat:<round>`. */
  done: z.array(z.string()).default([]),
  /** The page handed to a paging service for this incident, and what it was last told. */
  page: z.object({ service: z.string(), dedupKey: z.string(), state: PageState }).optional(),
});
export type IncidentEscalation = z.infer<typeof IncidentEscalation>;

/** One alert's escalation, kept under `escalation#<alertKey>`; the newest incidents only. */
export const EscalationRecord = z.object({
  incidents: z.record(z.string(), IncidentEscalation),
  version: z.number().int(),
  expiresAt: z.number().optional(),
});
export type EscalationRecord = z.infer<typeof EscalationRecord>;

/** An older incident's page is kept until it is resolved; beyond this many, the oldest are forgotten. */
const KEPT_INCIDENTS = 5;
/** How long an escalation record is kept after its last change (as alert records are). */
export const ESCALATION_TTL_SECONDS = 30 * 86400;

export async function readEscalation(state: StatePort, alertKey: string): Promise<EscalationRecord | null> {
  return state.getRecord('escalation', alertKey, EscalationRecord);
}

/** Applies `change` to one incident's escalation, conditional on the version read (re-read on conflict). */
export async function noteEscalation(state: StatePort, alertKey: string, incident: string, now: Date, change: (current: IncidentEscalation) => IncidentEscalation): Promise<void> {
  await retryOnConflict(alertKey, async () => {
    const stored = await readEscalation(state, alertKey);
    const incidents = { ...stored?.incidents, [incident]: change(stored?.incidents[incident] ?? { done: [] }) };
    const kept = Object.keys(incidents).sort().slice(-KEPT_INCIDENTS);
    const next: EscalationRecord = {
      incidents: Object.fromEntries(kept.map((key) => [key, incidents[key]!])),
      version: (stored?.version ?? 0) + 1,
      expiresAt: Math.floor(now.getTime() / 1000) + ESCALATION_TTL_SECONDS,
    };
    return (await state.putRecord('escalation', alertKey, next, stored?.version ?? null)) ? undefined : CONFLICT;
  });
}

/**
 * Once the group stage stored an opening (or a reopening), the policy's first step and its first
 * repeat reminder are put on the queue; once it stored a fix, a policy that pages asks for the page
 * to be resolved. The clock starts now, when Clarion heard of it.
 */
export async function announceEscalation(ctx: RunContext, plan: Pick<AlertPlan, 'reason'>, record: AlertRecord | null): Promise<void> {
  const schedule = ctx.deps.scheduleRefresh;
  if (!record || !schedule) return;
  const chosen = policyFor(record.alert, ctx.runtime);
  if (!chosen) return;
  const { policy } = chosen;
  const base = { clarion: 'escalate' as const, alertKey: record.alertKey, incident: incidentOf(record), since: ctx.now.toISOString() };
  if (plan.reason === 'opened' || plan.reason === 'reopened') {
    const first = stepDueAt(ctx.now, policy.steps[0]!);
    await schedule({ ...base, step: 0, dueAt: first.toISOString() }, delayUntil(first.getTime(), ctx.now.getTime()));
    const repeat = repeatDueAt(ctx.now, policy, 1);
    if (repeat) await schedule({ ...base, step: 'repeat', round: 1, dueAt: repeat.toISOString() }, delayUntil(repeat.getTime(), ctx.now.getTime()));
  } else if (plan.reason === 'resolved' && pages(policy)) {
    await schedule({ ...base, step: 'page-update', dueAt: ctx.now.toISOString() }, 1);
  }
}

/**
 * After an acknowledgement or a resolve by hand: when a page was handed out for this alert and not
 * resolved yet, a `page-update` request passes the change on (through the queue, so a failure is
 * retried and a refusal dead-lettered with its reason).
 */
export async function requestPageUpdate(
  deps: { state: StatePort; now: () => Date; scheduleRefresh?: (request: RefreshRequest, delaySeconds: number) => Promise<void> },
  record: AlertRecord,
): Promise<boolean> {
  if (!deps.scheduleRefresh) return false;
  const stored = await readEscalation(deps.state, record.alertKey);
  if (!Object.values(stored?.incidents ?? {}).some((incident) => incident.page && incident.page.state !== 'resolved')) return false;
  const now = deps.now().toISOString();
  await deps.scheduleRefresh({ clarion: 'escalate', alertKey: record.alertKey, step: 'page-update', incident: incidentOf(record), since: now, dueAt: now }, 1);
  return true;
}
