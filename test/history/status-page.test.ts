import { describe, expect, it } from 'vitest';
import { buildCatalogIndex } from '../../src/catalog/catalog-index.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import type { HistoryItem, IncidentHistory } from '../../src/core/history.ts';
import { statusModel, STATUS_DAYS } from '../../src/history/status-model.ts';
import { renderStatusPage } from '../../src/history/status-page.ts';

const CONFIG = `
timeZone: Europe/London
serviceName: the Trainee Portal
audiences:
  techies: { template: techies, channel: "#t" }
  product-leads: { template: product-leads, channel: "#p" }
  local-office: { template: local-office, channel: "#l" }
services:
  - id: portal
    name: Trainee Portal
    description: Where trainees see their placements.
    groups: [web]
  - id: data
    name: Placement data
`;

const ENTRIES = `
entries:
  - id: web.down
    title: The Trainee Portal is down
    titleWhenFixed: The Trainee Portal was down
    match: { family: cloudwatch-alarm, name: web-down }
    severity: critical
    impact: { level: outage, summary: Nobody can use the portal., summaryWhenFixed: Nobody could use the portal., who: All trainees }
    audiences: [techies, product-leads, local-office]
    comms:
      local-office:
        firing: The portal is not working. Please try again later.
    group: web
    nextUpdate: 30m
  - id: web.slow
    title: "Pages of the <b>portal</b> are slow for {{alarm.name}}"
    match: { family: cloudwatch-alarm, name: web-slow }
    severity: high
    impact: { level: major, summary: "Pages take {{metric.value}} seconds to load." }
    audiences: [techies, product-leads]
    group: web
  - id: data.stale
    title: Placement details are out of date
    match: { family: cloudwatch-alarm, name: data-stale }
    severity: medium
    impact: { level: minor, summary: The portal shows old placement details. }
    audiences: [techies, local-office]
    service: data
  - id: web.backup
    title: The backup failed
    match: { family: cloudwatch-alarm, name: web-backup }
    severity: low
    impact: { level: none, summary: Nothing users see. }
    audiences: [techies]
    group: web
maintenance:
  - id: web.upgrade
    title: the Trainee Portal
    affects: { groups: [web] }
    starts: "2026-12-05T09:00"
    ends: "2026-12-05T11:00"
    tell: [product-leads]
    message: Please save your work before 09:00.
`;

function runtime(): CatalogRuntime {
  const loaded = loadCatalog({ config: { path: 'clarion.config.yaml', text: CONFIG }, entryFiles: [{ path: 'entries.yaml', text: ENTRIES }] });
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return { index: buildCatalogIndex(loaded.entries.map((e) => e.entry)), config: loaded.config, maintenance: loaded.maintenance.map((m) => m.window) };
}

const NOW = new Date('2026-12-02T10:30:00Z');
const HOSTILE = '<script>alert(1)</script> arn:aws:elasticloadbalancing:eu-west-2:111122223333:targetgroup/web';

function incident(overrides: Partial<IncidentHistory> & Pick<IncidentHistory, 'catalogId'>): IncidentHistory {
  return {
    kind: 'incident',
    scope: 'impact',
    alertKey: `impact:entry:${overrides.catalogId}`,
    severity: 'critical',
    title: HOSTILE,
    status: 'open',
    openedAt: '2026-12-02T10:02:00.000Z',
    lastSeen: '2026-12-02T10:05:00.000Z',
    occurrences: 3,
    reopenings: 0,
    recordVersion: 4,
    expiresAt: 0,
    ...overrides,
  };
}

function model(items: HistoryItem[], now = NOW) {
  return statusModel({ runtime: runtime(), items, now });
}

const service = (m: ReturnType<typeof model>, id: string) => m.services.find((s) => s.id === id)!;

