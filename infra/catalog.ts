/** @module Infrastructure (catalog): validates the catalog at deploy and compiles it for the functions. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileCatalog } from '../src/catalog/compiled-catalog.ts';
import { openCatalog } from '../src/adapters/read-catalog-dir.ts';

/*
 * A catalog with errors stops the deploy here (openCatalog throws CatalogError with every
 * file:line:col problem). The functions get one JSON file instead of the YAML folder, so their
 * bundles leave the YAML parser out; the file is git-ignored and rewritten on every deploy.
 */
export const catalog = await openCatalog('alert-catalog', { lint: false });

export const COMPILED_CATALOG = path.join('.clarion', 'alert-catalog.json');
mkdirSync(path.dirname(COMPILED_CATALOG), { recursive: true });
writeFileSync(COMPILED_CATALOG, `${JSON.stringify(compileCatalog(catalog.loaded))}\n`);

export const catalogEntries = catalog.loaded.entries.map((e) => e.entry);
