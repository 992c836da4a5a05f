/** @module Benchmark entry point: `npm run bench [-- --quick] [-- --json]`. */
import { parseArgs } from 'node:util';
import { runPipelineBench } from './pipeline-bench.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { quick: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
});

const TARGETS = { eventsPerSecond: 20_000, matchRatio: 1.5, floorRatio: 5 };

const started = process.hrtime.bigint();
const pipeline = await runPipelineBench(values.quick);
const results = {
  node: process.version,
  quick: values.quick,
  pipeline,
  targets: TARGETS,
  verdicts: {
    eventsPerSecondWithLargeCatalog: pipeline.largeCatalog.eventsPerSecond >= TARGETS.eventsPerSecond,
    matchingFlat: pipeline.matching.ratio <= TARGETS.matchRatio,
    floorRatioLargeCatalog: pipeline.largeCatalog.floorRatio < TARGETS.floorRatio,
  },
  seconds: Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100,
};

if (values.json) {
  process.stdout.write(`${JSON.stringify(results)}\n`);
} else {
  const p = results.pipeline;
  const row = (name: string, f: typeof p.sampleCatalog) =>
    `  ${name.padEnd(22)} ${String(f.catalogEntries).padStart(6)} entries  ${String(f.eventsPerSecond).padStart(8)} events/s  ` +
    `${String(f.medianMicrosPerEvent).padStart(7)} µs/event (median)  floor ${f.floorMedianMicrosPerEvent} µs → ratio ${f.floorRatio}`;
  const ok = (b: boolean) => (b ? 'met' : 'MISSED');
  console.log(`Clarion pipeline benchmark (${results.node}, ${values.quick ? 'quick' : 'full'}, one core)`);
  console.log('normalize → match → enrich → render, per event:');
  console.log(row('sample catalog', p.sampleCatalog));
  console.log(row('generated catalog', p.largeCatalog));
  console.log(
    `matching alone: ${p.matching.smallMedianMicrosPerMatch} µs with ${p.matching.smallCatalogEntries} entries, ` +
      `${p.matching.largeMedianMicrosPerMatch} µs with ${p.matching.largeCatalogEntries} → ratio ${p.matching.ratio}`,
  );
  console.log(
    `targets: ≥ ${TARGETS.eventsPerSecond} events/s with 10,000 entries: ${ok(results.verdicts.eventsPerSecondWithLargeCatalog)}; ` +
      `matching within ${TARGETS.matchRatio}×: ${ok(results.verdicts.matchingFlat)}; floor ratio < ${TARGETS.floorRatio}: ${ok(results.verdicts.floorRatioLargeCatalog)}`,
  );
  console.log(`(${results.seconds} s)`);
}
