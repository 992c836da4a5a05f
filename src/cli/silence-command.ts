/** @module CLI: `clarion silence add|list|expire` — locally through the running stack's API, on AWS by writing the state table with the same store and queueing the quiet line on SQS. */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createDynamoState } from '../adapters/dynamo-state.ts';
import { regionOfQueueUrl } from '../adapters/dlq-redrive.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';
import { createSilence, liftSilence } from '../pipeline/silence-admin.ts';
import type { SilenceAdminDeps } from '../pipeline/silence-admin.ts';
import { SilenceInputError } from '../pipeline/silences.ts';
import { listActive, SilenceLimitError, viewOf } from '../state/silence-store.ts';
import type { SilenceView } from '../state/silence-store.ts';
import type { StatePort } from '../state/state-port.ts';
import type { Io } from './io.ts';
import { loadRuntime } from './load-runtime.ts';
import { UsageError } from './usage-error.ts';
import { localStackUrl } from './local-stack-url.ts';

export const SILENCE_USAGE = `Usage:
  clarion silence add --match ENTRY|GROUP|GLOB --for 2h --reason TEXT [--by NAME] [--force]
  clarion silence list [--json]
  clarion silence expire ID

Locally it talks to the running stack (--url, default http://127.0.0.1:$PORT, else :3000). On AWS give
--table NAME --queue-url URL (or set CLARION_TABLE and CLARION_QUEUE_URL); the region comes from
your AWS settings. --catalog DIR (default ./alert-catalog) is read on AWS to check --match.`;

const OPTIONS = {
  match: { type: 'string' },
  for: { type: 'string' },
  until: { type: 'string' },
  reason: { type: 'string' },
  by: { type: 'string' },
  force: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  url: { type: 'string' },
  table: { type: 'string' },
  'queue-url': { type: 'string' },
  catalog: { type: 'string', default: 'alert-catalog' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Options = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** What the command is given besides its arguments, so tests can hand in dynalite and a mocked SQS. */
export interface SilenceCommandDeps {
  env: Record<string, string | undefined>;
  dynamo: () => DynamoDBClient;
  sqs: (region: string | undefined) => SQSClient;
  fetch: typeof fetch;
  now: () => Date;
}

export const defaultSilenceDeps = (): SilenceCommandDeps => ({
  env: process.env,
  dynamo: () => new DynamoDBClient({}),
  sqs: (region) => new SQSClient(region ? { region } : {}),
  fetch: (...args) => fetch(...args),
  now: () => new Date(),
});

/** The operations, the same whether they go to the local stack or to AWS. */
interface SilenceBackend {
  add(ask: { match: string; for?: string; endsAt?: string; reason: string; createdBy: string; force: boolean }): Promise<SilenceView & { warning?: string }>;
  list(): Promise<SilenceView[]>;
  expire(id: string, by: string): Promise<SilenceView | null>;
}

/** A refusal the person can act on (bad input, the stack refused it); exit code 1. */
class SilenceCommandError extends UsageError {}

function localBackend(url: string, deps: SilenceCommandDeps): SilenceBackend {
  const base = url.replace(/\/+$/, '');
  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    let response: Response;
    try {
      response = await deps.fetch(`${base}${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
    } catch (error) {
      throw new SilenceCommandError(`could not reach the local stack at ${base} (is \`clarion start\` running?): ${(error as Error).message}`);
    }
    return { status: response.status, text: await response.text() };
  }
  const refused = (answer: { status: number; text: string }): never => {
    let reason = answer.text.trim();
    try {
      reason = (JSON.parse(answer.text) as { error?: string }).error ?? reason;
    } catch {
      // A plain-text reason.
    }
    throw new SilenceCommandError(reason || `the local stack answered ${answer.status}`);
  };
  return {
    async add(ask) {
      const answer = await call('POST', '/api/silences', { match: ask.match, ...(ask.for ? { for: ask.for } : {}), ...(ask.endsAt ? { endsAt: ask.endsAt } : {}), reason: ask.reason, createdBy: ask.createdBy, ...(ask.force ? { force: true } : {}) });
      if (answer.status !== 201) refused(answer);
      return JSON.parse(answer.text) as SilenceView & { warning?: string };
    },
    async list() {
      const answer = await call('GET', '/api/silences');
      if (answer.status !== 200) refused(answer);
      return (JSON.parse(answer.text) as { silences: SilenceView[] }).silences;
    },
    async expire(id, by) {
      const answer = await call('DELETE', `/api/silences/${encodeURIComponent(id)}?by=${encodeURIComponent(by)}`);
      if (answer.status === 404) return null;
      if (answer.status !== 200) refused(answer);
      return JSON.parse(answer.text) as SilenceView;
    },
  };
}

async function awsBackend(table: string, queueUrl: string, options: Options, io: Io, deps: SilenceCommandDeps): Promise<SilenceBackend | null> {
  const state: StatePort = createDynamoState({ client: deps.dynamo(), tableName: table });
  const sqs = deps.sqs(regionOfQueueUrl(queueUrl));
  const enqueue = async (request: RefreshRequest, delaySeconds: number) => {
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(request), DelaySeconds: Math.min(900, Math.max(0, Math.ceil(delaySeconds))) }));
  };
  let admin: SilenceAdminDeps | undefined;
  const adminDeps = async (): Promise<SilenceAdminDeps | null> => {
    if (admin) return admin;
    // The catalog is what `--match` is checked against, as the processor will match it.
    const opened = await loadRuntime(options.catalog ?? 'alert-catalog', io);
    if (!opened) return null;
    admin = { state, runtime: () => opened.runtime, now: deps.now, newId: randomUUID, enqueue };
    return admin;
  };
  return {
    async add(ask) {
      const d = await adminDeps();
      if (!d) throw new SilenceCommandError('the catalog has errors (above), so --match cannot be checked');
      const { silence, warning } = await createSilence(d, ask);
      return { ...silence, ...(warning ? { warning } : {}) };
    },
    list: async () => (await listActive(state, deps.now())).map(viewOf),
    async expire(id, by) {
      const lifted = await liftSilence({ state, now: deps.now, enqueue }, id, by);
      return lifted ? lifted.silence : null;
    },
  };
}

