/** @module Core: what Clarion keeps of each incident after the fact — the status page, `clarion report`, the weekly recap and the insights read it. */
import * as z from 'zod';
import { Severity } from './signal.ts';

/*
 * History is written as records change, not from the lifecycle events on the bus: an event put on
 * the bus can be lost with a failed invocation, a record's state cannot. Each alert record (an
 * alarm's, or an impact's: what non-technical readers were told) is summed up as one incident item
 * per incident (alert key + opening time), written again on each change of the record and kept
 * only when it is newer (`recordVersion`), so retries and two processors cannot move it backwards.
 * Everything else that happened (an escalation step, a silence, planned work, a clarity answer) is
 * a note, written once under its own id. Every field is bounded: an item stays under 2 KB.
 */

/** Texts kept in history are cut to this many characters. */
export const HISTORY_TEXT_MAX = 300;

const text = z.string().max(HISTORY_TEXT_MAX);

export const IncidentHistory = z.object({
  kind: z.literal('incident'),
  /** `alarm`: one alarm (engineers' view); `impact`: what non-technical audiences heard (status page). */
  scope: z.enum(['alarm', 'impact']),
  alertKey: text,
  /** The catalog entry (for an impact: the entry that speaks for it); null when no entry claims it. */
  catalogId: text.nullable(),
  group: text.optional(),
  severity: Severity,
  /** The alert's title as engineers read it; never shown on the status page (it may hold event values). */
  title: text,
  status: z.enum(['open', 'resolved']),
  openedAt: z.iso.datetime(),
  lastSeen: z.iso.datetime(),
  acknowledgedAt: z.iso.datetime().optional(),
  acknowledgedBy: text.optional(),
  resolvedAt: z.iso.datetime().optional(),
  /** Set when an engineer resolved it by hand (a Slack user id). */
  resolvedBy: text.optional(),
  fixConfirmedAt: z.iso.datetime().optional(),
  /** Events seen during the incident (repeats included). */
  occurrences: z.number().int().nonnegative(),
  /** How often it fired again within the flap window after resolving: re-fires of the same incident. */
  reopenings: z.number().int().nonnegative(),
  reopenedAt: z.iso.datetime().optional(),
  /** For an alarm no entry claims: what it was, so a report can suggest the entry to write. */
  source: z.object({ family: z.string().max(40), name: text }).optional(),
  /** The version of the alert record this was taken from; an older one never overwrites a newer one. */
  recordVersion: z.number().int().nonnegative(),
  /** Epoch seconds; DynamoDB's TTL removes the item after this (the history retention). */
  expiresAt: z.number().int(),
});
export type IncidentHistory = z.infer<typeof IncidentHistory>;

/** Something that happened besides an incident's own changes, written once under `id`. */
const NoteBase = z.object({ kind: z.literal('note'), id: text, at: z.iso.datetime(), expiresAt: z.number().int() });

export const HistoryNote = z.discriminatedUnion('type', [
  NoteBase.extend({
    type: z.literal('escalation'),
    alertKey: text,
    catalogId: text.nullable(),
    /** When the incident opened (its `openedAt`, or `reopenedAt` for a re-fire). */
    incident: z.iso.datetime(),
    step: z.number().int().nonnegative(),
    action: z.enum(['remind', 'mention', 'channel', 'page']),
  }),
  NoteBase.extend({
    type: z.literal('silence'),
    silenceId: text,
    match: text,
    reason: text,
    by: text.optional(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    /** How many alerts it held, once it ended (absent while on). */
    held: z.number().int().nonnegative().optional(),
  }),
  NoteBase.extend({
    type: z.literal('maintenance'),
    windowId: text,
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    /** How many alarms it kept to the engineers. */
    held: z.number().int().nonnegative(),
  }),
  NoteBase.extend({
    /** An automatic fix run (issue 14), noted again as it moves on: the last state wins. */
    type: z.literal('fix'),
    alertKey: text,
    catalogId: text.nullable(),
    incident: z.iso.datetime(),
    /** Absent for a run refused before any call was known (the alert gone, its entry without a fix). */
    fixKind: z.enum(['step-functions', 'lambda-invoke', 'ecs-redeploy', 'ssm-automation']).optional(),
    /** `auto`: Clarion ran it on its own; `user`: an engineer pressed *Run fix* (the user id is not kept). */
    by: z.enum(['auto', 'user']),
    outcome: z.enum(['running', 'succeeded', 'failed', 'refused']),
    dryRun: z.boolean(),
    /** Why it was refused or failed, in a few words (may quote the service: untrusted text). */
    reason: text.optional(),
  }),
  NoteBase.extend({
    type: z.literal('clarity'),
    catalogId: text,
    /** The state the reader saw the message in. */
    state: z.enum(['firing', 'fixed']),
    audience: text,
    answer: z.enum(['yes', 'no']),
    /** What was unclear, in the reader's words (user text: escape before showing it in Slack). */
    comment: text.optional(),
    /** When the reader answered (`at` is the incident's start, under which the answer is filed). */
    answeredAt: z.iso.datetime().optional(),
  }),
]);
export type HistoryNote = z.infer<typeof HistoryNote>;

export const HistoryItem = z.union([IncidentHistory, HistoryNote]);
export type HistoryItem = IncidentHistory | HistoryNote;

/** The history store (a DynamoDB table with one partition per day; in memory in unit tests). */
export interface HistoryPort {
  /** Stores the incident unless the stored one came from the same or a newer record version. */
  recordIncident(incident: IncidentHistory): Promise<void>;
  /**
   * Stores a note; the same id with the same `at` again replaces it (a retry, or a silence noted again
   * when it ends). Notes are filed by their time, so whoever writes one again must give it the same `at`.
   */
  addNote(note: HistoryNote): Promise<void>;
  /**
   * Incidents that opened, and notes dated, in [since, until), oldest first. Incidents still open
   * that opened earlier are not included.
   */
  read(since: Date, until: Date): Promise<HistoryItem[]>;
  /** Incidents open now, however long ago they opened (the newest record version of each). */
  readOpen(): Promise<IncidentHistory[]>;
}

/** The time an item is filed under: an incident by its opening, a note by when it happened. */
export function historyTime(item: HistoryItem): string {
  return item.kind === 'incident' ? item.openedAt : item.at;
}

/** Cuts untrusted or long text to what history keeps. */
export function historyText(value: string): string {
  return value.length <= HISTORY_TEXT_MAX ? value : `${value.slice(0, HISTORY_TEXT_MAX - 1)}…`;
}
