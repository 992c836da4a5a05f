import { describe, expect, it } from 'vitest';
import { buildCatalogIndex } from '../../src/catalog/catalog-index.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import { ClarionConfig } from '../../src/catalog/schema.ts';
import type { HistoryItem, HistoryNote, IncidentHistory } from '../../src/core/history.ts';
import { buildReport, nearestRank } from '../../src/history/report.ts';
import { renderReportText } from '../../src/history/report-text.ts';

const PERIOD = { since: new Date('2026-03-01T00:00:00.000Z'), until: new Date('2026-04-01T00:00:00.000Z') };

function runtime(config: Record<string, unknown> = {}): CatalogRuntime {
  return { index: buildCatalogIndex([]), config: ClarionConfig.parse({ audiences: { techies: { template: 'techies', channel: '#t' } }, ...config }) };
}

let serial = 0;
function incident(overrides: Partial<IncidentHistory> = {}): IncidentHistory {
  serial += 1;
  return {
    kind: 'incident',
    scope: 'alarm',
    alertKey: `alarm-${serial}`,
    catalogId: 'portal.app-down',
    severity: 'high',
    title: 'Portal down',
    status: 'resolved',
    openedAt: '2026-03-10T10:00:00.000Z',
    lastSeen: '2026-03-10T10:05:00.000Z',
    resolvedAt: '2026-03-10T10:30:00.000Z',
    occurrences: 1,
    reopenings: 0,
    recordVersion: 1,
    expiresAt: 0,
    ...overrides,
  };
}

const at = (minutesAfter: number, from = '2026-03-10T10:00:00.000Z') => new Date(Date.parse(from) + minutesAfter * 60_000).toISOString();

function report(items: HistoryItem[], config: Record<string, unknown> = {}) {
  return buildReport({ items, period: PERIOD, runtime: runtime(config) });
}

