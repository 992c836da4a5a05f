/** @module Pipeline data: the `Alert` (stage 3, enrich: a signal plus its catalog entry) and what templates render from. */
import type { KnownBlock } from '@slack/types';
import type { Link, Severity, Signal } from './signal.ts';
import type { AlertAutoFix } from './fix-call.ts';

/** How badly users are affected, as catalog authors rate it. */
export const IMPACT_LEVELS = ['none', 'minor', 'major', 'outage'] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

/** The templates an audience can be rendered with. */
export const TEMPLATE_NAMES = ['techies', 'product-leads', 'local-office'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** A data set an alert's entry says may go stale (the catalog's `data`). */
export interface DataSet {
  name: string;
  staleAfter?: string;
  whenStale: string;
}

/** An SLO's figures as read when its alert fired (`src/slo/budget-figures.ts`). */
export interface SloFigures {
  /** When they were read (ISO): a later re-render shows these, not newer ones. */
  readAt: string;
  /** Burn rates over the pair's long and short windows; null when nothing was counted in it. */
  long: { window: string; burnRate: number | null };
  short: { window: string; burnRate: number | null };
  /** The share of the budget left over the objective's window, at most 1; below 0 once it is used up; null when nothing was counted. */
  budgetLeft: number | null;
  /** When the budget runs out at the long window's burn rate (ISO); absent when it does not burn or is used up. */
  runsOutAt?: string;
}

/** What an SLO alert shows of its objective, and the figures unless reading them failed. */
export interface SloView {
  /** Percent, e.g. 99.5. */
  objective: number;
  /** The budget window as written (`30d`) and in seconds. */
  window: string;
  windowSeconds: number;
  /** Author text: "slow page loads". */
  allowance: string;
  /** What is measured, for engineers: "TraineePortal FastRequests / Requests" (escaped mrkdwn). */
  measured: string;
  /** The pair whose composite alarm this is; null when the name says neither. */
  pair: 'fast' | 'slow' | null;
  /** The burn rate the pair alarms at (14.4 or 6). */
  alarmsAt?: number;
  figures?: SloFigures;
}

/** Which state text applies: an alarm without data has its own wording. */
export type AlertPhase = 'firing' | 'resolved' | 'noData' | 'info';

/**
 * An enriched alert. Text fields that came from the catalog are author-written mrkdwn whose
 * placeholders were already filled with escaped signal values; `signal` keeps the raw values.
 */
export interface Alert {
  /** Catalog entry id, or null when no entry claims the signal. */
  catalogId: string | null;
  /** `catalogId` (or `uncatalogued`) + signal key: one alert per thing that is alerting. */
  alertKey: string;
  signal: Signal;
  phase: AlertPhase;
  severity: Severity;
  /** Plain header text (already filled; plain_text, so not escaped). */
  title: string;
  /** The title in the past tense, for non-technical readers once the fix is confirmed (filled like `title`). */
  titleWhenFixed?: string;
  /** `summaryWhenFixed`: what users noticed, in the past tense, for the same readers at the same time. */
  impact: { level: ImpactLevel; summary: string; summaryWhenFixed?: string; who?: string };
  audiences: string[];
  runbook?: string;
  fix: string[];
  /** The entry's `summary` for this phase, if it has one. */
  summary?: string;
  /** Per-audience text for this phase (forwardable message, one-line status …). */
  comms: Record<string, string>;
  data: DataSet[];
  owner?: string;
  links: Link[];
  group?: string;
  quietPeriodSeconds: number;
  nextUpdateSeconds?: number;
  /** Set for an entry with `slo`: the objective and, while firing, the figures read for it. */
  slo?: SloView;
  /** Set by the mute stage while a maintenance window covers the entry: engineers read "during planned work". */
  plannedWork?: { title: string; until: string };
  /** The entry's automatic fix, its parameters filled from this signal (issue 14; `src/pipeline/fill-auto-fix.ts`). */
  autoFix?: AlertAutoFix;
}

/** Lifecycle facts the state store knows (issue 3); templates show them when present. */
export interface AlertLifecycle {
  occurrences: number;
  firstSeen: string;
  lastSeen: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  snoozedUntil?: string;
  resolvedAt?: string;
  /**
   * Non-technical audiences are told "fixed" only after the quiet period; until then a resolved
   * alert reads as "looks fixed, checking".
   */
  fixConfirmed?: boolean;
  /** Audiences that have a message of this alert (one told on request among them). */
  audiencesTold?: string[];
  /** Who told local offices on request, and when. */
  localOfficesTold?: { by: string; at: string };
  /** Alerts folded under this one while it fires (inhibition): engineers see them as lines in its message. */
  alsoAffected?: AlsoAffected;
  /** When an automatic fix run during this incident succeeded (before it resolved): "It was fixed automatically at 03:12." */
  fixedAutomaticallyAt?: string;
}

/** Dependants folded under a firing cause, as its engineers' message lists them: the first few, and how many more. */
export interface AlsoAffected {
  listed: Array<{ title: string; name?: string }>;
  more: number;
}

/** Everything one template needs to render one message. */
export interface RenderInput {
  alert: Alert;
  audience: string;
  template: TemplateName;
  /** When the message is rendered; used for "next update" and time fallbacks. */
  now: Date;
  timeZone: string;
  serviceName: string;
  lifecycle?: AlertLifecycle;
  /**
   * When set on an uncatalogued alert: the id and match block to suggest for a new entry.
   */
  suggestedEntry?: { id: string; match: Record<string, unknown> };
  /** Where readers find the stakeholder status page (local-office messages link to it). */
  statusPageUrl?: string;
}

/** A rendered message: the notification/fallback text and the Block Kit blocks. */
export interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
}

/** One message to send: which audience, which channel, for which catalog entry. */
export interface Delivery {
  audience: string;
  channel: string;
  catalogId: string | null;
  message: RenderedMessage;
}