describe('Status page: the model', () => {
  it('says a service is not working while an outage-level impact is open', () => {
    // Prepare
    const items = [incident({ catalogId: 'web.down' })];

    // Act
    const portal = service(model(items), 'portal');

    // Assess
    expect([portal.state, portal.stateText]).toEqual(['down', 'Not working']);
  });

  it('says some users are affected while a lesser impact is open', () => {
    // Prepare
    const items = [incident({ catalogId: 'data.stale' })];

    // Act
    const data = service(model(items), 'data');

    // Assess
    expect([data.state, data.stateText]).toEqual(['degraded', 'Some users affected']);
  });

  it('says planned work while a maintenance window affecting the service is on and nothing is open', () => {
    // Prepare
    const during = new Date('2026-12-05T10:00:00Z');

    // Act
    const m = model([], during);

    // Assess
    expect([service(m, 'portal').state, service(m, 'data').state]).toEqual(['planned-work', 'working']);
  });

  it('lists planned work ahead in the next 14 days with the services it affects', () => {
    // Act
    const m = model([]);

    // Assess
    expect(m.plannedWork).toEqual([
      { id: 'web.upgrade@2026-12-05T09:00:00.000Z', title: 'Planned work on the Trainee Portal', message: 'Please save your work before 09:00.', startsAt: '2026-12-05T09:00:00.000Z', endsAt: '2026-12-05T11:00:00.000Z', services: ['portal'], now: false },
    ]);
  });

  it('ignores alarm-scope incidents: engineers hear of alarms, the page only of what non-technical readers were told', () => {
    // Prepare
    const items = [incident({ catalogId: 'web.down', scope: 'alarm', alertKey: 'web.down:web-down' })];

    // Act
    const m = model(items);

    // Assess
    expect([m.overall.state, service(m, 'portal').problems]).toEqual(['working', []]);
  });

  it('leaves out entries no non-technical audience hears of, and entries no longer in the catalog', () => {
    // Prepare
    const items = [incident({ catalogId: 'web.backup' }), incident({ catalogId: 'web.removed' })];

    // Act
    const m = model(items);

    // Assess
    expect(m.services.flatMap((s) => s.problems)).toEqual([]);
  });

  it('shows an open problem in the catalog words for non-technical readers, with the next update from nextUpdate', () => {
    // Prepare
    const items = [incident({ catalogId: 'web.down', acknowledgedAt: '2026-12-02T10:10:00.000Z' })];

    // Act
    const [problem] = service(model(items), 'portal').problems;

    // Assess
    expect(problem).toMatchObject({
      status: 'open',
      title: 'The Trainee Portal is down',
      summary: 'Nobody can use the portal.',
      who: 'All trainees',
      message: 'The portal is not working. Please try again later.',
      startedAt: '2026-12-02T10:02:00.000Z',
      acknowledged: true,
      nextUpdateBy: '2026-12-02T10:40:00.000Z',
    });
  });

  it('drops catalog sentences with placeholders rather than filling them from events', () => {
    // Prepare
    const items = [incident({ catalogId: 'web.slow' })];

    // Act
    const [problem] = service(model(items), 'portal').problems;

    // Assess
    expect([problem!.title, problem!.summary]).toEqual(['A problem with the Trainee Portal', 'Some people cannot do what they need to.']);
  });

  it('lists a problem fixed but not yet confirmed as being checked, without a next update', () => {
    // Prepare
    const items = [incident({ catalogId: 'web.down', status: 'resolved', resolvedAt: '2026-12-02T10:25:00.000Z' })];

    // Act
    const portal = service(model(items), 'portal');

    // Assess
    expect([portal.state, portal.problems[0]!.status, portal.problems[0]!.nextUpdateBy]).toEqual(['working', 'checking', undefined]);
  });

  it('lists a confirmed fix among past problems in the past tense', () => {
    // Prepare
    const items = [incident({ catalogId: 'web.down', status: 'resolved', openedAt: '2026-11-20T08:00:00.000Z', resolvedAt: '2026-11-20T09:00:00.000Z', fixConfirmedAt: '2026-11-20T09:10:00.000Z' })];

    // Act
    const portal = service(model(items), 'portal');

    // Assess
    expect(portal.past).toEqual([{ id: expect.any(String), level: 'outage', title: 'The Trainee Portal was down', summary: 'Nobody could use the portal.', startedAt: '2026-11-20T08:00:00.000Z', fixedAt: '2026-11-20T09:00:00.000Z' }]);
  });

  it('draws 90 days ending today in the stage time zone, with the worst level of each day in words', () => {
    // Prepare
    const items = [
      incident({ catalogId: 'web.down', status: 'resolved', openedAt: '2026-11-20T08:00:00.000Z', resolvedAt: '2026-11-20T09:00:00.000Z', fixConfirmedAt: '2026-11-20T09:10:00.000Z' }),
      incident({ catalogId: 'web.slow', status: 'resolved', openedAt: '2026-11-20T07:00:00.000Z', resolvedAt: '2026-11-20T07:30:00.000Z', fixConfirmedAt: '2026-11-20T07:40:00.000Z' }),
    ];

    // Act
    const { days } = service(model(items), 'portal');

    // Assess
    expect([days.length, days.at(-1)!.date, days.find((d) => d.date === '2026-11-20')]).toEqual([STATUS_DAYS, '2026-12-02', { date: '2026-11-20', level: 'outage', text: 'Not working' }]);
  });
});

