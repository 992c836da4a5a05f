/** @module SLO (pure): example figures for previews (`clarion preview`, the preview page), so authors see an SLO alert as engineers and product leads will. */
import type { Alert } from '../core/alert.ts';
import type { CatalogEntry } from '../catalog/schema.ts';
import { sloPairOf } from '../catalog/slo-names.ts';
import { sloFigures, figureWindows, sloView } from './budget-figures.ts';
import { budgetFraction } from './metric-queries.ts';

/** Burns of the example: just above the fast pair's 14.4×, with 62% of the budget left. */
export const SAMPLE_BURN = { long: 15.2, short: 16.8, budgetLeft: 0.62 } as const;

/** The alert with its SLO view and the example's figures, read "now"; other alerts as they are. */
export function withSampleSlo(alert: Alert, entry: CatalogEntry, now: Date): Alert {
  if (!entry.slo) return alert;
  const view = sloView(entry.slo, sloPairOf(alert.signal.name) ?? 'fast');
  if (alert.phase !== 'firing') return { ...alert, slo: view };
  // Sums that give the example's rates: bad = rate × budget of every 10,000 events.
  const budget = budgetFraction(entry.slo.objective);
  const sums = (rate: number) => ({ total: 10_000, good: 10_000 - rate * budget * 10_000 });
  const windows = figureWindows(entry.slo, view.pair, now);
  const figures = sloFigures(entry.slo, windows, { long: sums(SAMPLE_BURN.long), short: sums(SAMPLE_BURN.short), budget: sums(1 - SAMPLE_BURN.budgetLeft) }, now);
  return { ...alert, slo: { ...view, figures } };
}
