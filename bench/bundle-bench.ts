/** @module Benchmark (deploy artefacts): each Lambda bundled as SST bundles it — size at cold start and on first invocation, and import time. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { BuildOptions, Metafile } from 'esbuild';
import { compileCatalog } from '../src/catalog/compiled-catalog.ts';
import { openCatalog } from '../src/adapters/read-catalog-dir.ts';
import { createDynamoState } from '../src/adapters/dynamo-state.ts';
import { createSlackWebApi } from '../src/adapters/slack-web-api.ts';
import { createSlackEmulator } from '../src/local/slack-emulator.ts';
import type { SlackEmulator } from '../src/local/slack-emulator.ts';
import { startDynalite } from '../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../src/local/start-dynalite.ts';
import { composeProcessor } from '../src/compose/compose-processor.ts';
import { signSlackRequest } from '../src/slack/sign-slack-request.ts';
import { encodeAlertKey } from '../templates/parts/buttons.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

/** The handlers infra/ deploys (functions.ts, insights.ts). */
export const LAMBDA_ENTRY_POINTS = {
  processor: 'functions/process-signals.ts',
  interactions: 'functions/slack-interactions.ts',
  historyMetrics: 'functions/history-metrics.ts',
  statusPage: 'functions/publish-status-page.ts',
} as const;
export type LambdaName = keyof typeof LAMBDA_ENTRY_POINTS;

/** Issue 5's targets; a Lambda without one is measured and reported without a verdict. */
export const BUNDLE_TARGETS: Partial<Record<LambdaName, { maxKb: number; maxImportMs: number }>> = {
  processor: { maxKb: 400, maxImportMs: 50 },
  interactions: { maxKb: 300, maxImportMs: 40 },
};

/** The `nodejs` options of sst.aws.Function, as far as they change the bundle. */
export interface SstNodejsOptions {
  format?: 'esm' | 'cjs';
  minify?: boolean;
  splitting?: boolean;
  sourcemap?: boolean;
  banner?: string;
  install?: string[];
  esbuild?: { external?: string[] };
}

/** What infra/function-defaults.ts gives every function (test/infra checks the two agree). */
export const DEPLOYED_NODEJS: SstNodejsOptions = { format: 'esm', minify: true, splitting: true };

/*
 * A copy of SST's Node.js builder (pkg/runtime/node/build.go in sst/sst) for a deploy, not
 * `sst dev`: ESM in `.mjs` files, target esnext (a `nodejs.esbuild.target` string is not read:
 * the Go side expects esbuild's numeric enum), names kept (`keepNames` is always on, and costs
 * about 6% of the bundle), `module` before `main`, a banner that gives bundled CommonJS `require`,
 * `__filename` and `__dirname`, and the only externals SST knows: `sharp`, `pg-native`,
 * `nodejs.install` and `nodejs.esbuild.external`. Everything else, the AWS SDK included, is bundled.
 */
export function lambdaBuildOptions(entry: string, outdir: string, nodejs: SstNodejsOptions = DEPLOYED_NODEJS): BuildOptions {
  const minify = nodejs.minify ?? false;
  return {
    entryPoints: [path.resolve(ROOT, entry)],
    outdir,
    bundle: true,
    platform: 'node',
    target: 'esnext',
    format: nodejs.format === 'cjs' ? 'cjs' : 'esm',
    keepNames: true,
    minifyWhitespace: minify,
    minifySyntax: minify,
    minifyIdentifiers: minify,
    sourcemap: nodejs.sourcemap ?? false,
    splitting: (nodejs.splitting ?? false) && nodejs.format !== 'cjs',
    metafile: true,
    external: ['sharp', 'pg-native', ...(nodejs.install ?? []), ...(nodejs.esbuild?.external ?? [])],
    mainFields: nodejs.format === 'cjs' ? ['main'] : ['module', 'main'],
    outExtension: { '.js': nodejs.format === 'cjs' ? '.cjs' : '.mjs' },
    banner: {
      js:
        nodejs.format === 'cjs'
          ? (nodejs.banner ?? '')
          : [
              "import { createRequire as topLevelCreateRequire } from 'module';",
              'const require = topLevelCreateRequire(import.meta.url);',
              'import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"',
              'const __filename = topLevelFileUrlToPath(import.meta.url)',
              'const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))',
              nodejs.banner ?? '',
            ].join('\n'),
    },
    logLevel: 'silent',
  };
}

