/** @module Slack: makes untrusted text (alarm names, reasons, custom-event text) inert inside mrkdwn. */

/*
 * Slack decodes only &amp; &lt; &gt;, so those three are entity-escaped; that alone disarms
 * <!channel>, <@U1>, <#C1> and <https://x|y>. The formatting markers * _ ~ ` cannot be escaped in
 * mrkdwn at all, so (as jsx-slack's <Escape> does) they are swapped for look-alike characters.
 * Bare @here / @channel / @everyone and bare URLs are broken with an invisible word joiner so no
 * client setting can turn them into pings or links. This is for prose: identifiers people copy
 * go in plain_text elements or code spans (`escapeCode`), which keep them exact.
 */
const WORD_JOINER = '\u2060';

const LOOKALIKE: Record<string, string> = {
  '*': '\u2217', // ∗ asterisk operator
  _: '\u02CD', // ˍ modifier letter low macron
  '~': '\u223C', // ∼ tilde operator
  '`': '\u02CB', // ˋ modifier letter grave accent
};

/*
 * Most texts contain nothing to escape, and six replace passes over each of them were a tenth of
 * render time. These tests match whenever any pass below could change the text (the mention test
 * ignores the word boundary, so it matches more often, never less); the rest return the text as is.
 */
const MRKDWN_SPECIAL = /[&<>*_~`]|@(?:here|channel|everyone)|:\/\//i;
// eslint-disable-next-line no-control-regex
const PLAIN_SPECIAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|<[!@#]|@(?:here|channel|everyone)/i;

/** Entities first: they are what Slack decodes, so they must not be produced by the later passes. */
function escapeEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Bare mentions and URLs, broken with an invisible word joiner. */
function breakMentionsAndUrls(text: string): string {
  return text.replace(/@(?=(here|channel|everyone)\b)/gi, `@${WORD_JOINER}`).replace(/:\/\//g, `:${WORD_JOINER}//`);
}

/** Escapes text for a mrkdwn field so that nothing in it formats, links or pings. */
export function escapeMrkdwn(text: string): string {
  if (!MRKDWN_SPECIAL.test(text)) return text;
  return breakMentionsAndUrls(escapeEntities(text).replace(/[*_~`]/g, (c) => LOOKALIKE[c] ?? c));
}

const CODE_SPECIAL = /[&<>`]/;

/**
 * Escapes untrusted text for inside a code span or ``` block, where Slack formats nothing: no
 * bold, italics or strike, and (our mrkdwn is `verbatim`) no auto-links or bare @here. What people
 * copy from there (an alarm name, an ARN, a glob) must be exact, so only two things change: the
 * entities Slack decodes (copying gives back `<`, `>`, `&`; an escaped `<` is also what keeps
 * `<!channel>` from pinging) and the backtick, the one character a code span cannot hold.
 */
export function escapeCode(text: string): string {
  if (!CODE_SPECIAL.test(text)) return text;
  return escapeEntities(text).replace(/`/g, LOOKALIKE['`']!);
}

/** An identifier as an inline code span, exact for copying (see `escapeCode`); empty text gives ''. */
export function codeSpan(text: string): string {
  return text ? `\`${escapeCode(text)}\`` : '';
}

/** A run of non-space characters that holds a formatting marker: an identifier esc would alter. */
const MARKED_TOKEN = /^[^\s`]*[*_~][^\s`]*$/;

/**
 * A value filled into prose (catalog text). A single token holding * _ ~ is an identifier
 * (`room_bookings_prod`, `arn:…/my_db`): it goes in a code span so it stays exact. Anything else
 * is prose and escaped as such.
 */
export function escapeValue(text: string): string {
  // A URL or mention-like token stays prose-escaped: catalog text also reaches the top-level `text`, which is not verbatim.
  return MARKED_TOKEN.test(text) && !/:\/\/|@(?:here|channel|everyone)/i.test(text) ? codeSpan(text) : escapeMrkdwn(text);
}

/**
 * Text for plain_text objects. Slack shows plain_text literally, so alarm names stay exact for
 * copying; still, a mention written in Slack's own syntax (`<!channel>`, `<@U1>`, `<#C1>`) or a
 * bare `@here` gets an invisible word joiner, so no client or future change can turn it into a
 * ping, and control characters that break layout are removed.
 */
export function plainText(text: string): string {
  if (!PLAIN_SPECIAL.test(text)) return text;
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/<(?=[!@#])/g, `<${WORD_JOINER}`)
    .replace(/@(?=(here|channel|everyone)\b)/gi, `@${WORD_JOINER}`);
}
