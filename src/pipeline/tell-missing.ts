/** @module Pipeline (deliver stage's repair): posts the messages an alert's audiences lack, or comes back for them when another delivery holds the lease. */
import type { PipelineContext } from './pipeline-context.ts';
import { delayUntil } from './queue-delay.ts';
import type { Route } from './route-alert.ts';

/**
 * Posts these audiences' missing messages now. While another delivery holds the alert's lease
 * (one that crashed holds it until it expires), a refresh on the queue comes back for them.
 */
export async function tellMissing(ctx: PipelineContext, alertKey: string, routes: Route[], leaseId: string, now: Date): Promise<'posted' | 'nothing' | 'later'> {
  const result = await ctx.sync.postMissing(alertKey, routes, { id: leaseId, seconds: ctx.settings.deliveryLeaseSeconds }, now);
  if (typeof result === 'string') return result;
  // Every event of a busy alarm lands here while the lease runs: one refresh per lease is enough.
  const key = pendingKey(alertKey, routes.map((r) => r.audience));
  if ((ctx.missingPending.get(key) ?? 0) >= result.busyUntil) return 'later';
  ctx.missingPending.set(key, result.busyUntil);
  await ctx.deps.scheduleRefresh?.(
    { clarion: 'refresh', alertKey, reason: 'missing-posts', audiences: routes.map((r) => r.audience) },
    delayUntil(result.busyUntil, now.getTime()),
  );
  return 'later';
}

/** The mark of a missing-posts refresh on the queue for these audiences of this alert. */
export function pendingKey(alertKey: string, audiences: string[]): string {
  return `${alertKey}\n${[...audiences].sort().join(',')}`;
}
