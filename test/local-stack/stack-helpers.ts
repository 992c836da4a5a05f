// Shared by the local-stack and e2e tests: start the real stack in-process and wait on it without timing asserts.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalStack } from '../../src/local/start-local-stack.ts';
import type { LocalStack, LocalStackOptions } from '../../src/local/start-local-stack.ts';
import { ROOT } from '../integration/harness.ts';

export const SHIPPED_CATALOG = path.join(ROOT, 'alert-catalog');

/** The stack on a free port, no demo, no page unless asked, terminal lines collected instead of printed. */
export async function startTestStack(options: Partial<LocalStackOptions> = {}): Promise<LocalStack & { lines: string[] }> {
  const lines: string[] = [];
  const stack = await startLocalStack({
    port: 0,
    catalogDir: SHIPPED_CATALOG,
    demo: false,
    uiDir: false,
    signingSecret: 'test-signing-secret',
    log: (line) => void lines.push(line),
    ...options,
  });
  return Object.assign(stack, { lines });
}

/** A copy of the shipped catalog that a test may edit. */
export async function copyCatalog(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'clarion-catalog-'));
  await cp(SHIPPED_CATALOG, dir, { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
