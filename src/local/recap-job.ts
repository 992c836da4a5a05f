/** @module Local stack: the stand-in for the weekly recap's EventBridge Scheduler schedule — a job on the stack's schedule list that sends `{ clarion: 'recap', dueAt }` when the configured day and time come, also when the clock is moved past them. */
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';
import { nextRecapAt } from '../history/recap-schedule.ts';
import { timeZoneFor } from '../pipeline/route-alert.ts';
import type { ScheduledJob } from './scheduled-jobs.ts';

export function createRecapJob(deps: {
  runtime: () => CatalogRuntime;
  stage?: string | undefined;
  send: (request: Extract<RefreshRequest, { clarion: 'recap' }>) => void;
}): ScheduledJob {
  return {
    name: 'weekly recap',
    nextDue: (after) => {
      const { config } = deps.runtime();
      return nextRecapAt(after, config.recap, timeZoneFor(config, deps.stage));
    },
    fire: (due) => deps.send({ clarion: 'recap', dueAt: due.toISOString() }),
  };
}
