/** @module State: the one retry loop for versioned conditional writes — read, decide, write only if nobody wrote meanwhile. */
import { ClarionError } from '../core/clarion-error.ts';

/** Conditional writes to one record are tried this often before the record is given up for a retry of the whole message. */
export const MAX_WRITE_ATTEMPTS = 5;

/** Another writer changed the record every time it was about to be written. */
export class StateConflictError extends ClarionError {
  constructor(key: string, options?: { cause?: unknown }) {
    super(`gave up after ${MAX_WRITE_ATTEMPTS} conflicting writes to ${key}`, options);
  }
}

/** What an attempt returns when its conditional write lost to another writer: read again and decide again. */
export const CONFLICT: unique symbol = Symbol('conflict');
export type Conflict = typeof CONFLICT;

/**
 * Runs `attempt` until it returns something other than `CONFLICT`. Each attempt must read the
 * record afresh, decide from what it read, and write conditionally on the version it read: a
 * decision made from a stale read is never written.
 */
export async function retryOnConflict<T>(key: string, attempt: () => Promise<T | Conflict>): Promise<T> {
  for (let tries = 0; tries < MAX_WRITE_ATTEMPTS; tries++) {
    const outcome = await attempt();
    if (outcome !== CONFLICT) return outcome;
  }
  throw new StateConflictError(key);
}
