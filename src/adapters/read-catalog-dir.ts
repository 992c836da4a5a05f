/** @module Catalog (I/O edge): reads a catalog folder from disk and loads, lints and indexes it. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildCatalogIndex } from '../catalog/catalog-index.ts';
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import type { CatalogProblem } from '../catalog/catalog-problem.ts';
import { CatalogError } from '../catalog/catalog-problem.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import type { CatalogSources, LoadedCatalog } from '../catalog/load-catalog.ts';
import type { SourceFile } from '../catalog/yaml-source.ts';

export const CONFIG_FILE_NAMES = ['clarion.config.yaml', 'clarion.config.yml'];

const MB = 1024 * 1024;

/**
 * How much YAML a catalog may hold. Parsing, checking and linting keep about 80 times the text in
 * memory (a 50 MB catalog took 3.9 GB and crashed; 5 MB takes about 0.5 GB and 10 MB 0.8 GB), so
 * a file over these limits is refused before it is read. The shipped catalog is 160 KB in all.
 */
export interface CatalogLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
}

export const CATALOG_LIMITS: CatalogLimits = { maxFileBytes: 5 * MB, maxTotalBytes: 10 * MB };

/**
 * Reads every `*.yaml` / `*.yml` below `dir`; paths in messages are relative to `cwd`. A file over
 * the limits is not read: it becomes a problem at its `file:1:1`.
 */
export async function readCatalogSources(dir: string, cwd = process.cwd(), limits: CatalogLimits = CATALOG_LIMITS): Promise<CatalogSources> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((f) => f.isFile() && /\.ya?ml$/.test(f.name))
    .map((f) => path.join(f.parentPath, f.name))
    .sort();
  let config: SourceFile | undefined;
  const entryFiles: SourceFile[] = [];
  const problems: CatalogProblem[] = [];
  let total = 0;
  for (const file of files) {
    const shown = path.relative(cwd, file) || file;
    let source: SourceFile;
    try {
      const { size } = await stat(file);
      const refused = sizeProblem(shown, size, total, limits);
      if (refused) {
        problems.push(refused);
        continue;
      }
      total += size;
      source = { path: shown, text: await readFile(file, 'utf8') };
    } catch (error) {
      // A file that vanished or cannot be opened is one problem among the others, not a crash.
      problems.push({ file: shown, line: 1, col: 1, path: '', message: `cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, severity: 'error' });
      continue;
    }
    if (CONFIG_FILE_NAMES.includes(path.basename(file)) && path.dirname(file) === path.resolve(dir)) config = source;
    else entryFiles.push(source);
  }
  return { ...(config ? { config } : {}), entryFiles, ...(problems.length > 0 ? { problems } : {}) };
}

function sizeProblem(file: string, size: number, totalBefore: number, limits: CatalogLimits): CatalogProblem | undefined {
  const at = { file, line: 1, col: 1, path: '', severity: 'error' as const };
  if (size > limits.maxFileBytes) {
    return { ...at, message: `${file} is ${megabytes(size, limits.maxFileBytes)}; the limit is ${megabytes(limits.maxFileBytes)} a file, so it was not read (split it into several files)` };
  }
  if (totalBefore + size > limits.maxTotalBytes) {
    return { ...at, message: `the catalog is ${megabytes(totalBefore + size, limits.maxTotalBytes)} with ${file}; the limit is ${megabytes(limits.maxTotalBytes)} in all, so it was not read` };
  }
  return undefined;
}

/** "5.2 MB"; with more decimals, then in bytes, when fewer would make a size just over `limit` read as the limit itself. */
function megabytes(bytes: number, limit?: number): string {
  if (limit === undefined) return `${Number((bytes / MB).toFixed(3))} MB`;
  for (const decimals of [1, 2, 3]) {
    const shown = Number((bytes / MB).toFixed(decimals));
    if (shown > limit / MB) return `${shown} MB`;
  }
  return `${bytes.toLocaleString('en')} bytes`;
}

export interface OpenedCatalog {
  loaded: LoadedCatalog;
  runtime: CatalogRuntime;
  problems: CatalogProblem[];
}

/** Loads, lints and indexes a catalog folder; throws `CatalogError` when it has errors. */
export async function openCatalog(dir: string, options: { lint?: boolean; cwd?: string; limits?: CatalogLimits } = {}): Promise<OpenedCatalog> {
  const loaded = loadCatalog(await readCatalogSources(path.resolve(options.cwd ?? process.cwd(), dir), options.cwd, options.limits));
  const problems = [...loaded.problems];
  if (options.lint !== false) {
    // Loaded on demand: the lint pulls in retext/unified, which deployed handlers never need.
    const { lintPlainLanguage } = await import('../catalog/lint-plain-language.ts');
    problems.push(...lintPlainLanguage(loaded.checked, loaded.config, loaded.maintenance));
  }
  if (problems.some((p) => p.severity === 'error')) throw new CatalogError(problems);
  return {
    loaded,
    runtime: { index: buildCatalogIndex(loaded.entries.map((e) => e.entry)), config: loaded.config, maintenance: loaded.maintenance.map((m) => m.window) },
    problems,
  };
}
