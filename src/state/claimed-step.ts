/** @module State: a step run at most once under an event claim — a replay finds the claim and skips it; a failure gives the claim back, so a retry still runs it. */
import type { StatePort } from './state-port.ts';

/**
 * Runs `step` if `claim` is not taken yet. Undefined when it was (the step ran, or is running,
 * elsewhere). A failing step releases the claim and rethrows; if even the release fails, the
 * claim lapses at `expiresAt` and `onReleaseError` hears why.
 */
export async function runClaimed<T>(
  state: Pick<StatePort, 'claimEvent' | 'releaseEvent'>,
  claim: string,
  expiresAt: number,
  step: () => Promise<T>,
  onReleaseError: (error: unknown) => void,
): Promise<{ value: T } | undefined> {
  if (!(await state.claimEvent(claim, expiresAt))) return undefined;
  try {
    return { value: await step() };
  } catch (error) {
    try {
      await state.releaseEvent(claim);
    } catch (releaseError) {
      onReleaseError(releaseError);
    }
    throw error;
  }
}
