/** @module Pipeline (the mute stage's maintenance rule): during planned work an affected alert goes to engineers only, marked, and the occurrence remembers it so it is delivered to everyone once the work is over. */
import * as z from 'zod';
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import type { Alert } from '../core/alert.ts';
import type { AlertRecord } from '../core/alert-record.ts';
import type { StatePort } from '../state/state-port.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';
import { activeWindow, maintenanceIndexFor } from './maintenance-windows.ts';
import type { Occurrence } from './maintenance-windows.ts';
import type { Route } from './route-alert.ts';

/*
 * Planned work is not news to engineers — they did it — but an alert during it still reaches
 * them, marked, in case the work went wrong. Everyone else hears of the impact, which is not fed
 * during the work (`process-signals.ts`): nothing is posted to them, so no repair path
 * (missing posts, the summary) can post it behind the rule's back. The occurrence's record lists
 * the alarms it kept from them; at the end of the work each one still firing feeds its impact.
 */

/** A record is kept this long after the occurrence ends (retries of the end notice, late events). */
const KEEP_AFTER_END_SECONDS = 7 * 86_400;
/** The alarms one occurrence remembers; beyond it, later ones are delivered by their next event. */
export const MAX_HELD = 1000;

export const MaintenanceRecord = z.looseObject({
  version: z.number(),
  expiresAt: z.number().optional(),
  /** Alarms (alert keys) whose impact was not fed during the work. */
  held: z.array(z.string()).default([]),
  /** The "before" notice per audience, so the start and end notices reply in its thread. */
  notices: z.record(z.string(), z.looseObject({ channel: z.string(), ts: z.string() })).default({}),
  /** Set once the end of the work has fed the held alarms' impacts. */
  released: z.boolean().optional(),
});
export type MaintenanceRecord = z.infer<typeof MaintenanceRecord>;

/** `<window id>@<occurrence start>`: one record per occurrence. */
export function occurrenceKey(occurrence: Pick<Occurrence, 'start'> & { window: { id: string } }): string {
  return `${occurrence.window.id}@${occurrence.start.toISOString()}`;
}

export function expiresAtFor(occurrence: Pick<Occurrence, 'end'>): number {
  return Math.floor(occurrence.end.getTime() / 1000) + KEEP_AFTER_END_SECONDS;
}

/** The occurrence of planned work covering an alert now, if any. Impacts are never covered: what feeds them is. */
export function plannedWorkNow(runtime: CatalogRuntime, stage: string | undefined, alert: Pick<Alert, 'catalogId' | 'alertKey'>, now: Date): Occurrence | undefined {
  return activeWindow(maintenanceIndexFor(runtime, stage), alert, now);
}

/** The alert as engineers see it during the work: "During planned work: <title>, until <end>". */
export function markPlannedWork(alert: Alert, occurrence: Occurrence): Alert {
  return { ...alert, plannedWork: { title: occurrence.window.title, until: occurrence.end.toISOString() } };
}

/** Only the audiences rendered with the engineers' template hear of it during the work. */
export function engineersOnly(routes: Route[]): Route[] {
  return routes.filter((r) => r.template === 'techies');
}

/** Whether an alarm opened during planned work: its impact never heard of it and must not hear it now. */
export function openedDuringPlannedWork(runtime: CatalogRuntime, stage: string | undefined, record: AlertRecord): boolean {
  return plannedWorkNow(runtime, stage, record.alert, new Date(record.reopenedAt ?? record.openedAt)) !== undefined;
}

export async function readOccurrence(state: StatePort, key: string): Promise<MaintenanceRecord | null> {
  return state.getRecord('maintenance', key, MaintenanceRecord);
}

/** Changes an occurrence's record with a conditional write, retried on conflict; `change` returns null to leave it. */
export async function updateOccurrence(state: StatePort, occurrence: Occurrence, change: (record: MaintenanceRecord) => MaintenanceRecord | null): Promise<MaintenanceRecord> {
  const key = occurrenceKey(occurrence);
  return retryOnConflict(`maintenance#${key}`, async () => {
    const existing = await readOccurrence(state, key);
    const base: MaintenanceRecord = existing ?? { version: 0, expiresAt: expiresAtFor(occurrence), held: [], notices: {} };
    const next = change(base);
    if (next === null) return base;
    const written = { ...next, version: base.version + 1, expiresAt: expiresAtFor(occurrence) };
    return (await state.putRecord('maintenance', key, written, existing ? existing.version : null)) ? written : CONFLICT;
  });
}

/** Notes that an alarm's impact was not fed during the work (one read when it is already noted). */
export async function rememberHeld(state: StatePort, occurrence: Occurrence, alertKey: string): Promise<void> {
  const known = await readOccurrence(state, occurrenceKey(occurrence));
  if (known?.held.includes(alertKey)) return;
  await updateOccurrence(state, occurrence, (record) => (record.held.includes(alertKey) || record.held.length >= MAX_HELD ? null : { ...record, held: [...record.held, alertKey] }));
}
