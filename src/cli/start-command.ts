/** @module CLI: `clarion start` — the whole local stack in one process, until Ctrl-C. */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { CatalogStartError } from '../local/server/catalog-watcher.ts';
import { LocalStackStartError, startLocalStack } from '../local/start-local-stack.ts';
import type { LocalStack } from '../local/start-local-stack.ts';
import type { Io } from './io.ts';
import { UsageError } from './usage-error.ts';

export const START_USAGE = `clarion start [--port N] [--host H] [--catalog DIR] [--data DIR] [--no-demo] [--stage NAME]

  --port N        HTTP port (default: PORT, else 3000)
  --host H        address to listen on (default 127.0.0.1); only requests naming it or a loopback host are answered
  --catalog DIR   catalog folder, reloaded when its YAML changes (default alert-catalog)
  --data DIR      keep the state store in this folder (default: in memory)
  --no-demo       do not play the first-run scenario
  --stage NAME    channel ids from stages.NAME in clarion.config.yaml

  SLACK_BOT_TOKEN       deliver to real Slack instead of the emulator
  SLACK_SIGNING_SECRET  secret for /slack/interactions (default: generated and printed)`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string', default: '127.0.0.1' },
  catalog: { type: 'string', default: 'alert-catalog' },
  data: { type: 'string' },
  demo: { type: 'boolean', default: true },
  'no-demo': { type: 'boolean', default: false },
  stage: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${value}"`);
  return port;
}

/** What the terminal shows once everything is up. */
export function startBanner(stack: LocalStack): string {
  const status = stack.catalog.status();
  const rel = path.relative(process.cwd(), stack.catalogDir) || '.';
  const lines = [
    '',
    'Clarion local stack',
    `  Preview page        ${stack.url}/${stack.uiMode === 'vite' ? '   (Vite dev mode: the page compiles on first load)' : ''}`,
    `  Raw AWS events      POST ${stack.url}/events`,
    `  Slack interactions  POST ${stack.url}/slack/interactions`,
    `  Slack Web API       ${stack.slackApiUrl}   (emulator; any xoxb- token)`,
    `  Catalog             ${rel}: ${status.entries} entries, ${status.warnings.length} warning${status.warnings.length === 1 ? '' : 's'} (reloaded on change)`,
    `  Messages go to      ${stack.delivery === 'slack' ? 'real Slack (SLACK_BOT_TOKEN)' : 'the Slack emulator, shown on the preview page'}`,
    `  State               ${stack.dataDir ? `dynalite on disk in ${path.relative(process.cwd(), stack.dataDir) || '.'}` : 'dynalite in memory (--data DIR keeps it)'}`,
    ...(stack.dataDir && stack.clock.offsetMs() > 0
      ? [`  Clock               ${stack.clock.now().toISOString()}: ${Math.round(stack.clock.offsetMs() / 60_000)} min ahead of real time, where the last run on this folder left it (the state's times are on it)`]
      : []),
    `  Signing secret      ${stack.generatedSecret ? `${stack.signingSecret} (generated; set SLACK_SIGNING_SECRET to choose)` : 'from SLACK_SIGNING_SECRET'}`,
    '',
    'Ctrl-C stops.',
    '',
  ];
  for (const warning of status.warnings) lines.splice(lines.length - 3, 0, `  ${warning}`);
  return lines.join('\n');
}

/** Resolves on the first SIGINT/SIGTERM; a second one exits at once. */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.once('SIGINT', () => process.exit(130));
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function runStart(argv: string[], io: Io): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true }));
  } catch (error) {
    io.stderr(`clarion start: ${(error as Error).message}\n${START_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${START_USAGE}\n`);
    return 0;
  }
  let stack: LocalStack;
  try {
    stack = await startLocalStack({
      port: parsePort(values.port ?? process.env.PORT),
      host: values.host,
      catalogDir: values.catalog,
      cwd: io.cwd,
      demo: values.demo && !values['no-demo'],
      ...(values.data ? { dataDir: values.data } : {}),
      ...(values.stage ? { stage: values.stage } : {}),
      ...(process.env.SLACK_BOT_TOKEN ? { slackBotToken: process.env.SLACK_BOT_TOKEN } : {}),
      ...(process.env.SLACK_SIGNING_SECRET ? { signingSecret: process.env.SLACK_SIGNING_SECRET } : {}),
      log: (line) => io.stdout(`${line}\n`),
    });
  } catch (error) {
    if (error instanceof CatalogStartError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    if (error instanceof LocalStackStartError || error instanceof UsageError) {
      io.stderr(`clarion start: ${error.message}\n`);
      return error instanceof UsageError ? 2 : 1;
    }
    throw error;
  }
  io.stdout(`${startBanner(stack)}\n`);
  const signal = await untilStopped();
  io.stdout(`\n${signal}: stopping…\n`);
  // Should anything keep the process alive after a clean close, do not hang the terminal.
  setTimeout(() => process.exit(0), 3000).unref();
  await stack.close();
  io.stdout('stopped.\n');
  return 0;
}
