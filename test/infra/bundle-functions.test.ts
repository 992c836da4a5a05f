import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { bundleLambda, lambdaBuildOptions } from '../../bench/bundle-bench.ts';
import { loadInfra } from './sst-stand-in.ts';

let dir: string;
let entries: string[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'clarion-bundle-test-'));
  const graph = await loadInfra({ stage: 'prod', env: { CLARION_ALARM_EMAIL: 'oncall@example.org' } });
  entries = graph.ofType('sst.aws.Function').map((fn) => {
    const handler = String(fn.args['handler']);
    return `${handler.slice(0, handler.lastIndexOf('.'))}.ts`;
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Lambda bundles (esbuild as SST runs it for nodejs22.x)', () => {
  it('bundles every deployed function into an ESM entry that exports its handler', async () => {
    const bundles = [];
    for (const entry of entries) bundles.push(await bundleLambda(entry, path.join(dir, path.basename(entry, '.ts'))));

    const sources = await Promise.all(bundles.map((b) => readFile(b.main, 'utf8')));

    expect(entries).toHaveLength(2);
    for (const source of sources) expect(source).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}|export\s*\{[^}]*\bhandler\b/);
  });

  it('keeps the plain-language lint (retext, unified) out of the code a handler loads at cold start', async () => {
    const result = await build({ ...lambdaBuildOptions(entries[0]!, path.join(dir, 'meta')), write: false });

    const entryOutput = Object.entries(result.metafile!.outputs).find(([, o]) => o.entryPoint)![1];
    const loaded = Object.keys(entryOutput.inputs).filter((input) => /node_modules\/(retext|unified)/.test(input));

    expect(loaded).toEqual([]);
  });
});
