/** @module Pipeline (after the record stage): tells the non-technical audiences of a change in an incident's life — a reply broadcast to their channel, once per audience, held for the summary while they are away. */
import type { AlertRecord } from '../core/alert-record.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';
import { blocksToPlainText } from '../slack/blocks-to-plain-text.ts';
import { postBroadcastNotice } from './broadcast-notice.ts';
import { holdForSummary } from './hold-for-summary.ts';
import { isWithinOfficeHours, officeHoursFor } from './office-hours.ts';
import type { CorePorts, SignalResult } from './pipeline-context.ts';
import { routeAlert } from './route-alert.ts';
import type { ClarionConfig } from '../catalog/schema.ts';
import type { Route } from './route-alert.ts';
import { templateInput } from './stages/render.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';
import { renderChangeNotice } from '../../templates/change-notice.ts';

export type TellRequest = Extract<RefreshRequest, { clarion: 'tell' }>;

/** What telling needs: the core ports, the stage, and a counter of Slack calls. */
export interface TellDeps extends CorePorts {
  stage?: string;
  count?: (metric: 'SlackCalls') => void;
}

/** Whether the record still stands where the request was made: a fix since broken again is not told as fixed. */
function stillTrue(record: AlertRecord, request: TellRequest): boolean {
  if (request.change === 'fixed') return record.status === 'resolved' && record.fixConfirmedAt !== undefined && request.key === `fixed@${record.resolvedAt}`;
  return record.status === 'open' && request.key === `broken-again@${record.reopenedAt}`;
}

/** Audiences to tell: not the engineers' template, with a message of this incident, not told of this change yet. "Broken again" only to those told it was fixed. */
function toTell(record: AlertRecord, routes: Route[], request: TellRequest): Route[] {
  return routes.filter((r) => {
    if (r.template === 'techies' || !record.messages[r.audience]) return false;
    const told = record.told?.[r.audience];
    if (told === request.key) return false;
    return request.change === 'fixed' || told?.startsWith('fixed@') === true;
  });
}

/** The alert's routes, and those of audiences holding a message of this incident without being routed (told on request, with *Tell local offices*). */
function routesWithMessages(record: AlertRecord, config: ClarionConfig, stage: string | undefined): Route[] {
  return routeAlert({ ...record.alert, audiences: [...new Set([...record.alert.audiences, ...Object.keys(record.messages)])] }, config, stage);
}

export function createTellChange(deps: TellDeps) {

  /** Notes that this audience was told; the record stays in step with Slack if it was (the messages did not change). */
  async function markTold(alertKey: string, audience: string, key: string): Promise<void> {
    await retryOnConflict(alertKey, async () => {
      const latest = await deps.state.getAlert(alertKey);
      if (!latest || latest.told?.[audience] === key) return undefined;
      const version = latest.version + 1;
      const inStep = (latest.syncedVersion ?? 0) >= latest.version;
      const next: AlertRecord = { ...latest, told: { ...latest.told, [audience]: key }, version, ...(inStep ? { syncedVersion: version } : {}) };
      return (await deps.state.putAlert(next, latest.version)) ? undefined : CONFLICT;
    });
  }

  return async function tellChange(request: TellRequest): Promise<SignalResult> {
    const base: SignalResult = { signalKey: request.alertKey, eventId: `tell:${request.key}:${request.alertKey}`, catalogId: null, alertKey: request.alertKey, outcome: 'refresh' };
    const record = await deps.state.getAlert(request.alertKey);
    if (!record || !stillTrue(record, request)) return { ...base, outcome: 'refresh-not-needed' };
    const now = deps.now();
    const { config } = deps.runtime();
    const policy = officeHoursFor(config, deps.stage);
    const held: string[] = [];
    for (const route of toTell(record, routesWithMessages(record, config, deps.stage), request)) {
      // A re-fire (or a newer fix) may have been stored since: what this request says is no longer news.
      const latest = await deps.state.getAlert(record.alertKey);
      if (!latest || !stillTrue(latest, request)) break;
      // Away (outside office hours, set to hold): no sound at night; the morning summary says where it stands.
      const away = policy !== undefined && route.outOfHours === 'hold' && !isWithinOfficeHours(now, policy);
      if (away && (await holdForSummary(deps.state, { alertKey: record.alertKey }, now, policy))) {
        held.push(route.audience);
        await markTold(record.alertKey, route.audience, request.key);
        continue;
      }
      const message = renderChangeNotice(templateInput({ alert: record.alert, audience: route.audience, template: route.template, config, ...(deps.stage ? { stage: deps.stage } : {}), now, record }), request.change);
      if (!message) continue;
      await postBroadcastNotice(deps.slack, record.messages[route.audience]!, route.channel, message);
      deps.count?.('SlackCalls');
      const topicArn = config.audiences[route.audience]?.snsTopicArn;
      if (topicArn && deps.plainText) await deps.plainText.send({ topicArn, subject: message.text, text: blocksToPlainText(message), alertKey: record.alertKey });
      // Marked once told: a failure before this tells this audience again on the retry, never not at all.
      await markTold(record.alertKey, route.audience, request.key);
    }
    return { ...base, catalogId: record.catalogId, detail: `told ${request.change}`, ...(held.length > 0 ? { held } : {}) };
  };
}
