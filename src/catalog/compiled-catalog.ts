/** @module Catalog: the validated catalog as one JSON file, so Lambdas load it without the YAML parser. */
import * as z from 'zod';
import { buildCatalogIndex } from './catalog-index.ts';
import type { CatalogRuntime } from './catalog-runtime.ts';
import type { LoadedCatalog } from './load-catalog.ts';
import { CatalogEntry, ClarionConfig } from './schema.ts';
import { MaintenanceWindow } from './maintenance-schema.ts';
import { ClarionError } from '../core/clarion-error.ts';

/*
 * Parsing YAML with positions is for authors; a deployed function only needs the result. Shipping
 * the catalog compiled keeps the `yaml` package (a quarter of a handler bundle) out of cold starts.
 * The file is still parsed with the same zod schemas on load, so a hand-edited one cannot slip by.
 */
export const CompiledCatalog = z.object({
  format: z.literal('clarion-catalog/1'),
  config: ClarionConfig,
  entries: z.array(CatalogEntry),
  maintenance: z.array(MaintenanceWindow).default([]),
});
export type CompiledCatalog = z.infer<typeof CompiledCatalog>;

export function compileCatalog(loaded: LoadedCatalog): CompiledCatalog {
  return { format: 'clarion-catalog/1', config: loaded.config, entries: loaded.entries.map((e) => e.entry), maintenance: loaded.maintenance.map((m) => m.window) };
}

export class CompiledCatalogError extends ClarionError {}

export function runtimeFromCompiled(json: unknown): CatalogRuntime {
  const parsed = CompiledCatalog.safeParse(json);
  if (!parsed.success) {
    throw new CompiledCatalogError(`the compiled catalog is not valid: ${parsed.error.issues[0]?.message ?? 'unknown'}`, { cause: parsed.error });
  }
  return { config: parsed.data.config, index: buildCatalogIndex(parsed.data.entries), maintenance: parsed.data.maintenance };
}
