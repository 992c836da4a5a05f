/** @module Render (templates, issue 14): the engineers' *Run fix* button for an entry whose fix is only suggested, with Slack's confirm dialog naming what it will do. */
import type { Button } from '@slack/types';
import type { AlertAutoFix } from '../../src/core/fix-call.ts';
import { describeCall } from '../../src/core/fix-call.ts';
import { SLACK_LIMITS, truncate } from '../../src/slack/limits.ts';
import { plain } from './text.ts';

export const RUN_FIX_ACTION_ID = 'clarion.run-fix';

/** Slack's confirm dialog: a title of at most 100 characters, a text of at most 300. */
const CONFIRM_TITLE_MAX = 100;
const CONFIRM_TEXT_MAX = 300;

/**
 * `value` is the alert key as `encodeAlertKey` writes it; a key too long for Slack's value gets no
 * button (a cut one would name another alert). The dialog is plain text: nothing in it is read as
 * mrkdwn, so the catalog's title needs no escaping there.
 */
export function runFixButton(value: string, fix: AlertAutoFix): Button | undefined {
  if (value.length > SLACK_LIMITS.buttonValue) return undefined;
  return {
    type: 'button',
    action_id: RUN_FIX_ACTION_ID,
    text: plain('Run fix'),
    value,
    accessibility_label: truncate(`Run fix: ${fix.title}`, 75),
    confirm: {
      title: plain(truncate(`${fix.title}?`, CONFIRM_TITLE_MAX)),
      text: plain(truncate(`Clarion will ${describeCall(fix.call)}, with values from this alert. It is told in this thread, and runs only within the entry's limit.`, CONFIRM_TEXT_MAX)),
      confirm: plain('Run it'),
      deny: plain('Cancel'),
    },
  };
}
