/** @module Slack: the interaction payloads Clarion acts on (block_actions), validated with zod. */
import * as z from 'zod';
import { ClarionError } from '../core/clarion-error.ts';

/*
 * Loose objects: Slack adds fields to payloads over time, and only the fields below are read.
 * Field list per docs.slack.dev "block_actions payload".
 */
export const BlockAction = z.looseObject({
  type: z.string(),
  action_id: z.string(),
  block_id: z.string().optional(),
  value: z.string().optional(),
  selected_option: z.looseObject({ value: z.string() }).optional(),
  action_ts: z.string().optional(),
});
export type BlockAction = z.infer<typeof BlockAction>;

export const BlockActionsPayload = z.looseObject({
  type: z.literal('block_actions'),
  user: z.looseObject({ id: z.string().min(1), username: z.string().optional(), name: z.string().optional() }),
  /** Unique to one press, like each action's `action_ts`: together they tell a press from its replay. */
  trigger_id: z.string().optional(),
  container: z.looseObject({ type: z.string(), message_ts: z.string().optional(), channel_id: z.string().optional() }).optional(),
  channel: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
  message: z.looseObject({ ts: z.string(), blocks: z.array(z.unknown()).optional() }).optional(),
  actions: z.array(BlockAction).min(1),
});
export type BlockActionsPayload = z.infer<typeof BlockActionsPayload>;

/** Any interaction: only `type` is required, so other kinds can be acknowledged and ignored. */
export const AnyInteraction = z.looseObject({ type: z.string() });

export class InteractionPayloadError extends ClarionError {}

/** Decodes the `payload=` form field Slack posts and validates it; throws InteractionPayloadError. */
export function parseInteractionBody(rawBody: string): { type: 'block_actions'; payload: BlockActionsPayload } | { type: string; payload: unknown } {
  const field = new URLSearchParams(rawBody).get('payload');
  if (field === null) throw new InteractionPayloadError('the body has no payload field');
  let json: unknown;
  try {
    json = JSON.parse(field);
  } catch (error) {
    throw new InteractionPayloadError('the payload is not JSON', { cause: error });
  }
  const any = AnyInteraction.safeParse(json);
  if (!any.success) throw new InteractionPayloadError('the payload has no type');
  if (any.data.type !== 'block_actions') return { type: any.data.type, payload: json };
  const parsed = BlockActionsPayload.safeParse(json);
  if (!parsed.success) throw new InteractionPayloadError(`invalid block_actions payload: ${parsed.error.issues[0]?.message ?? 'unknown'}`, { cause: parsed.error });
  return { type: 'block_actions', payload: parsed.data };
}
