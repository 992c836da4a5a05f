/** @module Stage 5 of 9 (storms): counts alerts of one catalog group opening together and folds the overflow into one message. */
import type { Alert } from '../core/alert.ts';
import type { GroupRecord } from '../core/alert-record.ts';
import type { LifecycleSettings } from './plan-alert.ts';
import type { Route } from './route-alert.ts';

export interface StormDecision {
  /** The group record to write (conditional on `expectedVersion`). */
  group: GroupRecord;
  expectedVersion: number | null;
  /** This alert goes into the group message instead of its own messages. */
  inStorm: boolean;
}

/**
 * Registers a newly opening alert with its group. The first `threshold` alerts of a window keep
 * their own messages (one problem, or a few, is not a storm); from the next one on, alerts are
 * shown in one message per audience that is kept up to date.
 */
export function joinGroup(existing: GroupRecord | null, alert: Alert, routes: Route[], now: Date, settings: LifecycleSettings): StormDecision {
  const groupKey = alert.group!;
  const windowMs = settings.storm.windowSeconds * 1000;
  const expired = existing !== null && now.getTime() - Date.parse(existing.windowStart) > windowMs;
  const stillOpen = existing?.members.filter((m) => m.status === 'open') ?? [];
  // A new window starts a new count; a storm whose members all recovered starts a new message.
  const fresh = existing === null || (expired && stillOpen.length === 0);
  const base: GroupRecord = fresh
    ? {
        groupKey,
        windowStart: now.toISOString(),
        openedInWindow: [],
        members: [],
        channels: {},
        messages: {},
        version: existing?.version ?? 0,
        expiresAt: 0,
      }
    : expired
      ? { ...existing!, windowStart: now.toISOString(), openedInWindow: [] }
      : { ...existing! };
  const alreadyCounted = base.openedInWindow.includes(alert.alertKey);
  const inStorm = base.members.some((m) => m.alertKey === alert.alertKey) || (!alreadyCounted && base.openedInWindow.length >= settings.storm.threshold);
  const group: GroupRecord = {
    ...base,
    openedInWindow: alreadyCounted ? base.openedInWindow : [...base.openedInWindow, alert.alertKey],
    members: inStorm ? upsertMember(base.members, alert, 'open') : base.members,
    channels: inStorm ? { ...Object.fromEntries(routes.map((r) => [r.audience, r.channel])), ...base.channels } : base.channels,
    version: base.version + 1,
    expiresAt: Math.floor(now.getTime() / 1000) + settings.recordTtlSeconds,
  };
  return { group, expectedVersion: existing ? existing.version : null, inStorm };
}

/** Records a member's new state (resolved, or firing again) in the group. */
export function updateMember(existing: GroupRecord, alert: Alert, status: 'open' | 'resolved', now: Date, settings: LifecycleSettings): GroupRecord {
  return {
    ...existing,
    members: upsertMember(existing.members, alert, status),
    version: existing.version + 1,
    expiresAt: Math.floor(now.getTime() / 1000) + settings.recordTtlSeconds,
  };
}

/** The group with these audiences' channels added, or null when it has them all already. */
export function withChannels(group: GroupRecord, routes: Route[]): GroupRecord | null {
  const missing = routes.filter((r) => !group.channels[r.audience]);
  if (missing.length === 0) return null;
  return { ...group, channels: { ...group.channels, ...Object.fromEntries(missing.map((r) => [r.audience, r.channel])) }, version: group.version + 1 };
}

/** The group with this alert shown among its members (a storm noticed only when the summary counted it). */
export function withMember(group: GroupRecord, alert: Alert, status: 'open' | 'resolved'): GroupRecord {
  return { ...group, members: upsertMember(group.members, alert, status), version: group.version + 1 };
}

function upsertMember(members: GroupRecord['members'], alert: Alert, status: 'open' | 'resolved'): GroupRecord['members'] {
  const member = { alertKey: alert.alertKey, title: alert.title, status, catalogId: alert.catalogId };
  const index = members.findIndex((m) => m.alertKey === alert.alertKey);
  if (index === -1) return [...members, member];
  return members.map((m, i) => (i === index ? member : m));
}
