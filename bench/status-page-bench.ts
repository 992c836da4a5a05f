/** @module Benchmark (status page): in the local stack, the time from an alarm event posted to `/events` to `GET /status` showing it, and what one render of the page costs. */
import { alarmStateChange } from './alarm-event.ts';
import { startLocalStack } from '../src/local/start-local-stack.ts';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export interface StatusPageFigures {
  runs: number;
  /** Event posted → a `GET /status` that shows the change, in ms. */
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** One `GET /status` (90 days of history read and rendered), median ms. */
  renderMedianMs: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/*
 * Each run flips the Trainee Portal's outage alarm (down, then back up), so every run is a real
 * lifecycle change the page must show: the banner goes from "All services are working" to "A
 * service is not working" and back. The page is polled as a reader would reload it.
 */
export async function runStatusPageBench(runs = 20): Promise<StatusPageFigures> {
  const stack = await startLocalStack({ port: 0, catalogDir: path.join(root, 'alert-catalog'), demo: false, uiDir: false, watchCatalog: false, log: () => {}, signingSecret: 'bench' });
  const renders: number[] = [];
  const page = async () => {
    const started = performance.now();
    const text = await (await fetch(`${stack.url}/status`)).text();
    renders.push(performance.now() - started);
    return text;
  };
  const latencies: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const firing = i % 2 === 0;
      const expected = firing ? 'A service is not working' : 'All services are working';
      const started = performance.now();
      await fetch(`${stack.url}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: alarmStateChange('trainee-portal-prod-unhealthy-hosts', new Date().toISOString(), firing ? 'ALARM' : 'OK', `status-bench-${i}`),
      });
      const deadline = started + 30_000;
      for (;;) {
        if ((await page()).includes(expected)) break;
        if (performance.now() > deadline) throw new Error(`run ${i}: /status did not show "${expected}" within 30 s`);
      }
      latencies.push(performance.now() - started);
      // The next flip starts from a settled stack, as a reader's next change would.
      await stack.settled(30_000);
    }
  } finally {
    await stack.close();
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const renderSorted = [...renders].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms);
  return { runs, p50Ms: round(percentile(sorted, 50)), p95Ms: round(percentile(sorted, 95)), maxMs: round(sorted.at(-1)!), renderMedianMs: round(percentile(renderSorted, 50)) };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runStatusPageBench(Number(process.argv[2] ?? 20)));
