/** @module CLI (I/O edge): the `clarion` command — start, validate, render, preview, schema, compile, coverage, slo, demo, dlq, redrive, silence, report. */
import { parseArgs } from 'node:util';
import { CATALOG_LIMITS } from '../adapters/read-catalog-dir.ts';
import { runCompile } from './compile-command.ts';
import { runCoverage } from './coverage-command.ts';
import { runDemo } from './demo-command.ts';
import { runPreview } from './preview-command.ts';
import { runRender } from './render-command.ts';
import { runSchema } from './schema-command.ts';
import { runSlo } from './slo-command.ts';
import { runValidate } from './validate-command.ts';
import { UsageError } from './usage-error.ts';
import type { Io } from './io.ts';
import { processIo } from './io.ts';

export const USAGE = `clarion — plain-language alerts from AWS to Slack

Usage:
  clarion start [--port N] [--data DIR] [--catalog DIR] [--stage NAME] [--no-demo]
  clarion validate [--catalog DIR] [--strict] [--url URL | --history-table NAME] [--since 90d]
  clarion render --event FILE [--catalog DIR] [--stage NAME] [--now ISO-8601]
  clarion preview ID [--catalog DIR] [--audience A] [--state firing|resolved|noData] [--out FILE]
  clarion schema [--catalog DIR]
  clarion compile --out FILE [--catalog DIR]
  clarion coverage --alarms FILE [--catalog DIR] [--json]
  clarion slo [--catalog DIR] [--stage NAME] [--json]
  clarion demo [--catalog DIR]
  clarion dlq [--dlq-url URL] [--max N] [--json]
  clarion redrive [--dlq-url URL] [--queue-url URL] [--max-per-second N] [--detach]
  clarion silence add --match ENTRY|GROUP|GLOB --for 2h --reason TEXT [--by NAME] [--force]
  clarion silence list [--json] | clarion silence expire ID   (clarion silence --help for more)
  clarion report [--since 30d] [--json] [--url URL | --history-table NAME]   (clarion report --help for more)

The catalog folder defaults to ./alert-catalog. A catalog file may be at most ${CATALOG_LIMITS.maxFileBytes / 2 ** 20} MB and the
folder ${CATALOG_LIMITS.maxTotalBytes / 2 ** 20} MB in all; a file over either limit is reported at its line 1 and not read.
dlq and redrive use your AWS credentials; the queue URLs default to CLARION_DEAD_LETTER_QUEUE_URL and
CLARION_SIGNAL_QUEUE_URL (outputs of sst deploy). validate warns of entries readers found unclear when
it can read their answers: from the local stack (--url http://127.0.0.1:3000) or the history table
(--history-table NAME or CLARION_HISTORY_TABLE); with neither it reads nothing but the catalog.`;

const OPTIONS = {
  catalog: { type: 'string', default: 'alert-catalog' },
  strict: { type: 'boolean', default: false },
  event: { type: 'string' },
  stage: { type: 'string' },
  now: { type: 'string' },
  audience: { type: 'string' },
  state: { type: 'string' },
  alarms: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean', default: false },
  'dlq-url': { type: 'string' },
  'queue-url': { type: 'string' },
  max: { type: 'string' },
  'max-per-second': { type: 'string' },
  detach: { type: 'boolean', default: false },
  // validate: where readers' *Was this clear?* answers are read (the local stack, or the history table on AWS), and how far back.
  url: { type: 'string' },
  'history-table': { type: 'string' },
  since: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export type CliOptions = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

/** Runs one command and returns its exit code; never calls process.exit itself. */
export async function runCli(argv: string[], io: Io = processIo()): Promise<number> {
  if (argv[0] === 'start') return (await import('./start-command.ts')).runStart(argv.slice(1), io);
  if (argv[0] === 'silence') return (await import('./silence-command.ts')).runSilence(argv.slice(1), io);
  if (argv[0] === 'report') return (await import('./report-command.ts')).runReport(argv.slice(1), io);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr(`clarion: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || command === undefined || command === 'help') {
    io.stdout(`${USAGE}\n`);
    return command === undefined && !parsed.values.help ? 2 : 0;
  }
  try {
    switch (command) {
      case 'validate':
        return await runValidate(parsed.values, io);
      case 'render':
        return await runRender(parsed.values, io);
      case 'preview':
        return await runPreview(rest[0], parsed.values, io);
      case 'compile':
        return await runCompile(parsed.values, io);
      case 'schema':
        return await runSchema(parsed.values, io);
      case 'coverage':
        return await runCoverage(parsed.values, io);
      case 'slo':
        return await runSlo(parsed.values, io);
      case 'demo':
        return await runDemo(parsed.values, io);
      // Loaded on demand: only these two need the SQS client.
      case 'dlq':
        return await (await import('./dlq-command.ts')).runDlq(parsed.values, io);
      case 'redrive':
        return await (await import('./redrive-command.ts')).runRedrive(parsed.values, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`clarion: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
