// Review of the SLO forecast (issue 14): "runs out at" only while the budget can run out within its own window, and never a crash on a tiny rate.
import { describe, expect, it } from 'vitest';
import type { Slo } from '../../src/catalog/schema.ts';
import { figureWindows, sloFigures } from '../../src/slo/budget-figures.ts';

const NOW = new Date('2026-11-22T10:00:00Z');
const SLO: Slo = {
  objective: 99.9,
  window: '30d',
  allowance: 'failed label prints',
  measure: { good: { namespace: 'Labels', metric: 'Printed', dimensions: {} }, total: { namespace: 'Labels', metric: 'Requested', dimensions: {} }, unit: 'seconds' },
};

describe('SLO review: the run-out forecast', () => {
  it('keeps the burn rates and budget left when the long window burns a trillionth of the budget', () => {
    // Prepare: one bad event in a trillion over the hour; the forecast would land past the year 275,760.
    const windows = figureWindows(SLO, 'fast', NOW);
    const sums = { long: { good: 1e12 - 1, total: 1e12 }, short: { good: 0, total: 1 }, budget: { good: 1e12 - 1, total: 1e12 } };

    // Act
    const figures = sloFigures(SLO, windows, sums, NOW);

    // Assess
    expect([figures.budgetLeft! > 0.99, figures.runsOutAt]).toEqual([true, undefined]);
  });

  it('forecasts no run-out beyond the budget\'s own window, by when the burns counted in it have left it', () => {
    // Prepare: 90% of the budget left, burning at half the sustainable rate: 54 days at this rate, past the 30-day window.
    const windows = figureWindows(SLO, 'fast', NOW);
    const sums = { long: { good: 1_999_000, total: 2_000_000 }, short: { good: 0, total: 1 }, budget: { good: 999_900, total: 1_000_000 } };

    // Act
    const figures = sloFigures(SLO, windows, sums, NOW);

    // Assess
    expect([figures.long.burnRate, figures.runsOutAt]).toEqual([0.5, undefined]);
  });
});
