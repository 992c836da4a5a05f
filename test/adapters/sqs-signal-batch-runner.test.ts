// The batch runner's own contract with SQS: partial failures that belong to this batch only, and no record started without time to finish it.
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createSignalBatchRunner, OutOfTimeError, retryDelaySeconds } from '../../src/adapters/sqs-signal-batch.ts';
import type { QueuePort } from '../../src/adapters/sqs-queue.ts';
import type { StatePort } from '../../src/state/state-port.ts';
import { DeliveryError } from '../../src/core/delivery-error.ts';
import type { FlushFailure, Processor, SignalResult } from '../../src/processor/process-signals.ts';

function record(messageId: string, receives = 1): SQSRecord {
  return {
    messageId,
    receiptHandle: `${messageId}#1`,
    body: JSON.stringify({ source: 'test', 'detail-type': 'x', id: messageId }),
    attributes: { ApproximateReceiveCount: String(receives), SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-2:111111111111:signals',
    awsRegion: 'eu-west-2',
  };
}

function context(remainingMs = 60_000): Context {
  return { functionName: 'test', awsRequestId: 'test', getRemainingTimeInMillis: () => remainingMs } as unknown as Context;
}

/** A processor whose alerts all sit in storm group `g`, and whose flush fails for `g` while `failing` is true. */
function groupedProcessor(state: { failing: boolean; seen: string[] }): Processor {
  return {
    async processMessage(body) {
      const id = String(((body as { Records: SQSRecord[] }).Records[0]!).messageId);
      state.seen.push(id);
      const result: SignalResult = { signalKey: id, eventId: id, catalogId: 'x', outcome: 'repeat', groupKey: 'g' };
      return [result];
    },
    async flush(): Promise<FlushFailure[]> {
      return state.failing ? [{ groupKey: 'g', error: new DeliveryError('Slack answered 503', { kind: 'server', code: '503' }) }] : [];
    },
  };
}

function recordingQueue(): QueuePort & { delays: Array<[string, number]>; requeued: Array<[string, number]> } {
  const delays: Array<[string, number]> = [];
  const requeued: Array<[string, number]> = [];
  return {
    delays,
    requeued,
    async delay(receiptHandle, seconds) {
      delays.push([receiptHandle, seconds]);
    },
    async requeue(body, seconds) {
      requeued.push([JSON.parse(body).id as string, seconds]);
    },
    async scheduleRefresh() {},
    async deadLetter() {},
  };
}

const quietState = { releaseEvent: async () => {} } as unknown as StatePort;
const silent = { info() {}, warn() {}, error() {} };

describe('Adapter: the SQS batch runner', () => {
  it('reports a batch with no failure as such after an earlier batch of the same container failed', async () => {
    // Prepare
    const flow = { failing: true, seen: [] as string[] };
    const run = createSignalBatchRunner({ processor: groupedProcessor(flow), queue: recordingQueue(), state: quietState, log: silent });
    const first: SQSEvent = { Records: [record('m-1'), record('m-2')] };
    const second: SQSEvent = { Records: [record('m-3')] };

    // Act
    const failedFirst = await run(first, context());
    flow.failing = false;
    const failedSecond = await run(second, context());

    // Assess
    expect(failedFirst.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m-1', 'm-2']);
    expect(failedSecond.batchItemFailures).toEqual([]);
  });

  it('starts no record when too little of the invocation is left, and sends it again as a new message a second later', async () => {
    // Prepare
    const flow = { failing: false, seen: [] as string[] };
    const queue = recordingQueue();
    const run = createSignalBatchRunner({ processor: groupedProcessor(flow), queue, state: quietState, log: silent, reserveMs: 20_000 });

    // Act
    const response = await run({ Records: [record('m-1', 9), record('m-2')] }, context(15_000));

    // Assess: not failed, so the ten receives of the redrive policy are kept for real tries
    expect(flow.seen).toEqual([]);
    expect(response.batchItemFailures).toEqual([]);
    expect(queue.requeued).toEqual([
      ['m-1', 1],
      ['m-2', 1],
    ]);
  });

  it('fails a record left for later when it cannot be sent again, so SQS still has it', async () => {
    // Prepare
    const flow = { failing: false, seen: [] as string[] };
    const queue = { ...recordingQueue(), requeue: async () => Promise.reject(new Error('SQS is down')) };
    const run = createSignalBatchRunner({ processor: groupedProcessor(flow), queue, state: quietState, log: silent, reserveMs: 20_000 });

    // Act
    const response = await run({ Records: [record('m-1')] }, context(15_000));

    // Assess
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m-1']);
    expect(queue.delays).toEqual([['m-1#1', 1]]);
  });

  it('hides a record that failed without a Retry-After for longer on each receive', async () => {
    // Prepare
    const failing: Processor = {
      async processMessage() {
        throw new DeliveryError('Slack answered 503', { kind: 'server', code: '503' });
      },
      async flush() {
        return [];
      },
    };
    const queue = recordingQueue();
    const run = createSignalBatchRunner({ processor: failing, queue, state: quietState, log: silent });

    // Act
    await run({ Records: [record('m-1', 1), record('m-2', 4), record('m-3', 9)] }, context());

    // Assess
    expect(queue.delays).toEqual([
      ['m-1#1', 10],
      ['m-2#1', 80],
      ['m-3#1', 180],
    ]);
  });
});

describe('Adapter: how long a failed record waits', () => {
  it('waits for Slack’s Retry-After when it gave one', () => {
    // Act
    const seconds = retryDelaySeconds(new DeliveryError('429', { kind: 'rate-limited', code: '429', retryAfterSeconds: 42 }), 3);

    // Assess
    expect(seconds).toBe(42);
  });

  it('comes back within a second for a record left for lack of time', () => {
    // Act
    const seconds = retryDelaySeconds(new OutOfTimeError('m-1', 1000), 7);

    // Assess
    expect(seconds).toBe(1);
  });

  it('rides out ten receives for longer than a ten-minute outage', () => {
    // Act
    const total = Array.from({ length: 9 }, (_, i) => retryDelaySeconds(new Error('503'), i + 1)).reduce((a, b) => a + b, 0);

    // Assess
    expect(total).toBeGreaterThan(15 * 60);
  });
});
