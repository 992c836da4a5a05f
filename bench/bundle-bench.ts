/** @module Benchmark (deploy artefacts): each Lambda bundled as SST bundles it — size, and how long Node takes to import it. */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

/** The handlers infra/functions.ts deploys. */
export const LAMBDA_ENTRY_POINTS = {
  processor: 'functions/process-signals.ts',
  interactions: 'functions/slack-interactions.ts',
} as const;
export type LambdaName = keyof typeof LAMBDA_ENTRY_POINTS;

export const BUNDLE_TARGETS: Record<LambdaName, { maxKb: number; maxImportMs: number }> = {
  processor: { maxKb: 400, maxImportMs: 50 },
  interactions: { maxKb: 300, maxImportMs: 40 },
};

/*
 * What SST's Node.js builder does for `nodejs: { format: 'esm', minify: true, splitting: true }`
 * on nodejs22.x: bundle everything (the AWS SDK included; the runtime's copy is not used), ESM
 * with `.mjs` files, and a `require` shim so bundled CommonJS can still reach Node's built-ins.
 */
export function lambdaBuildOptions(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: [path.resolve(ROOT, entry)],
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    splitting: true,
    metafile: true,
    mainFields: ['module', 'main'],
    outExtension: { '.js': '.mjs' },
    banner: { js: "import { createRequire as topLevelCreateRequire } from 'module';\nconst require = topLevelCreateRequire(import.meta.url);" },
    logLevel: 'silent',
  };
}

export interface BundledLambda {
  /** The entry file Lambda loads. */
  main: string;
  mainBytes: number;
  /** The entry and every chunk it imports statically: what a cold start reads before the handler runs. */
  startupBytes: number;
  /** The entry plus every chunk it may load later. */
  totalBytes: number;
  chunks: number;
}

export async function bundleLambda(entry: string, outdir: string): Promise<BundledLambda> {
  const result = await build(lambdaBuildOptions(entry, outdir));
  const files = (await readdir(outdir)).filter((f) => f.endsWith('.mjs'));
  const main = path.join(outdir, `${path.basename(entry, '.ts')}.mjs`);
  const sizes = await Promise.all(files.map(async (f) => (await stat(path.join(outdir, f))).size));
  // Code splitting moves shared code into chunks; the ones the entry imports statically load with it.
  const outputs = result.metafile!.outputs;
  const key = (file: string) => Object.keys(outputs).find((k) => path.resolve(k) === path.resolve(file))!;
  const seen = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const imported of outputs[output]?.imports ?? []) if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
  };
  visit(key(main));
  const startupBytes = [...seen].reduce((sum, output) => sum + outputs[output]!.bytes, 0);
  return { main, mainBytes: (await stat(main)).size, startupBytes, totalBytes: sizes.reduce((a, b) => a + b, 0), chunks: files.length - 1 };
}

/** Median wall time of `import()` of the bundle, each in a fresh Node process (a cold start's module load, not the runtime's). */
export async function medianImportMs(file: string, runs = 10): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env['PATH'] ?? '', AWS_REGION: 'eu-west-2', POWERTOOLS_METRICS_DISABLED: 'true' },
    });
    times.push(Number(stdout));
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
}

export interface BundleFigures {
  mainKb: number;
  /** Entry plus statically imported chunks; the size target applies to this. */
  startupKb: number;
  totalKb: number;
  chunks: number;
  medianImportMs: number;
  targets: { maxKb: number; maxImportMs: number };
  sizeMet: boolean;
  importMet: boolean;
}

export interface BundleBenchResult {
  node: string;
  runs: number;
  lambdas: Record<LambdaName, BundleFigures>;
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Bundles every Lambda into a temporary folder and measures it; the size target applies to what loads at cold start. */
export async function runBundleBench(options: { runs?: number } = {}): Promise<BundleBenchResult> {
  const runs = options.runs ?? 10;
  const dir = await mkdtemp(path.join(tmpdir(), 'clarion-bundles-'));
  try {
    const lambdas = {} as Record<LambdaName, BundleFigures>;
    for (const [name, entry] of Object.entries(LAMBDA_ENTRY_POINTS) as Array<[LambdaName, string]>) {
      const bundled = await bundleLambda(entry, path.join(dir, name));
      const importMs = Math.round((await medianImportMs(bundled.main, runs)) * 10) / 10;
      const targets = BUNDLE_TARGETS[name];
      lambdas[name] = {
        mainKb: kb(bundled.mainBytes),
        startupKb: kb(bundled.startupBytes),
        totalKb: kb(bundled.totalBytes),
        chunks: bundled.chunks,
        medianImportMs: importMs,
        targets,
        sizeMet: kb(bundled.startupBytes) < targets.maxKb,
        importMet: importMs < targets.maxImportMs,
      };
    }
    return { node: process.version, runs, lambdas };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One line per Lambda, for `npm run bench`'s text output. */
export function formatBundleBench(result: BundleBenchResult): string[] {
  return Object.entries(result.lambdas).map(
    ([name, f]) =>
      `bundle ${name}: ${f.startupKb} KB loaded at cold start (entry ${f.mainKb} KB; ${f.totalKb} KB in all with ${f.chunks} chunks; ` +
      `target < ${f.targets.maxKb} KB: ${f.sizeMet ? 'met' : 'MISSED'}), ` +
      `import ${f.medianImportMs} ms median of ${result.runs} (target < ${f.targets.maxImportMs} ms: ${f.importMet ? 'met' : 'MISSED'})`,
  );
}
