/** @module Local stack (HTTP edge): how deeply a JSON text nests, measured on the text before anything parses or walks it. */

/**
 * Real AWS events nest a dozen levels at most (a Health event's affected entities, an SNS message
 * inside an EventBridge envelope inside a `Records` batch); 100 leaves room for any wrapper while
 * keeping every later recursive walk (normalizing, matching, rendering, logging) far from the stack limit.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * The deepest nesting of `[` and `{` outside strings, counted in one pass with no recursion; it
 * stops counting once past `stopAbove`, so a hostile body costs no more than reading it.
 * Meant for text that JSON.parse then reads: it does not validate, it only counts.
 */
export function jsonNestingDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i += 1;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth -= 1;
  }
  return deepest;
}
