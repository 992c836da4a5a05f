// The catalog's `slo:` entries: the match the loader generates for them, and every check of their maths, reported with file:line:col.
import { describe, expect, it } from 'vitest';
import { matchSignal } from '../../src/catalog/catalog-index.ts';
import { buildCatalogIndex } from '../../src/catalog/catalog-index.ts';
import { formatProblem } from '../../src/catalog/catalog-problem.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import type { Signal } from '../../src/core/signal.ts';

const CONFIG = { path: 'cat/clarion.config.yaml', text: 'audiences:\n  techies: { template: techies, channel: "#t" }\n' };

const LATENCY = ['      latency: { namespace: AWS/ApplicationELB, metric: TargetResponseTime }', '      threshold: 2s'];
const COUNTS = ['      good: { namespace: Portal, metric: FastRequests }', '      total: { namespace: Portal, metric: Requests }'];

/** One SLO entry as YAML; `slo` lines below `slo:`, `extra` lines at the entry's level. */
function sloEntry(options: { id?: string; objective?: string; window?: string; measure?: string[]; extra?: string[]; summary?: string } = {}): string {
  return [
    `  - id: ${options.id ?? 'portal.page-speed'}`,
    '    title: Portal pages are slow',
    '    slo:',
    `      objective: ${options.objective ?? '99'}`,
    `      window: ${options.window ?? '30d'}`,
    '      allowance: slow page loads',
    '      measure:',
    ...(options.measure ?? LATENCY).map((line) => `  ${line}`),
    '    severity: high',
    '    impact: { level: minor, summary: Pages are slow. }',
    '    audiences: [techies]',
    ...(options.summary ? [`    summary: "${options.summary}"`] : []),
    ...(options.extra ?? []),
  ].join('\n');
}

function load(...entries: string[]) {
  return loadCatalog({ config: CONFIG, entryFiles: [{ path: 'cat/slo.yaml', text: `entries:\n${entries.join('\n')}\n` }] });
}

function errorsOf(...entries: string[]): string[] {
  return load(...entries).problems.filter((p) => p.severity === 'error').map(formatProblem);
}

function alarm(name: string): Signal {
  return { family: 'cloudwatch-alarm', name, key: `cloudwatch-alarm:${name}`, state: 'firing', vars: {}, links: [], eventId: 'e1', time: '2026-11-22T10:00:00Z', title: name, noData: false } as unknown as Signal;
}

