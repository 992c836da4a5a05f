/** @module Processor (scheduled): when office hours start, tell each audience that `hold`s what happened while it was away. */
import type { Alert } from '../core/alert.ts';
import { ClarionError } from '../core/clarion-error.ts';
import { followUp } from './summary-follow-up.ts';
import type { FollowUp } from './summary-follow-up.ts';
import { createSummaryOwnership, SummaryTakenOverError } from './summary-ownership.ts';
import type { AlertRecord, SummaryRecord } from '../core/alert-record.ts';
import type { StatePort } from '../state/state-port.ts';
import { DeliveryError } from '../core/delivery-error.ts';
import { StateRecordError } from '../state/record-schema.ts';
import type { PlainTextPort, SlackPort } from '../core/ports.ts';
import { blocksToPlainText } from '../slack/blocks-to-plain-text.ts';
import { renderOvernightSummary } from '../../templates/overnight-summary.ts';
import type { SummaryItem } from '../../templates/overnight-summary.ts';
import type { MessageSync } from '../pipeline/message-sync.ts';
import { describeOfficeHours, isWithinOfficeHours, officeHoursFor } from '../pipeline/office-hours.ts';
import { delayUntil } from '../pipeline/queue-delay.ts';
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import { channelFor, timeZoneFor } from '../pipeline/route-alert.ts';
import type { Route } from '../pipeline/route-alert.ts';
import { routesFor } from '../pipeline/impact.ts';

export interface SummaryJobDeps {
  runtime: () => CatalogRuntime;
  state: StatePort;
  slack: SlackPort;
  now: () => Date;
  stage?: string;
  deliveryLeaseSeconds: number;
  /** Held alerts of one group at least this many are one storm: one line, one group message. */
  stormThreshold: number;
  sync: Pick<MessageSync, 'postMissing'>;
  /**
   * Shows an alert in its storm group's message for these audiences (joining it as a member if it
   * had its own messages so far); false when the group is gone.
   */
  showInGroup: (record: AlertRecord, groupKey: string, routes: Route[]) => Promise<boolean>;
  /** A new id for each run, unique across processors: which run owns a summary being posted. */
  newId: () => string;
  /** Puts the summary request back on the queue, to finish follow-ups another processor was busy with. */
  scheduleRetry?: (delaySeconds: number) => Promise<void>;
  /** Plain-text copies for audiences with an SNS topic. */
  plainText?: PlainTextPort;
  log?: { warn(message: string, fields?: Record<string, unknown>): void };
  count?: (metric: 'SlackCalls') => void;
}

export interface SummaryOutcome {
  /** Alerts and notices the summary covered (0: nothing was held). */
  covered: number;
  /** Audiences told, by name. */
  told: string[];
  /** Alerts still open that were brought into view under the summary (own message or storm group). */
  followUps: number;
  /** Work left for a retry: follow-ups another processor was posting, or what did not fit in this run's time. */
  deferred: number;
  /** Audiences and alerts Slack (or SNS) refused for good (bot not in the channel …), and held alerts whose record is unreadable; logged and skipped. */
  failed: string[];
  /** Another run was posting this summary; this one did nothing. */
  busy?: boolean;
  /** The schedule's request came outside office hours (a closed date, or delivered late); nothing was taken. */
  closed?: boolean;
}

/** A scheduled summary this close before office hours start is on time. */
const SCHEDULE_TOLERANCE_MS = 5 * 60_000;

/**
 * How long one run posts before it hands the rest to a retry: well inside the processor's 60 s
 * timeout (a morning with many alerts still open means many paced posts), leaving room for the
 * other records of its batch (each waits at most 3 s for Slack's pace), so the batch never times out.
 */
const RUN_BUDGET_MS = 20_000;

/** How a held alert stands now, in the words the summary uses. */
export function summaryItemOf(record: AlertRecord): SummaryItem {
  return {
    title: record.alert.title,
    state: record.status === 'open' ? 'not-fixed' : record.fixConfirmedAt ? 'fixed' : 'checking',
    startedAt: new Date(record.openedAt),
    ...(record.resolvedAt ? { resolvedAt: new Date(record.resolvedAt) } : {}),
    acknowledged: Boolean(record.acknowledgedBy),
    impact: record.alert.impact.summary,
    catalogId: record.catalogId,
    severity: record.alert.severity,
    ...(record.group ? { group: record.group } : {}),
  };
}

export function noticeItemOf(alert: Alert): SummaryItem {
  return { title: alert.title, state: 'notice', startedAt: new Date(alert.signal.time), acknowledged: false, catalogId: alert.catalogId, severity: alert.severity };
}

