/** @module Pipeline (the measure stage's rules): an SLO entry's figures for a signal, read through the figures port with the run's clock. */
import type { CatalogEntry } from '../catalog/schema.ts';
import { sloPairOf } from '../catalog/slo-names.ts';
import type { SloView } from '../core/alert.ts';
import type { SloFiguresPort } from '../core/ports.ts';
import type { Signal } from '../core/signal.ts';
import { figureWindows, sloFigures, sloView } from '../slo/budget-figures.ts';
import { budgetLeftWords, burnRateWords } from '../slo/figure-words.ts';
import { sloSource } from '../slo/metric-queries.ts';
import { plainDate } from '../slack/format-time.ts';

/*
 * A composite alarm's event carries no values, so they are read here, with the run's clock, and
 * travel with the alert into its record: a button press or the fix confirmation re-renders the
 * figures of the time they were read, and the next event of the alarm reads them again. The alarm
 * is the truth: a read that fails is logged and the alert goes on without figures. Only a firing
 * alarm is measured; its recovery is told in the past tense, with no forecast to make.
 */

export interface MeasureArgs {
  port: SloFiguresPort | undefined;
  now: Date;
  timeZone: string;
  warn?: (message: string, fields: Record<string, unknown>) => void;
}

/** The signal with `vars.slo` (words for `{{slo.*}}`) and the SLO view, figures included when read; the signal as it is for another entry. */
export async function measureSlo(signal: Signal, entry: CatalogEntry | undefined, args: MeasureArgs): Promise<{ signal: Signal; slo?: SloView }> {
  const slo = entry?.slo;
  if (!slo) return { signal };
  const view = sloView(slo, sloPairOf(signal.name));
  if (signal.state !== 'firing' || signal.noData || !args.port) return { signal, slo: view };
  const windows = figureWindows(slo, view.pair, args.now);
  const source = sloSource(slo);
  try {
    const [long, short, budget] = await Promise.all([windows.long, windows.short, windows.budget].map((w) => args.port!.sums({ source, from: w.from, to: w.to })));
    const figures = sloFigures(slo, windows, { long: long!, short: short!, budget: budget! }, args.now);
    // Strings, so `{{slo.*}}` is filled (and escaped) by enrich like any other placeholder.
    const words = {
      burnRate: burnRateWords(figures.long.burnRate),
      budgetLeft: budgetLeftWords(figures.budgetLeft),
      ...(figures.runsOutAt ? { runsOutAt: plainDate(new Date(figures.runsOutAt), args.timeZone) } : {}),
    };
    return { signal: { ...signal, vars: { ...signal.vars, slo: words } }, slo: { ...view, figures } };
  } catch (error) {
    args.warn?.('could not read the SLO figures; the alert goes out without them', { catalogId: entry.id, signalKey: signal.key, error: String(error) });
    return { signal, slo: view };
  }
}