describe('Catalog: slo entries', () => {
  it('accepts an slo entry without a match and generates one that claims its two composite alarms', () => {
    // Act
    const loaded = load(sloEntry());

    // Assess
    expect([loaded.problems.map(formatProblem), loaded.entries[0]!.entry.match]).toEqual([
      [],
      { family: 'cloudwatch-alarm', glob: ['*-slo-portal-page-speed-fast', '*-slo-portal-page-speed-slow'] },
    ]);
  });

  it('claims the composites and never one of their children', () => {
    // Prepare
    const index = buildCatalogIndex(load(sloEntry()).entries.map((e) => e.entry));

    // Act
    const claimed = ['fast', 'slow', 'fast-1h', 'fast-5m', 'slow-6h', 'slow-30m'].map((tail) => matchSignal(index, alarm(`clarion-prod-slo-portal-page-speed-${tail}`))?.entry.id ?? null);

    // Assess
    expect(claimed).toEqual(['portal.page-speed', 'portal.page-speed', null, null, null, null]);
  });

  it('reads an objective written as a percentage with a sign', () => {
    // Act
    const loaded = load(sloEntry({ objective: '"99.5%"' }));

    // Assess
    expect(loaded.entries[0]!.entry.slo!.objective).toBe(99.5);
  });

  it('refuses an objective of 100%, which leaves no budget, at the objective', () => {
    // Act
    const errors = errorsOf(sloEntry({ objective: '100' }));

    // Assess
    expect(errors).toEqual(['cat/slo.yaml:5:18: entries[0].slo.objective: must be below 100%: an objective of 100% leaves no error budget, so any bad event would use it all up']);
  });

  it('refuses an objective of 0%', () => {
    // Act
    const errors = errorsOf(sloEntry({ objective: '0' }));

    // Assess
    expect(errors).toEqual(['cat/slo.yaml:5:18: entries[0].slo.objective: must be above 0%']);
  });

  it('refuses a window shorter than a day, which the 6-hour alarm window would swallow', () => {
    // Act
    const errors = errorsOf(sloEntry({ window: '12h' }));

    // Assess
    expect(errors).toEqual([expect.stringMatching(/^cat\/slo\.yaml:6:15: entries\[0\]\.slo\.window: must be at least 1d/)]);
  });

  it('refuses a window longer than 90 days', () => {
    // Act
    const errors = errorsOf(sloEntry({ window: '120d' }));

    // Assess
    expect(errors).toEqual([expect.stringMatching(/^cat\/slo\.yaml:6:15: entries\[0\]\.slo\.window: must be at most 90d/)]);
  });

  it('accepts a good/total pair of counters', () => {
    // Act
    const errors = errorsOf(sloEntry({ measure: COUNTS }));

    // Assess
    expect(errors).toEqual([]);
  });

  it('refuses a measure with both a pair and a latency threshold', () => {
    // Act
    const errors = errorsOf(sloEntry({ measure: [...COUNTS, ...LATENCY] }));

    // Assess
    expect(errors).toEqual(['cat/slo.yaml:9:9: entries[0].slo.measure: needs either good and total, or latency and threshold, not both']);
  });

  it('refuses a good count without its total', () => {
    // Act
    const errors = errorsOf(sloEntry({ measure: [COUNTS[0]!] }));

    // Assess
    expect(errors).toEqual(['cat/slo.yaml:9:9: entries[0].slo.measure: needs total beside good']);
  });

  it('refuses a latency threshold written without a unit', () => {
    // Act
    const errors = errorsOf(sloEntry({ measure: [LATENCY[0]!, '      threshold: 2'] }));

    // Assess
    expect(errors).toEqual(['cat/slo.yaml:10:20: entries[0].slo.measure.threshold: must be a time such as 2s, 1.5s or 500ms']);
  });

  it('refuses a match written beside slo, at the match', () => {
    // Act
    const errors = errorsOf(sloEntry({ extra: ['    match: { family: cloudwatch-alarm, name: my-latency-alarm }'] }));

    // Assess
    expect(errors).toEqual(['cat/slo.yaml:14:12: entries[0].match: must be left out when the entry has `slo`: Clarion generates the match that claims the SLO’s alarms']);
  });

  it('refuses an entry id too long for CloudWatch alarm names', () => {
    // Act
    const errors = errorsOf(sloEntry({ id: `portal.${'x'.repeat(180)}` }));

    // Assess
    expect(errors).toEqual([expect.stringMatching(/^cat\/slo\.yaml:2:9: entries\[0\]\.id: is too long for an SLO: its alarm names would reach 264 characters/)]);
  });

  it('lets an slo entry use the {{slo.*}} placeholders', () => {
    // Act
    const errors = errorsOf(sloEntry({ summary: 'Burning {{slo.burnRate}} too fast, {{slo.budgetLeft}} left, gone by {{slo.runsOutAt}}.' }));

    // Assess
    expect(errors).toEqual([]);
  });

  it('refuses the {{slo.*}} placeholders in an entry without slo', () => {
    // Prepare
    const plain = ['  - id: portal.errors', '    title: Errors', '    match: { family: cloudwatch-alarm, name: errors }', '    severity: high', '    impact: { level: minor, summary: Errors. }', '    audiences: [techies]', '    summary: "Burning {{slo.burnRate}}."'].join('\n');

    // Act
    const errors = errorsOf(plain);

    // Assess
    expect(errors).toEqual([expect.stringMatching(/^cat\/slo\.yaml:8:14: entries\[0\]\.summary: placeholder \{\{slo\.burnRate\}\} cannot be filled by any cloudwatch-alarm signal/)]);
  });
});
