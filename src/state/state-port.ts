/** @module State: the state store port the pipeline reads and writes through; DynamoDB on AWS, dynalite locally, memory in unit tests. */
import type * as z from 'zod';
import type { AlertRecord, GroupRecord, SummaryRecord } from '../core/alert-record.ts';

/**
 * The kinds of record the features after alerts keep in the same table, each as `<kind>#<key>`
 * (the `silences` set, a maintenance window's occurrence, an alert's escalation, an entry's
 * dependants). The module that owns a kind owns its zod schema and hands it in on each read.
 */
export type RecordKind = 'silences' | 'maintenance' | 'escalation' | 'inhibition' | 'fix';

/** A record of one of those kinds: versioned like every record, expiring (epoch seconds) when it says so. */
export interface KeyedRecord {
  version: number;
  expiresAt?: number;
}

export type EventClaim = { outcome: 'claimed' } | { outcome: 'done' } | { outcome: 'busy'; until: number };

/** The state store port; DynamoDB on AWS, dynalite locally and in tests. */
export interface StatePort {
  getAlert(alertKey: string): Promise<AlertRecord | null>;
  /** Writes the record if its stored version is `expectedVersion` (null: only if absent); false on conflict. */
  putAlert(record: AlertRecord, expectedVersion: number | null): Promise<boolean>;
  getGroup(groupKey: string): Promise<GroupRecord | null>;
  putGroup(record: GroupRecord, expectedVersion: number | null): Promise<boolean>;
  getSummary(): Promise<SummaryRecord | null>;
  putSummary(record: SummaryRecord, expectedVersion: number | null): Promise<boolean>;
  /** A record of `kind` under `key`, parsed with the owner's schema (null: never written). */
  getRecord<T extends KeyedRecord>(kind: RecordKind, key: string, schema: z.ZodType<T>): Promise<T | null>;
  /** Writes it if its stored version is `expectedVersion` (null: only if absent); false on conflict. */
  putRecord(kind: RecordKind, key: string, record: KeyedRecord, expectedVersion: number | null): Promise<boolean>;
  /** Marks a source event as handled; false when it was handled before (a duplicate delivery). */
  claimEvent(eventId: string, expiresAt: number): Promise<boolean>;
  /**
   * Claims a source event for as long as processing it may take (`until`, epoch seconds). `done`:
   * it was handled before (a duplicate delivery); `busy`: another processor holds a claim that has
   * not run out. A claim whose processor died (a Lambda timeout) runs out, so the redelivery of its
   * event is processed rather than taken for a duplicate.
   */
  startEvent(eventId: string, until: number, now: number): Promise<EventClaim>;
  /** Marks a claimed event handled, remembered until `expiresAt` (epoch seconds). */
  finishEvent(eventId: string, expiresAt: number): Promise<void>;
  /** Forgets a claim, so a retry of an event whose processing failed is not taken for a duplicate. */
  releaseEvent(eventId: string): Promise<void>;
}
