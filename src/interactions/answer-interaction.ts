/** @module Slack edge: one interaction request in, one HTTP answer out — verify, decode, act (Lambda and local server alike). */
import type { InteractionDeps, InteractionResult } from './handle-interaction.ts';
import { handleBlockAction } from './handle-interaction.ts';
import { InteractionPayloadError, parseInteractionBody } from '../slack/interaction-payload.ts';
import type { BlockActionsPayload } from '../slack/interaction-payload.ts';
import { SlackRequestVerificationError, verifySlackRequest } from '../slack/verify-slack-request.ts';

export interface InteractionRequest {
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface InteractionAnswer {
  statusCode: 200 | 400 | 401;
  body: string;
  /** What happened, for logs and tests; never sent to Slack. */
  result?: InteractionResult;
  reason?: string;
}

/**
 * Order matters: nothing is decoded, let alone changed, before the signature and timestamp check
 * passes, so unsigned, stale, future-dated or tampered requests get 401 and change nothing.
 */
export async function answerInteraction(
  request: InteractionRequest,
  deps: InteractionDeps & { signingSecret: string | undefined },
): Promise<InteractionAnswer> {
  try {
    verifySlackRequest({ signingSecret: deps.signingSecret, rawBody: request.rawBody, headers: request.headers, now: deps.now() });
  } catch (error) {
    if (error instanceof SlackRequestVerificationError) return { statusCode: 401, body: '', reason: error.reason };
    throw error;
  }
  let parsed: ReturnType<typeof parseInteractionBody>;
  try {
    parsed = parseInteractionBody(request.rawBody);
  } catch (error) {
    if (error instanceof InteractionPayloadError) return { statusCode: 400, body: error.message, reason: error.message };
    throw error;
  }
  if (parsed.type !== 'block_actions') return { statusCode: 200, body: '', reason: `ignored ${parsed.type}` };
  const result = await handleBlockAction(parsed.payload as BlockActionsPayload, deps);
  return { statusCode: 200, body: '', result };
}