export interface BundledLambda {
  /** The entry file Lambda loads. */
  main: string;
  mainBytes: number;
  /** The entry and every chunk it imports statically: what a cold start reads before the handler runs. */
  startupBytes: number;
  /** The entry plus every chunk it may load later. */
  totalBytes: number;
  chunks: number;
  /** Absolute paths of the entry and its statically imported chunks. */
  startupFiles: string[];
  /** Every output file (absolute path) with its size and the packages (or source folders) in it, biggest first. */
  files: Record<string, { bytes: number; contents: Array<{ source: string; bytes: number }> }>;
  /** Packages left out of the bundle that the cold start imports from node_modules (the runtime's or installed ones). */
  externalPackages: string[];
}

/** `node_modules/@scope/name/…` → `@scope/name`; own code → its top folder (`src/pipeline`). */
function sourceOf(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (pkg) return pkg[1]!;
  const parts = input.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : input;
}

function contentsOf(output: Metafile['outputs'][string]): Array<{ source: string; bytes: number }> {
  const by = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) by.set(sourceOf(input), (by.get(sourceOf(input)) ?? 0) + bytesInOutput);
  return [...by].map(([source, bytes]) => ({ source, bytes })).sort((a, b) => b.bytes - a.bytes);
}

export async function bundleLambda(entry: string, outdir: string, nodejs: SstNodejsOptions = DEPLOYED_NODEJS): Promise<BundledLambda> {
  const result = await build(lambdaBuildOptions(entry, outdir, nodejs));
  const outputs = result.metafile!.outputs;
  const absolute = (output: string) => path.resolve(output);
  const main = path.join(outdir, `${path.basename(entry, '.ts')}${nodejs.format === 'cjs' ? '.cjs' : '.mjs'}`);
  const key = Object.keys(outputs).find((k) => absolute(k) === path.resolve(main))!;
  // Code splitting moves shared code into chunks; the ones the entry imports statically load with it.
  const seen = new Set<string>();
  const externals = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const imported of outputs[output]?.imports ?? []) {
      if (imported.external && imported.kind !== 'dynamic-import' && !isBuiltin(imported.path)) externals.add(sourceOf(`node_modules/${imported.path}`));
      else if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
    }
  };
  visit(key);
  const files: BundledLambda['files'] = {};
  for (const [output, o] of Object.entries(outputs)) if (!output.endsWith('.map')) files[absolute(output)] = { bytes: o.bytes, contents: contentsOf(o) };
  const sum = (list: string[]) => list.reduce((total, file) => total + files[file]!.bytes, 0);
  const startupFiles = [...seen].map(absolute);
  return {
    main,
    mainBytes: (await stat(main)).size,
    startupBytes: sum(startupFiles),
    totalBytes: sum(Object.keys(files)),
    chunks: Object.keys(files).length - 1,
    startupFiles,
    files,
    externalPackages: [...externals].sort(),
  };
}


/**
 * Median wall time of `import()` of the bundle, each in a fresh Node process (a cold start's module
 * load, not the runtime's). Packages left external are found through a `node_modules` link next to
 * the bundle, so their load time counts, as it would from the runtime's copy.
 */
export async function medianImportMs(file: string, runs = 10): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env['PATH'] ?? '', AWS_REGION: 'eu-west-2', POWERTOOLS_METRICS_DISABLED: 'true' },
    });
    times.push(Number(stdout));
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
}

/* ---------------------------------------------------------------------------------------------
 * First invocation: which lazily loaded chunks a representative first event pulls in. Each bundle
 * runs in a fresh Node process laid out as Lambda lays it out (the compiled catalog at the task
 * root, credentials in the environment), against dynalite, the Slack emulator and a stand-in for
 * the JSON AWS APIs; a module hook records every file the process loads.
 * ------------------------------------------------------------------------------------------- */

/** Everything the first invocations run against. */
export interface FirstInvocationWorld {
  dynamo: LocalDynamo;
  slack: SlackEmulator;
  slackUrl: string;
  /** Endpoint answering EventBridge PutEvents and SQS SendMessage/ChangeMessageVisibility, and S3 PutObject. */
  awsUrl: string;
  /** The S3 object keys the stand-in was sent. */
  s3Puts: string[];
  signingSecret: string;
}

