/** @module Catalog: what a loaded catalog is at run time — the entries' match index and the configuration. */
import type { CatalogIndex } from './catalog-index.ts';
import type { MaintenanceWindow } from './maintenance-schema.ts';
import type { ClarionConfig } from './schema.ts';

export interface CatalogRuntime {
  index: CatalogIndex;
  config: ClarionConfig;
  /** Planned work (`maintenance:` in catalog files); absent means none. */
  maintenance?: MaintenanceWindow[];
}
