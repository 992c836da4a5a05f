import { describe, expect, it } from 'vitest';
import { createInProcessQueue } from '../../src/local/in-process-queue.ts';
import { createQueuePump } from '../../src/local/server/queue-pump.ts';

describe('Local stack: the queue pump', () => {
  it('reports a batch answer that Lambda would read as a failure of the whole batch, and leaves every record on the queue', async () => {
    // Prepare
    const clock = { now: 0 };
    const queue = createInProcessQueue({ now: () => clock.now });
    queue.send('a');
    queue.send('b');
    let report!: (value: { reason: string; ids: string[] }) => void;
    const reported = new Promise<{ reason: string; ids: string[] }>((resolve) => (report = resolve));
    const pump = createQueuePump({
      queue,
      now: () => clock.now,
      // A shared response object from another batch: it names a message this batch does not hold.
      run: async () => ({ batchItemFailures: [{ itemIdentifier: 'local-99999999' }] }),
      onWholeBatchFailed: (reason, ids) => report({ reason, ids }),
    });

    // Act
    pump.wake();
    const { reason, ids } = await reported;
    await pump.stop();

    // Assess
    expect(reason).toMatch(/"local-99999999", which is not in the batch/);
    expect(ids).toHaveLength(2);
    expect(queue.counts()).toEqual({ depth: 0, inFlight: 0, delayed: 2, deadLetters: 0 });
  });
});
