/** @module CLI: `clarion schema` — writes the JSON Schemas generated from the zod definitions. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { catalogJsonSchemas } from '../catalog/json-schema.ts';
import type { CliOptions } from './main.ts';
import type { Io } from './io.ts';
import { resolveCatalogDir } from './resolve-catalog-dir.ts';

export async function runSchema(options: CliOptions, io: Io): Promise<number> {
  const dir = await resolveCatalogDir(options.catalog, io);
  for (const [file, schema] of Object.entries(catalogJsonSchemas())) {
    const target = path.join(dir, file);
    await writeFile(target, `${JSON.stringify(schema, null, 2)}\n`);
    io.stdout(`wrote ${path.relative(io.cwd, target)}\n`);
  }
  return 0;
}
