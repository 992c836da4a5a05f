/** @module Render (templates): the catalog entry an uncatalogued alert suggests, as YAML to copy. */
import type { RenderInput } from '../../src/core/alert.ts';
import { suggestEntry } from '../../src/catalog/suggest-entry.ts';

/**
 * The id and match to suggest: the pipeline's suggestion when it passed one, else the same
 * function's, so Slack, the CLI and the preview suggest the same entry for the same event.
 */
export function suggestedEntry(input: RenderInput): { id: string; match: Record<string, unknown> } {
  return input.suggestedEntry ?? suggestEntry(input.alert.signal);
}

/**
 * Strings that read as themselves when written unquoted in YAML: a letter, then letters, digits,
 * inner spaces and `. _ / -`, and not a word YAML reads as a boolean or null.
 */
const PLAIN_SCALAR = /^[A-Za-z][A-Za-z0-9._/ -]*(?<! )$/;
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n)$/i;

function isPlainScalar(value: unknown): value is string {
  return typeof value === 'string' && PLAIN_SCALAR.test(value) && !RESERVED.test(value);
}

/*
 * Anything else is written as JSON, which is valid YAML (a double-quoted scalar, or a flow
 * collection). That keeps the YAML library, a quarter of a Lambda bundle, out of rendering.
 */
function scalar(value: unknown): string {
  return isPlainScalar(value) ? value : JSON.stringify(value);
}

/** YAML for a catalog file's `entries:` list, starting the entry people are invited to write. */
export function suggestedEntryYaml(input: RenderInput): string {
  const { id, match } = suggestedEntry(input);
  return `- id: ${scalar(id)}\n  match:${Object.entries(match).map(([key, value]) => `\n    ${scalar(key)}: ${scalar(value)}`).join('')}`;
}
