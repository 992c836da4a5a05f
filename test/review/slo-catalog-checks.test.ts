// Review of the catalog's `slo` checks (issue 14): each mistake an author can make is told at its file:line:col, in words that say what to write.
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/catalog/catalog-problem.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';

const CONFIG = { path: 'cat/clarion.config.yaml', text: 'audiences:\n  techies: { template: techies, channel: "#t" }\n' };

function sloEntry(options: { id?: string; objective?: string; window?: string; threshold?: string } = {}): string {
  return [
    `  - id: ${options.id ?? 'labels.print-speed'}`,
    '    title: Labels print slowly',
    '    slo:',
    `      objective: ${options.objective ?? '96'}`,
    `      window: ${options.window ?? '30d'}`,
    '      allowance: slow label printing',
    '      measure:',
    '        latency: { namespace: Labels, metric: PrintTime }',
    `        threshold: ${options.threshold ?? '8s'}`,
    '    severity: high',
    '    impact: { level: minor, summary: Labels print slowly. }',
    '    audiences: [techies]',
  ].join('\n');
}

function errorsOf(...entries: string[]): string[] {
  return loadCatalog({ config: CONFIG, entryFiles: [{ path: 'cat/labels.yaml', text: `entries:\n${entries.join('\n')}\n` }] })
    .problems.filter((p) => p.severity === 'error')
    .map(formatProblem);
}

describe('SLO review: catalog checks', () => {
  it('tells an author who wrote a word for the objective to write a percentage', () => {
    // Act
    const errors = errorsOf(sloEntry({ objective: 'high' }));

    // Assess
    expect(errors).toEqual(['cat/labels.yaml:5:18: entries[0].slo.objective: must be a percentage such as 99, 99.5 or "99.5%"']);
  });

  it('refuses a one-day window, over which the slow alarm could fire only after the budget is gone', () => {
    // Act: 6× over 6 hours spends 36 hours of budget, 150% of a day's.
    const errors = errorsOf(sloEntry({ window: '1d' }));

    // Assess
    expect(errors).toEqual([expect.stringMatching(/^cat\/labels\.yaml:6:15: entries\[0\]\.slo\.window: must be longer than 36h: .*150%/)]);
  });

  it('accepts a two-day window, over which both alarms fire before the budget is gone', () => {
    // Act
    const errors = errorsOf(sloEntry({ window: '2d' }));

    // Assess
    expect(errors).toEqual([]);
  });

  it('refuses a latency threshold of zero, which no event can meet', () => {
    // Act
    const errors = errorsOf(sloEntry({ threshold: '0ms' }));

    // Assess
    expect(errors).toEqual(['cat/labels.yaml:10:20: entries[0].slo.measure.threshold: must be above zero: no event is ever that fast, so every one would count against the budget']);
  });

  it('refuses a second SLO entry whose id gives the same alarm names, at its id, rather than asking for a priority it may not have', () => {
    // Act: `labels.print.speed` and `labels.print-speed` both name their alarms `…-slo-labels-print-speed-…`.
    const errors = errorsOf(sloEntry(), sloEntry({ id: 'labels.print.speed' }));

    // Assess
    expect(errors).toEqual([
      'cat/labels.yaml:14:9: entries[1].id: gives the same alarm names as "labels.print-speed" (<app>-<stage>-slo-labels-print-speed-fast and the rest): the ids of two SLO entries must differ in more than "." and "-"',
    ]);
  });
});
