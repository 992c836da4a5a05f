/** @module Render (templates): who did something, as a Slack mention only when it is a real user id. */
import { esc } from './text.ts';

/** Slack user ids (U…, or W… on Enterprise Grid); anything else is shown as escaped text. */
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

export function personMention(who: string): string {
  return USER_ID.test(who) ? `<@${who}>` : esc(who);
}
