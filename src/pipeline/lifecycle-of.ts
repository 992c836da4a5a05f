/** @module Pipeline: what templates show of an alert's life, read from its stored record. */
import type { AlertLifecycle } from '../core/alert.ts';
import type { AlertRecord } from '../core/alert-record.ts';

export function lifecycleOf(record: AlertRecord): AlertLifecycle {
  return {
    occurrences: record.occurrences,
    firstSeen: record.openedAt,
    lastSeen: record.lastSeen,
    ...(record.acknowledgedBy ? { acknowledgedBy: record.acknowledgedBy } : {}),
    ...(record.acknowledgedAt ? { acknowledgedAt: record.acknowledgedAt } : {}),
    ...(record.snoozedUntil ? { snoozedUntil: record.snoozedUntil } : {}),
    ...(record.resolvedAt ? { resolvedAt: record.resolvedAt } : {}),
    ...(record.status === 'resolved' ? { fixConfirmed: record.fixConfirmedAt !== undefined } : {}),
    audiencesTold: Object.keys(record.messages),
  };
}
