/** @module Slack: the interaction payloads Clarion acts on (block_actions, view_submission), validated with zod. */
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

/**
 * What one input element of a submitted view holds: `value` for a text input (null when left
 * empty), `selected_options` for checkboxes. Field list per docs.slack.dev "view_submission payload".
 */
export const ViewStateValue = z.looseObject({
  type: z.string(),
  value: z.string().nullable().optional(),
  selected_options: z.array(z.looseObject({ value: z.string() })).optional(),
  /** A static select's or radio buttons' choice. */
  selected_option: z.looseObject({ value: z.string() }).nullable().optional(),
});
export type ViewStateValue = z.infer<typeof ViewStateValue>;

export const ViewSubmissionPayload = z.looseObject({
  type: z.literal('view_submission'),
  user: z.looseObject({ id: z.string().min(1), username: z.string().optional(), name: z.string().optional() }),
  view: z.looseObject({
    /** The same for every delivery of one submission (with `hash`): what tells a submission from its replay. */
    id: z.string().min(1),
    hash: z.string().optional(),
    callback_id: z.string().optional(),
    private_metadata: z.string().optional(),
    /** block_id → action_id → value. */
    state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), ViewStateValue)) }),
  }),
});
export type ViewSubmissionPayload = z.infer<typeof ViewSubmissionPayload>;

/** Any interaction: only `type` is required, so other kinds can be acknowledged and ignored. */
export const AnyInteraction = z.looseObject({ type: z.string() });

export class InteractionPayloadError extends ClarionError {}

export type ParsedInteraction =
  | { type: 'block_actions'; payload: BlockActionsPayload }
  | { type: 'view_submission'; payload: ViewSubmissionPayload }
  | { type: 'other'; payload: unknown; name: string };

/** Decodes the `payload=` form field Slack posts and validates it; throws InteractionPayloadError. */
export function parseInteractionBody(rawBody: string): ParsedInteraction {
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
  if (any.data.type === 'view_submission') {
    const parsed = ViewSubmissionPayload.safeParse(json);
    if (!parsed.success) throw new InteractionPayloadError(`invalid view_submission payload: ${firstIssue(parsed.error)}`, { cause: parsed.error });
    return { type: 'view_submission', payload: parsed.data };
  }
  if (any.data.type !== 'block_actions') return { type: 'other', payload: json, name: any.data.type };
  const parsed = BlockActionsPayload.safeParse(json);
  if (!parsed.success) throw new InteractionPayloadError(`invalid block_actions payload: ${firstIssue(parsed.error)}`, { cause: parsed.error });
  return { type: 'block_actions', payload: parsed.data };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