describe('Status page: the files', () => {
  const hostileItems = (): HistoryItem[] => [
    incident({ catalogId: 'web.down', alertKey: `impact:group:${HOSTILE}`, group: HOSTILE }),
    incident({ catalogId: 'web.slow', alertKey: HOSTILE, openedAt: '2026-11-20T08:00:00.000Z', status: 'resolved', resolvedAt: '2026-11-20T09:00:00.000Z', fixConfirmedAt: '2026-11-20T09:10:00.000Z' }),
    incident({ catalogId: null, scope: 'alarm', alertKey: `uncatalogued:${HOSTILE}`, source: { family: 'cloudwatch-alarm', name: HOSTILE } }),
  ];

  it('never shows alarm names, ARNs, accounts or event text, even from hostile history', () => {
    // Prepare
    const files = renderStatusPage(model(hostileItems()), '/status/');

    // Act
    const texts = [files.html, files.json, files.feed];

    // Assess
    expect(texts.filter((text) => /<script|&lt;script|arn:aws|111122223333|elasticloadbalancing|targetgroup|alarm\.name|metric\.value/.test(text))).toEqual([]);
  });

  it('escapes catalog text in the HTML', () => {
    // Prepare
    const m = model([]);
    m.services[0]!.name = 'Portal <b>&</b> "co"';

    // Act
    const { html } = renderStatusPage(m, '/status/');

    // Assess
    expect(html).toContain('Portal &lt;b&gt;&amp;&lt;/b&gt; &quot;co&quot;');
  });

  it('gives the JSON the documented shape', () => {
    // Prepare
    const files = renderStatusPage(model([incident({ catalogId: 'web.down' })]), '/status/');

    // Act
    const json = JSON.parse(files.json) as Record<string, unknown>;

    // Assess
    expect(Object.keys(json)).toEqual(['version', 'generatedAt', 'timeZone', 'title', 'overall', 'services', 'plannedWork']);
  });

  it('puts each change readers were told of in the Atom feed under a stable id', () => {
    // Prepare
    const items = [incident({ catalogId: 'web.down', status: 'resolved', openedAt: '2026-11-20T08:00:00.000Z', resolvedAt: '2026-11-20T09:00:00.000Z', fixConfirmedAt: '2026-11-20T09:10:00.000Z' })];

    // Act
    const first = renderStatusPage(model(items), '/status/').feed;
    const later = renderStatusPage(model(items, new Date('2026-12-02T11:00:00Z')), '/status/').feed;

    // Assess
    expect([first === later, [...first.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1])]).toEqual([
      true,
      ['Trainee Portal status', 'Trainee Portal: The Trainee Portal was down', 'Trainee Portal: a problem started'],
    ]);
  });
});
