/** @module Benchmark: per-event cost of normalize → match → enrich → render, with the sample and a 10,000-entry catalog. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CatalogEntry } from '../src/catalog/schema.ts';
import { CatalogEntry as CatalogEntrySchema } from '../src/catalog/schema.ts';
import { openCatalog } from '../src/adapters/read-catalog-dir.ts';
import { buildCatalogIndex, matchSignal } from '../src/catalog/catalog-index.ts';
import { renderEvent } from '../src/pipeline/render-event.ts';
import type { CatalogRuntime } from '../src/catalog/catalog-runtime.ts';
import { normalizeEvent } from '../src/sources/normalize-event.ts';

export interface PipelineFigures {
  catalogEntries: number;
  events: number;
  eventsPerSecond: number;
  medianMicrosPerEvent: number;
  floorMedianMicrosPerEvent: number;
  floorRatio: number;
}

export interface MatchFigures {
  smallCatalogEntries: number;
  largeCatalogEntries: number;
  smallMedianMicrosPerMatch: number;
  largeMedianMicrosPerMatch: number;
  /** large / small: flat matching keeps this near 1. */
  ratio: number;
}

const NOW = new Date('2026-11-22T10:00:00Z');
const root = path.resolve(import.meta.dirname, '..');

export async function loadSampleEvents(): Promise<string[]> {
  const dir = path.join(root, 'alert-catalog', 'samples', 'events');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')));
}

/** A catalog of `size` alarm entries (exact names, some globs, other families) in the shape real teams write. */
export function generateEntries(size: number): CatalogEntry[] {
  const families = ['glue-job', 'ecs-task', 'step-functions', 'batch-job'] as const;
  return Array.from({ length: size }, (_, i) => {
    const n = String(i).padStart(5, '0');
    const family = i % 10 === 9 ? families[i % families.length]! : 'cloudwatch-alarm';
    const match = i % 7 === 3 ? { family, glob: `svc-${n}-*-errors` } : { family, name: `svc-${n}-alarm` };
    return CatalogEntrySchema.parse({
      id: `team-${i % 50}.alert-${n}`,
      title: `Service ${n} has a problem`,
      match,
      severity: (['critical', 'high', 'medium', 'low'] as const)[i % 4],
      impact: { level: 'minor', summary: `Some people cannot use part ${n} of the service.` },
      audiences: ['techies', 'product-leads', 'local-office'],
      runbook: `https://runbooks.example.org/${n}`,
      fix: ['Look at the dashboard.', 'Restart the service.'],
      comms: { 'product-leads': 'Part of the service is down.', 'local-office': 'Part of the service is not working. We are fixing it.' },
    });
  });
}

