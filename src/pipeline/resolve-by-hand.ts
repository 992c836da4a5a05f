/** @module Pipeline (interactions' rule): an engineer marks an alert resolved — for events that never send an OK (a stopped task, a failed job, a custom event). */
import type { CatalogEntry } from '../catalog/schema.ts';
import type { Alert } from '../core/alert.ts';
import type { AlertRecord } from '../core/alert-record.ts';

/*
 * The stored alert holds the firing texts, already filled from the event's values, which are not
 * kept. The entry's texts for the resolved state are used where they need no values; where they
 * would, or the entry has none, the audience's own words are dropped and the template's plain
 * resolved wording shows instead, rather than firing words under a resolved header.
 */
export function resolvedAlert(alert: Alert, entry: CatalogEntry | undefined): Alert {
  const resolved: Alert = { ...alert, phase: 'resolved' };
  if (!entry) {
    delete resolved.summary;
    return resolved;
  }
  const comms: Record<string, string> = {};
  for (const [audience, text] of Object.entries(entry.comms)) {
    if (typeof text === 'string') {
      const stored = alert.comms[audience];
      if (stored !== undefined) comms[audience] = stored;
    } else if (text.resolved !== undefined && !text.resolved.includes('{{')) {
      comms[audience] = text.resolved;
    }
  }
  resolved.comms = comms;
  const summary = entry.summary;
  if (typeof summary === 'string') return resolved;
  if (summary?.resolved !== undefined && !summary.resolved.includes('{{')) resolved.summary = summary.resolved;
  else delete resolved.summary;
  return resolved;
}

/**
 * The record resolved now by `by` (a Slack user id). A person saying it is fixed confirms the fix:
 * there is no quiet period to wait out. A snooze "until it recovers" ends here.
 */
export function resolvedByHand(record: AlertRecord, entry: CatalogEntry | undefined, by: string, now: Date): AlertRecord {
  const at = now.toISOString();
  // An event older than the press, delivered late (retries reorder events), must not reopen it.
  const lastEventTime = record.lastEventTime > at ? record.lastEventTime : at;
  const next: AlertRecord = { ...record, status: 'resolved', resolvedAt: at, resolvedBy: by, fixConfirmedAt: at, lastRenderedAt: at, lastEventTime, alert: resolvedAlert(record.alert, entry) };
  if (next.snoozedUntil === 'until-resolved') {
    delete next.snoozedUntil;
    delete next.snoozedBy;
  }
  return next;
}
