/** @module Core: what the state store keeps per alert, per storm group and for the office-hours summary. */
import type { Alert, AlsoAffected } from './alert.ts';
import type { MessageRef } from './ports.ts';

/** A change in an incident's life that non-technical audiences are told of, not only shown by an edit. */
export type IncidentChange = 'fixed' | 'broken-again';

/**
 * One alert's life. `version` makes every decisive write conditional (optimistic concurrency):
 * two Lambdas that read the same version cannot both open, acknowledge or resolve it.
 */
export interface AlertRecord {
  alertKey: string;
  catalogId: string | null;
  group?: string;
  status: 'open' | 'resolved';
  openedAt: string;
  lastSeen: string;
  occurrences: number;
  /** Time of the newest event applied, so an older event arriving late cannot undo a newer one. */
  lastEventTime: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  /**
   * The incident's first acknowledgement, kept when a re-fire within the flap window clears the
   * acknowledgement (the re-fire must be looked at again): history counts time to acknowledge from it.
   */
  firstAcknowledged?: { by: string; at: string };
  /** ISO time, `until-resolved`, or `until-lifted` (until someone presses Unsnooze). */
  snoozedUntil?: string;
  snoozedBy?: string;
  resolvedAt?: string;
  /** Who pressed *Tell local offices* (a Slack user id), and when their message went out. */
  localOfficesTold?: { by: string; at: string };
  /** The engineer who resolved it by hand (a Slack user id); absent when an event resolved it. */
  resolvedBy?: string;
  /** Set once the alarm stayed OK for the entry's quiet period; non-technical readers are told "fixed" then. */
  fixConfirmedAt?: string;
  /** Audience → its message; absent for audiences folded into a storm group message. */
  messages: Record<string, MessageRef>;
  /**
   * A delivery lease: the event whose handler is posting this alert's messages, and until when.
   * Another processor handling the next event meanwhile must not post them too; the lease owner's
   * own retry may. It ends when the delivery is recorded, or expires if that Lambda died.
   */
  deliveringEventId?: string;
  deliveringUntil?: string;
  /**
   * Audience → how many deliveries set out to post its message. From the second on, Slack may hold
   * a message whose answer never came back (a timeout), so it is looked for before posting again.
   */
  postTries?: Record<string, number>;
  /**
   * Only an OK was seen, with nothing open: nobody was told anything, and nobody will be. The
   * record keeps the OK's time so an older ALARM delivered late is stale; a newer one opens as new.
   */
  resolvedUnseen?: true;
  /** When it fired again within the flap window after resolving (this incident reopened), and how often that happened. */
  reopenedAt?: string;
  reopenings?: number;
  /**
   * The last change of this incident each non-technical audience was told of, by its key
   * (`fixed@<resolvedAt>`, `broken-again@<reopenedAt>`), so a retried tell tells nobody twice.
   */
  told?: Record<string, string>;
  /** When this alert is shown inside a storm group message instead of its own. */
  groupedInto?: string;
  /**
   * An impact's members (an `impact:` record only): a short hash of each alarm's key → its state,
   * the time of the event that set it (an older one never overwrites it) and its catalog entry.
   * The impact is open while any of them is.
   */
  members?: Record<string, { status: 'open' | 'resolved'; at: string; entry: string }>;
  /** The impact this alarm feeds (an alarm's record only), as of its last event. */
  impactKey?: string;
  /**
   * Impacts this alarm fed before its entry moved (a catalog change while it was open): they hear
   * it resolved, so none stays open for an alarm that no longer feeds it.
   */
  formerImpacts?: string[];
  /** An impact's entries, each with its alert as last seen firing: the worst open one speaks for the impact. */
  voices?: Record<string, Alert>;
  /**
   * Alerts of dependent entries folded under this one while it fires (inhibition), as its engineers'
   * message lists them; kept in step with the entry's inhibition record (`src/pipeline/inhibition.ts`).
   */
  alsoAffected?: AlsoAffected;
  /**
   * An impact's incident fixed by an automatic fix run: when the run started and succeeded, and
   * the incident (`reopenedAt ?? openedAt`) it was for, so a later incident does not inherit it.
   */
  fixedAutomatically?: { at: string; startedAt: string; incident: string };
  /** When the messages were last re-rendered for a repeat, to keep chat.update within Slack's tier. */
  lastRenderedAt?: string;
  /** The alert as last enriched, without the raw event, so buttons can re-render every message. */
  alert: Alert;
  version: number;
  /**
   * The version whose state Slack is known to show. Lower than `version` means a delivery failed
   * after the record was written; the next event or retry re-renders before anything else.
   */
  syncedVersion?: number;
  /** Epoch seconds; DynamoDB's TTL removes the record after this. */
  expiresAt: number;
}

