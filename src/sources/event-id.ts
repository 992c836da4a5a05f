/** @module Stage 1, normalize: the idempotency id of one event, the same whichever wrapper delivered it. */
import { createHash } from 'node:crypto';
import { boundKey } from './bounded-key.ts';
import { canonicalJson } from './canonical-json.ts';
import type { DeliveryContext } from './unwrap-envelope.ts';

export { canonicalJson };

/** `sha256:<hex>` of the canonical JSON of an event. */
export function hashEvent(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}

/**
 * The id of an event, best first: the event's own id (EventBridge `id`, a Health communication),
 * then the SNS `MessageId` (the same whether SNS delivered to Lambda or through SQS), then the SQS
 * `messageId` (which changes if the message is re-sent, so only when nothing better exists), then
 * a hash of the unwrapped event. A wrapper's id stands in only when its message held this one
 * event: when it held several (a JSON array, a `Records` list), each is told apart by the hash of
 * its content, joined to the wrapper's id so the same message delivered again keeps its ids.
 * Every id is well-formed and bounded (`boundKey`), as it becomes a DynamoDB key.
 */
export function resolveEventId(ownId: string | undefined, delivery: DeliveryContext, payload: unknown): string {
  if (ownId !== undefined) return boundKey(ownId);
  if (delivery.snsMessageId !== undefined && !delivery.snsMessageShared) return boundKey(delivery.snsMessageId);
  if (delivery.sqsMessageId !== undefined && !delivery.sqsMessageShared) return boundKey(delivery.sqsMessageId);
  const wrapperId = delivery.snsMessageId ?? delivery.sqsMessageId;
  const hash = hashEvent(payload);
  return wrapperId === undefined ? hash : boundKey(`${wrapperId}:${hash}`);
}
