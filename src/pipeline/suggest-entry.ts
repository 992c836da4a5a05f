/** @module Pipeline: the catalog id and match an author could use for a signal nobody has described yet. */
import type { Signal } from '../core/signal.ts';

export function suggestEntry(signal: Signal): { id: string; match: Record<string, unknown> } {
  const slug =
    signal.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'unnamed';
  return { id: `my-team.${slug}`, match: { family: signal.family, name: signal.name } };
}
