import { describe, expect, it } from 'vitest';
import type { HistoryNote, IncidentHistory } from '../../src/core/history.ts';
import { historyMetrics } from '../../src/history/history-metrics.ts';
import type { OfficeHoursPolicy } from '../../src/pipeline/office-hours.ts';

/** Mon–Fri 09:00–17:30 in London. */
const OFFICE: OfficeHoursPolicy = { hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:30', closed: [] }, timeZone: 'Europe/London' };

function incident(overrides: Partial<IncidentHistory> = {}): IncidentHistory {
  return {
    kind: 'incident',
    scope: 'alarm',
    alertKey: 'portal.app-down|web',
    catalogId: 'portal.app-down',
    severity: 'critical',
    title: 'web is down',
    status: 'open',
    // Tuesday 24 November 2026, 10:00 in London.
    openedAt: '2026-11-24T10:00:00.000Z',
    lastSeen: '2026-11-24T10:00:00.000Z',
    occurrences: 1,
    reopenings: 0,
    recordVersion: 1,
    expiresAt: 0,
    ...overrides,
  };
}

const names = (metrics: ReturnType<typeof historyMetrics>) => metrics.map((m) => m.name);

describe('Metrics of a history change', () => {
  it('counts an opened incident by severity', () => {
    // Act
    const metrics = historyMetrics({ new: incident({ severity: 'high' }) }, OFFICE);
    // Assess
    expect(metrics).toEqual([{ name: 'IncidentsOpened', unit: 'Count', value: 1, dimensions: { severity: 'high' } }]);
  });

  it('counts an incident opened outside the stage\'s office hours', () => {
    // Act: Saturday morning.
    const metrics = historyMetrics({ new: incident({ openedAt: '2026-11-28T08:00:00.000Z' }) }, OFFICE);
    // Assess
    expect(names(metrics)).toEqual(['IncidentsOpened', 'IncidentsOpenedOutOfHours']);
  });

  it('counts nothing out of hours for a stage without office hours', () => {
    // Act
    const metrics = historyMetrics({ new: incident({ openedAt: '2026-11-28T08:00:00.000Z' }) });
    // Assess
    expect(names(metrics)).toEqual(['IncidentsOpened']);
  });

  it('emits nothing for a repeat, which only moves occurrences and last seen', () => {
    // Prepare
    const before = incident();
    // Act
    const metrics = historyMetrics({ old: before, new: { ...before, occurrences: 2, lastSeen: '2026-11-24T10:05:00.000Z', recordVersion: 2 } }, OFFICE);
    // Assess
    expect(metrics).toEqual([]);
  });

  it('gives the time to acknowledge in seconds when the incident is acknowledged', () => {
    // Prepare
    const before = incident();
    // Act
    const metrics = historyMetrics({ old: before, new: { ...before, acknowledgedAt: '2026-11-24T10:04:30.000Z', acknowledgedBy: 'U1' } });
    // Assess
    expect(metrics).toEqual([
      { name: 'IncidentsAcknowledged', unit: 'Count', value: 1 },
      { name: 'TimeToAcknowledge', unit: 'Seconds', value: 270 },
    ]);
  });

  it('gives the time to resolve in seconds when the incident resolves', () => {
    // Prepare
    const before = incident({ acknowledgedAt: '2026-11-24T10:01:00.000Z' });
    // Act
    const metrics = historyMetrics({ old: before, new: { ...before, status: 'resolved', resolvedAt: '2026-11-24T10:30:00.000Z' } });
    // Assess
    expect(metrics).toEqual([
      { name: 'IncidentsResolved', unit: 'Count', value: 1 },
      { name: 'TimeToResolve', unit: 'Seconds', value: 1800 },
    ]);
  });

  it('counts a re-fire, and times what follows it from the re-fire', () => {
    // Prepare
    const before = incident({ status: 'resolved', resolvedAt: '2026-11-24T10:10:00.000Z' });
    const refired = { ...before, status: 'open' as const, reopenings: 1, reopenedAt: '2026-11-24T10:12:00.000Z' };
    delete (refired as Partial<IncidentHistory>).resolvedAt;
    // Act
    const reopened = historyMetrics({ old: before, new: refired });
    const acknowledged = historyMetrics({ old: refired, new: { ...refired, acknowledgedAt: '2026-11-24T10:13:00.000Z' } });
    // Assess
    expect(reopened).toEqual([{ name: 'IncidentsReopened', unit: 'Count', value: 1 }]);
    expect(acknowledged.find((m) => m.name === 'TimeToAcknowledge')?.value).toBe(60);
  });

  it('leaves impacts out: they are the same incident seen by other readers', () => {
    // Act
    const metrics = historyMetrics({ new: incident({ scope: 'impact', alertKey: 'impact:group:portal' }) }, OFFICE);
    // Assess
    expect(metrics).toEqual([]);
  });

  it('emits nothing when an item expires', () => {
    // Act
    const metrics = historyMetrics({ old: incident() });
    // Assess
    expect(metrics).toEqual([]);
  });

  it('counts an escalation step by its action, once', () => {
    // Prepare
    const note: HistoryNote = { kind: 'note', type: 'escalation', id: 'e', at: '2026-11-24T10:05:00.000Z', expiresAt: 0, alertKey: 'k', catalogId: null, incident: '2026-11-24T10:00:00.000Z', step: 1, action: 'mention' };
    // Act
    const created = historyMetrics({ new: note });
    const retried = historyMetrics({ old: note, new: note });
    // Assess
    expect(created).toEqual([{ name: 'EscalationSteps', unit: 'Count', value: 1, dimensions: { action: 'mention' } }]);
    expect(retried).toEqual([]);
  });

  it('counts a silence when it starts, not when it is noted again at its end', () => {
    // Prepare
    const on: HistoryNote = { kind: 'note', type: 'silence', id: 's', at: '2026-11-24T10:05:00.000Z', expiresAt: 0, silenceId: 's', match: 'x', reason: 'deploy', startsAt: '2026-11-24T10:05:00.000Z', endsAt: '2026-11-24T11:05:00.000Z' };
    // Act
    const started = historyMetrics({ new: on });
    const ended = historyMetrics({ old: on, new: { ...on, held: 3 } });
    // Assess
    expect(names(started)).toEqual(['SilencesStarted']);
    expect(ended).toEqual([]);
  });

  it('counts clarity answers by yes or no', () => {
    // Prepare
    const note: HistoryNote = { kind: 'note', type: 'clarity', id: 'c', at: '2026-11-24T10:05:00.000Z', expiresAt: 0, catalogId: 'portal.app-down', state: 'firing', audience: 'local-office', answer: 'no' };
    // Act
    const metrics = historyMetrics({ new: note });
    // Assess
    expect(metrics).toEqual([{ name: 'ClarityAnswers', unit: 'Count', value: 1, dimensions: { answer: 'no' } }]);
  });
});