export interface FirstInvocation {
  event: unknown;
  /** Settings the handler reads (on AWS they come from linked resources). */
  env: Record<string, string>;
  /** Throws when the handler's answer shows it did not take the path meant to be measured. */
  check(result: unknown, world: FirstInvocationWorld): void;
}

const QUEUE_URL = 'https://sqs.eu-west-2.amazonaws.com/111111111111/clarion-signals';
const SAMPLES = path.join(ROOT, 'alert-catalog', 'samples', 'events');
const sample = async (file: string) => JSON.parse(await readFile(path.join(SAMPLES, file), 'utf8')) as Record<string, unknown>;

/**
 * The most common first event of each Lambda. A Lambda without one is reported without a
 * first-invocation figure.
 */
export const FIRST_INVOCATIONS: Partial<Record<LambdaName, (world: FirstInvocationWorld) => Promise<FirstInvocation>>> = {
  // A CloudWatch alarm goes off: the alert opens, Slack posts, a lifecycle event is published.
  async processor(world) {
    const body = JSON.stringify(await sample('error-rate-alarm.json'));
    const record = {
      messageId: 'bench-1',
      receiptHandle: 'bench-receipt-1',
      body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'bench', ApproximateFirstReceiveTimestamp: String(Date.now()) },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-2:111111111111:clarion-signals',
      awsRegion: 'eu-west-2',
    };
    const postsBefore = totalPosts(world.slack);
    return {
      event: { Records: [record] },
      env: {
        CLARION_STATE_TABLE: world.dynamo.tableName,
        CLARION_SIGNAL_QUEUE_URL: QUEUE_URL,
        CLARION_DEAD_LETTER_QUEUE_URL: `${QUEUE_URL}-dlq`,
        CLARION_EVENT_BUS: 'clarion-bench',
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_API_URL: world.slackUrl,
      },
      check(result) {
        const failures = (result as { batchItemFailures?: unknown[] } | null)?.batchItemFailures;
        if (!Array.isArray(failures) || failures.length > 0) throw new Error(`processor first invocation failed: ${JSON.stringify(result)}`);
        if (totalPosts(world.slack) === postsBefore) throw new Error('processor first invocation posted nothing to Slack');
      },
    };
  },
  // Someone presses Acknowledge on an open alert: state, message update, lifecycle event.
  async interactions(world) {
    const runtime = (await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).runtime;
    const processor = composeProcessor(
      {},
      {
        runtime: () => runtime,
        state: createDynamoState({ client: world.dynamo.client, tableName: world.dynamo.tableName }),
        slack: createSlackWebApi({ token: 'xoxb-bench', slackApiUrl: world.slackUrl }),
        now: () => new Date(),
      },
    );
    const [opened] = await processor.processMessage(await sample('app-down-alarm.json'));
    if (!opened?.alertKey) throw new Error(`could not open an alert to press on: ${JSON.stringify(opened)}`);
    const payload = { type: 'block_actions', user: { id: 'U0BENCH' }, actions: [{ type: 'button', action_id: 'clarion.acknowledge', value: encodeAlertKey(opened.alertKey) }] };
    const rawBody = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const headers = signSlackRequest({ signingSecret: world.signingSecret, rawBody, timestamp: Math.floor(Date.now() / 1000) });
    return {
      event: {
        version: '2.0',
        routeKey: '$default',
        rawPath: '/',
        rawQueryString: '',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        requestContext: {},
        body: Buffer.from(rawBody).toString('base64'),
        isBase64Encoded: true,
      },
      env: {
        CLARION_STATE_TABLE: world.dynamo.tableName,
        CLARION_EVENT_BUS: 'clarion-bench',
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_SIGNING_SECRET: world.signingSecret,
        SLACK_API_URL: world.slackUrl,
      },
      check(result) {
        const acknowledged = world.slack.channels().some((c) => world.slack.messages(c.id).some((m) => JSON.stringify(m).includes('Acknowledged by <@U0BENCH>')));
        if ((result as { statusCode?: number } | null)?.statusCode !== 200 || !acknowledged) throw new Error(`interactions first invocation did not acknowledge: ${JSON.stringify(result)}`);
      },
    };
  },
  // An incident opens: the history table's stream carries its first image.
  async historyMetrics() {
    const image = {
      day: { S: '2026-11-24' },
      sk: { S: '2026-11-24T10:00:00.000Z#i#bench' },
      kind: { S: 'incident' },
      scope: { S: 'alarm' },
      alertKey: { S: 'portal.app-down|web' },
      catalogId: { S: 'portal.app-down' },
      severity: { S: 'critical' },
      title: { S: 'web is down' },
      status: { S: 'open' },
      openedAt: { S: '2026-11-24T10:00:00.000Z' },
      lastSeen: { S: '2026-11-24T10:00:00.000Z' },
      occurrences: { N: '1' },
      reopenings: { N: '0' },
      recordVersion: { N: '1' },
      expiresAt: { N: '1900000000' },
    };
    const record = { eventID: 'bench-1', eventName: 'INSERT', eventSource: 'aws:dynamodb', awsRegion: 'eu-west-2', dynamodb: { NewImage: image, SequenceNumber: '1', SizeBytes: 400, StreamViewType: 'NEW_AND_OLD_IMAGES' } };
    return {
      event: { Records: [record] },
      env: {},
      check(result) {
        // The handler answers nothing; a throw would have failed the run before this.
        if (result !== undefined && result !== null) throw new Error(`history metrics first invocation answered ${JSON.stringify(result)}`);
      },
    };
  },
};