function line(s: SilenceView): string {
  return `${s.id}  ${s.kind.padEnd(5)}  ${s.match}  until ${s.endsAt}  by ${s.createdBy}  held ${s.held}  — ${s.reason}`;
}

export async function runSilence(argv: string[], io: Io, deps: SilenceCommandDeps = defaultSilenceDeps()): Promise<number> {
  let options: Options;
  let positionals: string[];
  try {
    ({ values: options, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    io.stderr(`clarion silence: ${(error as Error).message}\n${SILENCE_USAGE}\n`);
    return 2;
  }
  const [action, ...rest] = positionals;
  if (options.help || action === undefined) {
    io.stdout(`${SILENCE_USAGE}\n`);
    return options.help ? 0 : 2;
  }
  const table = options.table ?? deps.env['CLARION_TABLE'];
  const queueUrl = options['queue-url'] ?? deps.env['CLARION_QUEUE_URL'];
  try {
    if ((table === undefined) !== (queueUrl === undefined)) throw new UsageError('on AWS give both --table and --queue-url (or CLARION_TABLE and CLARION_QUEUE_URL)');
    const backend = table && queueUrl ? await awsBackend(table, queueUrl, options, io, deps) : localBackend(localStackUrl(options.url, deps.env), deps);
    if (!backend) return 1;
    const by = options.by ?? deps.env['USER'] ?? 'clarion CLI';
    switch (action) {
      case 'add': {
        if (!options.match) throw new UsageError('give --match ENTRY|GROUP|GLOB');
        if (!options.reason) throw new UsageError('give --reason TEXT: the engineers’ channel shows it with the silence');
        if (!options.for && !options.until) throw new UsageError('give --for (such as 2h) or --until ISO-8601');
        const silence = await backend.add({
          match: options.match,
          ...(options.for ? { for: options.for } : {}),
          ...(options.until ? { endsAt: options.until } : {}),
          reason: options.reason,
          createdBy: by,
          force: options.force === true,
        });
        if (silence.warning) io.stderr(`warning: ${silence.warning}\n`);
        if (options.json) io.stdout(`${JSON.stringify(silence, null, 2)}\n`);
        else io.stdout(`Silenced ${silence.match} (${silence.kind}) until ${silence.endsAt}: id ${silence.id}\n`);
        return 0;
      }
      case 'list': {
        const silences = await backend.list();
        if (options.json) io.stdout(`${JSON.stringify({ silences }, null, 2)}\n`);
        else io.stdout(silences.length === 0 ? 'No active silences.\n' : `${silences.map(line).join('\n')}\n`);
        return 0;
      }
      case 'expire': {
        const id = rest[0];
        if (!id) throw new UsageError('give the id of the silence: clarion silence expire ID (see clarion silence list)');
        const silence = await backend.expire(id, by);
        if (!silence) {
          io.stderr(`clarion silence: no silence ${id}\n`);
          return 1;
        }
        io.stdout(`Silence ${silence.id} on ${silence.match} ended; alerts it held that still fire are delivered now.\n`);
        return 0;
      }
      default:
        throw new UsageError(`unknown silence command "${action}" (add, list or expire)`);
    }
  } catch (error) {
    if (error instanceof SilenceCommandError || error instanceof SilenceInputError || error instanceof SilenceLimitError) {
      io.stderr(`clarion silence: ${error.message}\n`);
      return 1;
    }
    if (error instanceof UsageError) {
      io.stderr(`clarion silence: ${error.message}\n${SILENCE_USAGE}\n`);
      return 2;
    }
    throw error;
  }
}
