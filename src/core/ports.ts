/** @module Core: the ports the deliver and record stages ask for (Slack, lifecycle events, plain text); adapters implement them. */
import type { ModalView } from '@slack/types';
import type { RenderedMessage } from './alert.ts';
import type { Severity } from './signal.ts';

/** The port automatic fixes call their services through (issue 14); defined with the call it takes. */
export type { FixPort } from './fix-call.ts';

/** Where a Slack message lives; `channel` is always the id Slack returned, never a #name. */
export interface MessageRef {
  channel: string;
  ts: string;
}

/** Slack metadata attached to alert messages so other apps (and we) can tell what they are about. */
export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, string | number | boolean>;
}

export interface PostArgs {
  /** Channel id (C…) or name (#alerts) as configured. */
  channel: string;
  message: RenderedMessage;
  /** Parent message ts: the post becomes a thread reply. */
  threadTs?: string;
  /** A thread reply also shown in the channel (Slack's `reply_broadcast`): news people must not miss. */
  broadcast?: boolean;
  metadata?: MessageMetadata;
}

export interface UpdateArgs {
  ref: MessageRef;
  message: RenderedMessage;
  metadata?: MessageMetadata;
}

export interface FindPostedArgs {
  channel: string;
  alertKey: string;
  /** The audience whose message it is, and when this incident opened (an alert's earlier incidents had other messages). */
  audience: string;
  openedAt: string;
  /** Look no further back than this. */
  since: Date;
}

export interface OpenViewArgs {
  /** From the press that asks for the modal; Slack accepts it once, within 3 s of the press. */
  triggerId: string;
  view: ModalView;
}

export interface EphemeralArgs {
  channel: string;
  /** The Slack user id who sees it. */
  user: string;
  message: RenderedMessage;
}

/** Sends and edits Slack messages. Failures throw `DeliveryError`. */
export interface SlackPort {
  post(args: PostArgs): Promise<MessageRef>;
  update(args: UpdateArgs): Promise<void>;
  /**
   * The top-level message Clarion posted for this alert in this channel, found by its metadata;
   * null when there is none. Asked before posting again after an attempt whose answer never came
   * (Slack may have posted it). Optional: without it, such a retry posts.
   */
  findPosted?(args: FindPostedArgs): Promise<MessageRef | null>;
  /**
   * Opens a modal for whoever pressed (`views.open`); resolves with the id Slack gave the view.
   * Optional: a port without it (a bench, a fake) cannot ask engineers for an update.
   */
  openView?(args: OpenViewArgs): Promise<{ viewId: string }>;
  /**
   * A message only `user` sees, in `channel` (`chat.postEphemeral`): a reply to one reader that
   * leaves the shared message as it is. Optional, like `openView`.
   */
  postEphemeral?(args: EphemeralArgs): Promise<void>;
}

/** One step of an alert's life, published for other consumers (dashboards, ticketing, audit). */
export interface LifecycleEvent {
  type: 'Clarion Alert Opened' | 'Clarion Alert Acknowledged' | 'Clarion Alert Resolved' | 'Clarion Alert Reopened' | 'Clarion Alert Snoozed' | 'Clarion Alert Unsnoozed';
  alertKey: string;
  catalogId: string | null;
  severity: Severity;
  title: string;
  /** ISO 8601 time of the change itself. */
  time: string;
  openedAt: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  resolvedAt?: string;
  /** Set when an engineer resolved it by hand. */
  resolvedBy?: string;
  snoozedUntil?: string;
}

export interface LifecyclePort {
  publish(events: LifecycleEvent[]): Promise<void>;
}

/** Plain-text notices for audiences that are not on Slack (e-mail or SMS through an SNS topic). */
export interface PlainTextPort {
  send(args: { topicArn: string; subject: string; text: string; alertKey: string }): Promise<void>;
}

/** What a paging service is told when an alert is handed to it (PagerDuty Events API v2 `trigger`). */
export interface PageTrigger {
  /** The same for every event about one incident of one alert: the service folds them into one page. */
  dedupKey: string;
  summary: string;
  source: string;
  severity: 'critical' | 'error' | 'warning' | 'info';
  customDetails?: Record<string, string | number | boolean>;
}

/**
 * A paging service (PagerDuty). Failures throw `DeliveryError`: retryable ones (429, 5xx, network)
 * are tried again through the queue; final ones (400: refused) go to the dead-letter queue.
 */
export interface PagingPort {
  trigger(page: PageTrigger): Promise<void>;
  acknowledge(dedupKey: string): Promise<void>;
  resolve(dedupKey: string): Promise<void>;
}

/** A CloudWatch metric an SLO counts. */
export interface SloMetricRef {
  namespace: string;
  metric: string;
  dimensions: Record<string, string>;
}

/**
 * What an SLO counts: good and total events, either as two counters (statistic Sum), or as the
 * samples of a latency metric at or under a threshold (`TC(:threshold)`) and all its samples
 * (`SampleCount`). Both are counts, so sums over any window add up and compare.
 */
export type SloSource =
  | { kind: 'counts'; good: SloMetricRef; total: SloMetricRef }
  | { kind: 'latency'; latency: SloMetricRef; /** In the metric's own unit. */ threshold: number };

/** Good and total events over one window. */
export interface SloSums {
  good: number;
  total: number;
}

/**
 * Reads the sums an SLO's figures are computed from (CloudWatch GetMetricData on AWS, an
 * in-memory metric store in the local stack), over [from, to). Failures throw; the caller renders
 * the alert without figures rather than lose or delay it.
 */
export interface SloFiguresPort {
  sums(args: { source: SloSource; from: Date; to: Date }): Promise<SloSums>;
}