describe('Report maths', () => {
  it('takes nearest-rank percentiles: the value at rank ⌈p·n⌉, the lower middle for an even median', () => {
    // Prepare
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // Assess
    expect(nearestRank(values, 50)).toBe(5);
    expect(nearestRank(values, 90)).toBe(9);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
  });

  it('reports median and p90 times to acknowledge and resolve per entry', () => {
    // Prepare
    const items = Array.from({ length: 10 }, (_, i) => incident({ openedAt: at(0), acknowledgedAt: at(i + 1), resolvedAt: at(10 * (i + 1)) }));
    // Act
    const [row] = report(items).entries;
    // Assess
    expect(row?.timeToAcknowledge).toEqual({ count: 10, median: 300, p90: 540 });
    expect(row?.timeToResolve).toEqual({ count: 10, median: 3000, p90: 5400 });
  });

  it('counts out-of-hours openings against configured office hours in the configuration’s time zone', () => {
    // Prepare: 08:30 UTC is 09:30 in Paris (in hours), 16:45 UTC is 17:45 there (out of hours).
    const config = { timeZone: 'Europe/Paris', officeHours: { start: '09:00', end: '17:00' } };
    const items = [incident({ openedAt: '2026-03-10T08:30:00.000Z' }), incident({ openedAt: '2026-03-10T16:45:00.000Z' })];
    // Act
    const result = report(items, config);
    // Assess
    expect(result.overall.outOfHours).toBe(1);
    expect(result.officeHours.assumed).toBe(false);
  });

  it('follows summer time when counting out of hours', () => {
    // Prepare: London moves to BST on 29 March 2026; 08:30 UTC is 08:30 local before (out) and 09:30 local after (in).
    const items = [incident({ openedAt: '2026-03-27T08:30:00.000Z' }), incident({ openedAt: '2026-03-30T08:30:00.000Z' })];
    // Act
    const result = report(items, { timeZone: 'Europe/London' });
    // Assess
    expect(result.overall.outOfHours).toBe(1);
  });

  it('assumes Mon–Fri 09:00–17:30 when no office hours are configured, and says so', () => {
    // Prepare: a Saturday noon and a Tuesday 17:29 London time.
    const items = [incident({ openedAt: '2026-03-14T12:00:00.000Z' }), incident({ openedAt: '2026-03-10T17:29:00.000Z' })];
    // Act
    const result = report(items);
    // Assess
    expect(result.overall.outOfHours).toBe(1);
    expect(result.officeHours).toEqual({ description: 'Mon–Fri 09:00–17:30 Europe/London', assumed: true });
    expect(renderReportText(result)).toContain('no office hours configured: assumed');
  });

  it('calls an entry flapping when it opened three incidents on one local day', () => {
    // Prepare
    const items = [incident({ openedAt: at(0) }), incident({ openedAt: at(60) }), incident({ openedAt: at(120) }), incident({ catalogId: 'db.slow', openedAt: at(0) }), incident({ catalogId: 'db.slow', openedAt: at(60) })];
    // Act
    const { entries } = report(items);
    // Assess
    expect(entries.map((e) => [e.catalogId, e.flapping, e.flapDays])).toEqual([
      ['portal.app-down', true, 1],
      ['db.slow', false, 0],
    ]);
  });

  it('calls an entry flapping when an incident re-fired, and counts the re-fires', () => {
    // Act
    const [row] = report([incident({ reopenings: 2 })]).entries;
    // Assess
    expect([row?.flapping, row?.reFires]).toEqual([true, 2]);
  });

  it('ranks the noisiest alerts by incidents, then events per incident', () => {
    // Prepare
    const items = [incident({ catalogId: 'a.quiet', occurrences: 1 }), incident({ catalogId: 'b.chatty', occurrences: 40 }), incident({ catalogId: 'c.busy' }), incident({ catalogId: 'c.busy' })];
    // Act
    const { noisiest } = report(items);
    // Assess
    expect(noisiest.map((n) => [n.catalogId, n.eventsPerIncident])).toEqual([
      ['c.busy', 1],
      ['b.chatty', 40],
      ['a.quiet', 1],
    ]);
  });

  it('lists the alerts nobody acknowledged', () => {
    // Prepare
    const items = [incident({ alertKey: 'k1', acknowledgedAt: at(1) }), incident({ alertKey: 'k2' }), incident({ alertKey: 'k2', openedAt: at(100) })];
    // Act
    const { unacknowledged } = report(items);
    // Assess
    expect(unacknowledged.incidents).toBe(2);
    expect(unacknowledged.alerts.map((a) => [a.alertKey, a.incidents])).toEqual([['k2', 2]]);
  });

  it('suggests the entry to write for an uncatalogued alarm', () => {
    // Prepare
    const items = [incident({ catalogId: null, source: { family: 'cloudwatch-alarm', name: 'Orders API 5XX > 1%' } })];
    // Act
    const { uncatalogued } = report(items);
    // Assess
    expect(uncatalogued).toEqual([
      expect.objectContaining({ incidents: 1, suggestedEntry: { id: 'my-team.orders-api-5xx-1', match: { family: 'cloudwatch-alarm', name: 'Orders API 5XX > 1%' } } }),
    ]);
  });

  it('sums escalations by action, silences and maintenance from the notes', () => {
    // Prepare
    const note = (n: Record<string, unknown>) => ({ kind: 'note', at: at(0), expiresAt: 0, ...n }) as HistoryNote;
    const items = [
      note({ type: 'escalation', id: 'e1', alertKey: 'k', catalogId: null, incident: at(0), step: 0, action: 'remind' }),
      note({ type: 'escalation', id: 'e2', alertKey: 'k', catalogId: null, incident: at(0), step: 1, action: 'page' }),
      note({ type: 'silence', id: 's1', silenceId: 's1', match: 'x', reason: 'deploy', startsAt: at(0), endsAt: at(90), held: 4 }),
      note({ type: 'maintenance', id: 'm1', windowId: 'w', startsAt: at(0), endsAt: at(60), held: 3 }),
    ];
    // Act
    const result = report(items);
    // Assess
    expect(result.escalations).toEqual({ total: 2, byAction: { remind: 1, mention: 0, channel: 0, page: 1 } });
    expect(result.silences).toEqual({ count: 1, totalSeconds: 5400, held: 4 });
    expect(result.maintenance).toEqual({ occurrences: 1, held: 3 });
  });

  it('reports a period with no incidents as zeros, with no percentiles', () => {
    // Act
    const result = report([]);
    // Assess
    expect(result.overall).toMatchObject({ incidents: 0, timeToAcknowledge: { count: 0, median: null, p90: null } });
    expect(result.entries).toEqual([]);
    expect(renderReportText(result)).toContain('No incidents in this period.');
  });

  it('counts two problems at the same time once in how long users were affected', () => {
    // Prepare
    const items = [
      incident({ scope: 'impact', alertKey: 'impact:group:a', openedAt: at(0), resolvedAt: at(30) }),
      incident({ scope: 'impact', alertKey: 'impact:group:b', openedAt: at(10), resolvedAt: at(40) }),
    ];
    // Act
    const { impacts } = report(items);
    // Assess
    expect([impacts.affectedSeconds, impacts.byEntry[0]?.affectedSeconds]).toEqual([40 * 60, 60 * 60]);
  });

  it('sums how long users were affected from the impacts, counting open ones to the end of the period', () => {
    // Prepare
    const items = [incident({ scope: 'impact', openedAt: at(0), resolvedAt: at(30) }), incident({ scope: 'impact', status: 'open', openedAt: '2026-03-31T23:00:00.000Z' })];
    // Act
    const { impacts, overall } = report(items);
    // Assess
    expect(impacts).toEqual({ incidents: 2, fixed: 1, open: 1, affectedSeconds: 1800 + 3600, byEntry: [{ catalogId: 'portal.app-down', incidents: 2, fixed: 1, affectedSeconds: 5400 }] });
    expect(overall.incidents).toBe(0);
  });

  it('takes control characters out of event text in the terminal rendering', () => {
    // Prepare
    const items = [incident({ catalogId: null, title: 'evil\u001b[2Jtitle', source: { family: 'generic', name: 'evil\u001b[2Jname' } })];
    // Act
    const text = renderReportText(report(items));
    // Assess
    expect(text).not.toContain('\u001b');
    expect(text).toContain('evil?[2Jname');
  });

  it('reports 100,000 incidents with one row per entry', () => {
    // Prepare
    const start = Date.parse(PERIOD.since.toISOString());
    const items = Array.from({ length: 100_000 }, (_, i) =>
      incident({ catalogId: `team.entry-${i % 200}`, alertKey: `k${i % 5000}`, openedAt: new Date(start + i * 26_000).toISOString(), acknowledgedAt: new Date(start + i * 26_000 + 60_000).toISOString() }),
    );
    // Act
    const result = report(items);
    // Assess
    expect(result.overall.incidents).toBe(100_000);
    expect(result.entries).toHaveLength(200);
  });
});
