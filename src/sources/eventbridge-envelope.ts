/** @module Stage 1, normalize: the EventBridge envelope every AWS service event and Clarion custom event share. */
import * as z from 'zod';
import { optionalArray, optionalString, parseLenient, unchangedWhen } from './lenient-zod.ts';
import { strings, text } from './read-fields.ts';

export const EventBridgeEnvelope = z.looseObject({
  version: optionalString,
  id: optionalString,
  'detail-type': z.string(),
  source: z.string(),
  account: optionalString,
  time: optionalString,
  region: optionalString,
  // A list with nothing to drop comes out of the transform as it went in.
  resources: unchangedWhen(
    optionalArray.transform((r) => strings(r)),
    (value) => Array.isArray(value) && value.every((v) => text(v) !== undefined),
  ),
  detail: z.unknown().optional(),
});
export type EventBridgeEnvelope = z.infer<typeof EventBridgeEnvelope>;

/** The envelope of an EventBridge-shaped event (`source` and `detail-type` strings), else `undefined`. */
export function readEnvelope(payload: unknown): EventBridgeEnvelope | undefined {
  // Every payload is asked first, and zod's failure path (it builds an error) was the dearest part
  // of reading SNS messages and direct alarm actions; without both strings zod can only fail.
  const object = payload as Partial<Record<'source' | 'detail-type', unknown>> | null | undefined;
  if (typeof object?.source !== 'string' || typeof object['detail-type'] !== 'string') return undefined;
  const parsed = parseLenient(EventBridgeEnvelope, payload);
  return parsed.success ? parsed.data : undefined;
}
