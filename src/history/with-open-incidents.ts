/** @module History: a period's items together with the incidents still open from before it, each incident once in its newest version. */
import type { HistoryItem, IncidentHistory } from '../core/history.ts';
import { incidentId } from '../state/incident-of.ts';

/**
 * A period read finds incidents that opened in it; one that opened earlier and is still open (an
 * outage since before the week, a problem older than the status page's 90 days) comes from
 * `HistoryPort.readOpen`. The two may hold one incident at different versions: the newest wins.
 */
export function withOpenIncidents(items: readonly HistoryItem[], open: readonly IncidentHistory[]): HistoryItem[] {
  const incidents = new Map<string, IncidentHistory>();
  const notes: HistoryItem[] = [];
  for (const item of [...items, ...open]) {
    if (item.kind !== 'incident') {
      notes.push(item);
      continue;
    }
    const id = incidentId(item);
    const known = incidents.get(id);
    if (!known || known.recordVersion < item.recordVersion) incidents.set(id, item);
  }
  return [...notes, ...incidents.values()];
}