// A lifecycle change reaches the history table: the page is rendered from history and written to S3 (the stand-in).
FIRST_INVOCATIONS.statusPage = async (world) => {
  const putsBefore = world.s3Puts.length;
  return {
    event: { Records: [{ eventName: 'MODIFY', eventSource: 'aws:dynamodb', dynamodb: { NewImage: { scope: { S: 'impact' } } } }] },
    env: { CLARION_HISTORY_TABLE: world.dynamo.historyTableName, CLARION_STATUS_BUCKET: 'clarion-bench-status' },
    check(result) {
      if ((result as { published?: boolean } | null)?.published !== true || world.s3Puts.length - putsBefore !== 3) throw new Error(`status page first invocation did not publish: ${JSON.stringify(result)}`);
    },
  };
};

function totalPosts(slack: SlackEmulator): number {
  return Object.values(slack.stats().postsByChannel).reduce((a, b) => a + b, 0);
}

/** Answers the JSON-protocol AWS calls a first invocation may make, as the services would on success. */
function startAwsStandIn(): Promise<{ server: Server; url: string; s3Puts: string[] }> {
  const s3Puts: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // S3 is REST, not JSON: a PUT of an object (path-style, the endpoint being an IP address).
      if (req.method === 'PUT') {
        s3Puts.push(req.url ?? '');
        res.writeHead(200, { etag: '"bench"' });
        res.end();
        return;
      }
      const target = String(req.headers['x-amz-target'] ?? '');
      const input = (chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}) as { Entries?: unknown[]; MessageBody?: string };
      let output: unknown = {};
      if (target.endsWith('.PutEvents')) output = { FailedEntryCount: 0, Entries: (input.Entries ?? []).map((_, i) => ({ EventId: `bench-${i}` })) };
      else if (target.endsWith('.SendMessage')) output = { MessageId: 'bench', MD5OfMessageBody: createHash('md5').update(input.MessageBody ?? '').digest('hex') };
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(output));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, s3Puts }));
  });
}

/** Module hooks (run off-thread by `module.register`) that report each file loaded. */
const LOAD_RECORDER = `let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) { if (url.startsWith('file:')) port.postMessage(url); return next(url, context); }`;

/** Imports the bundle, runs one invocation, and writes `{ result, loaded }` to the result file. */
const INVOKE_ONCE = `import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { readFileSync, writeFileSync } from 'node:fs';
const [bundle, invocationFile, resultFile, hooks] = process.argv.slice(1);
const loaded = [];
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => loaded.push(url));
register('data:text/javascript,' + encodeURIComponent(hooks), { data: { port: port2 }, transferList: [port2] });
const { handler } = await import(bundle);
const { event, context } = JSON.parse(readFileSync(invocationFile, 'utf8'));
const result = await handler(event, { ...context, getRemainingTimeInMillis: () => 60000 });
await new Promise((resolve) => setTimeout(resolve, 100));
writeFileSync(resultFile, JSON.stringify({ result, loaded }));
process.exit(0);`;

export interface FirstInvocationFigures {
  /** Lazily loaded chunks the first invocation read, biggest first. */
  chunks: Array<{ file: string; bytes: number; contents: Array<{ source: string; bytes: number }> }>;
  bytes: number;
}

