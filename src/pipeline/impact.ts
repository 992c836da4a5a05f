/** @module Pipeline (the impact): non-technical audiences hear of an impact — one record per catalog entry or group, fed by its alarms' records — while engineers hear of each alarm. */
import { createHash } from 'node:crypto';
import type { Alert } from '../core/alert.ts';
import type { AlertRecord } from '../core/alert-record.ts';
import { impactKeyFor, isImpactKey } from '../core/impact-key.ts';
import type { Severity } from '../core/signal.ts';
import type { CatalogEntry, ClarionConfig } from '../catalog/schema.ts';
import { resolvedAlert, resolvedByHand } from './resolve-by-hand.ts';
import { routeAlert } from './route-alert.ts';
import type { Route } from './route-alert.ts';

/*
 * Eight alarms of one entry are one problem to a product lead or a local office: "Some pages are
 * failing", said once, updated in place, and told "fixed" once the last of them is fixed. The
 * impact is an alert record of its own (key `impact:…`), so it is delivered, held at night, told
 * and repaired by the same machinery as an alarm; its members' states decide whether it is open.
 */

/** An impact lists at most this many members (about 100 bytes each, well inside DynamoDB's 400 KB item); beyond it, resolved ones are forgotten first. */
export const MAX_IMPACT_MEMBERS = 2000;

/** A member as its impact keeps it: its state, the time of the event that set it, and its catalog entry. */
export interface ImpactMemberState {
  status: 'open' | 'resolved';
  at: string;
  entry: string;
}

/** A member alarm's state as its own record holds it after an event. */
export interface ImpactMember {
  alertKey: string;
  status: 'open' | 'resolved';
  /** The member's alert as stored (its texts are for the member's phase). */
  alert: Alert;
  /** Time of the event that changed it. */
  time: string;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1 };

/** Engineers' audiences are rendered with their template; everyone else hears of impacts. */
function technical(route: Route): boolean {
  return route.template === 'techies';
}

/**
 * The routes an alert's own record is told in: an alarm that feeds an impact keeps the engineers,
 * the impact keeps everyone else; an alert with no impact (uncatalogued, information) keeps all.
 */
export function splitRoutes(alert: Pick<Alert, 'alertKey' | 'catalogId' | 'group' | 'phase'>, routes: Route[]): Route[] {
  if (isImpactKey(alert.alertKey)) return routes.filter((r) => !technical(r));
  if (impactKeyFor(alert) !== null) return routes.filter(technical);
  return routes;
}

/** The routes of what this record is: `routeAlert` split between an alarm and its impact. */
export function routesFor(alert: Alert, config: ClarionConfig, stage?: string): Route[] {
  return splitRoutes(alert, routeAlert(alert, config, stage));
}

/** Whether any of these routes hears of impacts rather than alarms. */
export function hasImpactAudience(routes: Route[]): boolean {
  return routes.some((r) => !technical(r));
}

/** The key a member is kept under in its impact (alert keys may be 500 bytes long). */
export function memberKey(alertKey: string): string {
  return createHash('sha256').update(alertKey).digest('base64url').slice(0, 16);
}

/**
 * The member's opening, when its impact never heard of it: the alarm's own run failed (a post Slack
 * refused, a processor that died) before it fed the impact, and a later event resolved the alarm.
 * Fed before the resolution, so the impact's audiences hear of the incident, and that it is fixed,
 * rather than nothing. Null when the impact's clock is past the opening (it knows of it).
 */
export function missedOpening(member: AlertRecord, impact: AlertRecord | null): ImpactMember | null {
  if (member.status !== 'resolved' || member.resolvedUnseen) return null;
  const opened = member.reopenedAt ?? member.openedAt;
  if (impact && impact.lastEventTime >= opened) return null;
  return { alertKey: member.alertKey, status: 'open', alert: member.alert, time: opened };
}

/** The input that runs an impact through the alert stages after one of its members changed. */
export function impactRun(member: ImpactMember, eventId: string, key = impactKeyFor(member.alert)!): { alert: Alert; member: ImpactMember } {
  return { alert: { ...member.alert, alertKey: key, signal: { ...member.alert.signal, eventId, time: member.time } }, member };
}

/** What an impact derived from a member's change: its alert, its members and the words of each entry. */
export interface ImpactState {
  alert: Alert;
  members: Record<string, ImpactMemberState>;
  voices: Record<string, Alert>;
}

/**
 * The impact as this member's change leaves it, read against its stored record: open while any
 * member is open, resolved when the last one is. Null when there is nothing to say: a member
 * resolving where no impact was ever opened. `reopens`: the stored impact is resolved, within its
 * flap window, so this incident goes on.
 */
