/** @module Render (templates, interactions): the *Post an update* form engineers fill in — a Slack modal whose submission the interactions handler checks and posts. */
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { truncate } from '../src/slack/limits.ts';
import { encodeAlertKey } from './parts/buttons.ts';
import { esc, mrkdwn, oneLine, plain } from './parts/text.ts';

/** The ids a submission is read by: the view's callback id, and each input's block id (its element has the same action id). */
export const UPDATE_VIEW = {
  callbackId: 'clarion.post-update',
  text: 'clarion.update-text',
  audiences: 'clarion.update-audiences',
} as const;

/*
 * Slack's modal limits (docs.slack.dev "Modal view" and @slack/types `ModalView`): title, submit
 * and close at most 24 characters, private_metadata 3000, at most 100 blocks; a plain_text_input
 * holds at most 3000 characters, an option's text 75. The text is kept well below 3000 so the
 * notice, which adds a heading to it, still fits one section.
 */
export const UPDATE_TEXT_MAX = 2000;
const OPTION_TEXT_MAX = 75;
/** Checkboxes take at most 10 options. */
const MAX_AUDIENCES = 10;

export interface UpdateModalInput {
  alertKey: string;
  /** The alert's title (untrusted: built from event values). */
  title: string;
  /** The non-technical audiences it can go to; all are ticked at first. */
  audiences: Array<{ name: string; description?: string }>;
}

function option(audience: UpdateModalInput['audiences'][number]): PlainTextOption {
  return {
    text: plain(truncate(audience.name, OPTION_TEXT_MAX)),
    value: audience.name,
    ...(audience.description ? { description: plain(truncate(audience.description, OPTION_TEXT_MAX)) } : {}),
  };
}

export function renderUpdateModal(input: UpdateModalInput): ModalView {
  const options = input.audiences.slice(0, MAX_AUDIENCES).map(option);
  const about: KnownBlock = { type: 'section', block_id: 'clarion.update-about', text: mrkdwn(`*About:* ${esc(oneLine(input.title))}`) };
  if (options.length === 0) {
    // Checkboxes need an option, and an update would reach nobody: say so rather than open a form that cannot be sent.
    return {
      type: 'modal',
      callback_id: UPDATE_VIEW.callbackId,
      private_metadata: encodeAlertKey(input.alertKey),
      title: plain('Post an update'),
      close: plain('Close'),
      blocks: [about, { type: 'section', block_id: 'clarion.update-nobody', text: mrkdwn('Only the engineers have a message about this alert so far, so there is nobody to update yet.') }],
    };
  }
  const blocks: KnownBlock[] = [
    about,
    {
      type: 'context',
      block_id: 'clarion.update-advice',
      elements: [mrkdwn('Write for people who are not engineers: what they notice, and what happens next. Clarion checks it for jargon before it goes out.')],
    },
    {
      type: 'input',
      block_id: UPDATE_VIEW.text,
      label: plain('Update'),
      element: {
        type: 'plain_text_input',
        action_id: UPDATE_VIEW.text,
        multiline: true,
        max_length: UPDATE_TEXT_MAX,
        placeholder: plain('Some people cannot log in. We are fixing it and expect it to work again by 11:00.'),
      },
    },
    {
      type: 'input',
      block_id: UPDATE_VIEW.audiences,
      label: plain('Who reads it'),
      element: { type: 'checkboxes', action_id: UPDATE_VIEW.audiences, options, initial_options: options },
    },
  ];
  return {
    type: 'modal',
    callback_id: UPDATE_VIEW.callbackId,
    // The alert the update is about, as its buttons carry it (keys are at most 512 bytes, so within 3000 encoded).
    private_metadata: encodeAlertKey(input.alertKey),
    title: plain('Post an update'),
    submit: plain('Post update'),
    close: plain('Cancel'),
    blocks,
  };
}