/** Runs each Lambda's first invocation (where one is defined) in a fresh process and lists the lazy chunks it loaded. */
export async function measureFirstInvocations(bundles: Partial<Record<LambdaName, BundledLambda>>): Promise<Partial<Record<LambdaName, FirstInvocationFigures>>> {
  const dynamo = await startDynalite({ tableName: 'clarion-bundle-bench' });
  const slack = createSlackEmulator({ limits: false });
  const { url: slackUrl } = await slack.listen();
  const aws = await startAwsStandIn();
  const world: FirstInvocationWorld = { dynamo, slack, slackUrl, awsUrl: aws.url, s3Puts: aws.s3Puts, signingSecret: 'bench-signing-secret' };
  try {
    const catalog = `${JSON.stringify(compileCatalog((await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).loaded))}\n`;
    const figures: Partial<Record<LambdaName, FirstInvocationFigures>> = {};
    for (const [name, bundle] of Object.entries(bundles) as Array<[LambdaName, BundledLambda]>) {
      const scenario = FIRST_INVOCATIONS[name];
      if (!scenario) continue;
      const invocation = await scenario(world);
      const taskRoot = path.dirname(bundle.main);
      // SST's copyFiles puts the compiled catalog at the task root (infra/functions.ts).
      await writeFile(path.join(taskRoot, 'alert-catalog.json'), catalog);
      const invocationFile = path.join(taskRoot, 'bench-invocation.json');
      const resultFile = path.join(taskRoot, 'bench-result.json');
      const context = { functionName: `clarion-${name}`, functionVersion: '$LATEST', memoryLimitInMB: '512', awsRequestId: `bench-${name}`, invokedFunctionArn: `arn:aws:lambda:eu-west-2:111111111111:function:clarion-${name}` };
      await writeFile(invocationFile, JSON.stringify({ event: invocation.event, context }));
      await run(process.execPath, ['--input-type=module', '-e', INVOKE_ONCE, pathToFileURL(bundle.main).href, invocationFile, resultFile, LOAD_RECORDER], {
        maxBuffer: 16 * 1024 * 1024,
        env: {
          PATH: process.env['PATH'] ?? '',
          // What Lambda sets: region, the role's credentials, the task root, the function's identity.
          AWS_REGION: 'eu-west-2',
          AWS_DEFAULT_REGION: 'eu-west-2',
          AWS_ACCESS_KEY_ID: 'bench',
          AWS_SECRET_ACCESS_KEY: 'bench',
          AWS_SESSION_TOKEN: 'bench',
          AWS_LAMBDA_FUNCTION_NAME: context.functionName,
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
          AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
          LAMBDA_TASK_ROOT: taskRoot,
          AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
          AWS_ENDPOINT_URL_EVENTBRIDGE: aws.url,
          AWS_ENDPOINT_URL_SQS: aws.url,
          AWS_ENDPOINT_URL_S3: aws.url,
          // Logs and metrics go to stdout as on Lambda; only the result file is read.
          POWERTOOLS_LOG_LEVEL: 'INFO',
          ...invocation.env,
        },
      });
      const { result, loaded } = JSON.parse(await readFile(resultFile, 'utf8')) as { result: unknown; loaded: string[] };
      invocation.check(result, world);
      const startup = new Set(bundle.startupFiles);
      const chunks = [...new Set(loaded.map((url) => fileURLToPath(url)))]
        .filter((file) => bundle.files[file] && !startup.has(file))
        .map((file) => ({ file: path.basename(file), ...bundle.files[file]! }))
        .sort((a, b) => b.bytes - a.bytes);
      figures[name] = { chunks, bytes: chunks.reduce((sum, c) => sum + c.bytes, 0) };
    }
    return figures;
  } finally {
    await new Promise<void>((resolve) => aws.server.close(() => resolve()));
    await slack.close();
    await dynamo.close();
  }
}

export interface BundleFigures {
  mainKb: number;
  /** Entry plus statically imported chunks; the size target applies to this. */
  startupKb: number;
  /** Lazy chunks the first (typical) invocation loads on top; null where no first invocation is defined. */
  firstInvocationKb: number | null;
  /** Those chunks, each with its two biggest sources. */
  firstInvocationLoads: string[];
  /** The packages (or source folders) of 1 KB or more in those chunks, biggest first. */
  firstInvocationPackages: string[];
  totalKb: number;
  chunks: number;
  medianImportMs: number;
  /** Packages the bundle leaves to node_modules (empty while the AWS SDK is bundled). */
  externalPackages: string[];
  targets: { maxKb: number; maxImportMs: number } | null;
  sizeMet: boolean;
  importMet: boolean;
}

