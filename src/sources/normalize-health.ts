/** @module Stage 1, normalize: "AWS Health Event" and "AWS Health Abuse Event" → Signal. */
import * as z from 'zod';
import type { Signal, SignalState } from '../core/signal.ts';
import type { NormalizeContext } from './build-signal.ts';
import { buildSignal } from './build-signal.ts';
import { healthEventLink } from './console-links.ts';
import type { EventBridgeEnvelope } from './eventbridge-envelope.ts';
import { optionalArray, optionalString, parseLenient } from './lenient-zod.ts';
import { objects, text } from './read-fields.ts';
import type { JsonObject } from './read-fields.ts';

export const HEALTH_EVENT = 'AWS Health Event';
export const HEALTH_ABUSE_EVENT = 'AWS Health Abuse Event';

const HealthDetail = z.looseObject({
  eventArn: optionalString,
  service: optionalString,
  eventTypeCode: z.string().min(1),
  eventTypeCategory: optionalString,
  eventScopeCode: optionalString,
  communicationId: optionalString,
  statusCode: optionalString,
  eventRegion: optionalString,
  eventDescription: optionalArray,
  startTime: optionalString,
  endTime: optionalString,
  lastUpdatedTime: optionalString,
  affectedAccount: optionalString,
});

/** Planned changes and account notices are news, not incidents. */
const NEWS_CATEGORIES = new Set(['scheduledChange', 'accountNotification']);

function stateOf(statusCode: string | undefined, category: string | undefined): SignalState {
  if (statusCode === 'closed') return 'resolved';
  if (statusCode === 'open') return NEWS_CATEGORIES.has(category ?? '') ? 'info' : 'firing';
  return 'info';
}

/** The English description, else the first one. */
function descriptionOf(descriptions: unknown[] | undefined): string {
  const all = objects(descriptions);
  const english = all.find((d) => /^en/i.test(text(d.language) ?? '')) ?? all[0];
  return text(english?.latestDescription) ?? '';
}

export function normalizeHealth(envelope: EventBridgeEnvelope, payload: JsonObject, ctx: NormalizeContext): Signal | null {
  const parsed = parseLenient(HealthDetail, envelope.detail);
  if (!parsed.success) return null;
  const detail = parsed.data;
  const abuse = envelope['detail-type'] === HEALTH_ABUSE_EVENT;
  const state = stateOf(detail.statusCode, detail.eventTypeCategory);
  const account = detail.affectedAccount ?? envelope.account;
  // The impacted Region, not the Region that delivered the event.
  const region = detail.eventRegion ?? envelope.region;
  const eventArn = detail.eventArn ?? `${detail.eventTypeCode}:${detail.startTime ?? ''}`;
  const service = detail.service ?? 'AWS';
  const where = region === undefined ? '' : ` in ${region}`;
  const times =
    detail.statusCode === 'closed'
      ? [detail.lastUpdatedTime, detail.endTime, envelope.time]
      : [detail.lastUpdatedTime, detail.startTime, envelope.time];

  return buildSignal(
    {
      family: 'health',
      kind: abuse ? 'abuse' : (detail.eventTypeCategory ?? 'unknown'),
      name: detail.eventTypeCode,
      // Pages and backup copies of one event share its ARN, so they land on one alert.
      key: `health:${eventArn}:${account ?? ''}`,
      // AWS: de-duplicate on communicationId (with the account); the EventBridge id differs per copy.
      ownId: detail.communicationId === undefined ? envelope.id : `health:${detail.communicationId}:${account ?? ''}`,
      state,
      title: `AWS Health ${abuse ? 'abuse notice' : (detail.eventTypeCategory ?? 'event')} for ${service}${where}: ${detail.eventTypeCode}${
        detail.statusCode === 'closed' ? ' (closed)' : ''
      }`,
      reason: descriptionOf(detail.eventDescription),
      resource: { type: 'AWS Health event', name: detail.eventTypeCode, arn: detail.eventArn },
      account,
      region,
      times,
      links: detail.eventArn === undefined ? [] : [healthEventLink(detail.eventArn)],
      event: payload,
      payload,
    },
    ctx,
  );
}
