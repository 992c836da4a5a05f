/** @module Stage 1, normalize: text from events made well-formed (no lone surrogates) and bounded in length. */

/*
 * A lone UTF-16 surrogate is valid in a JS string and in a JSON escape but not in UTF-8:
 * encodeURIComponent throws on it, and DynamoDB, Slack and log pipelines refuse or mangle it, so
 * it becomes U+FFFD once, where text enters.
 */

interface Es2024String {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/** Whether the text has no lone surrogate (ES2024, in Node 20; not yet in this project's `lib`). */
export function isWellFormedText(text: string): boolean {
  return (text as unknown as Es2024String).isWellFormed();
}

/** The text with every lone surrogate replaced by U+FFFD. */
export function wellFormedText(text: string): string {
  return isWellFormedText(text) ? text : (text as unknown as Es2024String).toWellFormed();
}

/** Well-formed text cut to `max` UTF-16 units, never between the halves of a surrogate pair, marked with "…". */
export function boundedText(text: string, max: number): string {
  const wellFormed = wellFormedText(text);
  return wellFormed.length <= max ? wellFormed : `${prefix(wellFormed, Math.max(0, max - 1))}…`;
}

/** The first `length` UTF-16 units, one fewer when the cut would leave half a surrogate pair. */
export function prefix(value: string, length: number): string {
  if (value.length <= length) return value;
  const last = value.charCodeAt(length - 1);
  return value.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length);
}
