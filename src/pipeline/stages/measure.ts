/** @module Stage 2½ of 9: measure — for an SLO entry's alarm, the burn rates and budget left read through the figures port, before enrich fills `{{slo.*}}` with them. */
import type { CatalogMatch } from '../../catalog/catalog-index.ts';
import { sloPairOf } from '../../catalog/slo-names.ts';
import type { SloView } from '../../core/alert.ts';
import type { Signal } from '../../core/signal.ts';
import { figureWindows, sloFigures, sloView } from '../../slo/budget-figures.ts';
import { budgetLeftWords, burnRateWords } from '../../slo/figure-words.ts';
import { sloSource } from '../../slo/metric-queries.ts';
import { plainDate } from '../../slack/format-time.ts';
import type { RunContext } from '../pipeline-context.ts';
import { timeZoneFor } from '../route-alert.ts';
import type { Stage } from '../stage.ts';

/*
 * A composite alarm's event carries no values, so they are read here, with the run's clock, and
 * travel with the alert into its record: a button press or the fix confirmation re-renders the
 * figures of the time they were read, and the next event of the alarm reads them again. The alarm
 * is the truth: a read that fails is logged and the alert goes on without figures. Only a firing
 * alarm is measured; its recovery is told in the past tense, with no forecast to make.
 */

type In = { signal: Signal; match: CatalogMatch | null };
type Out = { signal: Signal; slo?: SloView };

export const measure: Stage<In, Out, Pick<RunContext, 'deps' | 'runtime' | 'now'>> = {
  name: 'measure',
  async run({ signal, match }, ctx) {
    const slo = match?.entry.slo;
    if (!slo) return { signal };
    const view = sloView(slo, sloPairOf(signal.name));
    const port = ctx.deps.sloFigures;
    if (signal.state !== 'firing' || signal.noData || !port) return { signal, slo: view };
    const windows = figureWindows(slo, view.pair, ctx.now);
    const source = sloSource(slo);
    try {
      const [long, short, budget] = await Promise.all(
        [windows.long, windows.short, windows.budget].map((w) => port.sums({ source, from: w.from, to: w.to })),
      );
      const figures = sloFigures(slo, windows, { long: long!, short: short!, budget: budget! }, ctx.now);
      const zone = timeZoneFor(ctx.runtime.config, ctx.deps.stage);
      // Strings, so `{{slo.*}}` is filled (and escaped) by enrich like any other placeholder.
      const words = {
        burnRate: burnRateWords(figures.long.burnRate),
        budgetLeft: budgetLeftWords(figures.budgetLeft),
        ...(figures.runsOutAt ? { runsOutAt: plainDate(new Date(figures.runsOutAt), zone) } : {}),
      };
      return { signal: { ...signal, vars: { ...signal.vars, slo: words } }, slo: { ...view, figures } };
    } catch (error) {
      ctx.deps.log?.warn('could not read the SLO figures; the alert goes out without them', { catalogId: match.entry.id, signalKey: signal.key, error: String(error) });
      return { signal, slo: view };
    }
  },
};
