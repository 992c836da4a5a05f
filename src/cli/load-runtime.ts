/** @module CLI: opens the catalog for commands that render, printing its problems when it cannot be used. */
import { CatalogError, formatProblem } from '../catalog/catalog-problem.ts';
import { openCatalog } from '../adapters/read-catalog-dir.ts';
import type { OpenedCatalog } from '../adapters/read-catalog-dir.ts';
import type { Io } from './io.ts';
import { resolveCatalogDir } from './resolve-catalog-dir.ts';

/** Returns the opened catalog, or null after printing its errors (the caller exits 1). */
export async function loadRuntime(dir: string, io: Io, lint = false): Promise<OpenedCatalog | null> {
  const full = await resolveCatalogDir(dir, io);
  try {
    return await openCatalog(full, { lint, cwd: io.cwd });
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    for (const problem of error.problems.filter((p) => p.severity === 'error')) io.stderr(`${formatProblem(problem)}\n`);
    return null;
  }
}
