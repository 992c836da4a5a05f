/** @module CLI: `clarion coverage` — which alarms no entry claims, and which entries claim no alarm. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import { coverageReport } from '../catalog/coverage-report.ts';
import type { CliOptions } from './main.ts';
import type { Io } from './io.ts';
import { loadRuntime } from './load-runtime.ts';
import { UsageError } from './usage-error.ts';

/** The parts of `aws cloudwatch describe-alarms --output json` that coverage needs. */
const DescribeAlarmsOutput = z.object({
  MetricAlarms: z.array(z.object({ AlarmName: z.string(), AlarmArn: z.string().optional() }).passthrough()).default([]),
  CompositeAlarms: z.array(z.object({ AlarmName: z.string(), AlarmArn: z.string().optional() }).passthrough()).default([]),
});

export async function runCoverage(options: CliOptions, io: Io): Promise<number> {
  if (!options.alarms) throw new UsageError('coverage needs --alarms FILE (the output of aws cloudwatch describe-alarms --output json)');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path.resolve(io.cwd, options.alarms), 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${options.alarms} as JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = DescribeAlarmsOutput.safeParse(raw);
  if (!parsed.success) {
    throw new UsageError(`${options.alarms} is not describe-alarms output: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}`);
  }
  const opened = await loadRuntime(options.catalog, io);
  if (!opened) return 1;
  const alarms = [...parsed.data.MetricAlarms, ...parsed.data.CompositeAlarms].map((a) => ({ name: a.AlarmName, arn: a.AlarmArn }));
  const report = coverageReport(alarms, opened.runtime.index);
  if (options.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  io.stdout(`${report.claimed.length} of ${alarms.length} alarms are described by the catalog.\n`);
  if (report.unclaimedAlarms.length > 0) {
    io.stdout(`\nAlarms no entry claims (they reach techies as generic alerts):\n`);
    for (const name of report.unclaimedAlarms) io.stdout(`  - ${name}\n`);
  }
  if (report.unusedEntries.length > 0) {
    io.stdout(`\nAlarm entries that claim none of these alarms:\n`);
    for (const id of report.unusedEntries) io.stdout(`  - ${id}\n`);
  }
  return 0;
}
