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
});
