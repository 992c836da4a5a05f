/** @module Slack edge: one interaction request in, one HTTP answer out — verify, decode, act on a press or a submitted form (Lambda and local server alike). */
import type { InteractionDeps, InteractionResult } from './handle-interaction.ts';
import { handleBlockAction } from './handle-interaction.ts';
import { InteractionPayloadError, parseInteractionBody } from '../slack/interaction-payload.ts';
import { handleViewSubmission } from './post-update.ts';
import { handleSilenceSubmission } from './silence-form.ts';
import { SILENCE_VIEW } from '../../templates/silence-modal.ts';
import { CLARITY_VIEW } from '../../templates/clarity-modal.ts';
import { handleClaritySubmission } from './clarity-answer.ts';
import { SlackRequestVerificationError, verifySlackRequest } from '../slack/verify-slack-request.ts';

export interface InteractionRequest {
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface InteractionAnswer {
  statusCode: 200 | 400 | 401;
  body: string;
  /** Set when the body is JSON Slack reads (a view_submission's `response_action`); otherwise the body is empty or a reason. */
  headers?: Record<string, string>;
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
  if (parsed.type === 'view_submission') {
    const callback = parsed.payload.view.callback_id;
    const submitted = callback === SILENCE_VIEW.callbackId ? handleSilenceSubmission : callback === CLARITY_VIEW.callbackId ? handleClaritySubmission : handleViewSubmission;
    const { result, response } = await submitted(parsed.payload, deps);
    return response
      ? { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(response), result }
      : { statusCode: 200, body: '', result };
  }
  if (parsed.type !== 'block_actions') return { statusCode: 200, body: '', reason: `ignored ${parsed.name}` };
  const result = await handleBlockAction(parsed.payload, deps);
  return { statusCode: 200, body: '', result };
}
