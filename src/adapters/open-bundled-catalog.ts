/** @module Adapter (Lambda edge): loads the catalog shipped next to the handler, once per cold start. */
import path from 'node:path';
import { openCatalog } from '../catalog/read-catalog-dir.ts';
import type { CatalogRuntime } from '../pipeline/render-event.ts';

const cache = new Map<string, Promise<CatalogRuntime>>();

/** The folder is relative to the Lambda task root (or the working directory locally). */
export function openBundledCatalog(dir: string): Promise<CatalogRuntime> {
  const full = path.resolve(process.env['LAMBDA_TASK_ROOT'] ?? process.cwd(), dir);
  let runtime = cache.get(full);
  if (!runtime) {
    // Lint is for authors and CI; a deployed catalog has passed it already.
    runtime = openCatalog(full, { lint: false }).then((opened) => opened.runtime);
    runtime.catch(() => cache.delete(full));
    cache.set(full, runtime);
  }
  return runtime;
}
