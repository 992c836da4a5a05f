/** @module Render (templates): the one quiet line a silence keeps in the engineers' channel — what it covers, until when, who and why, what it held, and *Lift silence*. */
import type { Button, KnownBlock } from '@slack/types';
import type { RenderedMessage } from '../src/core/alert.ts';
import { plainDate, slackDate } from '../src/slack/format-time.ts';
import { fitOwnMessage, truncate } from '../src/slack/limits.ts';
import { CLARION_ACTION_IDS } from './parts/buttons.ts';
import { esc, mrkdwn, oneLine, plain, plural } from './parts/text.ts';


export interface SilenceLineInput {
  id: string;
  kind: 'alarm' | 'entry' | 'group' | 'glob';
  match: string;
  /** What people call it (an alarm's title), when the match itself is a key. */
  label?: string;
  endsAt: string;
  reason: string;
  createdBy: string;
  held: { count: number; keys: string[] };
  endedAt?: string;
  endedBy?: string;
  timeZone?: string;
}

/** How many of the latest held alerts the line names. */
const LATEST_SHOWN = 5;
const KEY_SHOWN_MAX = 80;

/** An alert key's end names the alarm (`…:alarm:trainee-portal-1-5xx-rate`): a long one keeps its end. */
function shortKey(key: string): string {
  // A CloudWatch alarm's key ends in its ARN: the alarm's name is what engineers know it by.
  const alarm = /:alarm:([^|]+)$/.exec(key)?.[1];
  if (alarm) return alarm.length <= KEY_SHOWN_MAX ? alarm : `…${alarm.slice(-(KEY_SHOWN_MAX - 1))}`;
  return key.length <= KEY_SHOWN_MAX ? key : `…${key.slice(-(KEY_SHOWN_MAX - 1))}`;
}

/** A Slack user id is shown as a mention; anything else (a CLI user's name) as escaped text. */
function who(by: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(by) ? `<@${by}>` : esc(oneLine(by));
}

export function silenceWhat(input: Pick<SilenceLineInput, 'kind' | 'match' | 'label'>): string {
  const name = esc(oneLine(truncate(input.label ?? input.match, 150)));
  if (input.kind === 'alarm') return `the alarm *${name}*`;
  if (input.kind === 'group') return `the group *${name}*`;
  if (input.kind === 'glob') return `everything matching *${name}*`;
  return `*${name}*`;
}

function liftButton(id: string): Button {
  return {
    type: 'button',
    action_id: CLARION_ACTION_IDS.silenceLift,
    text: plain('Lift silence'),
    value: id,
    accessibility_label: 'Lift silence: alerts it holds that still fire are delivered now',
  };
}

export function renderSilenceLine(input: SilenceLineInput): RenderedMessage {
  const what = silenceWhat(input);
  const zone = input.timeZone;
  const reason = esc(oneLine(truncate(input.reason, 300)));
  const ended = input.endedAt !== undefined;
  const headline = ended
    ? input.endedBy === 'time'
      ? `🔔 The silence on ${what} ran out (${slackDate(new Date(input.endedAt!), zone)}). (${reason})`
      : `🔔 The silence on ${what} was lifted by ${who(input.endedBy ?? 'someone')} (${slackDate(new Date(input.endedAt!), zone)}). (${reason})`
    : `🔕 Silenced ${what} until ${slackDate(new Date(input.endsAt), zone)} by ${who(input.createdBy)}: ${reason}`;
  const latest = input.held.keys.slice(-LATEST_SHOWN).reverse().map((k) => `\`${esc(oneLine(shortKey(k))).replace(/`/g, "'")}\``);
  const heldText =
    input.held.count === 0
      ? ended
        ? 'It held no alerts.'
        : 'It has held no alerts yet.'
      : `It ${ended ? 'held' : 'has held'} ${plural(input.held.count, 'alert')}${latest.length > 0 ? `; latest: ${latest.join(', ')}` : ''}.${ended ? ' Those still firing are delivered now.' : ''}`;
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'clarion.silence-line', text: mrkdwn(headline) },
    { type: 'context', block_id: 'clarion.silence-held', elements: [mrkdwn(heldText)] },
  ];
  if (!ended) blocks.push({ type: 'actions', block_id: 'clarion.silence-actions', elements: [liftButton(input.id)] });
  const text = ended
    ? `Silence over: ${esc(oneLine(truncate(input.label ?? input.match, 150)))}`
    : `Silenced ${esc(oneLine(truncate(input.label ?? input.match, 150)))} until ${plainDate(new Date(input.endsAt), zone)}`;
  return fitOwnMessage({ text: truncate(text, 300), blocks });
}
