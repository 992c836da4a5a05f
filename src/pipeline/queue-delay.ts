/** @module Pipeline (buffer): how long a request put back on the queue waits before it is delivered again. */

/** SQS's longest message delay: 15 minutes. */
export const MAX_QUEUE_DELAY_SECONDS = 900;

/** Whole seconds from `nowMs` until `untilMs`, at least 1 and at most SQS's 15 minutes. */
export function delayUntil(untilMs: number, nowMs: number): number {
  return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(1, Math.ceil((untilMs - nowMs) / 1000)));
}
