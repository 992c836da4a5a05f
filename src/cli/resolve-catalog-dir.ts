/** @module CLI: checks that the catalog folder given exists before anything reads it. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Io } from './io.ts';
import { UsageError } from './usage-error.ts';

export async function resolveCatalogDir(dir: string, io: Io): Promise<string> {
  const full = path.resolve(io.cwd, dir);
  const info = await stat(full).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`catalog folder not found: ${dir}`);
  return full;
}
