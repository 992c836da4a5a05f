/** @module Render (templates, interactions): the *Silence…* form — for how long, what it covers (this alarm, its entry, its group) and why — a Slack modal whose submission the interactions handler turns into a silence. */
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { truncate } from '../src/slack/limits.ts';
import { encodeAlertKey } from './parts/buttons.ts';
import { esc, mrkdwn, oneLine, plain } from './parts/text.ts';

/** The ids a submission is read by: the view's callback id, and each input's block id (its element has the same action id). */
export const SILENCE_VIEW = {
  callbackId: 'clarion.silence',
  length: 'clarion.silence-for',
  scope: 'clarion.silence-scope',
  reason: 'clarion.silence-reason',
} as const;

/** The lengths offered, as the CLI and the API write them. */
export const SILENCE_FORM_LENGTHS = [
  { value: '1h', label: '1 hour' },
  { value: '2h', label: '2 hours' },
  { value: '4h', label: '4 hours' },
  { value: '8h', label: '8 hours' },
  { value: '24h', label: '24 hours' },
  { value: '3d', label: '3 days' },
] as const;

/** Shown in Slack on the quiet line, on one line. */
export const SILENCE_REASON_MAX = 300;
const OPTION_TEXT_MAX = 75;

export type SilenceScope = 'alarm' | 'entry' | 'group';

export interface SilenceModalInput {
  alertKey: string;
  /** The alert's title (untrusted: built from event values). */
  title: string;
  /** Its catalog entry and group, when it has them: only scopes that exist are offered. */
  entry?: string;
  group?: string;
}

function option(value: string, label: string): PlainTextOption {
  return { text: plain(truncate(label, OPTION_TEXT_MAX)), value };
}

export function renderSilenceModal(input: SilenceModalInput): ModalView {
  const lengths = SILENCE_FORM_LENGTHS.map((l) => option(l.value, l.label));
  const scopes = [
    option('alarm', 'This alarm only'),
    ...(input.entry ? [option('entry', `This entry: ${input.entry}`)] : []),
    ...(input.group ? [option('group', `This group: ${input.group}`)] : []),
  ];
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'clarion.silence-about', text: mrkdwn(`*Alarm:* ${esc(oneLine(truncate(input.title, 500)))}`) },
    {
      type: 'context',
      block_id: 'clarion.silence-advice',
      elements: [mrkdwn('Nobody is told of what it covers while it lasts, product leads and local offices included. Alerts are still recorded; those still firing when it ends are delivered then.')],
    },
    {
      type: 'input',
      block_id: SILENCE_VIEW.length,
      label: plain('For how long'),
      element: { type: 'static_select', action_id: SILENCE_VIEW.length, options: lengths, initial_option: lengths[0]! },
    },
    {
      type: 'input',
      block_id: SILENCE_VIEW.scope,
      label: plain('What it covers'),
      element: { type: 'radio_buttons', action_id: SILENCE_VIEW.scope, options: scopes, initial_option: scopes[0]! },
    },
    {
      type: 'input',
      block_id: SILENCE_VIEW.reason,
      label: plain('Why'),
      element: {
        type: 'plain_text_input',
        action_id: SILENCE_VIEW.reason,
        max_length: SILENCE_REASON_MAX,
        placeholder: plain('Planned database upgrade until 11:00'),
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: SILENCE_VIEW.callbackId,
    // The alert, as its buttons carry it (keys are at most 512 bytes, so within 3000 encoded).
    private_metadata: encodeAlertKey(input.alertKey),
    title: plain('Silence'),
    submit: plain('Silence'),
    close: plain('Cancel'),
    blocks,
  };
}
