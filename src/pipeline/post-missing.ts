/** @module Pipeline (record stage's repair): posts the messages some audiences of an alert lack, one audience at a time, under the alert's delivery lease. */
import type { AlertRecord } from '../core/alert-record.ts';
import { DeliveryError } from '../core/delivery-error.ts';
import type { MessageRef } from '../core/ports.ts';
import { heldByOther, releaseLease, withLease } from '../state/delivery-lease.ts';
import type { DeliveryLease } from '../state/delivery-lease.ts';
import type { StatePort } from '../state/state-port.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';
import type { MessageSync } from './message-sync.ts';
import { lacksMessages, updates, withPostTries } from './plan-alert.ts';
import type { Route } from './route-alert.ts';

/**
 * Posts the messages these routes are missing, under the alert's delivery lease. `busyUntil`
 * when another delivery holds the lease: it is posting this alert's messages right now. Each
 * audience is posted on its own, so a channel Slack refuses for good (bot not in it) does not
 * keep the others from being told; the first such refusal is thrown once the rest are recorded.
 */
export async function postMissing(
  { state, sync }: { state: StatePort; sync: Pick<MessageSync, 'deliver' | 'recordDelivery' | 'recordShown'> },
  alertKey: string,
  routes: Route[],
  lease: DeliveryLease,
  now: Date,
): Promise<'posted' | 'nothing' | { busyUntil: number }> {
  return retryOnConflict(alertKey, async () => {
    const current = await state.getAlert(alertKey);
    const missing = current ? lacksMessages(current, routes) : [];
    if (!current || missing.length === 0) return 'nothing';
    const busyUntil = heldByOther(current, lease.id, now);
    if (busyUntil !== null) return { busyUntil };
    const leased: AlertRecord = {
      ...withLease(current, lease, now),
      postTries: withPostTries(current.postTries, missing.map((r) => r.audience)),
      version: current.version + 1,
    };
    if (!(await state.putAlert(leased, current.version))) return CONFLICT;
    const posted: Record<string, MessageRef> = {};
    let refused: DeliveryError | undefined;
    // Messages Slack shows out of date are brought up to date too, so the record can say Slack is in step.
    const stale = (current.syncedVersion ?? 0) < current.version ? updates(leased) : [];
    for (const action of [...stale, ...missing.map((r) => ({ kind: 'post' as const, audience: r.audience, channel: r.channel }))]) {
      try {
        Object.assign(posted, await sync.deliver(leased, [action], routes, now));
      } catch (error) {
        if (error instanceof DeliveryError && error.kind === 'platform') {
          refused ??= error;
          continue;
        }
        // Worth retrying: keep what went out, and keep the lease for the retry.
        if (Object.keys(posted).length > 0) await sync.recordDelivery(leased, posted, { complete: false });
        throw error;
      }
    }
    if (refused) await sync.recordDelivery(leased, posted, { complete: false });
    else await sync.recordShown(leased, posted, routes, now, { leaseId: lease.id });
    if (refused) {
      await releaseLease(state, alertKey, lease.id);
      throw refused;
    }
    return 'posted' as const;
  });
}
