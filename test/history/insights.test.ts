import { describe, expect, it } from 'vitest';
import type { HistoryItem, HistoryNote, IncidentHistory } from '../../src/core/history.ts';
import { insightsOf, NOISIEST_MAX, percentile } from '../../src/history/insights.ts';

const SINCE = new Date('2026-11-01T00:00:00.000Z');
const UNTIL = new Date('2026-11-04T00:00:00.000Z');
const TITLES: Record<string, string> = { 'portal.app-down': 'Trainee Portal is down', 'data.sync-failed': 'Nightly sync failed' };

function incident(openedAt: string, overrides: Partial<IncidentHistory> = {}): IncidentHistory {
  return {
    kind: 'incident',
    scope: 'alarm',
    alertKey: 'portal.app-down|web',
    catalogId: 'portal.app-down',
    severity: 'critical',
    title: 'web is down',
    status: 'resolved',
    openedAt,
    lastSeen: openedAt,
    occurrences: 1,
    reopenings: 0,
    recordVersion: 1,
    expiresAt: 0,
    ...overrides,
  };
}

const after = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

function insights(items: HistoryItem[], timeZone = 'UTC') {
  return insightsOf({ items, since: SINCE, until: UNTIL, timeZone, entryTitle: (id) => TITLES[id] });
}

