/** @module Pipeline: what templates show of an alert's life, read from its stored record. */
import type { AlertLifecycle } from '../core/alert.ts';
import type { AlertRecord } from '../core/alert-record.ts';
import { FIXED_WITHIN_SECONDS } from './auto-fix.ts';

export function lifecycleOf(record: AlertRecord): AlertLifecycle {
  return {
    occurrences: record.occurrences,
    // Both from the events' own clock: `openedAt` is the first event's time, and the record's
    // `lastSeen` is the processor's, which can be minutes later (queueing, retries) or skewed.
    firstSeen: record.openedAt,
    lastSeen: record.lastEventTime,
    ...(record.acknowledgedBy ? { acknowledgedBy: record.acknowledgedBy } : {}),
    ...(record.acknowledgedAt ? { acknowledgedAt: record.acknowledgedAt } : {}),
    ...(record.snoozedUntil ? { snoozedUntil: record.snoozedUntil } : {}),
    ...(record.resolvedAt ? { resolvedAt: record.resolvedAt } : {}),
    ...(record.status === 'resolved' ? { fixConfirmed: record.fixConfirmedAt !== undefined } : {}),
    audiencesTold: Object.keys(record.messages),
    ...(record.localOfficesTold ? { localOfficesTold: record.localOfficesTold } : {}),
    ...(record.alsoAffected ? { alsoAffected: record.alsoAffected } : {}),
    ...fixedAutomatically(record),
  };
}

/**
 * "Fixed automatically at …" only for the incident the run was for, and only when the run started
 * before it resolved (a restart's own success is often seen after the job's recovery event) and it
 * resolved soon after the run succeeded (hours later, something else fixed it). The time told is
 * whichever came first: the run's success, or the resolution.
 */
function fixedAutomatically(record: AlertRecord): { fixedAutomaticallyAt?: string } {
  const fixed = record.fixedAutomatically;
  if (!fixed || record.status !== 'resolved' || !record.resolvedAt) return {};
  if (fixed.incident !== (record.reopenedAt ?? record.openedAt) || Date.parse(fixed.startedAt) > Date.parse(record.resolvedAt)) return {};
  if (Date.parse(record.resolvedAt) - Date.parse(fixed.at) > FIXED_WITHIN_SECONDS * 1000) return {};
  return { fixedAutomaticallyAt: Date.parse(fixed.at) < Date.parse(record.resolvedAt) ? fixed.at : record.resolvedAt };
}
