/** @module Stage 3 of 9: enrich — a signal and its entry become an alert; an entry may also say to ignore the signal, which ends the run. */
import type { CatalogMatch } from '../../catalog/catalog-index.ts';
import type { Alert, SloView } from '../../core/alert.ts';
import type { Signal } from '../../core/signal.ts';
import { enrichAlert } from '../enrich-alert.ts';
import type { RunContext } from '../pipeline-context.ts';
import { ended } from '../stage.ts';
import type { Stage } from '../stage.ts';

export const enrich: Stage<{ signal: Signal; match: CatalogMatch | null; slo?: SloView }, { alert: Alert }, Pick<RunContext, 'runtime'>> = {
  name: 'enrich',
  run({ signal, match, slo }, ctx) {
    const enriched = enrichAlert(signal, match?.entry ?? null, ctx.runtime.config.uncatalogued.audience);
    if ('ignored' in enriched) return ended('ignored', enriched.ignored);
    return { alert: slo ? { ...enriched.alert, slo } : enriched.alert };
  },
};
