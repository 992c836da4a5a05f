/** @module Stage 2½ of 9: measure — for an SLO entry's alarm, the burn rates and budget left read through the figures port, before enrich fills `{{slo.*}}` with them. */
import type { CatalogMatch } from '../../catalog/catalog-index.ts';
import type { SloView } from '../../core/alert.ts';
import type { Signal } from '../../core/signal.ts';
import { measureSlo } from '../measure-slo.ts';
import type { RunContext } from '../pipeline-context.ts';
import { timeZoneFor } from '../route-alert.ts';
import type { Stage } from '../stage.ts';

export const measure: Stage<{ signal: Signal; match: CatalogMatch | null }, { signal: Signal; slo?: SloView }, Pick<RunContext, 'deps' | 'runtime' | 'now'>> = {
  name: 'measure',
  run: ({ signal, match }, ctx) =>
    measureSlo(signal, match?.entry, {
      port: ctx.deps.sloFigures,
      now: ctx.now,
      timeZone: timeZoneFor(ctx.runtime.config, ctx.deps.stage),
      warn: (message, fields) => ctx.deps.log?.warn(message, fields),
    }),
};
