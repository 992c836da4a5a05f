// Runs the real `clarion` binary (bin/clarion.js through tsx) as a user would.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(REPO_ROOT, 'bin', 'clarion.js');
export const SAMPLES = path.join(REPO_ROOT, 'alert-catalog', 'samples', 'events');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runClarion(args: string[], cwd = REPO_ROOT): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** A scratch folder with the given files, removed by the returned cleanup. */
export async function scratch(files: Record<string, string>): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'clarion-test-'));
  for (const [name, text] of Object.entries(files)) {
    const full = path.join(dir, name);
    await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(full), { recursive: true }));
    await writeFile(full, text);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
