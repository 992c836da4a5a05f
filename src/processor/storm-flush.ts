/** @module Processor: brings storm group messages up to date once per batch — one chat.update per group, not one per alarm. */
import { DeliveryError } from '../core/delivery-error.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';
import type { PipelineContext } from '../pipeline/pipeline-context.ts';
import { createStormMessages } from '../pipeline/storm-message.ts';

/** Storm group messages are edited at most this often. */
export const GROUP_RENDER_INTERVAL_MS = 2000;

/** A storm group message that could not be brought up to date, and why. */
export interface FlushFailure {
  groupKey: string;
  error: unknown;
}

export interface FlushOptions {
  /** Time left for flushing (ms); a group not reached by the time it is used up is left to a refresh. */
  remainingMs?: () => number;
}

type GroupRefreshReason = Extract<RefreshRequest, { clarion: 'refresh-group' }>['reason'];

export function createStormFlush(ctx: PipelineContext) {
  const { deps } = ctx;
  const messages = createStormMessages({ ...deps, count: () => ctx.count('SlackCalls') });
  /**
   * Groups with a refresh already on the queue from this container, and when it is due, so a storm
   * schedules one, not dozens. Another container may take that refresh, so the mark lapses when it
   * is due rather than waiting to be cleared here.
   */
  const refreshPending = new Map<string, number>();

  async function scheduleGroupRefresh(groupKey: string, delaySeconds: number, reason: GroupRefreshReason): Promise<boolean> {
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

  async function flushGroup(groupKey: string): Promise<void> {
    const now = deps.now();
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
    const synced = await messages.show(group, now);
    // Changed while it was being rendered (another container added a member): come back for it.
    if (!synced) await scheduleGroupRefresh(groupKey, GROUP_RENDER_INTERVAL_MS / 1000, 'render-interval');
  }

  return {
    /** A refresh for this group came off the queue: its mark lapses, and it is flushed with the batch. */
    refreshed(groupKey: string): void {
      refreshPending.delete(groupKey);
      ctx.dirtyGroups.add(groupKey);
    },
    async flush(options: FlushOptions = {}): Promise<FlushFailure[]> {
      const groups = [...ctx.dirtyGroups];
      ctx.dirtyGroups.clear();
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
