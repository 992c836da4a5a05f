/** @module Adapter (Lambda edge): loads the catalog shipped next to the handler, once per cold start. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runtimeFromCompiled } from '../catalog/compiled-catalog.ts';
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';

/** Where the deploy puts the compiled catalog, relative to the task root. */
export const COMPILED_CATALOG_FILE = 'alert-catalog.json';

const cache = new Map<string, Promise<CatalogRuntime>>();

/**
 * The compiled catalog (`alert-catalog.json`, written at deploy time by `clarion compile`) when it
 * is there; otherwise the YAML folder, whose parser is loaded only then. Paths are relative to the
 * Lambda task root (or the working directory locally).
 */
export function openBundledCatalog(dir: string, file = COMPILED_CATALOG_FILE): Promise<CatalogRuntime> {
  const root = process.env['LAMBDA_TASK_ROOT'] ?? process.cwd();
  const compiled = path.resolve(root, file);
  const key = `${compiled}\0${path.resolve(root, dir)}`;
  let runtime = cache.get(key);
  if (!runtime) {
    runtime = existsSync(compiled)
      ? readFile(compiled, 'utf8').then((text) => runtimeFromCompiled(JSON.parse(text)))
      : // Lint is for authors and CI; a deployed catalog has passed it already.
        import('./read-catalog-dir.ts').then(async ({ openCatalog }) => (await openCatalog(path.resolve(root, dir), { lint: false })).runtime);
    runtime.catch(() => cache.delete(key));
    cache.set(key, runtime);
  }
  return runtime;
}
