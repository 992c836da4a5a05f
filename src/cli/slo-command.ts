/** @module CLI: `clarion slo` — each objective of the catalog, the burn-rate alarms it produces, their thresholds, expressions and composite rules. */
import type { CatalogEntry } from '../catalog/schema.ts';
import { burnRateAlarms } from '../slo/burn-rate-alarms.ts';
import type { BurnRateAlarm, SloAlarmPair } from '../slo/burn-rate-alarms.ts';
import { windowSeconds } from '../slo/budget-figures.ts';
import { budgetFraction, plainNumber } from '../slo/metric-queries.ts';
import type { CliOptions } from './main.ts';
import type { Io } from './io.ts';
import { loadRuntime } from './load-runtime.ts';

/** The SST app's name (sst.config.ts): the alarms are named `<app>-<stage>-slo-…`. */
export const APP_NAME = 'clarion';
const DEFAULT_STAGE = 'prod';

function share(alarm: SloAlarmPair, window: string): string {
  const spent = (alarm.burnRate * alarm.long.periodSeconds) / windowSeconds(window);
  return `${plainNumber(Math.round(spent * 1000) / 10)}%`;
}

function metricLine(q: BurnRateAlarm['queries'][number]): string {
  const dims = Object.entries(q.dimensions).map(([k, v]) => `${k}=${v}`);
  // A latency alarm's `good` is a percentile rank (see alarmQueries): say so, or `(total - good)` reads wrong.
  const note = q.stat.startsWith('PR(') ? '  (% of samples at or under the threshold)' : '';
  return `${q.namespace} ${q.metricName}${dims.length > 0 ? ` {${dims.join(', ')}}` : ''} ${q.stat}${note}`;
}

function describe(entry: CatalogEntry, prefix: string): string[] {
  const slo = entry.slo!;
  const pairs = burnRateAlarms(entry, prefix);
  const lines = [
    `${entry.id} — ${entry.title}`,
    `  Objective: ${plainNumber(slo.objective)}% good over ${slo.window} (budget: ${plainNumber(budgetFraction(slo.objective) * 100)}% bad; "${slo.allowance}")`,
  ];
  const [good, total] = pairs[0]!.long.queries;
  lines.push(`  Measured:  good  = ${metricLine(good)}`, `             total = ${metricLine(total)}`);
  lines.push(`  Burn rate: ${pairs[0]!.long.expression}`);
  for (const pair of pairs) {
    lines.push(
      `  ${pair.pair === 'fast' ? 'Fast' : 'Slow'} burn: above ${plainNumber(pair.burnRate)}× over ${pair.long.window} and ${pair.short.window} (${share(pair, slo.window)} of the budget in ${pair.long.window})`,
      `    ${pair.composite.name}  (composite; tells Clarion)`,
      `      ${pair.composite.rule}`,
    );
    for (const child of [pair.long, pair.short]) {
      lines.push(`    ${child.name}  period ${child.periodSeconds} s, burn rate > ${plainNumber(child.threshold)}  (no actions)`);
    }
  }
  return lines;
}

export async function runSlo(options: CliOptions, io: Io): Promise<number> {
  const opened = await loadRuntime(options.catalog, io);
  if (!opened) return 1;
  const stage = options.stage ?? DEFAULT_STAGE;
  const prefix = `${APP_NAME}-${stage}-`;
  const entries = [...opened.runtime.index.byId.values()].filter((e) => e.slo);
  if (options.json) {
    const objectives = entries.map((e) => ({ entry: e.id, title: e.title, slo: e.slo, match: e.match, alarms: burnRateAlarms(e, prefix) }));
    io.stdout(`${JSON.stringify({ stage, prefix, objectives }, null, 2)}\n`);
    return 0;
  }
  if (entries.length === 0) {
    io.stdout('No entry of the catalog has an `slo`.\n');
    return 0;
  }
  io.stdout(`${entries.length} objective${entries.length === 1 ? '' : 's'}; alarms as deployed to stage ${stage}:\n`);
  for (const entry of entries) io.stdout(`\n${describe(entry, prefix).join('\n')}\n`);
  return 0;
}
