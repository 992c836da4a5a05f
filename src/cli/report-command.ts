/** @module CLI: `clarion report` — what the alerts of a period say, from the running stack's `GET /api/report`, or on AWS from the history table and the catalog. */
import { parseArgs } from 'node:util';
import { defaultHistorySourceDeps } from './history-source-deps.ts';
import type { HistorySourceDeps } from './history-source-deps.ts';
import { createDynamoHistory } from '../adapters/dynamo-history.ts';
import { buildReport, reportPeriod, ReportSpanError } from '../history/report.ts';
import type { Report } from '../history/report.ts';
import { renderReportText } from '../history/report-text.ts';
import { DurationError } from '../pipeline/parse-duration.ts';
import type { Io } from './io.ts';
import { loadRuntime } from './load-runtime.ts';
import { UsageError } from './usage-error.ts';
import { localStackUrl } from './local-stack-url.ts';

export const REPORT_USAGE = `Usage:
  clarion report [--since 30d] [--json] [--url URL]
  clarion report --history-table NAME [--since 30d] [--json] [--catalog DIR] [--stage NAME]

What the alerts of the last --since (default 30d, at most 400d) say: incidents per catalog entry,
time to acknowledge and resolve (median / p90), out of hours, re-fires and flaps, the noisiest,
the unacknowledged, uncatalogued alarms with the entry to write, escalations, silences,
maintenance and clarity answers. --json prints the stable shape described in the README.

Locally it asks the running stack (--url, default http://127.0.0.1:$PORT, else :3000). On AWS give the history
table (--history-table or CLARION_HISTORY_TABLE); the catalog (--catalog, default ./alert-catalog)
gives the entries' titles and office hours, and your AWS settings the region.`;

const OPTIONS = {
  since: { type: 'string', default: '30d' },
  json: { type: 'boolean', default: false },
  url: { type: 'string' },
  'history-table': { type: 'string' },
  catalog: { type: 'string', default: 'alert-catalog' },
  stage: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** What the command is given besides its arguments, so tests can hand in dynalite and a fake clock. */
export type ReportCommandDeps = HistorySourceDeps;
export const defaultReportDeps = defaultHistorySourceDeps;

/** A refusal the person can act on (the stack is not running, refused the request); exit code 1. */
class ReportCommandError extends UsageError {}

async function fromStack(url: string, since: string, deps: ReportCommandDeps): Promise<Report> {
  const base = url.replace(/\/+$/, '');
  let response: Response;
  try {
    response = await deps.fetch(`${base}/api/report?since=${encodeURIComponent(since)}`);
  } catch (error) {
    throw new ReportCommandError(`could not reach the local stack at ${base} (is \`clarion start\` running?): ${(error as Error).message}`);
  }
  const text = await response.text();
  if (response.status !== 200) {
    let reason = text.trim();
    try {
      reason = (JSON.parse(text) as { error?: string }).error ?? reason;
    } catch {
      // A plain-text reason.
    }
    throw new ReportCommandError(reason || `the local stack answered ${response.status}`);
  }
  return JSON.parse(text) as Report;
}

export async function runReport(argv: string[], io: Io, deps: ReportCommandDeps = defaultReportDeps()): Promise<number> {
  let options: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: false }>>['values'];
  try {
    ({ values: options } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true }));
  } catch (error) {
    io.stderr(`clarion report: ${(error as Error).message}\n${REPORT_USAGE}\n`);
    return 2;
  }
  if (options.help) {
    io.stdout(`${REPORT_USAGE}\n`);
    return 0;
  }
  const since = options.since ?? '30d';
  try {
    // Checked here too, so a bad --since is named the same way locally and on AWS.
    const period = reportPeriod(deps.now(), since);
    const table = options['history-table'] ?? deps.env['CLARION_HISTORY_TABLE'];
    let report: Report;
    if (table) {
      const opened = await loadRuntime(options.catalog ?? 'alert-catalog', io);
      if (!opened) return 1;
      const history = createDynamoHistory({ client: deps.dynamo(), tableName: table });
      const items = await history.read(period.since, period.until);
      report = buildReport({ items, period, runtime: opened.runtime, ...(options.stage ? { stage: options.stage } : {}) });
    } else report = await fromStack(localStackUrl(options.url, deps.env), since, deps);
    io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderReportText(report));
    return 0;
  } catch (error) {
    if (error instanceof DurationError || error instanceof ReportSpanError) {
      io.stderr(`clarion report: --since ${error.message}\n`);
      return 2;
    }
    if (error instanceof ReportCommandError) {
      io.stderr(`clarion report: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
