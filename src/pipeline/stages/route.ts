/** @module Stage 4 of 9: route — the audiences an alert (or an impact) is for become channels (and templates) on this stage. */
import type { Alert } from '../../core/alert.ts';
import type { RunContext } from '../pipeline-context.ts';
import { routesFor } from '../impact.ts';
import type { Route } from '../route-alert.ts';
import type { Stage } from '../stage.ts';

export const route: Stage<{ alert: Alert }, { routes: Route[] }, Pick<RunContext, 'runtime' | 'deps'>> = {
  name: 'route',
    // An alarm that feeds an impact is routed to the engineers; its impact, to everyone else.
  run: ({ alert }, ctx) => ({ routes: routesFor(alert, ctx.runtime.config, ctx.deps.stage) }),
};
