/** @module State: the state port in memory, with the DynamoDB adapter's semantics, for fast unit tests of the stages and the processor. */
import type * as z from 'zod';
import { AlertRecordSchema, GroupRecordSchema, parseRecord, SummaryRecordSchema } from './record-schema.ts';
import type { EventClaim, StatePort } from './state-port.ts';

/*
 * One map keyed as the table is (`alert#…`, `group#…`, `event#…`, `summary`), so what the adapter
 * keeps apart is kept apart here too. DynamoDB serializes: what is written or read is a copy, and
 * its marshalling drops undefined values; records are checked as they are read back, so a
 * malformed write shows in a unit test the way it would on AWS.
 */

interface EventItem {
  version: 0;
  status?: 'processing' | 'done';
  /** Epoch seconds; as in DynamoDB nothing is removed when it passes, only read as free. */
  expiresAt: number;
}

/** A state store that lives as long as the object; nothing is shared between two of them. */
export function createMemoryState(): StatePort {
  const records = new Map<string, unknown>();
  const events = new Map<string, EventItem>();

  async function get<T>(key: string, schema: z.ZodType<T>): Promise<T | null> {
    const item = records.get(key);
    return item === undefined ? null : parseRecord(schema, key, stored(item));
  }

  async function put(key: string, record: { version: number }, expectedVersion: number | null): Promise<boolean> {
    const current = records.get(key) as { version?: unknown } | undefined;
    const matches = expectedVersion === null ? current === undefined : current !== undefined && current.version === expectedVersion;
    if (matches) records.set(key, stored(record));
    return matches;
  }

  return {
    getAlert: (alertKey) => get(`alert#${alertKey}`, AlertRecordSchema),
    putAlert: (record, expectedVersion) => put(`alert#${record.alertKey}`, record, expectedVersion),
    getGroup: (groupKey) => get(`group#${groupKey}`, GroupRecordSchema),
    putGroup: (record, expectedVersion) => put(`group#${record.groupKey}`, record, expectedVersion),
    getSummary: () => get('summary', SummaryRecordSchema),
    putSummary: (record, expectedVersion) => put('summary', record, expectedVersion),
    getRecord: (kind, key, schema) => get(`${kind}#${key}`, schema),
    putRecord: (kind, key, record, expectedVersion) => put(`${kind}#${key}`, record, expectedVersion),
    async claimEvent(eventId, expiresAt) {
      // Like the adapter's conditional put on absence: any item, even one past its time, refuses.
      if (events.has(eventId)) return false;
      events.set(eventId, { version: 0, expiresAt });
      return true;
    },
    async startEvent(eventId, until, now): Promise<EventClaim> {
      const held = events.get(eventId);
      // DynamoDB's TTL deletes expired items up to days late, so the adapter takes a claim past its time as free.
      if (held === undefined || held.expiresAt < now) {
        events.set(eventId, { version: 0, status: 'processing', expiresAt: until });
        return { outcome: 'claimed' };
      }
      return held.status === 'processing' ? { outcome: 'busy', until: held.expiresAt } : { outcome: 'done' };
    },
    async finishEvent(eventId, expiresAt) {
      events.set(eventId, { version: 0, status: 'done', expiresAt });
    },
    async releaseEvent(eventId) {
      events.delete(eventId);
    },
  };
}

/** A deep copy as DynamoDB would hand it back: undefined values dropped from objects and lists. */
function stored<T>(value: T): T {
  return withoutUndefined(structuredClone(value)) as T;
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(withoutUndefined);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  for (const [key, field] of Object.entries(object)) {
    if (field === undefined) delete object[key];
    else object[key] = withoutUndefined(field);
  }
  return object;
}
