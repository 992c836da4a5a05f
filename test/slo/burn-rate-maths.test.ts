// The SLO maths, pure: the alarms an entry produces, and the burn rates, budget left and run-out time computed from the sums read at alert time.
import { describe, expect, it } from 'vitest';
import { CatalogEntry } from '../../src/catalog/schema.ts';
import { burnRateAlarms } from '../../src/slo/burn-rate-alarms.ts';
import { budgetLeft, burnRate, figureWindows, sloFigures } from '../../src/slo/budget-figures.ts';
import { countQueries } from '../../src/slo/metric-queries.ts';

const NOW = new Date('2026-11-22T10:00:00Z');

function entry(slo: Record<string, unknown>): CatalogEntry {
  return CatalogEntry.parse({
    id: 'portal.page-speed',
    title: 'Portal pages are slow',
    match: { family: 'cloudwatch-alarm', glob: '*-slo-portal-page-speed-fast' },
    slo: { objective: 99, window: '30d', allowance: 'slow page loads', ...slo },
    severity: 'high',
    impact: { level: 'minor', summary: 'Slow.' },
    audiences: ['techies'],
  });
}

const COUNTS = { measure: { good: { namespace: 'Portal', metric: 'FastRequests', dimensions: { Service: 'web' } }, total: { namespace: 'Portal', metric: 'Requests', dimensions: { Service: 'web' } } } };

describe('SLO: burn-rate alarms', () => {
  it('sums a good/total pair and divides the bad share by the budget', () => {
    // Act
    const [fast] = burnRateAlarms(entry({ objective: 99.5, ...COUNTS }), 'clarion-prod-');

    // Assess
    expect([fast!.long.queries.map((q) => `${q.id}=${q.metricName}/${q.stat}/${q.period}`), fast!.long.expression]).toEqual([
      ['good=FastRequests/Sum/3600', 'total=Requests/Sum/3600'],
      'IF(total > 0, (total - good) / total / 0.005, 0)',
    ]);
  });

  it('alarms on a latency metric\'s percentile rank at the threshold, in the metric\'s own unit, as a share of 100', () => {
    // Act
    const [fast] = burnRateAlarms(entry({ measure: { latency: { namespace: 'Web', metric: 'Latency' }, threshold: '1500ms', unit: 'milliseconds' } }), 'clarion-prod-');

    // Assess
    expect([fast!.short.queries.map((q) => q.stat), fast!.short.expression]).toEqual([['PR(:1500)', 'SampleCount'], 'IF(total > 0, (100 - good) / 100 / 0.01, 0)']);
  });

  it('reads a latency SLO\'s figures as counts that add up: samples at or under the threshold and all samples', () => {
    // Act
    const queries = countQueries({ kind: 'latency', latency: { namespace: 'Web', metric: 'Latency', dimensions: {} }, threshold: 1500 }, 86_400);

    // Assess
    expect(queries.map((q) => q.stat)).toEqual(['TC(:1500)', 'SampleCount']);
  });

  it('names the fast pair 1 h and 5 min at 14.4× and the slow pair 6 h and 30 min at 6×, each with an AND of its children', () => {
    // Act
    const pairs = burnRateAlarms(entry(COUNTS), 'clarion-prod-');

    // Assess
    expect(pairs.map((p) => [p.composite.name, p.composite.rule, p.long.periodSeconds, p.short.periodSeconds, p.burnRate])).toEqual([
      ['clarion-prod-slo-portal-page-speed-fast', 'ALARM("clarion-prod-slo-portal-page-speed-fast-1h") AND ALARM("clarion-prod-slo-portal-page-speed-fast-5m")', 3600, 300, 14.4],
      ['clarion-prod-slo-portal-page-speed-slow', 'ALARM("clarion-prod-slo-portal-page-speed-slow-6h") AND ALARM("clarion-prod-slo-portal-page-speed-slow-30m")', 21600, 1800, 6],
    ]);
  });

  it('produces no alarms for an entry without slo', () => {
    // Prepare
    const plain = { ...entry(COUNTS), slo: undefined };

    // Act
    const pairs = burnRateAlarms(plain, 'clarion-prod-');

    // Assess
    expect(pairs).toEqual([]);
  });
});

describe('SLO: figures from sums', () => {
  it('reads a burn rate as the bad share over the budget', () => {
    // Act
    const rate = burnRate({ good: 850, total: 1000 }, 99);

    // Assess
    expect(rate).toBeCloseTo(15, 10);
  });

  it('has no burn rate when nothing was counted', () => {
    // Act
    const rate = burnRate({ good: 0, total: 0 }, 99);

    // Assess
    expect(rate).toBeNull();
  });

  it('leaves a negative budget once more than the budget went bad', () => {
    // Act
    const left = budgetLeft({ good: 970, total: 1000 }, 99);

    // Assess
    expect(left).toBeCloseTo(-2, 10);
  });

  it('forecasts the run-out time from the long window\'s rate: left × window / rate', () => {
    // Prepare: 60% of a 30-day budget left, burning 14.4× over the hour.
    const slo = entry(COUNTS).slo!;
    const windows = figureWindows(slo, 'fast', NOW);

    // Act
    const figures = sloFigures(slo, windows, { long: { good: 856, total: 1000 }, short: { good: 800, total: 1000 }, budget: { good: 9960, total: 10_000 } }, NOW);

    // Assess: 0.6 × 30 days / 14.4 = 1.25 days.
    expect(figures).toEqual({
      readAt: '2026-11-22T10:00:00.000Z',
      long: { window: '1h', burnRate: expect.closeTo(14.4, 9) },
      short: { window: '5m', burnRate: expect.closeTo(20, 9) },
      budgetLeft: expect.closeTo(0.6, 9),
      runsOutAt: '2026-11-23T16:00:00.000Z',
    });
  });

  it('forecasts nothing once the budget is used up', () => {
    // Prepare
    const slo = entry(COUNTS).slo!;

    // Act
    const figures = sloFigures(slo, figureWindows(slo, 'fast', NOW), { long: { good: 800, total: 1000 }, short: { good: 800, total: 1000 }, budget: { good: 9800, total: 10_000 } }, NOW);

    // Assess
    expect([figures.budgetLeft, figures.runsOutAt]).toEqual([expect.closeTo(-1, 9), undefined]);
  });

  it('reads the slow pair over 6 hours and 30 minutes, and the budget over the objective\'s window', () => {
    // Act
    const windows = figureWindows(entry(COUNTS).slo!, 'slow', NOW);

    // Assess
    expect([windows.long, windows.short, windows.budget].map((w) => [w.label, w.from.toISOString()])).toEqual([
      ['6h', '2026-11-22T04:00:00.000Z'],
      ['30m', '2026-11-22T09:30:00.000Z'],
      ['30d', '2026-10-23T10:00:00.000Z'],
    ]);
  });
});