export interface BundleBenchResult {
  node: string;
  runs: number;
  lambdas: Record<LambdaName, BundleFigures>;
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** What a lazy chunk is, by its two biggest sources. */
function describeChunk(chunk: FirstInvocationFigures['chunks'][number]): string {
  const top = chunk.contents.slice(0, 2).map((c) => `${c.source} ${kb(c.bytes)} KB`);
  return `${chunk.file} ${kb(chunk.bytes)} KB (${top.join(', ') || 'glue'})`;
}

function mainSources(chunks: FirstInvocationFigures['chunks']): string[] {
  const by = new Map<string, number>();
  for (const { source, bytes } of chunks.flatMap((c) => c.contents)) by.set(source, (by.get(source) ?? 0) + bytes);
  return [...by].filter(([, bytes]) => bytes >= 1024).sort((a, b) => b[1] - a[1]).map(([source]) => source);
}

/** Bundles every Lambda into a temporary folder and measures it; the size target applies to what loads at cold start. */
export async function runBundleBench(options: { runs?: number; firstInvocation?: boolean } = {}): Promise<BundleBenchResult> {
  const runs = options.runs ?? 10;
  const dir = await mkdtemp(path.join(tmpdir(), 'clarion-bundles-'));
  try {
    const bundles = {} as Record<LambdaName, BundledLambda>;
    const importMs = {} as Record<LambdaName, number>;
    for (const [name, entry] of Object.entries(LAMBDA_ENTRY_POINTS) as Array<[LambdaName, string]>) {
      const outdir = path.join(dir, name);
      bundles[name] = await bundleLambda(entry, outdir);
      // Anything left external loads from node_modules, as from the runtime's copy on Lambda.
      if (bundles[name].externalPackages.length > 0) await symlink(path.join(ROOT, 'node_modules'), path.join(outdir, 'node_modules'), 'dir');
      importMs[name] = Math.round((await medianImportMs(bundles[name].main, runs)) * 10) / 10;
    }
    const first = options.firstInvocation === false ? {} : await measureFirstInvocations(bundles);
    const lambdas = {} as Record<LambdaName, BundleFigures>;
    for (const name of Object.keys(bundles) as LambdaName[]) {
      const bundled = bundles[name];
      const targets = BUNDLE_TARGETS[name] ?? null;
      lambdas[name] = {
        mainKb: kb(bundled.mainBytes),
        startupKb: kb(bundled.startupBytes),
        firstInvocationKb: first[name] ? kb(first[name].bytes) : null,
        firstInvocationLoads: first[name]?.chunks.map(describeChunk) ?? [],
        firstInvocationPackages: first[name] ? mainSources(first[name].chunks) : [],
        totalKb: kb(bundled.totalBytes),
        chunks: bundled.chunks,
        medianImportMs: importMs[name],
        externalPackages: bundled.externalPackages,
        targets,
        sizeMet: targets ? kb(bundled.startupBytes) < targets.maxKb : true,
        importMet: targets ? importMs[name] < targets.maxImportMs : true,
      };
    }
    return { node: process.version, runs, lambdas };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One line per Lambda, for `npm run bench`'s text output. */
export function formatBundleBench(result: BundleBenchResult): string[] {
  return Object.entries(result.lambdas).map(([name, f]) => {
    const verdict = (met: boolean, target: string) => (f.targets ? ` (target < ${target}: ${met ? 'met' : 'MISSED'})` : '');
    const external = f.externalPackages.length > 0 ? ` + ${f.externalPackages.join(', ')} from node_modules` : '';
    const loads = f.firstInvocationPackages.length > 0 ? ` (${f.firstInvocationPackages.join(', ')})` : '';
    const first = f.firstInvocationKb === null ? 'first invocation not measured' : `+${f.firstInvocationKb} KB on first invocation${loads}`;
    return (
      `bundle ${name}: ${f.startupKb} KB at cold start${external}${verdict(f.sizeMet, `${f.targets?.maxKb} KB`)}, ${first}, ` +
      `${f.totalKb} KB in all (entry ${f.mainKb} KB, ${f.chunks} chunks); ` +
      `import ${f.medianImportMs} ms median of ${result.runs}${verdict(f.importMet, `${f.targets?.maxImportMs} ms`)}`
    );
  });
}
