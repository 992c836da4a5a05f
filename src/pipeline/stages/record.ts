/** @module Stage 9 of 9: record — stores what Slack now shows, keeps the storm group in step, and repairs what Slack is missing. */
import type { Alert } from '../../core/alert.ts';
import type { AlertRecord } from '../../core/alert-record.ts';
import type { MessageRef } from '../../core/ports.ts';
import type { AlertPlan, SlackAction } from '../plan-alert.ts';
import { lacksMessages } from '../plan-alert.ts';
import type { RunContext, SignalResult } from '../pipeline-context.ts';
import type { Route } from '../route-alert.ts';
import type { Stage } from '../stage.ts';
import { touchGroup } from '../storm-membership.ts';
import { tellMissing } from '../tell-missing.ts';
import { isImpactKey } from '../../core/impact-key.ts';

interface RecordIn {
  alert: Alert;
  plan: AlertPlan;
  record: AlertRecord | null;
  actions: SlackAction[];
  posted: Record<string, MessageRef>;
  deliverTo: Route[];
  tellNow: Route[];
  held: string[];
}

export const record: Stage<RecordIn, { result: SignalResult }, RunContext> = {
  name: 'record',
  async run({ alert, plan, record, actions, posted, deliverTo, tellNow, held }, ctx) {
    const eventId = alert.signal.eventId;
    if (record) {
      if (actions.length > 0) await ctx.sync.recordShown(record, posted, deliverTo, ctx.now, { leaseId: eventId });
      if (record.groupedInto) await touchGroup(ctx, record, alert, ctx.now);
      // Any event of the alert, even one too old to change it, repairs what Slack is missing: a
      // post that failed for an earlier event (its retry may never come, or come stale). Under the
      // delivery lease, after a fresh read: the summary's follow-up, or the processor that opened
      // the alert, may be posting the same messages; whichever holds the lease posts.
      const missing = [...lacksMessages({ ...record, messages: { ...posted, ...record.messages } }, deliverTo), ...tellNow];
      if (missing.length > 0) await tellMissing(ctx, alert.alertKey, missing, eventId, ctx.now);
    }
    if (isImpactKey(alert.alertKey)) {
      // An impact is counted through its members.
    } else if (plan.reason === 'opened') ctx.count(plan.joinsStormGroup ? 'StormGrouped' : 'AlertsOpened');
    else if (plan.reason === 'resolved') ctx.count('AlertsResolved');
    else if (plan.record && plan.reason !== 'resolved-unknown') ctx.count('AlertsUpdated');
    ctx.deps.log?.info('alert handled', { alertKey: alert.alertKey, catalogId: alert.catalogId, reason: plan.reason, actions: actions.length });
    return {
      result: {
        signalKey: alert.signal.key,
        eventId,
        catalogId: alert.catalogId,
        alertKey: alert.alertKey,
        outcome: plan.reason,
        ...(record?.groupedInto ? { groupKey: record.groupedInto } : {}),
        ...(held.length > 0 ? { held } : {}),
      },
    };
  },
};
