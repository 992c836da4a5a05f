/** @module Pipeline (mute stage's office-hours hold): outside office hours, audiences that `hold` get nothing new; the alert waits in the summary record instead. */
import type { Alert } from '../core/alert.ts';
import type { AlertRecord, SummaryRecord } from '../core/alert-record.ts';
import type { StatePort } from '../state/state-port.ts';
import { MAX_HELD_ALERTS, MAX_HELD_NOTICES } from '../core/alert-record.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';
import { isWithinOfficeHours, nextOfficeStart } from './office-hours.ts';
import type { OfficeHoursPolicy } from './office-hours.ts';
import type { Route } from './route-alert.ts';

/**
 * Routes whose audience would get a new message now but is away. A message already posted keeps
 * being edited at night: an edit makes no sound, and it keeps "fixed" true by the morning.
 */
export function heldRoutes(routes: Route[], existing: AlertRecord | null, now: Date, policy: OfficeHoursPolicy | undefined): Route[] {
  // Only an OK was seen: nobody is to be told of it, now or in the morning.
  if (existing?.resolvedUnseen) return [];
  if (!policy || !routes.some((r) => r.outOfHours === 'hold') || isWithinOfficeHours(now, policy)) return [];
  return routes.filter((r) => r.outOfHours === 'hold' && !existing?.messages[r.audience]);
}

/**
 * The routes held for the summary now: those away whose alert the summary took. Empty when nobody
 * is away, or the summary was already taken (the caller tells them now).
 */
export async function holdAway(state: StatePort, existing: AlertRecord, routes: Route[], now: Date, policy: OfficeHoursPolicy | undefined): Promise<Route[]> {
  const away = heldRoutes(routes, existing, now, policy);
  if (!policy || away.length === 0) return [];
  return (await holdForSummary(state, { alertKey: existing.alertKey }, now, policy)) ? away : [];
}

export function emptySummary(): SummaryRecord {
  return { held: {}, notices: [], moreNotices: 0, version: 0 };
}

/**
 * Puts an alert (or an information event, which has no record of its own) in the next summary.
 * Returns false when the summary for this night was already taken — a processor that read the
 * clock just before office hours started, or a summary posted by hand — or is full, and the caller
 * must tell the audiences now, or they would never hear.
 */
export async function holdForSummary(
  state: StatePort,
  held: { alertKey: string } | { notice: Alert },
  now: Date,
  policy: OfficeHoursPolicy,
): Promise<boolean> {
  const summaryDue = nextOfficeStart(now, policy).getTime();
  return retryOnConflict('summary', async () => {
    const current = await state.getSummary();
    const record = current ?? emptySummary();
    if (record.lastSummaryAt && Date.parse(record.lastSummaryAt) >= summaryDue) return false;
    let next: SummaryRecord;
    if ('alertKey' in held) {
      if (record.held[held.alertKey]) return true;
      if (Object.keys(record.held).length >= MAX_HELD_ALERTS) return false;
      next = { ...record, held: { ...record.held, [held.alertKey]: now.toISOString() }, version: record.version + 1 };
    } else {
      // A retried event must not be listed twice.
      if (record.notices.some((n) => n.signal.eventId === held.notice.signal.eventId)) return true;
      next =
        record.notices.length < MAX_HELD_NOTICES
          ? { ...record, notices: [...record.notices, held.notice], version: record.version + 1 }
          : { ...record, moreNotices: record.moreNotices + 1, version: record.version + 1 };
    }
    return (await state.putSummary(next, current ? current.version : null)) ? true : CONFLICT;
  });
}
