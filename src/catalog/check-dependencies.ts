/** @module Catalog (load-time check): `dependsOn` names entries that exist and never loops back, reported at the offending item with `file:line:col`. */
import type { CatalogProblem } from './catalog-problem.ts';
import type { LocatedEntry } from './load-catalog.ts';

/*
 * Inhibition folds an entry under the entries it depends on while they fire. A dependency on an id
 * nobody defines would never fold anything, and a loop (a → b → a) would let two firing alerts hide
 * each other, so both are errors, each pointing at the `dependsOn` item that causes it.
 */

function problemAt(located: LocatedEntry, item: number, message: string): CatalogProblem {
  return located.source.problemAt(['entries', located.index, 'dependsOn', item], message);
}

export function checkDependencies(entries: LocatedEntry[]): CatalogProblem[] {
  const byId = new Map<string, LocatedEntry>();
  for (const located of entries) if (!byId.has(located.entry.id)) byId.set(located.entry.id, located);
  const problems: CatalogProblem[] = [];
  for (const located of entries) {
    (located.entry.dependsOn ?? []).forEach((id, i) => {
      if (id === located.entry.id) problems.push(problemAt(located, i, `depends on itself: ${id} → ${id}`));
      else if (!byId.has(id)) problems.push(problemAt(located, i, `depends on unknown entry "${id}"`));
    });
  }
  problems.push(...cycles(entries, byId));
  return problems;
}

/** Each loop of two or more entries, once, at the item that closes it (depth-first in file order). */
function cycles(entries: LocatedEntry[], byId: Map<string, LocatedEntry>): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (id: string): void => {
    const located = byId.get(id);
    if (!located) return;
    path.push(id);
    onPath.add(id);
    (located.entry.dependsOn ?? []).forEach((next, i) => {
      // Self-dependencies and unknown ids are reported on their own above.
      if (next === id || !byId.has(next)) return;
      if (onPath.has(next)) {
        const loop = [...path.slice(path.indexOf(next)), next];
        problems.push(problemAt(located, i, `dependsOn makes a cycle: ${loop.join(' → ')}`));
      } else if (!done.has(next)) visit(next);
    });
    path.pop();
    onPath.delete(id);
    done.add(id);
  };
  for (const located of entries) if (!done.has(located.entry.id)) visit(located.entry.id);
  return problems;
}
