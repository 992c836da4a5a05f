/** @module Local stack: the stand-in for the EventBridge Scheduler schedules of maintenance windows — a job on the stack's schedule list that sends each phase (before, start, end) onto the queue when it comes due, also when the clock is moved past it. */
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import { currentOrNext, nextPhase, phasesDue, phaseTime } from '../pipeline/maintenance-windows.ts';
import type { DuePhase } from '../pipeline/maintenance-windows.ts';
import { timeZoneFor } from '../pipeline/route-alert.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';
import type { ScheduledJob } from './scheduled-jobs.ts';

export interface MaintenanceJob extends ScheduledJob {
  /** The windows with their current or next occurrence, for `GET /api/maintenance`. */
  list(): Array<{ id: string; title: string; affects: { entries: string[]; groups: string[] }; tell: string[]; active: boolean; next: { noticeAt: string; start: string; end: string } | null }>;
}

/**
 * A job on the stack's schedule list: due at each phase time; firing sends every phase due at that
 * instant (several windows may share one), so a clock advance over several phases sends each once,
 * in time order. A stack started mid-window sends nothing for what passed: the mute rule reads the
 * catalog and the clock, not the notices.
 */
export function createMaintenanceJob(deps: {
  runtime: () => CatalogRuntime;
  stage?: string | undefined;
  now: () => Date;
  send: (request: Extract<RefreshRequest, { clarion: 'maintenance' }>) => void;
  log?: (line: string) => void;
}): MaintenanceJob {
  const windows = () => deps.runtime().maintenance ?? [];
  const timeZone = () => timeZoneFor(deps.runtime().config, deps.stage);

  const send = (due: DuePhase) => {
    deps.log?.(`maintenance: ${due.phase} of ${due.window.id} (${due.occurrence.start.toISOString()}) is due`);
    deps.send({ clarion: 'maintenance', windowId: due.window.id, phase: due.phase, occurrence: due.occurrence.start.toISOString() });
  };

  return {
    name: 'maintenance notices',
    nextDue: (after) => nextPhase(windows(), after, timeZone())?.at ?? null,
    fire(due) {
      for (const phase of phasesDue(windows(), new Date(due.getTime() - 1), due, timeZone())) send(phase);
    },
    list() {
      const now = deps.now();
      return windows().map((window) => {
        const occurrence = currentOrNext(window, now, timeZone());
        return {
          id: window.id,
          title: window.title,
          affects: window.affects,
          tell: window.tell,
          active: occurrence !== undefined && occurrence.start <= now && now < occurrence.end,
          next: occurrence ? { noticeAt: phaseTime(occurrence, 'before').toISOString(), start: occurrence.start.toISOString(), end: occurrence.end.toISOString() } : null,
        };
      });
    },
  };
}
