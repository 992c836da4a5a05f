/** @module State: the history store in memory, for unit tests and benches; same semantics as the DynamoDB one. */
import { historyTime } from '../core/history.ts';
import type { HistoryItem, HistoryPort, IncidentHistory } from '../core/history.ts';
import { incidentId } from './incident-of.ts';

export interface MemoryHistory extends HistoryPort {
  /** How many items are kept (incidents and notes). */
  size(): number;
}

export function createMemoryHistory(): MemoryHistory {
  const items = new Map<string, HistoryItem>();
  return {
    async recordIncident(incident) {
      const id = incidentId(incident);
      const stored = items.get(id) as IncidentHistory | undefined;
      if (stored && stored.recordVersion >= incident.recordVersion) return;
      items.set(id, structuredClone(incident));
    },
    async addNote(note) {
      items.set(`n#${note.id}`, structuredClone(note));
    },
    async read(since, until) {
      const from = since.toISOString();
      const to = until.toISOString();
      return [...items.values()]
        .filter((item) => historyTime(item) >= from && historyTime(item) < to)
        .sort((a, b) => historyTime(a).localeCompare(historyTime(b)))
        .map((item) => structuredClone(item));
    },
    async readOpen() {
      return [...items.values()].filter((item): item is IncidentHistory => item.kind === 'incident' && item.status === 'open').map((item) => structuredClone(item));
    },
    size: () => items.size,
  };
}
