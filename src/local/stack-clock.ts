/** @module Local stack: the one clock everything in the stack reads, which scripts can move forward to skip waiting. */

/** The most one call may move the clock: a day, enough to pass any delay, snooze or quiet period. */
export const MAX_ADVANCE_SECONDS = 24 * 60 * 60;

export interface StackClock {
  /** The pipeline's time: the injected clock (or the real one) plus every advance so far. */
  now(): Date;
  /** ms for the queue, the pump, Slack pacing and the emulator: the real clock plus every advance, so rate limits keep refilling even when the pipeline's clock is pinned. */
  nowMs(): number;
  /** Moves both forward; never backward, so nothing already scheduled runs twice. Throws a RangeError outside (0, MAX_ADVANCE_SECONDS]. */
  advance(seconds: number): void;
  /** Total ms moved so far. */
  offsetMs(): number;
}

export interface StackClockOptions {
  now?: () => Date;
  realMs?: () => number;
  /** Where a previous run left the clock (`--data DIR` keeps it): advances already made. */
  offsetMs?: number;
  /** Told the new total after each advance, to save it. */
  onAdvance?: (offsetMs: number) => void;
}

export function createStackClock(base: StackClockOptions = {}): StackClock {
  const realMs = base.realMs ?? Date.now;
  const pipelineNow = base.now ?? (() => new Date(realMs()));
  let offset = base.offsetMs ?? 0;
  return {
    now: () => new Date(pipelineNow().getTime() + offset),
    nowMs: () => realMs() + offset,
    advance(seconds) {
      checkAdvance(seconds);
      offset += Math.round(seconds * 1000);
      base.onAdvance?.(offset);
    },
    offsetMs: () => offset,
  };
}

/** Throws the RangeError `advance` would, so a caller can refuse a request before it waits its turn. */
export function checkAdvance(seconds: number): void {
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_ADVANCE_SECONDS) {
    throw new RangeError(`the clock moves forward by more than 0 and at most ${MAX_ADVANCE_SECONDS} seconds at a time, not ${seconds}`);
  }
}
