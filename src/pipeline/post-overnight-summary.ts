/** @module Pipeline (scheduled, stages 7–9): when office hours start, tell each audience that `hold`s what happened while it was away. */
import type { Alert } from '../core/alert.ts';
import type { AlertRecord, StatePort, SummaryRecord } from '../core/alert-record.ts';
import type { MessageRef, SlackPort } from '../core/ports.ts';
import { renderOvernightSummary } from '../../templates/overnight-summary.ts';
import type { SummaryItem } from '../../templates/overnight-summary.ts';
import { emptySummary } from './hold-for-summary.ts';
import { MAX_WRITE_ATTEMPTS, StateConflictError } from './message-sync.ts';
import type { createMessageSync } from './message-sync.ts';
import { describeOfficeHours, isWithinOfficeHours, officeHoursFor } from './office-hours.ts';
import type { CatalogRuntime } from './render-event.ts';
import { channelFor, routeAlert, timeZoneFor } from './route-alert.ts';

export interface SummaryJobDeps {
  runtime: () => CatalogRuntime;
  state: StatePort;
  slack: SlackPort;
  now: () => Date;
  stage?: string;
  deliveryLeaseSeconds: number;
  /** Held alerts of one group at least this many are one storm: one line, one group message. */
  stormThreshold: number;
  sync: Pick<ReturnType<typeof createMessageSync>, 'deliver' | 'recordDelivery'>;
  /** Asks for a storm group's message to be brought up to date at the end of the batch. */
  markGroupDirty: (groupKey: string) => void;
  count?: (metric: 'SlackCalls') => void;
}

