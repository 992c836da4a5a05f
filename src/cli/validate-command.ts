/** @module CLI: `clarion validate` — schema, cross-reference and plain-language checks of a catalog folder. */
import { formatProblem } from '../catalog/catalog-problem.ts';
import { lintPlainLanguage } from '../catalog/lint-plain-language.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { readCatalogSources } from '../adapters/read-catalog-dir.ts';
import type { CliOptions } from './main.ts';
import type { Io } from './io.ts';
import { resolveCatalogDir } from './resolve-catalog-dir.ts';

export async function runValidate(options: CliOptions, io: Io): Promise<number> {
  const dir = await resolveCatalogDir(options.catalog, io);
  const loaded = loadCatalog(await readCatalogSources(dir, io.cwd));
  // Entries that failed the schema are linted too: one run reports every problem.
  const problems = [...loaded.problems, ...lintPlainLanguage(loaded.checked, loaded.config, loaded.maintenance)];
  // With --strict a warning fails the run, so it is reported as an error.
  const shown = options.strict ? problems.map((p) => ({ ...p, severity: 'error' as const })) : problems;
  for (const problem of shown) io.stdout(`${formatProblem(problem)}\n`);
  const errors = shown.filter((p) => p.severity === 'error').length;
  const warnings = shown.length - errors;
  const summary = `${loaded.entries.length} entries, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  io.stderr(errors > 0 ? `Catalog has problems: ${summary}\n` : `Catalog OK: ${summary}\n`);
  return errors > 0 ? 1 : 0;
}