/** An alarm state change for a generated entry, so the big index is really searched. */
export function generatedAlarmEvent(i: number): string {
  const n = String(i).padStart(5, '0');
  const name = i % 7 === 3 ? `svc-${n}-web-errors` : `svc-${n}-alarm`;
  return JSON.stringify({
    version: '0',
    id: `bench-${i}`,
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account: '111111111111',
    time: '2026-11-22T09:59:00Z',
    region: 'eu-west-2',
    resources: [`arn:aws:cloudwatch:eu-west-2:111111111111:alarm:${name}`],
    detail: {
      alarmName: name,
      state: {
        value: 'ALARM',
        reason: 'Threshold Crossed: 1 out of the last 1 datapoints [12.0] was greater than the threshold (5.0).',
        reasonData: '{"version":"1.0","statistic":"Average","period":60,"recentDatapoints":[12.0],"threshold":5.0}',
        timestamp: '2026-11-22T09:59:00.000+0000',
      },
      previousState: { value: 'OK', reason: 'ok', timestamp: '2026-11-22T09:00:00.000+0000' },
      configuration: {
        metrics: [{ id: 'm1', metricStat: { metric: { namespace: 'AWS/ApplicationELB', name: 'HTTPCode_Target_5XX_Count', dimensions: { LoadBalancer: 'app/web/1' } }, period: 60, stat: 'Sum' }, returnData: true }],
      },
    },
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Times `work` over every event, `rounds` times; returns per-event microseconds of each round.
 * Warm-up runs whole passes for at least `warmupMs` first: one pass was not enough for the JIT to
 * optimise the pipeline (rounds kept getting faster for 5,000 to 10,000 events), so the old figures
 * measured warm-up, not the steady state a running Lambda container is in.
 */
function timeRounds(events: string[], rounds: number, warmupMs: number, work: (event: string) => void): number[] {
  const warmupEnd = process.hrtime.bigint() + BigInt(Math.round(warmupMs * 1e6));
  do {
    for (const event of events) work(event);
  } while (process.hrtime.bigint() < warmupEnd);
  const perEvent: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (const event of events) work(event);
    perEvent.push(Number(process.hrtime.bigint() - start) / 1000 / events.length);
  }
  return perEvent;
}

export function measurePipeline(runtime: CatalogRuntime, events: string[], rounds: number, warmupMs = 0): PipelineFigures {
  const pipeline = (text: string) => {
    const rendered = renderEvent(JSON.parse(text), runtime, { now: NOW });
    JSON.stringify(rendered.deliveries);
  };
  // The floor: what any JSON-in, JSON-out service pays for the same input and output.
  const outputs = new Map(events.map((e) => [e, renderEvent(JSON.parse(e), runtime, { now: NOW }).deliveries]));
  const floor = (text: string) => {
    JSON.parse(text);
    JSON.stringify(outputs.get(text));
  };
  const pipelineMicros = median(timeRounds(events, rounds, warmupMs, pipeline));
  const floorMicros = median(timeRounds(events, rounds, warmupMs, floor));
  return {
    catalogEntries: runtime.index.size,
    events: events.length,
    eventsPerSecond: Math.round(1e6 / pipelineMicros),
    medianMicrosPerEvent: round(pipelineMicros),
    floorMedianMicrosPerEvent: round(floorMicros),
    floorRatio: round(pipelineMicros / floorMicros),
  };
}

/** The same ten signals, each claimed by one of the first ten entries, against 10 and against all entries. */
export function measureMatching(large: CatalogEntry[], rounds: number): MatchFigures {
  const small = large.slice(0, 10);
  const signals = Array.from({ length: 10 }, (_, i) => normalizeEvent(JSON.parse(generatedAlarmEvent(i)), { receivedAt: new Date() })).flat();
  const smallIndex = buildCatalogIndex(small);
  const largeIndex = buildCatalogIndex(large);
  const time = (index: ReturnType<typeof buildCatalogIndex>) => {
    const perRound: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const start = process.hrtime.bigint();
      for (let k = 0; k < 20; k++) for (const s of signals) matchSignal(index, s);
      perRound.push(Number(process.hrtime.bigint() - start) / 1000 / (signals.length * 20));
    }
    return median(perRound);
  };
  time(smallIndex);
  time(largeIndex);
  const smallMicros = time(smallIndex);
  const largeMicros = time(largeIndex);
  return {
    smallCatalogEntries: small.length,
    largeCatalogEntries: large.length,
    smallMedianMicrosPerMatch: round(smallMicros, 3),
    largeMedianMicrosPerMatch: round(largeMicros, 3),
    ratio: round(largeMicros / smallMicros),
  };
}

export async function runPipelineBench(quick: boolean) {
  const rounds = quick ? 30 : 100;
  const warmupMs = quick ? 2500 : 5000;
  const samples = await loadSampleEvents();
  const sample = await openCatalog(path.join(root, 'alert-catalog'), { lint: false });
  const large = generateEntries(10_000);
  const largeRuntime: CatalogRuntime = { index: buildCatalogIndex(large), config: sample.runtime.config };
  const generated = Array.from({ length: 200 }, (_, i) => generatedAlarmEvent((i * 49) % 10_000));
  return {
    sampleCatalog: measurePipeline(sample.runtime, samples, rounds, warmupMs),
    largeCatalog: measurePipeline(largeRuntime, [...generated, ...samples], rounds, warmupMs),
    matching: measureMatching(large, rounds),
  };
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
