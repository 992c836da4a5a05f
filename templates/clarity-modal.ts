/** @module Render (templates, interactions): the short "What was unclear?" form a reader gets on *No*, and the private line that thanks them. */
import type { ModalView } from '@slack/types';
import type { RenderedMessage } from '../src/core/alert.ts';
import { HISTORY_TEXT_MAX } from '../src/core/history.ts';
import { truncate } from '../src/slack/limits.ts';
import { esc, mrkdwn, oneLine, plain } from './parts/text.ts';

/** The ids a submission is read by: the view's callback id and the comment input's block (and action) id. */
export const CLARITY_VIEW = {
  callbackId: 'clarion.clarity',
  comment: 'clarion.clarity-comment',
} as const;

/** History keeps this much of a comment; the input stops there, so nothing the reader wrote is cut. */
export const CLARITY_COMMENT_MAX = HISTORY_TEXT_MAX;

/**
 * `metadata` is what the submission needs to record the answer (the entry, state and audience, and
 * the message it is about), encoded by the caller; it is at most a few hundred characters, within
 * the 3,000 Slack allows.
 */
export function renderClarityModal(metadata: string): ModalView {
  return {
    type: 'modal',
    callback_id: CLARITY_VIEW.callbackId,
    private_metadata: metadata,
    title: plain('Was this clear?'),
    submit: plain('Send'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: CLARITY_VIEW.comment,
        optional: true,
        label: plain('What was unclear?'),
        hint: plain('Optional. The people who write these messages read it; your name is not kept with it.'),
        element: {
          type: 'plain_text_input',
          action_id: CLARITY_VIEW.comment,
          multiline: true,
          max_length: CLARITY_COMMENT_MAX,
          placeholder: plain('A word I did not know, or what I should tell users'),
        },
      },
    ],
  };
}

/** The line only the reader sees once the answer is recorded; their own words are quoted back escaped (they are user text). */
export function renderClarityThanks(answer: 'yes' | 'no', comment?: string): RenderedMessage {
  const said = comment ? ` You said: “${esc(truncate(oneLine(comment), CLARITY_COMMENT_MAX))}”` : '';
  const text = answer === 'yes' ? 'Thank you: your answer (clear) was recorded.' : `Thank you: your answer (not clear) was recorded.${said}`;
  return { text, blocks: [{ type: 'context', block_id: 'clarion.clarity-thanks', elements: [mrkdwn(text)] }] };
}

/** The line a reader sees when this Clarion keeps no history, so an answer has nowhere to go. */
export function renderClarityNotRecorded(): RenderedMessage {
  const text = 'Sorry: this Clarion keeps no history, so your answer could not be recorded.';
  return { text, blocks: [{ type: 'context', block_id: 'clarion.clarity-thanks', elements: [mrkdwn(text)] }] };
}