export interface SummaryOutcome {
  /** Alerts and notices the summary covered (0: nothing was held). */
  covered: number;
  /** Audiences told, by name. */
  told: string[];
  /** Alerts still open whose own message was posted after the summary. */
  followUps: number;
}

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
  /** Moves what is held into `sending` (or finds a summary a failed run left half-posted). */
  async function take(now: Date): Promise<SummaryRecord | null> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await deps.state.getSummary();
      if (current?.sending) return current;
      const record = current ?? emptySummary();
      const nothingHeld = Object.keys(record.held).length === 0 && record.notices.length === 0 && record.moreNotices === 0;
      // Even with nothing held the time is recorded, so an alert held a moment too late is sent at once.
      const next: SummaryRecord = nothingHeld
        ? { ...record, lastSummaryAt: now.toISOString(), version: record.version + 1 }
        : {
            held: {},
            notices: [],
            moreNotices: 0,
            lastSummaryAt: now.toISOString(),
            sending: { at: now.toISOString(), held: record.held, notices: record.notices, moreNotices: record.moreNotices, posted: {} },
            version: record.version + 1,
          };
      if (await deps.state.putSummary(next, current ? current.version : null)) return nothingHeld ? null : next;
    }
    throw new StateConflictError('summary');
  }

  /** Records progress on the summary being sent; `posted` undefined ends it. */
  async function progress(posted: Record<string, MessageRef | 'nothing'> | undefined): Promise<void> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await deps.state.getSummary();
      if (!current?.sending) return;
      const next: SummaryRecord = { ...current, version: current.version + 1 };
      if (posted) next.sending = { ...current.sending, posted: { ...current.sending.posted, ...posted } };
      else delete next.sending;
      if (await deps.state.putSummary(next, current.version)) return;
    }
    throw new StateConflictError('summary');
  }

  /**
   * An alert still not confirmed fixed gets its own message too, so the reader sees it acknowledged
   * and fixed as it happens; a storm's alerts get their group's message instead of one each.
   */
  async function followUp(alertKey: string, audiences: string[], storms: Set<string>, leaseId: string): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const now = deps.now();
      const current = await deps.state.getAlert(alertKey);
      if (!current || (current.status === 'resolved' && current.fixConfirmedAt)) return false;
      const routes = routeAlert(current.alert, deps.runtime().config, deps.stage).filter((r) => audiences.includes(r.audience) && !current.messages[r.audience]);
      if (routes.length === 0) return false;
      const groupKey = current.groupedInto ?? (current.group && storms.has(current.group) ? current.group : undefined);
      if (groupKey) {
        const group = await deps.state.getGroup(groupKey);
        if (!group) return false;
        const missing = routes.filter((r) => !group.channels[r.audience]);
        if (missing.length > 0) {
          const channels = { ...group.channels, ...Object.fromEntries(missing.map((r) => [r.audience, r.channel])) };
          if (!(await deps.state.putGroup({ ...group, channels, version: group.version + 1 }, group.version))) continue;
        }
        deps.markGroupDirty(groupKey);
        return true;
      }
      // Another processor posting this alert's messages right now (it saw it in office hours) will post these too.
      if (current.deliveringUntil && Date.parse(current.deliveringUntil) > now.getTime() && current.deliveringEventId !== leaseId) return false;
      const leased: AlertRecord = {
        ...current,
        deliveringEventId: leaseId,
        deliveringUntil: new Date(now.getTime() + deps.deliveryLeaseSeconds * 1000).toISOString(),
        version: current.version + 1,
      };
      if (!(await deps.state.putAlert(leased, current.version))) continue;
      const posted = await deps.sync.deliver(leased, routes.map((r) => ({ kind: 'post' as const, audience: r.audience, channel: r.channel })), routes, now);
      await deps.sync.recordDelivery(leased, posted);
      return true;
    }
    throw new StateConflictError(alertKey);
  }

  return async function postSummary(): Promise<SummaryOutcome> {
    const now = deps.now();
    const taken = await take(now);
    if (!taken?.sending) return { covered: 0, told: [], followUps: 0 };
    const sending = taken.sending;
    const { config } = deps.runtime();
    const policy = officeHoursFor(config, deps.stage);
    const alertKeys = Object.keys(sending.held);
    const records = (await Promise.all(alertKeys.map((key) => deps.state.getAlert(key)))).filter((r): r is AlertRecord => r !== null);
    const told: string[] = [];
    const holding = Object.entries(config.audiences).filter(([, settings]) => settings.outOfHours === 'hold');
    for (const [audience, settings] of holding) {
      if (sending.posted[audience]) continue;
      const items = [
        ...records.filter((r) => r.alert.audiences.includes(audience)).map(summaryItemOf),
        ...sending.notices.filter((n) => n.audiences.includes(audience)).map(noticeItemOf),
      ];
      const channel = channelFor(config, audience, deps.stage);
      if ((items.length === 0 && sending.moreNotices === 0) || !channel) {
        await progress({ [audience]: 'nothing' });
        continue;
      }
      const message = renderOvernightSummary({
        items,
        moreNotices: sending.moreNotices,
        template: settings.template,
        foldAt: deps.stormThreshold,
        now,
        timeZone: timeZoneFor(config, deps.stage),
        serviceName: config.serviceName,
        ...(policy ? { officeHours: describeOfficeHours(policy.hours), onRequest: !isWithinOfficeHours(now, policy) } : { onRequest: true }),
      });
      const ref = await deps.slack.post({ channel, message, metadata: { event_type: 'clarion_summary', event_payload: { covered: items.length } } });
      deps.count?.('SlackCalls');
      // Recorded at once, so a retry after a later failure does not post this audience's summary again.
      await progress({ [audience]: ref });
      told.push(audience);
    }
    let followUps = 0;
    const leaseId = `summary:${sending.at}`;
    const holdingAudiences = holding.map(([audience]) => audience);
    const perGroup = new Map<string, number>();
    for (const record of records) if (record.group) perGroup.set(record.group, (perGroup.get(record.group) ?? 0) + 1);
    const storms = new Set([...perGroup].filter(([, n]) => n >= deps.stormThreshold).map(([group]) => group));
    for (const alertKey of alertKeys) if (await followUp(alertKey, holdingAudiences, storms, leaseId)) followUps++;
    await progress(undefined);
    return { covered: alertKeys.length + sending.notices.length + sending.moreNotices, told, followUps };
  };
}