export function createSummaryJob(deps: SummaryJobDeps) {
  const { take, progress } = createSummaryOwnership(deps);

  /** A run out of its time: the rest goes to a retry. */
  class OutOfTime extends ClarionError {
    constructor() {
      super('the summary ran out of time; a retry posts the rest');
    }
  }

  /**
   * A held alert's record, or null when it is gone or unreadable. A malformed record (written by
   * hand, or by a broken version) cannot be shown, and retrying will not mend it: it is reported
   * and left out, so it does not keep every audience from its summary.
   */
  async function readHeld(alertKey: string, failed: string[]): Promise<AlertRecord | null> {
    try {
      return await deps.state.getAlert(alertKey);
    } catch (error) {
      if (!(error instanceof StateRecordError)) throw error;
      deps.log?.warn('held alert unreadable; left out of the summary', { alertKey, error: error.message });
      failed.push(alertKey);
      return null;
    }
  }

  /** A failure retrying cannot mend (bot not in the channel, blocks refused): logged, skipped, and the summary goes on. */
  function isFinal(error: unknown): boolean {
    // Only Slack's refusals of one message or channel; a revoked token (`config`) must fail loudly.
    return error instanceof DeliveryError && error.kind === 'platform';
  }

  async function send(runId: string, sending: NonNullable<SummaryRecord['sending']>, run: { deadline: number; scheduled: boolean }): Promise<Omit<SummaryOutcome, 'busy' | 'closed'>> {
    const now = deps.now();
    const { config } = deps.runtime();
    const policy = officeHoursFor(config, deps.stage);
    const alertKeys = Object.keys(sending.held);
    const told: string[] = [];
    const failed: string[] = [];
    const records = (await Promise.all(alertKeys.map((key) => readHeld(key, failed)))).filter((r): r is AlertRecord => r !== null);
    const inTime = () => {
      if (deps.now().getTime() > run.deadline) throw new OutOfTime();
    };
    const holding = Object.entries(config.audiences).filter(([, settings]) => settings.outOfHours === 'hold');
    for (const [audience, settings] of holding) {
      const posted = sending.posted[audience];
      const mailing = Boolean(settings.snsTopicArn && deps.plainText) && !sending.mailed?.includes(audience);
      if (posted === 'nothing' || posted === 'failed' || (posted && !mailing)) continue;
      const items = [
        // Engineers hear of the alarms, everyone else of their impacts: each summary lists what its audience hears of.
        ...records.filter((r) => routesFor(r.alert, config, deps.stage).some((route) => route.audience === audience)).map(summaryItemOf),
        ...sending.notices.filter((n) => n.audiences.includes(audience)).map(noticeItemOf),
      ];
      const channel = channelFor(config, audience, deps.stage);
      if ((items.length === 0 && sending.moreNotices === 0) || !channel) {
        await progress(runId, { posted: { [audience]: 'nothing' } });
        continue;
      }
      inTime();
      const message = renderOvernightSummary({
        items,
        moreNotices: sending.moreNotices,
        template: settings.template,
        foldAt: deps.stormThreshold,
        now,
        timeZone: timeZoneFor(config, deps.stage),
        serviceName: config.serviceName,
        // "Early, on request" only for someone asking before office hours, not for the schedule or its retries.
        ...(policy ? { officeHours: describeOfficeHours(policy.hours), onRequest: !run.scheduled && !isWithinOfficeHours(now, policy) } : { onRequest: !run.scheduled }),
      });
      if (!posted) {
        try {
          const ref = await deps.slack.post({ channel, message, metadata: { event_type: 'clarion_summary', event_payload: { covered: items.length } } });
          deps.count?.('SlackCalls');
          // Recorded at once, so a retry after a later failure does not post this audience's summary again.
          await progress(runId, { posted: { [audience]: ref } });
          told.push(audience);
        } catch (error) {
          if (!isFinal(error)) throw error;
          deps.log?.warn('summary refused by Slack', { audience, channel, error: (error as Error).message });
          await progress(runId, { posted: { [audience]: 'failed' } });
          failed.push(audience);
          continue;
        }
      }
      if (mailing) {
        // People who read this audience's news by e-mail or SMS get the summary as plain text too.
        try {
          await deps.plainText!.send({ topicArn: settings.snsTopicArn!, subject: message.text, text: blocksToPlainText(message), alertKey: `summary:${sending.at}` });
        } catch (error) {
          if (!isFinal(error)) throw error;
          deps.log?.warn('summary refused by SNS', { audience, topicArn: settings.snsTopicArn, error: (error as Error).message });
          failed.push(`${audience} (SNS)`);
        }
        await progress(runId, { mailed: audience });
      }
    }
    const perGroup = new Map<string, number>();
    for (const record of records) if (record.group) perGroup.set(record.group, (perGroup.get(record.group) ?? 0) + 1);
    const storms = new Set([...perGroup].filter(([, n]) => n >= deps.stormThreshold).map(([group]) => group));
    const holdingAudiences = holding.map(([audience]) => audience);
    let followUps = 0;
    let deferUntil = 0;
    let deferred = 0;
    for (const alertKey of alertKeys) {
      inTime();
      let result: FollowUp;
      try {
        result = await followUp(deps, alertKey, holdingAudiences, storms, `summary:${sending.at}`);
      } catch (error) {
        if (error instanceof StateRecordError) {
          // Unreadable since (or already when) the summary read it: left out, reported once.
          if (!failed.includes(alertKey)) failed.push(alertKey);
          continue;
        }
        if (!isFinal(error)) throw error;
        // One alert Slack will not take must not hold up the others (nor every later summary).
        deps.log?.warn('summary follow-up refused by Slack', { alertKey, error: (error as Error).message });
        failed.push(alertKey);
        continue;
      }
      if (result === 'shown') followUps++;
      else if (result !== 'not-needed') {
        deferred++;
        deferUntil = Math.max(deferUntil, result.deferUntil);
      }
    }
    if (deferred > 0) {
      // The summary stays open; the retry finds every audience told and finishes the follow-ups.
      await handOver(runId, deferUntil);
    } else {
      await progress(runId, { finish: true });
    }
    return { covered: alertKeys.length + sending.notices.length + sending.moreNotices, told, followUps, deferred, failed };
  }

  /**
   * Leaves the rest of the summary to a retry from `at` (epoch ms) on, a `retry` request on the
   * queue. Without a queue (no `scheduleRetry`), the next summary resumes it.
   */
  async function handOver(runId: string, at: number): Promise<void> {
    await progress(runId, { release: true });
    await deps.scheduleRetry?.(delayUntil(at, deps.now().getTime()));
  }

  return async function postSummary(options: { scheduled?: boolean; retry?: boolean } = {}): Promise<SummaryOutcome> {
    const runId = deps.newId();
    const total: SummaryOutcome = { covered: 0, told: [], followUps: 0, deferred: 0, failed: [] };
    const policy = officeHoursFor(deps.runtime().config, deps.stage);
    const started = deps.now();
    // The schedule's cron knows weekdays but not closed dates, and a request may arrive late: it
    // posts only in office hours (a moment early counts as the start). Otherwise what is held
    // simply waits for the next summary.
    const inHours = (at: Date) => !policy || isWithinOfficeHours(at, policy) || isWithinOfficeHours(new Date(at.getTime() + SCHEDULE_TOLERANCE_MS), policy);
    if (options.scheduled && !inHours(started)) return { ...total, closed: true };
    // A retry finishes the summary it was scheduled for. In office hours it also takes what was
    // held since (an alert held at 08:59 while another run was busy); at night it must not, or a
    // summary asked for at 23:00 would be followed by a second one.
    const resumeOnly = Boolean(options.retry) && !inHours(started);
    const deadline = started.getTime() + RUN_BUDGET_MS;
    // A summary left half-posted by a failed run is finished first; then what has been held since is taken.
    for (let round = 0; round < 2; round++) {
      const taken = await take(runId, resumeOnly);
      if (!taken) break;
      if ('busyUntil' in taken) {
        // Look again once the other run's time is up, in case it died without finishing.
        await deps.scheduleRetry?.(delayUntil(taken.busyUntil, deps.now().getTime()));
        return { ...total, busy: true };
      }
      let outcome: Omit<SummaryOutcome, 'busy' | 'closed'>;
      try {
        outcome = await send(runId, taken.record.sending, { deadline, scheduled: Boolean(options.scheduled || options.retry) });
      } catch (error) {
        // A slower run whose summary was taken over stops; the run that took it finishes it.
        if (error instanceof SummaryTakenOverError) return { ...total, busy: true };
        // Out of time, or Slack asked to wait: a retry goes on from here without failing this
        // request (each failure would use up one of the queue's receives).
        const wait = error instanceof OutOfTime ? 1 : error instanceof DeliveryError && error.retryable && deps.scheduleRetry ? (error.retryAfterSeconds ?? 5) : undefined;
        if (wait !== undefined) {
          try {
            await handOver(runId, deps.now().getTime() + wait * 1000);
          } catch (handOverError) {
            if (handOverError instanceof SummaryTakenOverError) return { ...total, busy: true };
            throw handOverError;
          }
          return { ...total, deferred: total.deferred + 1 };
        }
        await progress(runId, { release: true }).catch(() => {});
        throw error;
      }
      total.covered += outcome.covered;
      total.told.push(...outcome.told.filter((a) => !total.told.includes(a)));
      total.followUps += outcome.followUps;
      total.deferred += outcome.deferred;
      total.failed.push(...outcome.failed);
      if (!taken.resumed || outcome.deferred > 0) break;
    }
    return total;
  };
}

