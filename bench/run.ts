/** @module Benchmark entry point: `npm run bench [-- --quick] [-- --json]`. */
import { parseArgs } from 'node:util';
import { formatBundleBench, runBundleBench } from './bundle-bench.ts';
import { runInteractionsBench } from './interactions-bench.ts';
import { runMuteBench } from './mute-bench.ts';
import { runPipelineBench } from './pipeline-bench.ts';
import { runPropertyBench } from './property-bench.ts';
import { runReportBench } from './report-bench.ts';
import { runSoak } from './soak-bench.ts';
import type { SoakFault } from './soak-bench.ts';
import { runStorm } from './storm-bench.ts';
import { runStatusPageBench } from './status-page-bench.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { quick: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
});

const TARGETS = { eventsPerSecond: 20_000, matchRatio: 1.5, muteRatio: 1.5, floorRatio: 5, stormP95Seconds: 5, interactionsP95Ms: 300, statusPageP95Ms: 30_000 };

const started = process.hrtime.bigint();
const pipeline = await runPipelineBench(values.quick);
const muting = await runMuteBench(values.quick ? 100 : 300);
const storm = await runStorm(1);
const duplicates = await runStorm(3);
const soak = [];
for (const fault of ['503', '429', 'hang', 'invalid_auth'] satisfies SoakFault[]) soak.push(await runSoak({ fault }));
const properties = runPropertyBench(values.quick ? 500 : 2000);
const interactions = await runInteractionsBench(values.quick ? 30 : 100);
const bundles = await runBundleBench({ runs: 10 });
const report = await runReportBench({ incidents: 100_000, dynaliteIncidents: values.quick ? 1000 : 5000, rounds: values.quick ? 3 : 5 });
const statusPage = await runStatusPageBench(values.quick ? 6 : 20);
const results = {
  node: process.version,
  quick: values.quick,
  pipeline,
  muting,
  storm,
  duplicates: { ...duplicates, extraMessages: duplicates.topLevelMessages - storm.topLevelMessages },
  soak,
  properties,
  interactions,
  bundles,
  report,
  statusPage,
  targets: TARGETS,
  verdicts: {
    eventsPerSecondWithLargeCatalog: pipeline.largeCatalog.eventsPerSecond >= TARGETS.eventsPerSecond,
    matchingFlat: pipeline.matching.ratio <= TARGETS.matchRatio,
    muteFlat: muting.ratio <= TARGETS.muteRatio,
    floorRatioLargeCatalog: pipeline.largeCatalog.floorRatio < TARGETS.floorRatio,
    stormNothingLost: storm.lost === 0,
    stormNo429: storm.rateLimited429 === 0,
    stormP95FirstNotification: storm.p95FirstNotificationSeconds < TARGETS.stormP95Seconds,
    duplicatesNoExtraMessages: duplicates.topLevelMessages === storm.topLevelMessages && duplicates.lost === 0,
    soakNothingLost: soak.every((s) => s.lost === 0 && s.recoveredByRedrive === s.redriven),
    soakNoDuplicates: soak.every((s) => s.duplicatePosts === 0),
    propertiesHold: properties.passed,
    interactionsP95: interactions.p95Ms < TARGETS.interactionsP95Ms,
    bundleSizes: Object.values(bundles.lambdas).every((b) => b.sizeMet),
    bundleImportTimes: Object.values(bundles.lambdas).every((b) => b.importMet),
    statusPageP95: statusPage.p95Ms < TARGETS.statusPageP95Ms,
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
  const m = results.muting;
  console.log(
    `mute stage (record read, silences, planned work, office hours, inhibition) over ${m.alerts} sample alerts: ${m.oneMicros} µs with 1 silence and 1 window, ` +
      `${m.thousandMicros} µs with ${m.silences} silences and ${m.windows} windows → ratio ${m.ratio} (flat within ${TARGETS.muteRatio}×: ${ok(results.verdicts.muteFlat)})`,
  );
  const s = results.storm;
  console.log(
    `storm: ${s.events} events from ${s.alarms} alarms in 60 s (simulated), emulator limits on: ` +
      `Slack calls ${JSON.stringify(s.slackCalls)}, posts per channel ${JSON.stringify(s.postsByChannel)}, ` +
      `429s ${s.rateLimited429}, held back by Clarion ${s.clientHeldBack}, lost ${s.lost}, dead letters ${s.deadLetters}, ` +
      `first notification p95 ${s.p95FirstNotificationSeconds} s (max ${s.maxFirstNotificationSeconds} s)`,
  );
  console.log(
    `duplicates: every event delivered 3 times → ${results.duplicates.topLevelMessages} messages vs ${s.topLevelMessages} ` +
      `(extra ${results.duplicates.extraMessages}), lost ${results.duplicates.lost}`,
  );
  for (const s of results.soak) {
    console.log(
      `soak, Slack ${s.fault.padEnd(12)} for ${s.outageSeconds / 60} min under ${s.events} events from ${s.alarms} alarms: lost ${s.lost}, duplicate posts ${s.duplicatePosts}, ` +
        `dead letters ${s.deadLetters} (redriven ${s.redriven}, recovered ${s.recoveredByRedrive}), ` +
        `every alarm shown ${s.recoverSeconds === null ? 'never' : `${s.recoverSeconds} s`} after Slack ${s.fault === 'invalid_auth' ? 'was fixed and the DLQ redriven' : 'answered again'}, ` +
        `invocations past the 60 s timeout ${s.invocationsOverTimeout}, Slack calls ${JSON.stringify(s.slackCalls)}`,
    );
  }
  const pr = results.properties;
  console.log(
    `properties (test/property): ${pr.tests} properties × ${pr.casesPerProperty} cases: ${pr.passed ? 'all hold' : `${pr.failed} FAILED`} (${pr.seconds} s)` +
      (pr.failure ? `\n${pr.failure}` : ''),
  );
  console.log(`interactions: Acknowledge over ${results.interactions.presses} presses: median ${results.interactions.medianMs} ms, p95 ${results.interactions.p95Ms} ms (Slack allows 3000 ms)`);
  const v = results.verdicts;
  console.log(
    `targets: storm lost 0: ${ok(v.stormNothingLost)}; no 429: ${ok(v.stormNo429)}; p95 < ${TARGETS.stormP95Seconds} s: ${ok(v.stormP95FirstNotification)}; ` +
      `duplicates add nothing: ${ok(v.duplicatesNoExtraMessages)}; soak lost 0: ${ok(v.soakNothingLost)}; soak duplicates 0: ${ok(v.soakNoDuplicates)}; properties hold: ${ok(v.propertiesHold)}; acknowledge p95 < ${TARGETS.interactionsP95Ms} ms: ${ok(v.interactionsP95)}`,
  );
  for (const line of formatBundleBench(results.bundles)) console.log(line);
  const r = results.report;
  console.log(
    `clarion report over ${r.incidents.toLocaleString('en-GB')} incidents (30 days, 200 entries): read from memory history ${r.memoryReadMs} ms, ` +
      `report computed ${r.buildMs} ms, rendered ${r.renderMs} ms (medians); dynalite: ${r.dynaliteIncidents.toLocaleString('en-GB')} incidents read in ${r.dynaliteReadMs} ms (${r.dynaliteItemsPerSecond} items/s)`,
  );
  const sp = results.statusPage;
  console.log(
    `status page (local stack): alarm posted to /events → GET /status showing it, over ${sp.runs} changes: p50 ${sp.p50Ms} ms, p95 ${sp.p95Ms} ms (max ${sp.maxMs} ms); ` +
      `one render of /status (90 days of history) ${sp.renderMedianMs} ms median (within ${TARGETS.statusPageP95Ms / 1000} s: ${ok(v.statusPageP95)})`,
  );
  console.log(`(${results.seconds} s)`);
}
