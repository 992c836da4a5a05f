/** @module Pipeline (group stage's storm side): an alert's place in its storm group's record, kept in step with the alert. */
import type { Alert } from '../core/alert.ts';
import type { AlertRecord } from '../core/alert-record.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';
import type { PipelineContext } from './pipeline-context.ts';
import type { Route } from './route-alert.ts';
import { memberStatus, updateMember, withChannels, withMember } from './storm.ts';

/**
 * Shows an alert in its storm group's message for these audiences, joining it as a member if it
 * had its own messages so far; the message is brought up to date at the end of the batch. False
 * when the group is gone.
 */
export async function showInGroup(ctx: PipelineContext, record: AlertRecord, groupKey: string, routes: Route[]): Promise<boolean> {
  const shown = await retryOnConflict(groupKey, async () => {
    const group = await ctx.deps.state.getGroup(groupKey);
    if (!group) return false;
    const member = memberStatus(group, record.alertKey) !== undefined ? group : withMember(group, record.alert, record.status);
    if (!member) return false;
    const next = withChannels(member, routes) ?? member;
    if (next !== group && !(await ctx.deps.state.putGroup(next, group.version))) return CONFLICT;
    return true;
  });
  if (shown) ctx.dirtyGroups.add(groupKey);
  return shown;
}

/**
 * Keeps a grouped alert's state in its group and marks the group message for the end-of-batch
 * flush. A conflict that does not settle fails the record, so it is retried: carrying on would
 * leave the group showing the old state.
 */
export async function touchGroup(ctx: PipelineContext, record: AlertRecord, alert: Alert, now: Date): Promise<void> {
  const groupKey = record.groupedInto!;
  const touched = await retryOnConflict(groupKey, async () => {
    const group = await ctx.deps.state.getGroup(groupKey);
    if (!group) return false;
    if (memberStatus(group, record.alertKey) === record.status) return true;
    return (await ctx.deps.state.putGroup(updateMember(group, alert, record.status, now, ctx.settings), group.version)) ? true : CONFLICT;
  });
  if (touched) ctx.dirtyGroups.add(groupKey);
}
