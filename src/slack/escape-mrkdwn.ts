/** @module Slack: makes untrusted text (alarm names, reasons, custom-event text) inert inside mrkdwn. */

/*
 * Slack decodes only &amp; &lt; &gt;, so those three are entity-escaped; that alone disarms
 * <!channel>, <@U1>, <#C1> and <https://x|y>. The formatting markers * _ ~ ` cannot be escaped in
 * mrkdwn at all, so (as jsx-slack's <Escape> does) they are swapped for look-alike characters.
 * Bare @here / @channel / @everyone and bare URLs are broken with an invisible word joiner so no
 * client setting can turn them into pings or links. Keep identifiers people copy (alarm names)
 * in plain_text elements where possible: plain_text needs none of this.
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

const CODE_SPECIAL = /[&<>`]|@(?:here|channel|everyone)|:\/\//i;

/**
 * Escapes untrusted text for inside a ``` code block, where * _ ~ do not format: they are kept so
 * that what people copy (a glob, a name) is exact. Entities, backticks (which would close the
 * block), @here-style mentions and URLs are still disarmed.
 */
export function escapeCode(text: string): string {
  if (!CODE_SPECIAL.test(text)) return text;
  return breakMentionsAndUrls(escapeEntities(text).replace(/`/g, LOOKALIKE['`']!));
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
