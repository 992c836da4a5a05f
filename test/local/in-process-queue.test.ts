import { describe, expect, it } from 'vitest';
import { createInProcessQueue } from '../../src/local/in-process-queue.ts';

function queueAt(clock: { now: number }, options = {}) {
  return createInProcessQueue({ now: () => clock.now, visibilityTimeoutSeconds: 30, maxReceiveCount: 2, batchSize: 2, ...options });
}

describe('Local stack: in-process queue with the SQS contract', () => {
  it('delivers visible messages a batch at a time, as SQS records', () => {
    // Prepare
    const queue = queueAt({ now: 0 });
    ['a', 'b', 'c'].forEach((body) => queue.send(body));

    // Act
    const batch = queue.receive();

    // Assess
    expect(batch?.Records.map((r) => [r.body, r.attributes.ApproximateReceiveCount, r.eventSource])).toEqual([
      ['a', '1', 'aws:sqs'],
      ['b', '1', 'aws:sqs'],
    ]);
  });

  it('removes successes and redelivers a failure after the visibility timeout', () => {
    // Prepare
    const clock = { now: 0 };
    const queue = queueAt(clock);
    queue.send('ok');
    queue.send('fails');
    const batch = queue.receive()!;

    // Act
    queue.settle(batch, { batchItemFailures: [{ itemIdentifier: batch.Records[1]!.messageId }] });
    const tooSoon = queue.receive();
    clock.now = 30_000;
    const later = queue.receive();

    // Assess
    expect(tooSoon).toBeNull();
    expect(later?.Records.map((r) => [r.body, r.attributes.ApproximateReceiveCount])).toEqual([['fails', '2']]);
  });

  it('honours a delay asked for through its port', async () => {
    // Prepare
    const clock = { now: 0 };
    const queue = queueAt(clock);
    queue.send('rate limited');
    const batch = queue.receive()!;

    // Act
    await queue.port.delay(batch.Records[0]!.receiptHandle, 2);
    queue.settle(batch, { batchItemFailures: [{ itemIdentifier: batch.Records[0]!.messageId }] });

    // Assess
    expect(queue.nextVisibleAt()).toBe(2000);
  });

  it('moves a message to the dead-letter queue after the last allowed delivery, and redrives it', () => {
    // Prepare
    const clock = { now: 0 };
    const queue = queueAt(clock);
    queue.send('poison');
    for (let i = 0; i < 2; i++) {
      const batch = queue.receive()!;
      queue.settle(batch, { batchItemFailures: [{ itemIdentifier: batch.Records[0]!.messageId }] });
      clock.now += 30_000;
    }

    // Act
    const dead = [...queue.deadLetters()];
    const moved = queue.redrive();

    // Assess
    expect(dead).toMatchObject([{ body: 'poison', receiveCount: 2, reason: 'maxReceiveCount reached' }]);
    expect([moved, queue.depth(), queue.deadLetters().length]).toEqual([1, 1, 0]);
  });

  it('schedules refreshes with a delay and dead-letters on request', async () => {
    // Prepare
    const queue = queueAt({ now: 0 });

    // Act
    await queue.port.scheduleRefresh({ clarion: 'refresh', alertKey: 'a|b', reason: 'quiet-period' }, 600);
    await queue.port.deadLetter('{"x":1}', { code: 'channel_not_found', message: 'no channel' });

    // Assess
    expect(queue.nextVisibleAt()).toBe(600_000);
    expect(queue.deadLetters()).toMatchObject([{ body: '{"x":1}', reason: 'channel_not_found: no channel' }]);
  });

  it('fails the whole batch when the answer names a message id that is not in the batch, as Lambda does', () => {
    // Prepare
    const clock = { now: 0 };
    const queue = queueAt(clock, { maxReceiveCount: 5 });
    queue.send('a');
    queue.send('b');
    const batch = queue.receive()!;

    // Act
    const result = queue.settle(batch, { batchItemFailures: [{ itemIdentifier: 'local-from-another-batch' }] });
    clock.now = 30_000;
    const again = queue.receive();

    // Assess
    expect(result).toMatchObject({ deleted: [], retried: batch.Records.map((r) => r.messageId) });
    expect(result.wholeBatchFailed).toMatch(/"local-from-another-batch", which is not in the batch/);
    expect(again?.Records.map((r) => [r.body, r.attributes.ApproximateReceiveCount])).toEqual([
      ['a', '2'],
      ['b', '2'],
    ]);
  });

  it('fails the whole batch when a failure has an empty itemIdentifier', () => {
    // Prepare
    const queue = queueAt({ now: 0 }, { maxReceiveCount: 5 });
    queue.send('a');
    const batch = queue.receive()!;

    // Act
    const result = queue.settle(batch, { batchItemFailures: [{ itemIdentifier: '' }] });

    // Assess
    expect(result.wholeBatchFailed).toMatch(/empty or missing itemIdentifier/);
    expect(queue.depth()).toBe(1);
  });

  it('dead-letters every record of a batch failed as a whole once they reach the last delivery', () => {
    // Prepare
    const clock = { now: 0 };
    const queue = queueAt(clock);
    queue.send('a');
    for (let i = 0; i < 2; i++) {
      const batch = queue.receive()!;
      queue.settle(batch, { batchItemFailures: [{ itemIdentifier: 'unknown' }] });
      clock.now += 30_000;
    }

    // Act
    const dead = queue.deadLetters();

    // Assess
    expect(dead).toMatchObject([{ body: 'a', receiveCount: 2 }]);
    expect(dead[0]!.reason).toMatch(/^maxReceiveCount reached \(the batch answer names "unknown"/);
  });

  it('counts visible, in-flight, delayed and dead messages apart', async () => {
    // Prepare
    const clock = { now: 0 };
    const queue = queueAt(clock, { batchSize: 1, maxReceiveCount: 1 });
    queue.send('received');
    queue.receive();
    queue.send('visible');
    queue.send('delayed', 60);
    await queue.port.deadLetter('{}', { code: 'invalid_auth', message: 'bad token' });

    // Act
    const counts = queue.counts();

    // Assess
    expect(counts).toEqual({ depth: 1, inFlight: 1, delayed: 1, deadLetters: 1 });
  });

  it('counts a failed record waiting out its visibility timeout as delayed, not in flight', () => {
    // Prepare
    const queue = queueAt({ now: 0 }, { batchSize: 1 });
    queue.send('fails');
    const batch = queue.receive()!;

    // Act
    queue.settle(batch, { batchItemFailures: [{ itemIdentifier: batch.Records[0]!.messageId }] });

    // Assess
    expect(queue.counts()).toEqual({ depth: 0, inFlight: 0, delayed: 1, deadLetters: 0 });
  });
});
