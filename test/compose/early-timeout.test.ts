// The processor's Lambda handler answers early as its invocation runs out (Lambda then stops it); the local stack, where nothing stops it, turns that off.
import path from 'node:path';
import type { Context, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessorHandler } from '../../functions/process-signals.ts';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import { createInProcessQueue } from '../../src/local/in-process-queue.ts';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import type { SlackEmulator } from '../../src/local/slack-emulator.ts';
import { createMemoryState } from '../../src/state/memory-state.ts';
import { fireAppDown, ROOT } from '../integration/harness.ts';

let emulator: SlackEmulator;
let slackApiUrl: string;
let runtime: CatalogRuntime;

beforeAll(async () => {
  runtime = (await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).runtime;
  emulator = createSlackEmulator({});
  slackApiUrl = (await emulator.listen()).url;
});
afterAll(() => emulator.close());

/** A handler whose Slack never answers (each call gives up after 300 ms), in an invocation that has 100 ms left. */
function slowInvocation(earlyTimeout?: false) {
  emulator.reset();
  emulator.fail({ hang: true });
  const handler = createProcessorHandler({
    wiring: async () => ({
      settings: { batchReserveMs: 0 },
      ports: {
        runtime: () => runtime,
        state: createMemoryState(),
        slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl, timeoutMs: 300 }),
        queue: createInProcessQueue().port,
        now: () => new Date('2026-11-22T10:00:30Z'),
      },
    }),
    telemetry: { log: { info() {}, warn() {}, error() {} } },
    ...(earlyTimeout === false ? { earlyTimeout } : {}),
  });
  const event = { Records: [{ messageId: 'm1', receiptHandle: 'r1', body: JSON.stringify(fireAppDown('e1', '2026-11-22T10:00:00Z')), attributes: { ApproximateReceiveCount: '1' } }] } as unknown as SQSEvent;
  const context = { getRemainingTimeInMillis: () => 100, functionName: 'clarion-processor', awsRequestId: 'req-1' } as unknown as Context;
  return handler(event, context);
}

describe('processor handler: answering as the invocation runs out', () => {
  it('answers with a timeout before the invocation ends, by default', async () => {
    // Act
    const outcome = await slowInvocation().then(
      () => 'answered',
      (error: Error) => error.name,
    );

    // Assess
    expect(outcome).toBe('TimeoutError');
  });

  it('waits for the batch to finish when told not to answer early, so no work runs on past its answer', async () => {
    // Act
    const response = await slowInvocation(false);

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
  });
});
