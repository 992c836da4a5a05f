/** @module Stage 4 of 9: route — the audiences an alert is for become channels (and templates) on this stage. */
import type { Alert } from '../../core/alert.ts';
import type { RunContext } from '../pipeline-context.ts';
import { routeAlert } from '../route-alert.ts';
import type { Route } from '../route-alert.ts';
import type { Stage } from '../stage.ts';

export const route: Stage<{ alert: Alert }, { routes: Route[] }, Pick<RunContext, 'runtime' | 'deps'>> = {
  name: 'route',
  run: ({ alert }, ctx) => ({ routes: routeAlert(alert, ctx.runtime.config, ctx.deps.stage) }),
};
