import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/catalog/catalog-problem.ts';
import { compileCatalog, runtimeFromCompiled } from '../../src/catalog/compiled-catalog.ts';
import { lintPlainLanguage } from '../../src/catalog/lint-plain-language.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';

const CONFIG = {
  path: 'cat/clarion.config.yaml',
  text: `audiences:
  techies: { template: techies, channel: "#t" }
  product-leads: { template: product-leads, channel: "#pl" }
`,
};

const ENTRIES = `entries:
  - id: web.app-down
    title: The website is down
    match: { family: cloudwatch-alarm, name: web-down }
    severity: critical
    impact: { level: outage, summary: Nobody can use the site. }
    audiences: [techies, product-leads]
    group: website
`;

/** One window in YAML, each key on its own line (so positions are easy to tell), fields overridable. */
function windowYaml(overrides: Record<string, string | undefined> = {}): string {
  const fields: Record<string, string | undefined> = {
    id: 'web.saturday',
    title: 'the website',
    affects: '{ groups: [website] }',
    schedule: '{ days: [sat], at: "09:00" }',
    duration: '2h',
    tell: '[product-leads]',
    ...overrides,
  };
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value], i) => `${i === 0 ? '  - ' : '    '}${key}: ${value}`)
    .join('\n');
}

function load(...maintenance: string[]) {
  return loadCatalog({
    config: CONFIG,
    entryFiles: [
      { path: 'cat/web.yaml', text: ENTRIES },
      { path: 'cat/maintenance.yaml', text: `maintenance:\n${maintenance.join('\n')}\n` },
    ],
  });
}

function errors(result: ReturnType<typeof load>): string[] {
  return result.problems.filter((p) => p.severity === 'error').map(formatProblem);
}

describe('Catalog: maintenance windows', () => {
  it('loads a recurring window from a file with no entries, with its defaults', () => {
    // Act
    const result = load(windowYaml());

    // Assess
    expect(errors(result)).toEqual([]);
    expect(result.maintenance[0]?.window).toMatchObject({ id: 'web.saturday', noticeBefore: '1d', affects: { entries: [], groups: ['website'] } });
  });

  it('keeps the windows in the compiled catalog the functions load', () => {
    // Prepare
    const result = load(windowYaml());

    // Act
    const runtime = runtimeFromCompiled(JSON.parse(JSON.stringify(compileCatalog(result))));

    // Assess
    expect(runtime.maintenance?.map((w) => w.id)).toEqual(['web.saturday']);
  });

  it('reports an unknown entry at its place in affects', () => {
    // Act
    const result = load(windowYaml({ affects: '{ entries: [web.nope] }' }));

    // Assess
    expect(errors(result)).toEqual(['cat/maintenance.yaml:4:26: maintenance[0].affects.entries[0]: unknown catalog entry "web.nope"']);
  });

  it('reports an unknown group with the groups there are', () => {
    // Act
    const result = load(windowYaml({ affects: '{ groups: [shop] }' }));

    // Assess
    expect(errors(result)).toEqual(['cat/maintenance.yaml:4:25: maintenance[0].affects.groups[0]: unknown group "shop"; groups in the catalog: website']);
  });

  it('reports an unknown audience to tell', () => {
    // Act
    const result = load(windowYaml({ tell: '[product-leads, board]' }));

    // Assess
    expect(errors(result)).toEqual(['cat/maintenance.yaml:7:27: maintenance[0].tell[1]: unknown audience "board"; configured: techies, product-leads']);
  });

  it('reports a one-off window that ends before it starts', () => {
    // Act
    const result = load(windowYaml({ schedule: undefined, duration: undefined, starts: '2026-12-05T11:00', ends: '2026-12-05T09:00' }));

    // Assess
    expect(errors(result)).toEqual(['cat/maintenance.yaml:7:11: maintenance[0].ends: must be later than starts (2026-12-05T11:00)']);
  });

  it('reports a window that is both one-off and recurring', () => {
    // Act
    const result = load(windowYaml({ starts: '2026-12-05T09:00', ends: '2026-12-05T11:00' }));

    // Assess
    expect(errors(result)).toEqual(['cat/maintenance.yaml:5:15: maintenance[0].schedule: is either one-off (starts and ends) or recurring (schedule and duration), not both']);
  });

  it('reports a recurring window that would overlap its next time', () => {
    // Act
    const result = load(windowYaml({ schedule: '{ days: [sat, sun], at: "22:00" }', duration: '25h' }));

    // Assess
    expect(errors(result)).toEqual(['cat/maintenance.yaml:6:15: maintenance[0].duration: is longer than the time between two starts of the schedule (1d): one time would overlap the next']);
  });

  it('reports a badly written start time with the form it takes', () => {
    // Act
    const result = load(windowYaml({ schedule: undefined, duration: undefined, starts: 'Saturday 9am', ends: '2026-12-05T11:00' }));

    // Assess
    expect(errors(result)).toEqual([
      'cat/maintenance.yaml:6:13: maintenance[0].starts: must be a date and time such as 2026-12-05T09:00 (in the stage time zone) or 2026-12-05T09:00+01:00',
    ]);
  });

  it('reports a duplicate window id at the later one, pointing at the first', () => {
    // Act
    const result = load(windowYaml(), windowYaml());

    // Assess
    expect(errors(result)).toEqual(['cat/maintenance.yaml:8:9: maintenance[1].id: duplicate maintenance window id "web.saturday", first defined at cat/maintenance.yaml:2:9']);
  });

  it('warns of jargon in the message people read, like comms', () => {
    // Prepare
    const result = load(windowYaml({ message: 'The API will be down.' }));

    // Act
    const warnings = lintPlainLanguage(result.checked, result.config, result.maintenance).map(formatProblem);

    // Assess
    expect(warnings.some((w) => w.startsWith('cat/maintenance.yaml:8:14: warning: maintenance[0].message: jargon'))).toBe(true);
  });
});