export function impactAfter(
  run: { alert: Alert; member: ImpactMember },
  existing: AlertRecord | null,
  entryOf: (id: string) => CatalogEntry | undefined = () => undefined,
  reopens = false,
): ImpactState | null {
  const { member } = run;
  if (!existing && member.status === 'resolved') return null;
  const open = existing?.status === 'open';
  const key = memberKey(member.alertKey);
  const known = existing?.members?.[key];
  // Two processors may feed one alarm's states out of order: an older state never overwrites a newer one.
  const stale = known !== undefined && known.at > member.time;
  const entry = member.alert.catalogId ?? '';
  const members = stale ? { ...existing!.members } : withMember(existing?.members ?? {}, key, { status: member.status, at: member.time, entry });
  const voices: Record<string, Alert> = { ...existing?.voices };
  // Each entry is heard in its words as last seen firing, so it can speak once another entry stops.
  if (!stale && member.status === 'open') voices[entry] = member.alert;
  const openEntries = new Set(Object.values(members).flatMap((m) => (m.status === 'open' ? [m.entry] : [])));
  const current = existing?.alert;
  // Members of this incident: set since it opened (older ones are kept only so a late state stays stale).
  const incidentEntries = new Set(Object.values(members).flatMap((m) => (!existing || m.at >= existing.openedAt ? [m.entry] : [])));
  const speaker =
    openEntries.size > 0 ? openSpeaker(openEntries, voices, open ? current : undefined, member) : fixedSpeaker(incidentEntries, voices, open ? current : undefined, member, entryOf);
  // Everyone who heard of this incident keeps hearing of it (and is told it is fixed), whichever alarm speaks now.
  const going = open || reopens;
  const audiences = [...new Set([...(going && current ? current.audiences : []), ...(going ? Object.keys(existing!.messages) : []), ...member.alert.audiences])];
  // Members' events interleave: the impact's own clock only moves forward, so none is stale to it.
  const time = existing && existing.lastEventTime > member.time ? existing.lastEventTime : member.time;
  const phase = openEntries.size > 0 ? (speaker.phase === 'noData' ? 'noData' : 'firing') : 'resolved';
  // No storm `group`: the impact is already one message for its group, and storms are counted in alarms.
  const { group: _ofTheAlarms, ...spoken } = speaker;
  return {
    alert: { ...spoken, alertKey: run.alert.alertKey, audiences, phase, signal: { ...speaker.signal, eventId: run.alert.signal.eventId, time } },
    members,
    voices,
  };
}

/** The worst entry with an alarm open speaks; the one speaking keeps speaking on a tie. */
function openSpeaker(openEntries: Set<string>, voices: Record<string, Alert>, current: Alert | undefined, member: ImpactMember): Alert {
  const candidates = [...openEntries].flatMap((entry) => (voices[entry] ? [voices[entry]] : []));
  if (current && openEntries.has(current.catalogId ?? '')) candidates.unshift(current);
  if (member.status === 'open') candidates.push(member.alert);
  let best = candidates[0] ?? member.alert;
  for (const candidate of candidates) if (SEVERITY_RANK[candidate.severity] > SEVERITY_RANK[best.severity]) best = candidate;
  // The speaker's entry speaks in its latest words (the newest firing alert of that entry).
  return voices[best.catalogId ?? ''] ?? best;
}

/**
 * Once all are fixed, the worst problem of the incident says how it ended (the one readers heard
 * of first, usually): in its entry's resolved words, or the member's own when the member is of that
 * entry (its values filled).
 */
function fixedSpeaker(incidentEntries: Set<string>, voices: Record<string, Alert>, current: Alert | undefined, member: ImpactMember, entryOf: (id: string) => CatalogEntry | undefined): Alert {
  let worst = current;
  for (const entry of incidentEntries) {
    const voice = voices[entry];
    if (voice && (!worst || SEVERITY_RANK[voice.severity] > SEVERITY_RANK[worst.severity])) worst = voice;
  }
  if (!worst || worst.catalogId === member.alert.catalogId) return member.alert;
  return resolvedAlert(worst, worst.catalogId ? entryOf(worst.catalogId) : undefined);
}

function withMember(members: Record<string, ImpactMemberState>, key: string, state: ImpactMemberState): Record<string, ImpactMemberState> {
  const next = { ...members, [key]: state };
  const keys = Object.keys(next);
  let over = keys.length - MAX_IMPACT_MEMBERS;
  // A storm of thousands: forget members already resolved; they no longer keep the impact open.
  for (const k of keys) {
    if (over <= 0) break;
    if (next[k]!.status === 'resolved' && k !== key) {
      delete next[k];
      over -= 1;
    }
  }
  return next;
}

/** The impact once an engineer acknowledged one of its alarms: someone is working on it (the first press counts). Null when nothing changes. */
export function impactAcknowledged(impact: AlertRecord, by: string, at: string): AlertRecord | null {
  if (impact.status !== 'open' || impact.acknowledgedBy) return null;
  return { ...impact, acknowledgedBy: by, acknowledgedAt: at };
}

/**
 * The impact once one of its alarms was resolved by hand: that member resolved, and the impact
 * resolved by hand too when it was the last one open. Null when nothing changes.
 */
export function impactAfterHandResolve(impact: AlertRecord, member: AlertRecord, entry: CatalogEntry | undefined, by: string, now: Date): AlertRecord | null {
  if (impact.status !== 'open') return null;
  const key = memberKey(member.alertKey);
  const known = impact.members?.[key];
  // Already resolved here, or a newer state of the alarm was fed since (it fired again after the press).
  if (known && (known.status === 'resolved' || known.at > member.lastEventTime)) return null;
  const members = { ...impact.members, [key]: { status: 'resolved' as const, at: member.lastEventTime, entry: member.catalogId ?? '' } };
  if (Object.values(members).some((m) => m.status === 'open')) return { ...impact, members };
  return { ...resolvedByHand(impact, entry, by, now), members };
}
