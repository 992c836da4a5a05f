/** @module Pipeline: the catalog id and match an author could use for a signal nobody has described yet. */
import type { Signal } from '../core/signal.ts';

/** The alert-name half of a catalog id from any name: lower case, dashes, at most 60 characters. */
export function catalogSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export function suggestEntry(signal: Signal): { id: string; match: Record<string, unknown> } {
  return { id: `my-team.${catalogSlug(signal.name) || 'unnamed'}`, match: { family: signal.family, name: signal.name } };
}
