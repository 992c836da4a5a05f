/** @module Preview page: Clarion's blocks made ready for slack-blocks-to-jsx, so the page shows what Slack shows. */

/**
 * In Slack, `verbatim: true` only stops bare URLs and #names from becoming links; formatting still
 * applies. slack-blocks-to-jsx instead shows verbatim text raw (asterisks, `<!date…>` and all), so
 * the flag is dropped for drawing; Clarion's texts hold no bare links for it to change.
 */
function withoutVerbatim(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(object)) if (key !== 'verbatim') out[key] = forDrawing(v);
  return out;
}

/**
 * slack-blocks-to-jsx turns every `&gt;` of a text into "> " before it parses the text, so an escaped
 * `a->b` was drawn "a-> b" and `1 -> 2` "1 ->  2". Slack shows the character alone. Decoded first,
 * a `>` inside a line stays as written, and one that starts a line still quotes it, as the quotes
 * Clarion writes with a bare `>` do.
 */
export function mrkdwnForDrawing(text: string): string {
  if (!text.includes('&gt;')) return text;
  // An escaped `&lt;!channel&gt;` (event text) is literal text in Slack, but the library decodes it
  // and draws a mention or a link: a word joiner after its `<` keeps it drawn as the text it is.
  return text.replace(/&lt;((?:(?!&lt;|&gt;)[^\n])*)&gt;/g, '<\u2060$1>').replaceAll('&gt;', '>');
}

/** The blocks with `verbatim` dropped and each mrkdwn text decoded as above; the rest as it was. */
export function forDrawing(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(forDrawing);
  if (typeof value !== 'object' || value === null) return value;
  const object = withoutVerbatim(value as Record<string, unknown>);
  if (object.type === 'mrkdwn' && typeof object.text === 'string') object.text = mrkdwnForDrawing(object.text);
  return object;
}
