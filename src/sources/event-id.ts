/** @module Stage 1, normalize: the idempotency id of one event, the same whichever wrapper delivered it. */
import { createHash } from 'node:crypto';
import type { DeliveryContext } from './unwrap-envelope.ts';

/** JSON with object keys sorted at every level, so equal events hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    // Keys sorted by UTF-16 code units (the default sort), built in one loop: events without an id
    // are hashed on every delivery, and the entries/filter/sort/map chain was most of that cost
    // (measured on the direct-action sample: 11 µs → 7 µs).
    const object = value as Record<string, unknown>;
    let out = '';
    for (const key of Object.keys(object).sort()) {
      const v = object[key];
      if (v === undefined) continue;
      out += `${out === '' ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
    }
    return `{${out}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `sha256:<hex>` of the canonical JSON of an event. */
export function hashEvent(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}

/**
 * The id of an event, best first: the event's own id (EventBridge `id`, a Health communication),
 * then the SNS `MessageId` (the same whether SNS delivered to Lambda or through SQS), then the SQS
 * `messageId` (which changes if the message is re-sent, so only when nothing better exists), then
 * a hash of the unwrapped event.
 */
export function resolveEventId(ownId: string | undefined, delivery: DeliveryContext, payload: unknown): string {
  return ownId ?? delivery.snsMessageId ?? delivery.sqsMessageId ?? hashEvent(payload);
}
