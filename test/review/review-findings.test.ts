// Review findings for issue 13 (history, status page, report): each test states what should hold and fails today.
import { describe, expect, it } from 'vitest';
import { buildCatalogIndex } from '../../src/catalog/catalog-index.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { ClarionConfig } from '../../src/catalog/schema.ts';
import type { IncidentHistory } from '../../src/core/history.ts';
import { buildReport } from '../../src/history/report.ts';
import { buildStatusPage } from '../../src/history/status-page.ts';
import { createMemoryHistory } from '../../src/state/memory-history.ts';

const CONFIG = `
timeZone: Europe/London
serviceName: the Trainee Portal
audiences:
  techies: { template: techies, channel: "#t" }
  local-office: { template: local-office, channel: "#l" }
services:
  - id: portal
    name: Trainee Portal
    groups: [web]
`;

const ENTRIES = `
entries:
  - id: web.down
    title: The Trainee Portal is down
    match: { family: cloudwatch-alarm, name: web-down }
    severity: critical
    impact: { level: outage, summary: Nobody can use the portal. }
    audiences: [techies, local-office]
    group: web
`;

function statusRuntime(): CatalogRuntime {
  const loaded = loadCatalog({ config: { path: 'clarion.config.yaml', text: CONFIG }, entryFiles: [{ path: 'entries.yaml', text: ENTRIES }] });
  return { index: buildCatalogIndex(loaded.entries.map((e) => e.entry)), config: loaded.config, maintenance: loaded.maintenance.map((m) => m.window) };
}

function impact(overrides: Partial<IncidentHistory>): IncidentHistory {
  return {
    kind: 'incident',
    scope: 'impact',
    alertKey: 'impact:group:web',
    catalogId: 'web.down',
    severity: 'critical',
    title: 'Portal down',
    status: 'open',
    openedAt: '2026-08-01T10:00:00.000Z',
    lastSeen: '2026-12-02T10:00:00.000Z',
    occurrences: 500,
    reopenings: 0,
    recordVersion: 600,
    expiresAt: 0,
    ...overrides,
  };
}

describe('review: the status page and a long incident', () => {
  it('still shows a service as not working when its outage opened more than 90 days ago and is still open', async () => {
    // Prepare: the portal went down on 1 August and nobody has fixed it by 2 December (123 days).
    const history = createMemoryHistory();
    await history.recordIncident(impact({}));

    // Act
    const page = await buildStatusPage({ history, runtime: statusRuntime, now: () => new Date('2026-12-02T10:30:00Z') });

    // Assess
    expect(page.model.services[0]?.state).toBe('down');
  });
});

describe('review: the report and incidents resolved by hand', () => {
  it('does not count an incident an engineer resolved by hand as one nobody acknowledged', () => {
    // Prepare: an engineer pressed Resolve without pressing Acknowledge first (resolvedBy set, no acknowledgedAt).
    const runtime: CatalogRuntime = { index: buildCatalogIndex([]), config: ClarionConfig.parse({ audiences: { techies: { template: 'techies', channel: '#t' } } }) };
    const byHand: IncidentHistory = {
      ...impact({}),
      scope: 'alarm',
      alertKey: 'portal.app-down|web',
      catalogId: 'portal.app-down',
      status: 'resolved',
      openedAt: '2026-03-10T10:00:00.000Z',
      lastSeen: '2026-03-10T10:05:00.000Z',
      resolvedAt: '2026-03-10T10:06:00.000Z',
      resolvedBy: 'U0123ENG',
      occurrences: 1,
      recordVersion: 2,
    };

    // Act
    const report = buildReport({ items: [byHand], period: { since: new Date('2026-03-01T00:00:00Z'), until: new Date('2026-04-01T00:00:00Z') }, runtime });

    // Assess
    expect([report.overall.unacknowledged, report.unacknowledged.alerts.length]).toEqual([0, 0]);
  });
});
