/** @module Pipeline (deploy-time): the EventBridge Scheduler expressions of maintenance windows — three per window (before, start, end), `at(…)` for one-off windows and `cron(…)` for recurring ones, in the stage's time zone. */
import type { MaintenanceWindow } from '../catalog/maintenance-schema.ts';
import { MAINTENANCE_DAYS } from '../catalog/maintenance-schema.ts';
import { instantOf, MAINTENANCE_PHASES } from './maintenance-windows.ts';
import type { MaintenancePhase } from './maintenance-windows.ts';
import { parseDuration } from './parse-duration.ts';

export interface MaintenanceScheduleSpec {
  windowId: string;
  phase: MaintenancePhase;
  /** `at(2026-12-05T09:00:00)` or `cron(0 9 ? * SAT *)`, read in `timeZone`. */
  expression: string;
  timeZone: string;
  /** The queue message: the processor finds the occurrence whose phase is nearest when it arrives. */
  input: { clarion: 'maintenance'; windowId: string; phase: MaintenancePhase };
}

const localFormatters = new Map<string, Intl.DateTimeFormat>();

/** `2026-12-05T09:00:00` on the zone's wall clock. */
function localIso(instant: Date, timeZone: string): string {
  let f = localFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    localFormatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(instant)) p[part.type] = part.value;
  return `${p['year']}-${p['month']}-${p['day']}T${p['hour']}:${p['minute']}:${p['second']}`;
}

/** A weekly cron at `minutes` past midnight of `days`, shifted whole days when the minutes fall outside one day. */
function weeklyCron(days: readonly string[], minutes: number): string {
  const shift = Math.floor(minutes / 1440);
  const inDay = minutes - shift * 1440;
  const shifted = [...new Set(days.map((d) => MAINTENANCE_DAYS[(((MAINTENANCE_DAYS.indexOf(d as (typeof MAINTENANCE_DAYS)[number]) + shift) % 7) + 7) % 7]!))];
  const ordered = MAINTENANCE_DAYS.filter((d) => shifted.includes(d)).map((d) => d.toUpperCase());
  return `cron(${inDay % 60} ${Math.floor(inDay / 60)} ? * ${ordered.join(',')} *)`;
}

/**
 * The schedules of every window. One-off phases already past at `now` are left out (Scheduler
 * would never run them). A recurring window's cron reads the wall clock: when summer time starts or
 * ends inside a notice period or the work itself, the request may come an hour early (the
 * processor puts it back until its time) or late (a notice whose phase is over is not posted).
 */
export function maintenanceSchedules(windows: readonly MaintenanceWindow[], timeZone: string, now: Date): MaintenanceScheduleSpec[] {
  const specs: MaintenanceScheduleSpec[] = [];
  for (const window of windows) {
    const spec = (phase: MaintenancePhase, expression: string): MaintenanceScheduleSpec => ({
      windowId: window.id,
      phase,
      expression,
      timeZone,
      input: { clarion: 'maintenance', windowId: window.id, phase },
    });
    const notice = parseDuration(window.noticeBefore);
    if (window.starts && window.ends) {
      const start = instantOf(window.starts, timeZone);
      const times: Record<MaintenancePhase, Date> = { before: new Date(start.getTime() - notice * 1000), start, end: instantOf(window.ends, timeZone) };
      for (const phase of MAINTENANCE_PHASES) if (times[phase] > now) specs.push(spec(phase, `at(${localIso(times[phase], timeZone)})`));
      continue;
    }
    if (!window.schedule || !window.duration) continue;
    const at = Number(window.schedule.at.slice(0, 2)) * 60 + Number(window.schedule.at.slice(3, 5));
    const minutes: Record<MaintenancePhase, number> = { before: at - Math.floor(notice / 60), start: at, end: at + Math.floor(parseDuration(window.duration) / 60) };
    for (const phase of MAINTENANCE_PHASES) specs.push(spec(phase, weeklyCron(window.schedule.days, minutes[phase])));
  }
  return specs;
}
