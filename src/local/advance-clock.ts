/** @module Local stack: `POST /api/clock` — moves the stack's clock forward through every queue delay and schedule on the way, in time order, and answers once what became due has run. */
import type { ScheduledJobs } from './scheduled-jobs.ts';
import { checkAdvance } from './stack-clock.ts';
import type { StackClock } from './stack-clock.ts';

/** Real time an advance may take before it answers with what is still pending (the work goes on behind it). */
export const ADVANCE_SETTLE_TIMEOUT_MS = 20_000;

export interface AdvanceOutcome {
  /** The stack's time after the advance: the time asked for, even when work is still pending. */
  now: Date;
  /** False when the work that became due had not all run within the time limit. */
  settled: boolean;
  /** Queue messages due or running when the advance answered (0 when settled). */
  pending: number;
}

export interface ClockDriverOptions {
  clock: StackClock;
  queue: {
    /** Messages visible now, or received and not yet settled. */
    dueCount(): number;
    /** ms (queue clock) when the next hidden message becomes visible, or null. */
    nextDelayedAt(): number | null;
  };
  pump: { wake(): void; idle(): boolean; handled(): number };
  jobs: ScheduledJobs;
  log: (line: string) => void;
  settleTimeoutMs?: number;
  /** Real ms, for the time limit; injected for tests. */
  realMs?: () => number;
}

export interface ClockDriver {
  /** Refuses (RangeError) what `StackClock.advance` refuses; otherwise waits its turn behind any advance already running. */
  advance(seconds: number): Promise<AdvanceOutcome>;
  /** The stack is closing: an advance under way stops waiting and answers with what it has. */
  close(): void;
}

const POLL_MS = 5;

/**
 * An advance walks time the way it would have passed: it steps to the next moment something is
 * due (a delayed message, a retry, a schedule), never past it, fires the schedules due, lets the
 * pump run every message visible, and only then steps on. So a chain of 15-minute re-sends runs
 * link by link, a quiet period's confirmation sends its 1-second follow-up and that runs too, and
 * a schedule sees the state the messages before it left. Work due after the new time is not
 * waited for.
 */
export function createClockDriver(options: ClockDriverOptions): ClockDriver {
  const { clock, queue, pump, jobs, log } = options;
  const realMs = options.realMs ?? Date.now;
  const timeoutMs = options.settleTimeoutMs ?? ADVANCE_SETTLE_TIMEOUT_MS;
  // Two advances at once would interleave their steps: the second waits for the first.
  let chain: Promise<unknown> = Promise.resolve();
  let closed = false;

  /** Resolves true once nothing is running or visible, false at the deadline. */
  async function quiet(deadline: number): Promise<boolean> {
    // The pump reads the queue on the next turn of the event loop after a wake.
    await new Promise((resolve) => setImmediate(resolve));
    while (!pump.idle()) {
      if (closed || realMs() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return true;
  }

  async function runDue(deadline: number): Promise<{ fired: number; quiet: boolean }> {
    const fired = await jobs.fireDue();
    for (const job of fired) log(`clock: ${job.name} (due ${job.due.toISOString()})`);
    pump.wake();
    return { fired: fired.length, quiet: await quiet(deadline) };
  }

  async function walk(seconds: number): Promise<AdvanceOutcome> {
    const deadline = realMs() + timeoutMs;
    const target = clock.offsetMs() + Math.round(seconds * 1000);
    const handledBefore = pump.handled();
    log(`clock: moving forward ${seconds} s to ${new Date(clock.now().getTime() + target - clock.offsetMs()).toISOString()}`);
    let fired = 0;
    let steps = 0;
    let settled = true;
    for (;;) {
      const ran = await runDue(deadline);
      fired += ran.fired;
      if (!ran.quiet) {
        settled = false;
        break;
      }
      const left = target - clock.offsetMs();
      if (left <= 0) break;
      if (closed || realMs() > deadline) {
        settled = false;
        break;
      }
      const nextJob = jobs.nextDueAt();
      const nextMessage = queue.nextDelayedAt();
      const step = Math.max(
        1,
        Math.min(left, nextJob ? nextJob.getTime() - clock.now().getTime() : Infinity, nextMessage !== null ? nextMessage - clock.nowMs() : Infinity),
      );
      clock.advance(step / 1000);
      steps += 1;
    }
    if (!settled) {
      // Out of time: the clock still lands where it was asked to, and the pump carries on behind the answer.
      const left = target - clock.offsetMs();
      if (left > 0) clock.advance(left / 1000);
      fired += (await jobs.fireDue()).length;
      pump.wake();
    }
    const now = clock.now();
    const ran = `${plural(pump.handled() - handledBefore, 'queued message')} and ${plural(fired, 'scheduled job')} ran in ${plural(steps, 'step')}`;
    if (settled) {
      log(`clock: now ${now.toISOString()}; ${ran}`);
      return { now, settled, pending: 0 };
    }
    const pending = queue.dueCount();
    log(`clock: now ${now.toISOString()}; ${ran}; still running after ${timeoutMs / 1000} s: ${plural(pending, 'queued message')} due`);
    return { now, settled, pending };
  }

  return {
    advance(seconds) {
      checkAdvance(seconds);
      const next = chain.then(
        () => walk(seconds),
        () => walk(seconds),
      );
      chain = next.catch(() => {});
      return next;
    },
    close() {
      closed = true;
    },
  };
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
