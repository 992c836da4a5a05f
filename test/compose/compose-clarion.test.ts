// The composition root wires what it is given: dynalite, the Slack emulator over HTTP, an in-process queue, a test clock.
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import type { ClarionPorts } from '../../src/compose/clarion-wiring.ts';
import { composeInteractions } from '../../src/compose/compose-interactions.ts';
import { composeProcessor, composeSignalBatch } from '../../src/compose/compose-processor.ts';
import type { LifecycleEvent } from '../../src/core/ports.ts';
import { createInProcessQueue } from '../../src/local/in-process-queue.ts';
import { localLambdaContext } from '../../src/local/server/lambda-context.ts';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import type { SlackEmulator } from '../../src/local/slack-emulator.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';
import type { SignalResult } from '../../src/processor/process-signals.ts';
import { signSlackRequest } from '../../src/slack/sign-slack-request.ts';
import { encodeAlertKey } from '../../templates/parts/buttons.ts';
import { allText, fireAppDown, okAppDown, ROOT, sample } from '../integration/harness.ts';

const SECRET = 'compose-test-secret';
let runtime: CatalogRuntime;
let dynamo: LocalDynamo;
let emulator: SlackEmulator;
let clock: { now: Date };
let lifecycle: LifecycleEvent[];
let ports: ClarionPorts;

beforeAll(async () => {
  runtime = (await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).runtime;
});

beforeEach(async () => {
  clock = { now: new Date('2026-11-22T10:00:00Z') };
  dynamo = await startDynalite();
  emulator = createSlackEmulator({ clock: () => clock.now.getTime() });
  const { url } = await emulator.listen();
  lifecycle = [];
  ports = {
    runtime: () => runtime,
    state: createDynamoState({ client: dynamo.client, tableName: dynamo.tableName }),
    slack: createSlackWebApi({ token: 'xoxb-compose', slackApiUrl: url, timeoutMs: 2000 }),
    lifecycle: { publish: async (events) => void lifecycle.push(...events) },
    now: () => clock.now,
  };
});

afterEach(async () => {
  await emulator.close();
  await dynamo.close();
});

/** A signed Acknowledge press on an alert, as Slack sends it. */
function signedAcknowledge(alertKey: string, user: string) {
  const payload = { type: 'block_actions', user: { id: user }, actions: [{ type: 'button', action_id: 'clarion.acknowledge', value: encodeAlertKey(alertKey) }] };
  const rawBody = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return { rawBody, headers: signSlackRequest({ signingSecret: SECRET, rawBody, timestamp: Math.floor(clock.now.getTime() / 1000) }) };
}

describe('composition root: processor side', () => {
  it('builds a processor that posts a catalogued alert to Slack and publishes its opening on the lifecycle port', async () => {
    // Prepare
    const processor = composeProcessor({}, ports);

    // Act
    const [result] = await processor.processMessage(sample('app-down-alarm.json'));

    // Assess
    expect(result?.outcome).toBe('opened');
    expect(emulator.messages('#portal-alerts')).toHaveLength(1);
    expect(lifecycle.map((e) => e.type)).toEqual(['Clarion Alert Opened']);
  });

  it('builds a batch runner that runs an SQS batch through its processor and tells the observer what each record came to', async () => {
    // Prepare
    const observed: SignalResult[][] = [];
    const queue = createInProcessQueue({ now: () => clock.now.getTime() });
    const { runBatch } = composeSignalBatch({}, { ...ports, queue: queue.port, onProcessed: (results) => void observed.push(results) });
    queue.send(JSON.stringify(sample('release-pipeline-failed.json')));

    // Act
    const response = await runBatch(queue.receive()!, localLambdaContext('compose-test', 60_000));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(observed.flat().map((r) => [r.catalogId, r.outcome])).toEqual([['release.pipeline-failed', 'opened']]);
  });

  it('hands the processor’s look-again-later requests to the queue it is given', async () => {
    // Prepare
    const queue = createInProcessQueue({ now: () => clock.now.getTime() });
    const { runBatch } = composeSignalBatch({}, { ...ports, queue: queue.port });
    queue.send(JSON.stringify(fireAppDown('compose-1', '2026-11-22T09:14:05Z')));
    queue.send(JSON.stringify(okAppDown('compose-2', '2026-11-22T09:42:05Z')));
    const batch = queue.receive()!;
    queue.settle(batch, await runBatch(batch, localLambdaContext('compose-test', 60_000)));
    clock.now = new Date(clock.now.getTime() + 600_000);

    // Act
    const refresh = queue.receive();

    // Assess
    // The alarm's own fix and its impact's (what non-technical audiences are told) are each confirmed after the quiet period
    // (beside them, the escalation of the critical alarm, which its handler finds resolved).
    const bodies = refresh?.Records.map((r) => JSON.parse(r.body) as { clarion: string });
    expect(bodies?.filter((body) => body.clarion === 'escalate')).toEqual([expect.objectContaining({ step: 0 })]);
    expect(bodies?.filter((body) => body.clarion !== 'escalate')).toEqual([
      { clarion: 'refresh', alertKey: expect.stringMatching(/^portal\.app-down\|/), reason: 'quiet-period' },
      { clarion: 'refresh', alertKey: 'impact:group:trainee-portal', reason: 'quiet-period' },
    ]);
  });

  it('gives the processor the stage, so the stage’s channels are the ones told', async () => {
    // Prepare
    const stageChannel = runtime.config.stages['prod']?.channels?.['techies'];
    const processor = composeProcessor({ stage: 'prod' }, ports);

    // Act
    await processor.processMessage(sample('app-down-alarm.json'));

    // Assess
    expect(stageChannel).toBeDefined();
    expect(emulator.messages(stageChannel!)).toHaveLength(1);
    expect(emulator.messages('#portal-alerts')).toEqual([]);
  });
});

describe('composition root: interactions side', () => {
  it('builds an answerer that refuses an unsigned request with 401 and changes nothing', async () => {
    // Prepare
    const answer = composeInteractions({ signingSecret: SECRET }, ports);

    // Act
    const refused = await answer({ rawBody: 'payload=%7B%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } });

    // Assess
    expect(refused.statusCode).toBe(401);
    expect(lifecycle).toEqual([]);
  });

  it('builds an answerer that acknowledges a signed press on an alert the processor opened, on the same state and Slack', async () => {
    // Prepare
    const [opened] = await composeProcessor({}, ports).processMessage(sample('app-down-alarm.json'));
    const answer = composeInteractions({ signingSecret: SECRET }, ports);

    // Act
    const answered = await answer(signedAcknowledge(opened!.alertKey!, 'U0COMPOSE'));

    // Assess
    expect(answered.result?.outcome).toBe('acknowledged');
    expect(allText(emulator.messages('#portal-alerts')[0]!)).toContain('Acknowledged by <@U0COMPOSE>');
  });
});
