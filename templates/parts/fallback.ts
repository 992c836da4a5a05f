/** @module Render (templates): the one-line `text` fallback that notifications and screen readers use. */
import { truncate } from '../../src/slack/limits.ts';
import { oneLine } from './text.ts';

/** Length of a notification line that still reads as one line on a phone lock screen. */
const FALLBACK_MAX = 300;

/** Joins already-escaped (or trusted mrkdwn) parts: "status: title — impact". */
export function fallbackText(status: string, title: string, detail?: string): string {
  const line = `${status}: ${title}${detail ? ` — ${detail}` : ''}`;
  return truncate(oneLine(line), FALLBACK_MAX);
}
