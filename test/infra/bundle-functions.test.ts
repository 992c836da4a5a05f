import { mkdtemp, rm } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import type { Metafile } from 'esbuild';
import { bundleLambda, DEPLOYED_NODEJS, LAMBDA_ENTRY_POINTS, lambdaBuildOptions, measureFirstInvocations } from '../../bench/bundle-bench.ts';
import type { BundledLambda, LambdaName } from '../../bench/bundle-bench.ts';
import { loadInfra } from './sst-stand-in.ts';
import type { RecordedResource } from './sst-stand-in.ts';

let dir: string;
let functions: RecordedResource[];
let entries: string[];
const bundles = {} as Record<LambdaName, BundledLambda>;
const metafiles = {} as Record<LambdaName, Metafile>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'clarion-bundle-test-'));
  const graph = await loadInfra({ stage: 'prod', env: { CLARION_ALARM_EMAIL: 'oncall@example.org' } });
  functions = graph.ofType('sst.aws.Function');
  entries = functions.map((fn) => {
    const handler = String(fn.args['handler']);
    return `${handler.slice(0, handler.lastIndexOf('.'))}.ts`;
  });
  for (const [name, entry] of Object.entries(LAMBDA_ENTRY_POINTS) as Array<[LambdaName, string]>) {
    bundles[name] = await bundleLambda(entry, path.join(dir, name));
    metafiles[name] = (await build({ ...lambdaBuildOptions(entry, path.join(dir, `${name}-meta`)), write: false })).metafile!;
  }
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Source files in the entry output and the chunks it imports statically (what a cold start loads). */
function startupInputs(name: LambdaName): string[] {
  const meta = metafiles[name];
  const entry = Object.keys(meta.outputs).find((k) => meta.outputs[k]!.entryPoint === LAMBDA_ENTRY_POINTS[name])!;
  const seen = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const i of meta.outputs[output]!.imports) if (i.kind === 'import-statement' && meta.outputs[i.path]) visit(i.path);
  };
  visit(entry);
  return [...seen].flatMap((output) => Object.keys(meta.outputs[output]!.inputs));
}

const names = () => Object.keys(LAMBDA_ENTRY_POINTS) as LambdaName[];

describe('Lambda bundles (esbuild as SST runs it for nodejs22.x)', () => {
  it('measures every function the infrastructure deploys', () => {
    expect([...entries].sort()).toEqual(Object.values(LAMBDA_ENTRY_POINTS).sort());
  });

  it('bundles with the nodejs options the infrastructure gives every function', () => {
    for (const fn of functions) expect(fn.args['nodejs'], fn.name).toEqual(DEPLOYED_NODEJS);
  });

  it('bundles every deployed function into an ESM entry that exports its handler', async () => {
    const sources = await Promise.all(Object.values(bundles).map((b) => readFile(b.main, 'utf8')));

    for (const source of sources) expect(source).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}|export\s*\{[^}]*\bhandler\b/);
  });

  it('keeps the plain-language lint (retext, unified) out of the code a handler loads at cold start', () => {
    const loaded = names().flatMap((name) => startupInputs(name).filter((input) => /node_modules\/(retext|unified)/.test(input)));

    expect(loaded).toEqual([]);
  });

  it('keeps the clients only some paths use (SQS, SNS, EventBridge) out of the code loaded at cold start', () => {
    const loaded = names().flatMap((name) => startupInputs(name).filter((input) => /node_modules\/@aws-sdk\/client-(sqs|sns|eventbridge)\//.test(input)));

    expect(loaded).toEqual([]);
  });

  it('bundles only the commands the lazily loaded adapters send, not their clients’ whole API', () => {
    const sent = /\/commands\/(PutEventsCommand|PublishCommand|SendMessageCommand|ChangeMessageVisibilityCommand)\.js$/;
    const unused = Object.values(metafiles).flatMap((meta) =>
      Object.entries(meta.inputs)
        .filter(([input]) => /node_modules\/@aws-sdk\/client-(sqs|sns|eventbridge)\/dist-es\/commands\//.test(input) && !sent.test(input))
        .filter(([input]) => Object.values(meta.outputs).some((o) => (o.inputs[input]?.bytesInOutput ?? 0) > 0))
        .map(([input]) => input),
    );

    expect(unused).toEqual([]);
  });

  it('leaves nothing external: the AWS SDK is bundled, not taken from the runtime', () => {
    expect(Object.values(bundles).flatMap((b) => b.externalPackages)).toEqual([]);
  });

  it('answers each Lambda’s typical first event from the bundle, reading the compiled catalog rather than the YAML parser', async () => {
    const first = await measureFirstInvocations(bundles);

    const loaded = Object.values(first).flatMap((f) => f.chunks.flatMap((c) => c.contents.map((part) => part.source)));
    expect(Object.keys(first).sort()).toEqual(Object.keys(LAMBDA_ENTRY_POINTS).sort());
    expect(loaded).not.toContain('yaml');
  }, 60_000);
});
