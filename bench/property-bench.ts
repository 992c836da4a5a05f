/** @module Benchmark: the property tests (test/property) with many more cases than `npm test` runs. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export interface PropertyFigures {
  casesPerProperty: number;
  passed: boolean;
  /** Properties (tests) run, and how many failed. */
  tests: number;
  failed: number;
  seconds: number;
  /** The first lines of vitest's report when a property failed (with fast-check's counterexample). */
  failure?: string;
}

/** Runs vitest on test/property with `cases` cases per property (CLARION_PROPERTY_RUNS). */
export function runPropertyBench(cases: number): PropertyFigures {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/property', '--reporter=json'], {
    cwd: root,
    env: { ...process.env, CLARION_PROPERTY_RUNS: String(cases) },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100;
  let report: { numTotalTests?: number; numFailedTests?: number; testResults?: Array<{ message?: string }> } = {};
  try {
    report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as typeof report;
  } catch {
    // No JSON: vitest itself failed; the exit status and stderr say why.
  }
  const failed = report.numFailedTests ?? (run.status === 0 ? 0 : 1);
  const message = report.testResults?.map((r) => r.message).find(Boolean) ?? run.stderr;
  return {
    casesPerProperty: cases,
    passed: run.status === 0,
    tests: report.numTotalTests ?? 0,
    failed,
    seconds,
    ...(run.status === 0 ? {} : { failure: (message ?? '').split('\n').slice(0, 6).join('\n') }),
  };
}
