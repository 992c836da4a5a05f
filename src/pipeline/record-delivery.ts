/** @module Pipeline (record stage): stores the refs of messages a delivery posted, merged with any concurrent writer, and whether Slack is now in step. */
import type { AlertRecord } from '../core/alert-record.ts';
import type { MessageRef } from '../core/ports.ts';
import { withoutLease } from '../state/delivery-lease.ts';
import type { StatePort } from '../state/state-port.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';
import { withoutTries } from './plan-alert.ts';

/**
 * A new post fills an audience that had no message; one that replaced a message found gone
 * (`known` had it) replaces it unless someone else already did. A concurrent writer's post wins.
 */
export function mergeMessages(known: Record<string, MessageRef>, latest: Record<string, MessageRef>, posted: Record<string, MessageRef>): Record<string, MessageRef> {
  const merged = { ...latest };
  for (const [audience, ref] of Object.entries(posted)) {
    const stored = latest[audience];
    if (!stored || (known[audience] !== undefined && stored.ts === known[audience].ts)) merged[audience] = ref;
  }
  return merged;
}

/** Forgets the messages found gone, unless someone already replaced them. */
function withoutDropped(messages: Record<string, MessageRef>, known: Record<string, MessageRef>, dropped: string[]): Record<string, MessageRef> {
  const next = { ...messages };
  for (const audience of dropped) if (next[audience] && next[audience].ts === known[audience]?.ts) delete next[audience];
  return next;
}

export interface RecordOptions {
  complete: boolean;
  /** The lease this delivery took or held, ended by a complete delivery. */
  leaseId?: string;
  /** Audiences whose post Slack answered with an error (it did not post). */
  unposted?: string[];
  /** Audiences whose message was found gone and held for the summary instead of posted again. */
  dropped?: string[];
}

/**
 * Stores new message refs, merging with any concurrent writer. A `complete` delivery also marks
 * what Slack now shows and ends the delivery lease `leaseId` names (only the one this delivery
 * took or held: another processor may be posting under its own); a partial one (a failure
 * mid-way) only keeps the refs, so the retry finishes the job.
 */
export async function recordDelivery(
  state: StatePort,
  written: AlertRecord,
  posted: Record<string, MessageRef>,
  options: RecordOptions = { complete: true },
): Promise<AlertRecord> {
  return retryOnConflict(written.alertKey, async () => {
    const latest = (await state.getAlert(written.alertKey)) ?? written;
    const version = latest.version + 1;
    let merged: AlertRecord = {
      ...latest,
      ...(options.unposted?.length ? { postTries: withoutTries(latest.postTries, options.unposted) } : {}),
      messages: withoutDropped(mergeMessages(written.messages, latest.messages, posted), written.messages, options.dropped ?? []),
      version,
      // Only when nobody changed the alert meanwhile does Slack show its latest state.
      syncedVersion: options.complete && latest.version === written.version ? version : latest.syncedVersion ?? 0,
    };
    if (options.complete && options.leaseId !== undefined) merged = withoutLease(merged, options.leaseId);
    return (await state.putAlert(merged, latest.version)) ? merged : CONFLICT;
  });
}
