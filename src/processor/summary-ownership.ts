/** @module Processor (summary job): who owns the summary being posted — taking what was held, recording progress, handing over to a retry. */
import { ClarionError } from '../core/clarion-error.ts';
import type { SummaryRecord } from '../core/alert-record.ts';
import type { MessageRef } from '../core/ports.ts';
import { emptySummary } from '../pipeline/hold-for-summary.ts';
import type { StatePort } from '../state/state-port.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';

/** How long a run may go without recording progress before another takes over its summary. */
const OWNER_LEASE_MS = 90_000;

export type Taken = { record: SummaryRecord & { sending: NonNullable<SummaryRecord['sending']> }; resumed: boolean } | { busyUntil: number } | null;

/** Another run took over this summary (this one was too slow); it stops without posting more. */
export class SummaryTakenOverError extends ClarionError {
  constructor(options?: { cause?: unknown }) {
    super('another run took over the summary being posted', options);
  }
}

/** Progress of one run: audiences posted (or with nothing to post, or refused), mailed, and whether it is done or handed over. */
export interface SummaryProgress {
  posted?: Record<string, MessageRef | 'nothing' | 'failed'>;
  mailed?: string;
  finish?: boolean;
  release?: boolean;
}

export function createSummaryOwnership(deps: { state: StatePort; now: () => Date }) {
  /**
   * Moves what is held into `sending`, owned by this run — or takes over a summary a failed run
   * left half-posted. Null when nothing was held; `busyUntil` when another run owns it.
   */
  async function take(runId: string, resumeOnly: boolean): Promise<Taken> {
    return retryOnConflict('summary', async (): Promise<Taken | typeof CONFLICT> => {
      const now = deps.now();
      const ownerUntil = new Date(now.getTime() + OWNER_LEASE_MS).toISOString();
      const current = await deps.state.getSummary();
      if (current?.sending) {
        const busyUntil = Date.parse(current.sending.ownerUntil);
        if (current.sending.owner !== runId && busyUntil > now.getTime()) return { busyUntil };
        const next = { ...current, sending: { ...current.sending, owner: runId, ownerUntil }, version: current.version + 1 };
        return (await deps.state.putSummary(next, current.version)) ? { record: next, resumed: true } : CONFLICT;
      }
      // A retry finishes the summary it was scheduled for; what was held since waits for the next one.
      if (resumeOnly) return null;
      const record = current ?? emptySummary();
      const nothingHeld = Object.keys(record.held).length === 0 && record.notices.length === 0 && record.moreNotices === 0;
      // Even with nothing held the time is recorded, so an alert held a moment too late is sent at once.
      if (nothingHeld) {
        return (await deps.state.putSummary({ ...record, lastSummaryAt: now.toISOString(), version: record.version + 1 }, current ? current.version : null)) ? null : CONFLICT;
      }
      const next = {
        held: {},
        notices: [],
        moreNotices: 0,
        lastSummaryAt: now.toISOString(),
        sending: { at: now.toISOString(), held: record.held, notices: record.notices, moreNotices: record.moreNotices, posted: {}, owner: runId, ownerUntil },
        version: record.version + 1,
      };
      return (await deps.state.putSummary(next, current ? current.version : null)) ? { record: next, resumed: false } : CONFLICT;
    });
  }

  /**
   * Records progress and renews this run's ownership; `finish` ends the summary, `release` hands
   * it to whichever run comes next. Throws when another run has taken it over.
   */
  async function progress(runId: string, change: SummaryProgress): Promise<void> {
    await retryOnConflict('summary', async () => {
      const current = await deps.state.getSummary();
      if (!current?.sending || current.sending.owner !== runId) throw new SummaryTakenOverError();
      const next: SummaryRecord = { ...current, version: current.version + 1 };
      const ownerUntil = change.release ? deps.now().toISOString() : new Date(deps.now().getTime() + OWNER_LEASE_MS).toISOString();
      if (change.finish) delete next.sending;
      else {
        const mailed = change.mailed ? [...(current.sending.mailed ?? []), change.mailed] : current.sending.mailed;
        next.sending = { ...current.sending, posted: { ...current.sending.posted, ...change.posted }, ...(mailed ? { mailed } : {}), ownerUntil };
      }
      return (await deps.state.putSummary(next, current.version)) ? undefined : CONFLICT;
    });
  }

  return { take, progress };
}
