// `clarion silence`: locally against a started stack's API, and on AWS against the state table (dynalite) and the signal queue (SQS mocked).
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import { runSilence } from '../../src/cli/silence-command.ts';
import type { SilenceCommandDeps } from '../../src/cli/silence-command.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { listActive } from '../../src/state/silence-store.ts';
import { ROOT } from '../integration/harness.ts';
import { startTestStack } from '../local-stack/stack-helpers.ts';

const NOW = new Date('2026-11-24T10:00:00Z');
const QUEUE_URL = 'https://sqs.eu-west-2.amazonaws.com/111111111111/clarion-prod-SignalQueue';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), cwd: ROOT } };
}

describe('clarion silence against the local stack', () => {
  let stack: LocalStack;
  const deps = (): SilenceCommandDeps => ({
    env: {},
    dynamo: () => {
      throw new Error('no DynamoDB locally');
    },
    sqs: () => {
      throw new Error('no SQS locally');
    },
    fetch: (...args) => fetch(...args),
    now: () => NOW,
  });

  beforeAll(async () => {
    stack = await startTestStack({ now: () => NOW });
  });
  afterAll(() => stack.close());

  it('adds a silence, lists it, and expires it by its id', async () => {
    // Prepare
    const added = capture();
    await runSilence(['add', '--match', 'portal.*', '--for', '2h', '--reason', 'Moving the portal', '--by', 'ana', '--url', stack.url, '--json'], added.io, deps());
    const { id } = JSON.parse(added.out.stdout) as { id: string };

    // Act
    const listed = capture();
    await runSilence(['list', '--url', stack.url], listed.io, deps());
    const expired = capture();
    const code = await runSilence(['expire', id, '--url', stack.url], expired.io, deps());
    const after = capture();
    await runSilence(['list', '--json', '--url', stack.url], after.io, deps());

    // Assess
    expect(listed.out.stdout).toContain(`${id}  glob   portal.*  until 2026-11-24T12:00:00.000Z  by ana`);
    expect([code, expired.out.stdout]).toEqual([0, expect.stringContaining(`Silence ${id} on portal.* ended`)]);
    expect(JSON.parse(after.out.stdout)).toEqual({ silences: [] });
  });

  it('refuses a match the catalog does not know, with the reason and exit code 1', async () => {
    // Act
    const { out, io } = capture();
    const code = await runSilence(['add', '--match', 'portal.nothing', '--for', '1h', '--reason', 'x', '--url', stack.url], io, deps());

    // Assess
    expect([code, out.stderr]).toEqual([1, expect.stringContaining('"portal.nothing" is no catalog entry id')]);
  });

  it('asks for a reason before calling anything', async () => {
    // Act
    const { out, io } = capture();
    const code = await runSilence(['add', '--match', 'portal.*', '--for', '1h', '--url', stack.url], io, deps());

    // Assess
    expect([code, out.stderr]).toEqual([2, expect.stringContaining('give --reason')]);
  });
});

describe('clarion silence on AWS', () => {
  const sqs = mockClient(SQSClient);
  let dynamo: LocalDynamo;

  beforeEach(async () => {
    sqs.reset();
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    dynamo = await startDynalite();
  });
  afterEach(() => dynamo.close());

  const deps = (): SilenceCommandDeps => ({
    env: { CLARION_TABLE: dynamo.tableName, CLARION_QUEUE_URL: QUEUE_URL },
    dynamo: () => dynamo.client,
    sqs: (region) => new SQSClient({ region: region ?? 'eu-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
    fetch: () => Promise.reject(new Error('no HTTP on AWS')),
    now: () => NOW,
  });

  it('writes the silence to the table and queues its quiet line and its end', async () => {
    // Act
    const { out, io } = capture();
    const code = await runSilence(['add', '--match', 'trainee-portal', '--for', '3d', '--reason', 'Moving the portal', '--by', 'ana'], io, deps());

    // Assess
    const [stored] = await listActive(createDynamoState({ client: dynamo.client, tableName: dynamo.tableName }), NOW);
    const sent = sqs.commandCalls(SendMessageCommand).map((c) => [JSON.parse(c.args[0].input.MessageBody!) as { change: string }, c.args[0].input.DelaySeconds]);
    expect([code, out.stdout]).toEqual([0, expect.stringContaining('Silenced trainee-portal (group) until 2026-11-27T10:00:00.000Z')]);
    expect([stored?.kind, stored?.createdBy]).toEqual(['group', 'ana']);
    expect(sent).toEqual([
      [{ clarion: 'silence', id: stored!.id, change: 'added' }, 0],
      [{ clarion: 'silence', id: stored!.id, change: 'ended', dueAt: '2026-11-27T10:00:00.000Z' }, 900],
    ]);
  });

  it('expires a silence in the table and queues its end', async () => {
    // Prepare
    const added = capture();
    await runSilence(['add', '--match', 'portal.app-down', '--for', '1h', '--reason', 'Restarting', '--json'], added.io, deps());
    const { id } = JSON.parse(added.out.stdout) as { id: string };
    sqs.resetHistory();

    // Act
    const { io } = capture();
    const code = await runSilence(['expire', id, '--by', 'bo'], io, deps());

    // Assess
    const sent = sqs.commandCalls(SendMessageCommand).map((c) => JSON.parse(c.args[0].input.MessageBody!) as unknown);
    expect([code, await listActive(createDynamoState({ client: dynamo.client, tableName: dynamo.tableName }), NOW), sent]).toEqual([0, [], [{ clarion: 'silence', id, change: 'ended' }]]);
  });

  it('warns of a glob that matches nothing yet but adds it', async () => {
    // Act
    const { out, io } = capture();
    const code = await runSilence(['add', '--match', 'billing.*', '--for', '1h', '--reason', 'New service'], io, deps());

    // Assess
    expect([code, out.stderr]).toEqual([0, expect.stringContaining('warning: "billing.*" matches no catalog entry or group now')]);
  });
});
