/** @module State: the delivery lease — while one delivery posts an alert's messages, no other posts them too. */
import type { AlertRecord } from '../core/alert-record.ts';
import type { StatePort } from './state-port.ts';
import { CONFLICT, retryOnConflict } from './versioned-write.ts';

/*
 * A post whose answer is lost cannot be told from one that never happened, so two deliveries that
 * both see an audience without its message would both post. The one that writes the lease into
 * the record first posts; the others leave the audience to it until the lease runs out (a
 * delivery that crashed holds it until then).
 */

/** Who takes the lease (an event id, a refresh, a button press) and for how long. */
export interface DeliveryLease {
  id: string;
  seconds: number;
}

/** When another delivery's lease on this record runs out (epoch ms), or null when nobody else holds one now. */
export function heldByOther(record: Pick<AlertRecord, 'deliveringEventId' | 'deliveringUntil'> | null | undefined, id: string, now: Date): number | null {
  if (!record?.deliveringUntil || record.deliveringEventId === id) return null;
  const until = Date.parse(record.deliveringUntil);
  return until > now.getTime() ? until : null;
}

/** The record with the lease taken by `lease.id` from `now`. */
export function withLease<R extends AlertRecord>(record: R, lease: DeliveryLease, now: Date): R {
  return { ...record, deliveringEventId: lease.id, deliveringUntil: new Date(now.getTime() + lease.seconds * 1000).toISOString() };
}

/** The record without the lease, when `id` holds it (another delivery may be posting under its own). */
export function withoutLease<R extends AlertRecord>(record: R, id: string): R {
  if (record.deliveringEventId !== id) return record;
  const next = { ...record };
  delete next.deliveringEventId;
  delete next.deliveringUntil;
  return next;
}

/** Ends `id`'s lease on the stored record without marking Slack in step (a post was refused). */
export async function releaseLease(state: StatePort, alertKey: string, id: string): Promise<void> {
  await retryOnConflict(alertKey, async () => {
    const latest = await state.getAlert(alertKey);
    if (!latest || latest.deliveringEventId !== id) return undefined;
    return (await state.putAlert({ ...withoutLease(latest, id), version: latest.version + 1 }, latest.version)) ? undefined : CONFLICT;
  });
}
