import { afterEach, describe, expect, it } from 'vitest';
import { createClockDriver } from '../../src/local/advance-clock.ts';
import { createInProcessQueue } from '../../src/local/in-process-queue.ts';
import { createScheduledJobs } from '../../src/local/scheduled-jobs.ts';
import type { ScheduledJobs } from '../../src/local/scheduled-jobs.ts';
import { createQueuePump } from '../../src/local/server/queue-pump.ts';
import type { QueuePump } from '../../src/local/server/queue-pump.ts';
import { createStackClock } from '../../src/local/stack-clock.ts';

const START = new Date('2026-11-24T10:00:00Z');

describe('Local stack: the clock driver', () => {
  let jobs: ScheduledJobs | undefined;
  let pump: QueuePump | undefined;
  let release: (() => void) | undefined;

  afterEach(async () => {
    release?.();
    jobs?.close();
    await pump?.stop();
  });

  /** A stack's clock, queue and pump whose handler runs `run`, pinned at START like the tests' stacks. */
  function parts(run: (body: string) => Promise<void>, settleTimeoutMs?: number) {
    const clock = createStackClock({ now: () => START });
    const queue = createInProcessQueue({ now: clock.nowMs });
    pump = createQueuePump({
      queue,
      now: clock.nowMs,
      run: async (event) => {
        for (const record of event.Records) await run(record.body);
        return { batchItemFailures: [] };
      },
    });
    jobs = createScheduledJobs({ now: clock.now });
    const lines: string[] = [];
    const driver = createClockDriver({ clock, queue, pump, jobs, log: (line) => void lines.push(line), ...(settleTimeoutMs ? { settleTimeoutMs } : {}) });
    return { clock, queue, driver, lines };
  }

  it('answers with settled false and what is pending when the due work outlasts the limit, with the clock on the new time', async () => {
    // Prepare: a handler that does not finish until the test ends.
    const { queue, driver, lines } = parts(() => new Promise<void>((resolve) => (release = resolve)), 50);
    queue.send('slow', 60);

    // Act
    const outcome = await driver.advance(120);

    // Assess
    expect(outcome).toEqual({ now: new Date(START.getTime() + 120_000), settled: false, pending: 1 });
    expect(lines.at(-1)).toMatch(/still running after 0\.05 s: 1 queued message due$/);
  });

  it('runs a message sent by a message that came due, when it is also due by the new time', async () => {
    // Prepare: "a" sends "b" with a one-second delay, as a fix confirmation sends its tell.
    const ran: string[] = [];
    const { queue, driver } = parts(async (body) => {
      ran.push(body);
      if (body === 'a') queue.send('b', 1);
    });
    queue.send('a', 60);

    // Act: "b" is due exactly at the new time.
    const outcome = await driver.advance(61);

    // Assess
    expect(outcome).toEqual({ now: new Date(START.getTime() + 61_000), settled: true, pending: 0 });
    expect(ran).toEqual(['a', 'b']);
  });

  it('refuses an advance out of range before it waits its turn, and leaves the clock alone', async () => {
    // Prepare
    const { clock, driver } = parts(async () => {});

    // Act
    const refused = (() => {
      try {
        void driver.advance(0);
        return null;
      } catch (error) {
        return error;
      }
    })();

    // Assess
    expect(refused).toBeInstanceOf(RangeError);
    expect(clock.offsetMs()).toBe(0);
  });
});
