/** @module State: one alert record summed up as the incident history keeps, and the store wrapper that writes it on every change. */
import { createHash } from 'node:crypto';
import type { AlertRecord } from '../core/alert-record.ts';
import { historyText } from '../core/history.ts';
import type { HistoryPort, IncidentHistory } from '../core/history.ts';
import { isImpactKey } from '../core/impact-key.ts';
import type { StatePort } from './state-port.ts';

/** An incident is one alert key from one opening: a re-fire within the flap window stays the same incident. */
export function incidentId(incident: Pick<IncidentHistory, 'alertKey' | 'openedAt'>): string {
  return `i#${incident.openedAt}#${createHash('sha256').update(incident.alertKey).digest('hex').slice(0, 20)}`;
}

/** The incident an alert record is, as history keeps it (null: nothing happened that anybody saw). */
export function incidentOf(record: AlertRecord, expiresAt: number): IncidentHistory | null {
  if (record.resolvedUnseen) return null;
  const { alert } = record;
  const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
  const impact = isImpactKey(record.alertKey);
  return {
    kind: 'incident',
    scope: impact ? 'impact' : 'alarm',
    alertKey: historyText(record.alertKey),
    // An impact's record keeps the entry that opened it; the entry speaking now (the worst open) is its alert's.
    catalogId: historyTextOrNull(impact ? (alert.catalogId ?? record.catalogId) : record.catalogId),
    ...optional('group', record.group === undefined ? undefined : historyText(record.group)),
    severity: alert.severity,
    title: historyText(alert.title),
    status: record.status,
    openedAt: record.openedAt,
    lastSeen: record.lastSeen,
    // The incident's first acknowledgement: a re-fire clears the record's, not the fact that someone answered.
    ...optional('acknowledgedAt', record.firstAcknowledged?.at ?? record.acknowledgedAt),
    ...optional('acknowledgedBy', historyTextOrNothing(record.firstAcknowledged?.by ?? record.acknowledgedBy)),
    ...optional('resolvedAt', record.status === 'resolved' ? record.resolvedAt : undefined),
    ...optional('resolvedBy', record.status === 'resolved' && record.resolvedBy !== undefined ? historyText(record.resolvedBy) : undefined),
    ...optional('fixConfirmedAt', record.fixConfirmedAt),
    occurrences: record.occurrences,
    reopenings: record.reopenings ?? 0,
    ...optional('reopenedAt', record.reopenedAt),
    ...(record.catalogId === null ? { source: { family: alert.signal.family.slice(0, 40), name: historyText(alert.signal.name) } } : {}),
    recordVersion: record.version,
    expiresAt,
  };
}

function historyTextOrNull(value: string | null): string | null {
  return value === null ? null : historyText(value);
}

function historyTextOrNothing(value: string | undefined): string | undefined {
  return value === undefined ? undefined : historyText(value);
}

export interface HistorySettings {
  history: HistoryPort;
  /** How long history is kept, in seconds (the configuration's `history.retention`), read at each write. */
  retentionSeconds: () => number;
  now: () => Date;
}

/**
 * The state store, with every alert record it writes also summed up in history. A record is
 * written only after the alert's own write succeeded; a failed history write fails the run, which
 * is retried, and the next write of the record (its next event, a press, a confirmation) writes it.
 */
export function withHistory(state: StatePort, settings: HistorySettings): StatePort {
  return {
    ...state,
    async putAlert(record, expectedVersion) {
      const written = await state.putAlert(record, expectedVersion);
      if (!written) return false;
      const incident = incidentOf(record, Math.floor(settings.now().getTime() / 1000) + settings.retentionSeconds());
      if (incident) await settings.history.recordIncident(incident);
      return true;
    },
  };
}
