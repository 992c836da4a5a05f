/** @module Catalog (I/O edge): reads a catalog folder from disk and loads, lints and indexes it. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildCatalogIndex } from '../pipeline/match-signal.ts';
import type { CatalogRuntime } from '../pipeline/render-event.ts';
import type { CatalogProblem } from './catalog-problem.ts';
import { CatalogError } from './catalog-problem.ts';
import { loadCatalog } from './load-catalog.ts';
import type { LoadedCatalog } from './load-catalog.ts';
import type { SourceFile } from './yaml-source.ts';

export const CONFIG_FILE_NAMES = ['clarion.config.yaml', 'clarion.config.yml'];

/** Reads every `*.yaml` / `*.yml` below `dir`; paths in messages are relative to `cwd`. */
export async function readCatalogSources(dir: string, cwd = process.cwd()): Promise<{ config?: SourceFile; entryFiles: SourceFile[] }> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((f) => f.isFile() && /\.ya?ml$/.test(f.name))
    .map((f) => path.join(f.parentPath, f.name))
    .sort();
  let config: SourceFile | undefined;
  const entryFiles: SourceFile[] = [];
  for (const file of files) {
    const source = { path: path.relative(cwd, file) || file, text: await readFile(file, 'utf8') };
    if (CONFIG_FILE_NAMES.includes(path.basename(file)) && path.dirname(file) === path.resolve(dir)) config = source;
    else entryFiles.push(source);
  }
  return config ? { config, entryFiles } : { entryFiles };
}

export interface OpenedCatalog {
  loaded: LoadedCatalog;
  runtime: CatalogRuntime;
  problems: CatalogProblem[];
}

/** Loads, lints and indexes a catalog folder; throws `CatalogError` when it has errors. */
export async function openCatalog(dir: string, options: { lint?: boolean; cwd?: string } = {}): Promise<OpenedCatalog> {
  const loaded = loadCatalog(await readCatalogSources(path.resolve(options.cwd ?? process.cwd(), dir), options.cwd));
  const problems = [...loaded.problems];
  if (options.lint !== false) {
    // Loaded on demand: the lint pulls in retext/unified, which deployed handlers never need.
    const { lintPlainLanguage } = await import('./lint-plain-language.ts');
    problems.push(...lintPlainLanguage(loaded.entries, loaded.config));
  }
  if (problems.some((p) => p.severity === 'error')) throw new CatalogError(problems);
  return {
    loaded,
    runtime: { index: buildCatalogIndex(loaded.entries.map((e) => e.entry)), config: loaded.config },
    problems,
  };
}
