/** @module CLI: `clarion compile` — writes the validated catalog as one JSON file for deployment. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compileCatalog } from '../catalog/compiled-catalog.ts';
import type { CliOptions } from './main.ts';
import type { Io } from './io.ts';
import { loadRuntime } from './load-runtime.ts';
import { UsageError } from './usage-error.ts';

export async function runCompile(options: CliOptions, io: Io): Promise<number> {
  if (!options.out) throw new UsageError('compile needs --out FILE');
  const opened = await loadRuntime(options.catalog, io);
  if (!opened) return 1;
  const target = path.resolve(io.cwd, options.out);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, `${JSON.stringify(compileCatalog(opened.loaded))}\n`);
  io.stdout(`wrote ${path.relative(io.cwd, target)} (${opened.loaded.entries.length} entries)\n`);
  return 0;
}