/** A storm: many alerts of one catalog `group` opening close together share one message per audience. */
export interface GroupRecord {
  /** `group` name. */
  groupKey: string;
  /** Start of the current counting window (ISO). */
  windowStart: string;
  /** Alerts opened in the window, oldest first. */
  openedInWindow: string[];
  /** Alerts shown in the group message, with their last known state (the first `MAX_LISTED_MEMBERS`). */
  members: Array<{ alertKey: string; title: string; status: 'open' | 'resolved'; catalogId: string | null; /** The alarm's (or job's) own name. */ name?: string }>;
  /** Members beyond the listed ones, only counted: a short hash of the alert key → its state (see storm.ts). */
  moreMembers?: Record<string, 'open' | 'resolved'>;
  /** Audience → channel the group message goes to (from the routes of the alerts that joined). */
  channels: Record<string, string>;
  messages: Record<string, MessageRef>;
  /** Digest of what each audience's message last showed, so an unchanged message is not edited again. */
  renderedDigests?: Record<string, string>;
  lastRenderedAt?: string;
  /**
   * Who pressed *Acknowledge all* first (a Slack user id), and when. A new storm of the group starts
   * without them; each member's own record says who acknowledged it.
   */
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  version: number;
  syncedVersion?: number;
  expiresAt: number;
}

/** How many members a group has, and how many of them still fire, listed and counted alike. */
export function memberCounts(group: Pick<GroupRecord, 'members' | 'moreMembers'>): { total: number; open: number } {
  const counted = Object.values(group.moreMembers ?? {});
  return {
    total: group.members.length + counted.length,
    open: group.members.filter((m) => m.status === 'open').length + counted.filter((status) => status === 'open').length,
  };
}

/**
 * What audiences that `hold` outside office hours have not been told yet, and the summary being
 * posted. One record per stage: the processor adds to it at night, the summary job empties it.
 */
export interface SummaryRecord {
  /** Alert key → when it was first held (ISO). The alert's own record says how it stands now. */
  held: Record<string, string>;
  /** Information events held (they have no alert record), oldest first, at most `MAX_HELD_NOTICES`. */
  notices: Alert[];
  /** Notices beyond the cap: still counted, so the summary can say how many. */
  moreNotices: number;
  /**
   * When the last summary was taken. An alert held for an office-hours start at or before this
   * would never be summarised, so the processor tells everyone at once instead.
   */
  lastSummaryAt?: string;
  /** The summary being posted: what it covers and the audiences already told, so a retry does not post twice. */
  sending?: {
    at: string;
    held: Record<string, string>;
    notices: Alert[];
    moreNotices: number;
    /** `failed`: Slack refused it for good (logged); the summary went on without it. */
    posted: Record<string, MessageRef | 'nothing' | 'failed'>;
    /** Audiences whose plain-text copy (SNS) went out. */
    mailed?: string[];
    /**
     * The run posting it, and until when (renewed as it goes): a second run at the same time (the
     * schedule delivered twice, a summary asked for by hand at 09:00) leaves it alone, and a run
     * that died is taken over once its time is up.
     */
    owner: string;
    ownerUntil: string;
  };
  version: number;
}

/*
 * Caps that keep the summary record well inside DynamoDB's 400 KB item limit (alert keys are about
 * 130 bytes with their time; a stored notice is a few KB). An alert beyond the cap is sent at once
 * rather than lost; notices beyond it are counted.
 */
export const MAX_HELD_ALERTS = 1000;
export const MAX_HELD_NOTICES = 50;
