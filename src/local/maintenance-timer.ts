/** @module Local stack: the stand-in for the EventBridge Scheduler schedules of maintenance windows — sends each phase (before, start, end) onto the queue when it comes due, also when the clock is moved past it. */
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import { currentOrNext, nextPhase, phasesDue, phaseTime } from '../pipeline/maintenance-windows.ts';
import type { DuePhase } from '../pipeline/maintenance-windows.ts';
import { timeZoneFor } from '../pipeline/route-alert.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';

/** setTimeout's longest delay (about 24.8 days); a later phase is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface MaintenanceTimer {
  /** Sends every phase due since the last look (in time order, each once) and sets the timer for the next. */
  arm(): void;
  close(): void;
  /** The windows with their current or next occurrence, for `GET /api/maintenance`. */
  list(): Array<{ id: string; title: string; affects: { entries: string[]; groups: string[] }; tell: string[]; active: boolean; next: { noticeAt: string; start: string; end: string } | null }>;
}

export function createMaintenanceTimer(deps: {
  runtime: () => CatalogRuntime;
  stage?: string | undefined;
  now: () => Date;
  send: (request: Extract<RefreshRequest, { clarion: 'maintenance' }>) => void;
  log?: (line: string) => void;
}): MaintenanceTimer {
  // Phases up to here were sent (or were before the stack started: the mute rule reads the clock, not the notices).
  let lookedUntil = deps.now();
  let timer: NodeJS.Timeout | undefined;
  const windows = () => deps.runtime().maintenance ?? [];
  const timeZone = () => timeZoneFor(deps.runtime().config, deps.stage);

  const send = (due: DuePhase) => {
    deps.log?.(`maintenance: ${due.phase} of ${due.window.id} (${due.occurrence.start.toISOString()}) is due`);
    deps.send({ clarion: 'maintenance', windowId: due.window.id, phase: due.phase, occurrence: due.occurrence.start.toISOString() });
  };

  function arm(): void {
    clearTimeout(timer);
    const now = deps.now();
    if (now > lookedUntil) {
      for (const due of phasesDue(windows(), lookedUntil, now, timeZone())) send(due);
      lookedUntil = now;
    }
    const next = nextPhase(windows(), now, timeZone());
    if (!next) return;
    // A second late, so the request is never read as early (timers may fire a moment before their time).
    timer = setTimeout(arm, Math.min(MAX_TIMER_MS, next.at.getTime() - now.getTime() + 1000));
    timer.unref();
  }

  return {
    arm,
    close: () => clearTimeout(timer),
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
