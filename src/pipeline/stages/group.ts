/** @module Stage 6 of 9: group — decides against the stored record what the event means (open, repeat, resolve, storm member …) and stores it. */
import type { Alert } from '../../core/alert.ts';
import type { AlertRecord } from '../../core/alert-record.ts';
import { CONFLICT } from '../../state/versioned-write.ts';
import { planAlert, storable, updates } from '../plan-alert.ts';
import type { AlertPlan, SlackAction } from '../plan-alert.ts';
import type { RunContext } from '../pipeline-context.ts';
import { MAX_QUEUE_DELAY_SECONDS } from '../queue-delay.ts';
import type { Route } from '../route-alert.ts';
import type { Stage } from '../stage.ts';
import { joinGroup } from '../storm.ts';
import { impactKeyFor, isImpactKey } from '../../core/impact-key.ts';
import { keepHeld } from './mute.ts';
import { announceEscalation } from '../escalation-state.ts';
import { autoFixRequest } from '../auto-fix.ts';
import type { Held, MuteDecision } from './mute.ts';

export interface Grouped extends Held {
  plan: AlertPlan;
  /** The record as stored now (null: information, which has none). */
  record: AlertRecord | null;
  /** What Slack must be told. */
  actions: SlackAction[];
}

/**
 * Both writes are conditional on what the mute stage read: when another processor wrote first,
 * the stage answers `CONFLICT` and the run starts again from a fresh read. Once the record is
 * stored, the change is announced (lifecycle events, the follow-up after the quiet period) before
 * any delivery: a retry after a failed Slack call finds the change already made and would not
 * announce it again.
 */
export const group: Stage<MuteDecision & { alert: Alert; routes: Route[] }, Grouped, RunContext> = {
  name: 'group',
  async run(input, ctx) {
    const { alert, existing, opening, present, snoozed, members, voices } = input;
    // An impact is already one message per entry or group: it is never folded into a storm.
    const impact = isImpactKey(alert.alertKey);
    let inStorm = false;
    // A silenced alarm is no storm member (the group's message would show it), nor is a folded one (its cause's message shows it).
    if (opening && alert.group && !impact && !input.silenced && !input.folded) {
      const decision = joinGroup(await ctx.deps.state.getGroup(alert.group), alert, present, ctx.now, ctx.settings);
      if (!(await ctx.deps.state.putGroup(decision.group, decision.expectedVersion))) return CONFLICT;
      inStorm = decision.inStorm;
    }
    // Non-technical readers see no counts: an impact's message changes only when its story does.
    const muted = snoozed || (impact && existing !== null && sameStory(existing.alert, alert));
    const plan = planAlert({ alert, existing, routes: present, now: ctx.now, settings: ctx.settings, inStorm, muted });
    if (plan.record && members) Object.assign(plan.record, { members, voices: storableVoices(voices ?? {}) });
    if (plan.record && !impact) noteImpact(plan.record, existing, impactKeyFor(alert));
    if (plan.record && !(await ctx.deps.state.putAlert(plan.record, plan.expectedVersion))) return CONFLICT;

    const record = plan.record ?? existing;
    // An earlier delivery failed after its record was written: show the stored state now.
    const actions = !plan.record && existing && (existing.syncedVersion ?? 0) < existing.version ? updates(existing) : plan.actions;
    const held = await keepHeld(ctx, { ...input, plan, record });
    // Lifecycle events are about alarms; an impact's opening and resolving are its members'.
    if (!impact) await ctx.publish(plan.lifecycle);
    if (plan.tell && !input.silenced) await ctx.deps.scheduleRefresh?.({ clarion: 'tell', alertKey: alert.alertKey, ...plan.tell }, 1);
    if (plan.refreshAfterSeconds && ctx.deps.scheduleRefresh) {
      await ctx.deps.scheduleRefresh({ clarion: 'refresh', alertKey: alert.alertKey, reason: 'quiet-period' }, Math.min(MAX_QUEUE_DELAY_SECONDS, plan.refreshAfterSeconds));
    }
    await announceEscalation(ctx, plan, plan.record);
    // An automatic fix runs from the queue, never inline: its guards are checked then, against a fresh read.
    const fix = autoFixRequest(plan.reason, plan.record);
    if (fix) await ctx.deps.scheduleRefresh?.(fix, 1);
    return { plan, record, actions, ...held };
  },
};

/** Whether an impact's message would read the same: the same entry speaks, in the same state, to the same audiences. */
function sameStory(before: Alert, after: Alert): boolean {
  return before.catalogId === after.catalogId && before.phase === after.phase && before.severity === after.severity && before.title === after.title && before.audiences.join() === after.audiences.join();
}

/** Each entry's words as stored: without the raw event, like the record's own alert. */
function storableVoices(voices: Record<string, Alert>): Record<string, Alert> {
  return Object.fromEntries(Object.entries(voices).map(([entry, alert]) => [entry, storable(alert)]));
}

/** Which impact the alarm feeds now, and which it fed before its entry moved (see `formerImpacts`). */
function noteImpact(record: AlertRecord, existing: AlertRecord | null, key: string | null): void {
  const before = existing?.impactKey;
  if (key) record.impactKey = key;
  else delete record.impactKey;
  if (before && before !== key && !record.formerImpacts?.includes(before)) record.formerImpacts = [...(record.formerImpacts ?? []), before];
}
