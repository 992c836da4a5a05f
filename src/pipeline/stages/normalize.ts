/** @module Stage 1 of 9: normalize — a raw AWS event (or SQS record, SNS message, batch) becomes zero or more signals. */
import type { Signal } from '../../core/signal.ts';
import { normalizeEvent } from '../../sources/normalize-event.ts';

/** Signals are stamped with `receivedAt` when the event carries no time of its own; the clock is the caller's. */
export function normalize(raw: unknown, receivedAt: Date): Signal[] {
  return normalizeEvent(raw, { receivedAt });
}
