/** @module Render (templates): text objects and the small escaping helpers every template shares. */
import type { MrkdwnElement, PlainTextElement } from '@slack/types';
import { codeSpan, escapeCode, escapeMrkdwn, plainText } from '../../src/slack/escape-mrkdwn.ts';

/**
 * A mrkdwn text object. `verbatim: true` throughout: nearly every text holds signal values (directly,
 * or through catalog placeholders), and verbatim only stops auto-linking of bare URLs and #names;
 * explicit `<url|label>`, `<@U…>` and `<!date…>` sequences still work.
 */
export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

/** A plain_text object; `emoji` only for our own emoji, so `:codes:` in alarm names stay literal. */
export function plain(text: string, emoji = false): PlainTextElement {
  return { type: 'plain_text', text: plainText(text), emoji };
}

/** Whitespace other than a space (`\s` spelled out, which V8 matches faster than `[^\S ]`), or two spaces. */
const BREAK_OR_RUN = /[\t-\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/;

/** Collapses line breaks and runs of spaces, for headers, names and the one-line fallback. */
export function oneLine(text: string): string {
  // Nearly every text is one line already; the replace and trim copies were an eighth of render time.
  const last = text.length - 1;
  if (last < 0 || (text.charCodeAt(0) !== 32 && text.charCodeAt(last) !== 32 && !BREAK_OR_RUN.test(text))) return text;
  return text.replace(/\s+/g, ' ').trim();
}

/** Escapes untrusted text for mrkdwn (re-exported so templates import escaping from one place). */
export const esc = escapeMrkdwn;

/** Escapes untrusted text inside a ``` code block (re-exported beside `esc` for the templates). */
export { escapeCode };

/**
 * An identifier people copy (alarm, metric, resource, ARN, dimension, account, catalog id) as
 * inline code, on one line: exact there, where `esc` would have to swap * _ ~ for look-alikes.
 */
export function code(text: string): string {
  return codeSpan(oneLine(text));
}

/** The text with its first letter in capitals, for a name that starts a line ("the Trainee Portal" in a header or footer). */
export function capitalized(text: string): string {
  return text.charAt(0).toLocaleUpperCase('en-GB') + text.slice(1);
}

/** Prefixes every line with ">" so Slack shows the text as a quote. */
export function quote(text: string): string {
  return `>${text.replaceAll('\n', '\n>')}`;
}

/** "1 item" / "3 items". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
