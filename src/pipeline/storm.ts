/** @module Pipeline (the group stage's storm rules): counts alerts of one catalog group opening together and folds the overflow into one message. */
import { createHash } from 'node:crypto';
import type { Alert } from '../core/alert.ts';
import { memberCounts } from '../core/alert-record.ts';
import type { GroupRecord } from '../core/alert-record.ts';
import type { LifecycleSettings } from './plan-alert.ts';
import { boundedText } from '../sources/well-formed-text.ts';
import type { Route } from './route-alert.ts';

/*
 * A group is one DynamoDB item (400 KB at most), so what it holds is bounded: the first members are
 * listed by name (a few hundred bytes each), the next ones only counted, by a short hash of their
 * alert key and their state (about 20 bytes each). In a storm bigger than both, a new alert keeps
 * its own messages: noisier, but shown, and the group item still fits.
 */
export const MAX_LISTED_MEMBERS = 100;
export const MAX_COUNTED_MEMBERS = 5000;

/** The key a member beyond the listed ones is counted under. */
function countedKey(alertKey: string): string {
  return createHash('sha256').update(alertKey).digest('base64url').slice(0, 16);
}

/** This alert's state in the group, listed or counted; undefined when it is not a member. */
export function memberStatus(group: Pick<GroupRecord, 'members' | 'moreMembers'>, alertKey: string): 'open' | 'resolved' | undefined {
  return group.members.find((m) => m.alertKey === alertKey)?.status ?? group.moreMembers?.[countedKey(alertKey)];
}


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
  const stillOpen = existing ? memberCounts(existing).open : 0;
  // A new window starts a new count; a storm whose members all recovered starts a new message.
  const fresh = existing === null || (expired && stillOpen === 0);
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
  const storming = memberStatus(base, alert.alertKey) !== undefined || (!alreadyCounted && base.openedInWindow.length >= settings.storm.threshold);
  const joined = storming ? withMemberState(base, alert, 'open') : null;
  const inStorm = joined !== null;
  const group: GroupRecord = {
    ...(joined ?? base),
    // Only the first `threshold` openings decide that a storm started; later ones join it as members.
    openedInWindow: alreadyCounted || base.openedInWindow.length >= settings.storm.threshold ? base.openedInWindow : [...base.openedInWindow, alert.alertKey],
    channels: inStorm ? { ...Object.fromEntries(routes.map((r) => [r.audience, r.channel])), ...base.channels } : base.channels,
    version: base.version + 1,
    expiresAt: Math.floor(now.getTime() / 1000) + settings.recordTtlSeconds,
  };
  return { group, expectedVersion: existing ? existing.version : null, inStorm };
}

/** Records a member's new state (resolved, or firing again) in the group. */
export function updateMember(existing: GroupRecord, alert: Alert, status: 'open' | 'resolved', now: Date, settings: LifecycleSettings): GroupRecord {
  return {
    ...(withMemberState(existing, alert, status) ?? existing),
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

/**
 * The group with this alert shown among its members (a storm noticed only when the summary counted
 * it); null when the group is full and the alert is not a member yet.
 */
export function withMember(group: GroupRecord, alert: Alert, status: 'open' | 'resolved'): GroupRecord | null {
  const next = withMemberState(group, alert, status);
  return next ? { ...next, version: group.version + 1 } : null;
}

/** The alert listed (or counted) with this state; null when it is new and there is no room. */
function withMemberState<G extends Pick<GroupRecord, 'members' | 'moreMembers'>>(group: G, alert: Alert, status: 'open' | 'resolved'): G | null {
  // The name is bounded: a group item lists a hundred members and must stay well inside 400 KB.
  const member = { alertKey: alert.alertKey, title: alert.title, status, catalogId: alert.catalogId, name: boundedText(alert.signal.name, 256) };
  const index = group.members.findIndex((m) => m.alertKey === alert.alertKey);
  if (index !== -1) return { ...group, members: group.members.map((m, i) => (i === index ? member : m)) };
  const key = countedKey(alert.alertKey);
  if (group.moreMembers?.[key] !== undefined) return { ...group, moreMembers: { ...group.moreMembers, [key]: status } };
  if (group.members.length < MAX_LISTED_MEMBERS) return { ...group, members: [...group.members, member] };
  if (Object.keys(group.moreMembers ?? {}).length < MAX_COUNTED_MEMBERS) return { ...group, moreMembers: { ...group.moreMembers, [key]: status } };
  return null;
}
