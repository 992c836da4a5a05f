/** @module History: the CloudWatch metrics one change of a history item stands for (its old and new image on the table's stream). */
import type { HistoryItem, IncidentHistory } from '../core/history.ts';
import { isWithinOfficeHours } from '../pipeline/office-hours.ts';
import type { OfficeHoursPolicy } from '../pipeline/office-hours.ts';

/** The `service` dimension Powertools puts on every metric of the function; the dashboard's queries name it. */
export const HISTORY_METRICS_SERVICE = 'history-metrics';

/** Metric names in the `Clarion` namespace; the dashboard (infra/insights.ts) draws these. */
export const HISTORY_METRICS = {
  opened: 'IncidentsOpened',
  openedOutOfHours: 'IncidentsOpenedOutOfHours',
  reopened: 'IncidentsReopened',
  acknowledged: 'IncidentsAcknowledged',
  timeToAcknowledge: 'TimeToAcknowledge',
  resolved: 'IncidentsResolved',
  timeToResolve: 'TimeToResolve',
  escalationStep: 'EscalationSteps',
  silence: 'SilencesStarted',
  clarity: 'ClarityAnswers',
} as const;

export type HistoryMetricName = (typeof HISTORY_METRICS)[keyof typeof HISTORY_METRICS];

export interface HistoryMetric {
  name: HistoryMetricName;
  /** Powertools' MetricUnit values. */
  unit: 'Count' | 'Seconds';
  value: number;
  /** Only where the values are few (severity, step action, answer): each dimension value is a metric CloudWatch bills. */
  dimensions?: Record<string, string>;
}

export interface HistoryChange {
  /** The item before the write; absent when it was created. */
  old?: HistoryItem;
  /** The item after the write; absent when it was removed (TTL expiry). */
  new?: HistoryItem;
}

const seconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** When the incident last started: a re-fire clears the acknowledgement and the resolution, so what follows answers it. */
const startOf = (incident: IncidentHistory) => incident.reopenedAt ?? incident.openedAt;

function incidentMetrics(before: IncidentHistory | undefined, after: IncidentHistory, officeHours: OfficeHoursPolicy | undefined): HistoryMetric[] {
  const out: HistoryMetric[] = [];
  if (!before) {
    out.push({ name: HISTORY_METRICS.opened, unit: 'Count', value: 1, dimensions: { severity: after.severity } });
    if (officeHours && !isWithinOfficeHours(new Date(after.openedAt), officeHours)) out.push({ name: HISTORY_METRICS.openedOutOfHours, unit: 'Count', value: 1 });
  }
  const reopened = after.reopenings - (before?.reopenings ?? 0);
  if (reopened > 0) out.push({ name: HISTORY_METRICS.reopened, unit: 'Count', value: reopened });
  if (after.acknowledgedAt && after.acknowledgedAt !== before?.acknowledgedAt) {
    out.push({ name: HISTORY_METRICS.acknowledged, unit: 'Count', value: 1 });
    out.push({ name: HISTORY_METRICS.timeToAcknowledge, unit: 'Seconds', value: seconds(startOf(after), after.acknowledgedAt) });
  }
  if (after.status === 'resolved' && after.resolvedAt && (before?.status !== 'resolved' || before.resolvedAt !== after.resolvedAt)) {
    out.push({ name: HISTORY_METRICS.resolved, unit: 'Count', value: 1 });
    out.push({ name: HISTORY_METRICS.timeToResolve, unit: 'Seconds', value: seconds(startOf(after), after.resolvedAt) });
  }
  return out;
}

/**
 * The metrics of one change. Only alarm-scope incidents count (an impact is the same incident as
 * other readers saw it); a repeat (only `occurrences`, `lastSeen` moved) emits nothing; a note
 * counts once, when it is created (a retry or a silence noted again at its end is not new).
 * Out of hours needs the stage's office hours: without them, nobody is ever away.
 */
export function historyMetrics(change: HistoryChange, officeHours?: OfficeHoursPolicy): HistoryMetric[] {
  const after = change.new;
  if (!after) return [];
  if (after.kind === 'incident') {
    if (after.scope !== 'alarm') return [];
    const before = change.old?.kind === 'incident' ? change.old : undefined;
    return incidentMetrics(before, after, officeHours);
  }
  if (change.old) return [];
  switch (after.type) {
    case 'escalation':
      return [{ name: HISTORY_METRICS.escalationStep, unit: 'Count', value: 1, dimensions: { action: after.action } }];
    case 'silence':
      return [{ name: HISTORY_METRICS.silence, unit: 'Count', value: 1 }];
    case 'clarity':
      return [{ name: HISTORY_METRICS.clarity, unit: 'Count', value: 1, dimensions: { answer: after.answer } }];
    default:
      return [];
  }
}
