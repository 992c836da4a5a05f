/** @module Stage 1, normalize: the EventBridge envelope every AWS service event and Clarion custom event share. */
import { z } from 'zod';
import { optionalArray, optionalString } from './lenient-zod.ts';
import { strings } from './read-fields.ts';

export const EventBridgeEnvelope = z.looseObject({
  version: optionalString,
  id: optionalString,
  'detail-type': z.string(),
  source: z.string(),
  account: optionalString,
  time: optionalString,
  region: optionalString,
  resources: optionalArray.transform((r) => strings(r)),
  detail: z.unknown().optional(),
});
export type EventBridgeEnvelope = z.infer<typeof EventBridgeEnvelope>;

/** The envelope of an EventBridge-shaped event (`source` and `detail-type` strings), else `undefined`. */
export function readEnvelope(payload: unknown): EventBridgeEnvelope | undefined {
  const parsed = EventBridgeEnvelope.safeParse(payload);
  return parsed.success ? parsed.data : undefined;
}
