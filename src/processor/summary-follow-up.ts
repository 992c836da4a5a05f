/** @module Processor (summary job): after the summary, each held alert still open is shown to the audiences that were away — its own message, or its storm group's. */
import type { AlertRecord } from '../core/alert-record.ts';
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import type { MessageSync } from '../pipeline/message-sync.ts';
import { routesFor } from '../pipeline/impact.ts';
import type { Route } from '../pipeline/route-alert.ts';
import type { StatePort } from '../state/state-port.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';

export type FollowUp = 'shown' | 'not-needed' | { deferUntil: number };

export interface FollowUpDeps {
  runtime: () => CatalogRuntime;
  state: StatePort;
  now: () => Date;
  stage?: string;
  deliveryLeaseSeconds: number;
  sync: Pick<MessageSync, 'postMissing'>;
  showInGroup: (record: AlertRecord, groupKey: string, routes: Route[]) => Promise<boolean>;
}

/**
 * An alert still not confirmed fixed gets its own message too, so the reader sees it acknowledged
 * and fixed as it happens; a storm's alerts are shown in their group's message instead of one each.
 */
export async function followUp(
  deps: FollowUpDeps,
  alertKey: string, audiences: string[], storms: Set<string>, leaseId: string): Promise<FollowUp> {
  return retryOnConflict(alertKey, async (): Promise<FollowUp | typeof CONFLICT> => {
    const now = deps.now();
    const current = await deps.state.getAlert(alertKey);
    if (!current || current.resolvedUnseen || (current.status === 'resolved' && current.fixConfirmedAt)) return 'not-needed';
    const routes = routesFor(current.alert, deps.runtime().config, deps.stage).filter((r) => audiences.includes(r.audience) && !current.messages[r.audience]);
    if (routes.length === 0) return 'not-needed';
    const groupKey = current.groupedInto ?? (current.group && storms.has(current.group) ? current.group : undefined);
    // Joined first, marked after: a group that cannot take it (full, or gone) leaves it its own messages.
    if (groupKey && (await deps.showInGroup(current, groupKey, routes))) {
      if (!current.groupedInto) {
        // From now on the group's message speaks for it, to these readers and in later events.
        // Slack's messages do not change, so a record Slack was in step with stays in step.
        const synced = current.syncedVersion === current.version ? { syncedVersion: current.version + 1 } : {};
        if (!(await deps.state.putAlert({ ...current, groupedInto: groupKey, version: current.version + 1, ...synced }, current.version))) return CONFLICT;
      }
      return 'shown';
    }
    // Another processor posting this alert's messages right now: come back when it is done.
    const result = await deps.sync.postMissing(alertKey, routes, { id: leaseId, seconds: deps.deliveryLeaseSeconds }, now);
    return result === 'nothing' ? 'not-needed' : result === 'posted' ? 'shown' : { deferUntil: result.busyUntil };
  });
}

