/** @module Render (templates): the catalog entry an uncatalogued alert suggests, as YAML to copy. */
import { stringify } from 'yaml';
import type { RenderInput } from '../../src/core/alert.ts';

/** A catalog id (team.alert-name) from a signal name: lower case, dashes, at most 60 characters. */
function idFor(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `your-team.${slug || 'new-alert'}`;
}

/** The id and match to suggest: the router's suggestion when it made one, else family + exact name. */
export function suggestedEntry(input: RenderInput): { id: string; match: Record<string, unknown> } {
  if (input.suggestedEntry) return input.suggestedEntry;
  const { signal } = input.alert;
  return { id: idFor(signal.name), match: { family: signal.family, name: signal.name } };
}

/** YAML for a catalog file's `entries:` list, starting the entry people are invited to write. */
export function suggestedEntryYaml(input: RenderInput): string {
  const { id, match } = suggestedEntry(input);
  return stringify([{ id, match }], { lineWidth: 0 }).trimEnd();
}
