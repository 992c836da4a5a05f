/** @module Interactions: the Acknowledge all press on the engineers' storm message — every alert of the storm acknowledged at once, and every message showing one of them edited. */
import { requestPageUpdate } from '../pipeline/escalation-state.ts';
import type { AlertRecord } from '../core/alert-record.ts';
import type { MessageSync } from '../pipeline/message-sync.ts';
import { lifecycleEvent } from '../pipeline/plan-alert.ts';
import { impactKeyFor } from '../core/impact-key.ts';
import { impactAcknowledged, routesFor } from '../pipeline/impact.ts';
import { createStormMessages } from '../pipeline/storm-message.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';
import type { InteractionDeps, InteractionResult } from './handle-interaction.ts';

/** Member records written at once: a storm lists up to a hundred, and Slack wants its answer within 3 s. */
const WRITES_AT_ONCE = 10;

/**
 * Acknowledges, as `user`, every open alert of the storm that nobody acknowledged yet, and records
 * on the group who took the storm on. An alert someone acknowledged already keeps its first name,
 * as it does for a press on its own message.
 */
export async function acknowledgeGroup(groupKey: string, user: string, deps: InteractionDeps, sync: MessageSync): Promise<InteractionResult> {
  const group = await deps.state.getGroup(groupKey);
  if (!group) return { outcome: 'unknown-group', groupKey };
  const now = deps.now();
  const at = now.toISOString();
  /*
   * The alerts that opened first keep messages of their own (`openedInWindow`); the listed members
   * are shown here. Members beyond the listed ones are kept only as a hash of their alert key (to
   * keep the group item small, see storm.ts), so their records cannot be found from the group and
   * they stay unacknowledged: the message counts them but does not name them either.
   */
  const keys = [...new Set([...group.openedInWindow, ...group.members.map((m) => m.alertKey)])];
  const acknowledged: AlertRecord[] = [];
  for (let start = 0; start < keys.length; start += WRITES_AT_ONCE) {
    const written = await Promise.all(keys.slice(start, start + WRITES_AT_ONCE).map((alertKey) => acknowledgeMember(alertKey, user, at, deps)));
    acknowledged.push(...written.filter((record) => record !== null));
  }
  // Announced once stored: a retry of a press that failed later finds them acknowledged and would not announce them.
  if (acknowledged.length > 0) await deps.lifecycle?.publish(acknowledged.map((record) => lifecycleEvent('Clarion Alert Acknowledged', record, at)));

  const stored = await retryOnConflict(groupKey, async () => {
    const latest = await deps.state.getGroup(groupKey);
    if (!latest || latest.acknowledgedBy) return { group: latest, first: false, onlyChange: false };
    const next = { ...latest, acknowledgedBy: user, acknowledgedAt: at, version: latest.version + 1 };
    // Whether the acknowledgement is all Slack lacks: then only the engineers' messages need it.
    const onlyChange = latest.syncedVersion === latest.version;
    return (await deps.state.putGroup(next, latest.version)) ? { group: next, first: true, onlyChange } : CONFLICT;
  });

  let failure: unknown;
  // The first alerts of the storm have messages of their own, which show the acknowledgement too.
  for (const record of acknowledged) {
    if (Object.keys(record.messages).length === 0) continue;
    try {
      await sync.updateAll(record, routesFor(record.alert, deps.runtime().config, deps.stage), now);
    } catch (error) {
      // One message Slack would not edit does not keep the others, or the storm message, stale.
      deps.log?.info('could not show the acknowledgement in an alert’s own message', { groupKey, alertKey: record.alertKey, error: String(error) });
      failure ??= error;
    }
  }
  // Non-technical audiences hear of impacts: each impact of the storm reads "an engineer is working on it" once.
  for (const impactKey of new Set(acknowledged.flatMap((record) => impactKeyFor(record.alert) ?? []))) {
    try {
      const impact = await acknowledgeImpact(impactKey, user, at, deps);
      if (impact) await sync.updateAll(impact, routesFor(impact.alert, deps.runtime().config, deps.stage), now);
    } catch (error) {
      deps.log?.info('could not show the acknowledgement to the audiences of an impact', { groupKey, impactKey, error: String(error) });
      failure ??= error;
    }
  }
  // A paged member's page is acknowledged too (through the queue; nothing is asked when none was paged).
  for (const record of acknowledged) {
    try {
      await requestPageUpdate(deps, record);
    } catch (error) {
      deps.log?.info('could not ask for a page to be acknowledged', { groupKey, alertKey: record.alertKey, error: String(error) });
      failure ??= error;
    }
  }
  // Shown also when an earlier press stored the acknowledgement but failed before Slack showed it.
  if (stored.group && stored.group.syncedVersion !== stored.group.version) {
    const { config } = deps.runtime();
    // Other audiences' messages show no acknowledgement; a change they do show (the storm over) is theirs too.
    const engineers = (audience: string) => (config.audiences[audience]?.template ?? 'techies') === 'techies';
    await createStormMessages(deps).show(stored.group, now, stored.onlyChange ? engineers : undefined);
  }
  if (failure !== undefined) throw failure;

  deps.log?.info('storm acknowledged', { groupKey, user, alerts: acknowledged.length });
  if (acknowledged.length === 0 && !stored.first) return { outcome: 'already-acknowledged', groupKey };
  return { outcome: 'group-acknowledged', groupKey, acknowledged: acknowledged.length };
}

/** The impact's record, acknowledged by `user`; null when it is gone, resolved or acknowledged already. */
async function acknowledgeImpact(impactKey: string, user: string, at: string, deps: InteractionDeps): Promise<AlertRecord | null> {
  return retryOnConflict(impactKey, async () => {
    const record = await deps.state.getAlert(impactKey);
    const next = record ? impactAcknowledged(record, user, at) : null;
    if (!record || !next) return null;
    const written: AlertRecord = { ...next, version: record.version + 1 };
    return (await deps.state.putAlert(written, record.version)) ? written : CONFLICT;
  });
}

/** The member's record, acknowledged by `user`; null when it is gone, resolved or acknowledged already. */
async function acknowledgeMember(alertKey: string, user: string, at: string, deps: InteractionDeps): Promise<AlertRecord | null> {
  return retryOnConflict(alertKey, async () => {
    const record = await deps.state.getAlert(alertKey);
    if (!record || record.status !== 'open' || record.acknowledgedBy) return null;
    const written: AlertRecord = { ...record, acknowledgedBy: user, acknowledgedAt: at, version: record.version + 1 };
    return (await deps.state.putAlert(written, record.version)) ? written : CONFLICT;
  });
}
