/** @module Test support: a valid stored alert record (an open alert with the engineers' message). */
import type { AlertRecord } from '../../src/core/alert-record.ts';
import { makeAlert } from './make-alert.ts';

export function alertRecord(alertKey: string, version = 1): AlertRecord {
  return {
    alertKey,
    catalogId: 'bookings.api-failing',
    status: 'open',
    openedAt: '2026-11-22T10:00:00.000Z',
    lastSeen: '2026-11-22T10:00:00.000Z',
    occurrences: 1,
    lastEventTime: '2026-11-22T10:00:00.000Z',
    messages: { techies: { channel: 'C1', ts: '1.000100' } },
    alert: makeAlert(),
    version,
    expiresAt: 1_900_000_000,
  };
}
