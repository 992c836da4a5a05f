/** @module Pipeline (between enrich and route): claims each source event while it is processed, so a redelivery is handled once and a crashed run's event is not lost. */
import { ClarionError } from '../core/clarion-error.ts';
import type { StatePort } from '../state/state-port.ts';

/** A handled event is remembered this long (epoch seconds added), so redeliveries are known as duplicates. */
export const HANDLED_EVENT_SECONDS = 2 * 86400;

/**
 * Another processor is working on this event right now (or died doing so, and its claim has not
 * run out yet). Not a duplicate: the record is retried once the claim runs out.
 */
export class EventBusyError extends ClarionError {
  readonly retryAfterSeconds: number;

  constructor(eventId: string, retryAfterSeconds: number, options?: { cause?: unknown }) {
    super(`event ${eventId} is being processed elsewhere; trying again in ${retryAfterSeconds} s`, options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Runs `handle` once per event id: `duplicate` when the event was handled before. The claim lasts
 * `claimSeconds` while the work runs — longer than the Lambda timeout, shorter than the queue's
 * visibility timeout, so a run that was killed leaves a claim that has run out by the time SQS
 * delivers the event again. A failure releases the claim at once, for the retry.
 */
export async function oncePerEvent<T>(
  state: StatePort,
  eventId: string,
  now: Date,
  claimSeconds: number,
  handle: () => Promise<T>,
): Promise<{ duplicate: true } | { duplicate: false; result: T }> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const claim = await state.startEvent(eventId, nowSeconds + claimSeconds, nowSeconds);
  if (claim.outcome === 'done') return { duplicate: true };
  if (claim.outcome === 'busy') throw new EventBusyError(eventId, Math.max(1, claim.until - nowSeconds + 1));
  let result: T;
  try {
    result = await handle();
  } catch (error) {
    await state.releaseEvent(eventId);
    throw error;
  }
  await state.finishEvent(eventId, nowSeconds + HANDLED_EVENT_SECONDS);
  return { duplicate: false, result };
}