describe('Insights of a period', () => {
  it('lists every day of the period, with nothing in it, when the period is empty', () => {
    // Act
    const result = insights([]);
    // Assess
    expect(result.incidentsPerDay.map((d) => [d.day, d.total])).toEqual([
      ['2026-11-01', 0],
      ['2026-11-02', 0],
      ['2026-11-03', 0],
    ]);
    expect(result.acknowledgePerDay.every((d) => d.medianMinutes === null && d.p90Minutes === null)).toBe(true);
    expect(result.noisiest).toEqual([]);
    expect(result.totals).toMatchObject({ incidents: 0, medianAcknowledgeMinutes: null });
  });

  it('counts incidents per day by severity', () => {
    // Prepare
    const items = [incident('2026-11-01T10:00:00.000Z'), incident('2026-11-01T11:00:00.000Z', { severity: 'low' }), incident('2026-11-03T09:00:00.000Z', { severity: 'low' })];
    // Act
    const { incidentsPerDay } = insights(items);
    // Assess
    expect(incidentsPerDay.map(({ day, critical, low, total }) => ({ day, critical, low, total }))).toEqual([
      { day: '2026-11-01', critical: 1, low: 1, total: 2 },
      { day: '2026-11-02', critical: 0, low: 0, total: 0 },
      { day: '2026-11-03', critical: 0, low: 1, total: 1 },
    ]);
  });

  it('files an incident under the day of the stage\'s time zone, not UTC\'s', () => {
    // Prepare: 23:30 UTC on 1 November is 08:30 on 2 November in Tokyo.
    const items = [incident('2026-11-01T23:30:00.000Z')];
    // Act
    const { incidentsPerDay } = insights(items, 'Asia/Tokyo');
    // Assess
    expect(incidentsPerDay.find((d) => d.total > 0)?.day).toBe('2026-11-02');
  });

  it('gives the median and 90th percentile of minutes to acknowledge per day', () => {
    // Prepare: 1, 2, 3, 4 and 10 minutes on one day (nearest rank: the median is 3, the 90th percentile 10).
    const opened = '2026-11-02T10:00:00.000Z';
    const items = [1, 2, 3, 4, 10].map((m, i) => incident(opened, { alertKey: `k${i}`, acknowledgedAt: after(opened, m) }));
    // Act
    const { acknowledgePerDay, totals } = insights(items);
    // Assess
    expect(acknowledgePerDay.find((d) => d.day === '2026-11-02')).toEqual({ day: '2026-11-02', acknowledged: 5, medianMinutes: 3, p90Minutes: 10 });
    expect(totals).toMatchObject({ acknowledged: 5, medianAcknowledgeMinutes: 3, p90AcknowledgeMinutes: 10 });
  });

  it('times an acknowledgement of a re-fire from the re-fire, not the first opening', () => {
    // Prepare
    const opened = '2026-11-02T10:00:00.000Z';
    const items = [incident(opened, { reopenedAt: after(opened, 60), acknowledgedAt: after(opened, 65), reopenings: 1 })];
    // Act
    const { totals } = insights(items);
    // Assess
    expect(totals.medianAcknowledgeMinutes).toBe(5);
  });

  it('counts resolved incidents nobody acknowledged', () => {
    // Prepare
    const items = [incident('2026-11-02T10:00:00.000Z'), incident('2026-11-02T11:00:00.000Z', { acknowledgedAt: '2026-11-02T11:03:00.000Z' }), incident('2026-11-02T12:00:00.000Z', { status: 'open' })];
    // Act
    const { totals } = insights(items);
    // Assess
    expect(totals).toMatchObject({ incidents: 3, resolved: 2, open: 1, acknowledged: 1, resolvedUnacknowledged: 1 });
  });

  it('leaves out impacts, which are the same incidents as non-technical readers saw them', () => {
    // Prepare
    const items = [incident('2026-11-02T10:00:00.000Z'), incident('2026-11-02T10:00:00.000Z', { scope: 'impact', alertKey: 'impact:group:portal' })];
    // Act
    const { totals, noisiest } = insights(items);
    // Assess
    expect(totals.incidents).toBe(1);
    expect(noisiest.map((n) => n.key)).toEqual(['portal.app-down']);
  });

  it('leaves out items outside the period', () => {
    // Prepare
    const items = [incident('2026-10-31T23:59:59.000Z'), incident('2026-11-04T00:00:00.000Z'), incident('2026-11-03T23:59:59.000Z')];
    // Act
    const { totals } = insights(items);
    // Assess
    expect(totals.incidents).toBe(1);
  });

  it('ranks the noisiest alerts by events, titled by their catalog entry', () => {
    // Prepare
    const items = [
      incident('2026-11-01T10:00:00.000Z', { occurrences: 3 }),
      incident('2026-11-02T10:00:00.000Z', { alertKey: 'portal.app-down|api', occurrences: 4 }),
      incident('2026-11-02T11:00:00.000Z', { alertKey: 'data.sync-failed|glue', catalogId: 'data.sync-failed', occurrences: 20 }),
    ];
    // Act
    const { noisiest } = insights(items);
    // Assess
    expect(noisiest).toEqual([
      { key: 'data.sync-failed', catalogId: 'data.sync-failed', title: 'Nightly sync failed', events: 20, incidents: 1 },
      { key: 'portal.app-down', catalogId: 'portal.app-down', title: 'Trainee Portal is down', events: 7, incidents: 2 },
    ]);
  });

  it('titles an uncatalogued alarm with its own (event) title, as it was given', () => {
    // Prepare
    const hostile = '<script>alert(1)</script> <!channel>';
    const items = [incident('2026-11-01T10:00:00.000Z', { alertKey: 'uncatalogued|x', catalogId: null, title: hostile })];
    // Act
    const { noisiest, totals } = insights(items);
    // Assess
    expect(noisiest).toEqual([{ key: 'uncatalogued|x', catalogId: null, title: hostile, events: 1, incidents: 1 }]);
    expect(totals.uncatalogued).toBe(1);
  });

  it('keeps the alert\'s title for an entry the catalog no longer has', () => {
    // Prepare
    const items = [incident('2026-11-01T10:00:00.000Z', { catalogId: 'gone.entry', title: 'what it said' })];
    // Act
    const { noisiest } = insights(items);
    // Assess
    expect(noisiest[0]?.title).toBe('what it said');
  });

  it('lists at most ten noisiest alerts', () => {
    // Prepare
    const items = Array.from({ length: 15 }, (_, i) => incident('2026-11-01T10:00:00.000Z', { alertKey: `k${i}`, catalogId: null, occurrences: i + 1 }));
    // Act
    const { noisiest } = insights(items);
    // Assess
    expect(noisiest).toHaveLength(NOISIEST_MAX);
    expect(noisiest[0]?.events).toBe(15);
  });

  it('counts escalations, silences, planned work and clarity answers from the notes', () => {
    // Prepare
    const base = { kind: 'note' as const, at: '2026-11-02T10:00:00.000Z', expiresAt: 0 };
    const notes: HistoryNote[] = [
      { ...base, id: 'e1', type: 'escalation', alertKey: 'k', catalogId: null, incident: base.at, step: 0, action: 'remind' },
      { ...base, id: 's1', type: 'silence', silenceId: 's', match: 'x', reason: 'r', startsAt: base.at, endsAt: base.at },
      { ...base, id: 'm1', type: 'maintenance', windowId: 'w', startsAt: base.at, endsAt: base.at, held: 2 },
      { ...base, id: 'c1', type: 'clarity', catalogId: 'portal.app-down', state: 'firing', audience: 'local-office', answer: 'no' },
      { ...base, id: 'c2', type: 'clarity', catalogId: 'portal.app-down', state: 'firing', audience: 'local-office', answer: 'yes' },
    ];
    // Act
    const { totals } = insights(notes);
    // Assess
    expect(totals).toMatchObject({ escalations: 1, silences: 1, maintenance: 1, clarity: { yes: 1, no: 1 } });
  });

  it('sums 100,000 incidents over a month', () => {
    // Prepare
    const since = new Date('2026-10-01T00:00:00.000Z');
    const items = Array.from({ length: 100_000 }, (_, i) => {
      const opened = new Date(since.getTime() + i * 26_000).toISOString();
      return incident(opened, { alertKey: `k${i % 50}`, catalogId: null, acknowledgedAt: after(opened, i % 10), severity: i % 2 ? 'high' : 'critical' });
    });
    // Act
    const result = insightsOf({ items, since, until: new Date('2026-11-01T00:00:00.000Z'), timeZone: 'Europe/London', entryTitle: () => undefined });
    // Assess
    expect(result.incidentsPerDay).toHaveLength(31);
    expect(result.incidentsPerDay.reduce((sum, d) => sum + d.total, 0)).toBe(100_000);
    expect(result.totals).toMatchObject({ incidents: 100_000, acknowledged: 100_000, medianAcknowledgeMinutes: 4, bySeverity: { critical: 50_000, high: 50_000 } });
  });
});

describe('Percentiles', () => {
  it('takes the nearest rank, as the report does: always one of the values', () => {
    // Assess
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([5], 0.9)).toBe(5);
    expect(percentile([], 0.5)).toBeNull();
  });
});
