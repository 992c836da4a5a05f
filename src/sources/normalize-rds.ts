/** @module Stage 1, normalize: RDS instance, cluster and snapshot events (PascalCase detail) → Signal. */
import * as z from 'zod';
import type { Signal, SignalState } from '../core/signal.ts';
import { parseArn } from './arn.ts';
import type { NormalizeContext } from './build-signal.ts';
import { buildSignal } from './build-signal.ts';
import { links, rdsDatabaseLink, rdsEventsLink } from './console-links.ts';
import type { EventBridgeEnvelope } from './eventbridge-envelope.ts';
import { optionalArray, optionalString, parseLenient } from './lenient-zod.ts';
import { strings, truncate } from './read-fields.ts';
import type { JsonObject } from './read-fields.ts';

/** "RDS DB Instance Event", "RDS DB Cluster Event", "RDS DB Snapshot Event", "RDS DB Cluster Snapshot Event" … */
export const RDS_DETAIL_TYPE = /^RDS .*Event$/;

const RdsDetail = z.looseObject({
  EventCategories: optionalArray,
  SourceType: optionalString,
  SourceArn: optionalString,
  SourceIdentifier: optionalString,
  Date: optionalString,
  Message: optionalString,
  EventID: optionalString,
});

/** Low storage (0007 exhausted, 0089 over 90 %) and failover started (0013). */
const FIRING_EVENT_IDS = new Set(['RDS-EVENT-0007', 'RDS-EVENT-0089', 'RDS-EVENT-0013']);
const FIRING_CATEGORIES = new Set(['failure', 'low storage']);

function stateOf(eventId: string | undefined, categories: string[]): SignalState {
  if (eventId !== undefined && FIRING_EVENT_IDS.has(eventId)) return 'firing';
  if (categories.some((c) => FIRING_CATEGORIES.has(c.toLowerCase()))) return 'firing';
  return 'info';
}

/** `rds:my-db` (automated snapshot ids and SourceIdentifier) → `my-db`. */
function stripRdsPrefix(value: string): string {
  return value.replace(/^rds:/, '');
}

export function normalizeRds(envelope: EventBridgeEnvelope, payload: JsonObject, ctx: NormalizeContext): Signal | null {
  const parsed = parseLenient(RdsDetail, envelope.detail);
  if (!parsed.success) return null;
  const detail = parsed.data;
  const arn = parseArn(detail.SourceArn ?? envelope.resources[0]);
  const fromArn = arn?.resource.split(':').slice(1).join(':');
  const name = stripRdsPrefix(fromArn || detail.SourceIdentifier || '') || 'unknown RDS source';
  const categories = strings(detail.EventCategories);
  const state = stateOf(detail.EventID, categories);
  const region = envelope.region ?? arn?.region;
  const sourceType = detail.SourceType ?? 'DB_INSTANCE';
  const isDatabase = sourceType === 'DB_INSTANCE' || sourceType === 'CLUSTER';
  const kindOf = sourceType.toLowerCase().replace(/_/g, '-');

  return buildSignal(
    {
      family: 'rds',
      kind: detail.EventID ?? categories[0] ?? kindOf,
      name,
      key: `rds:${detail.SourceArn ?? `${envelope.account ?? ''}:${region ?? ''}:${name}`}`,
      ownId: envelope.id,
      state,
      title: `RDS ${name}: ${truncate(detail.Message || categories.join(', ') || envelope['detail-type'], 120)}`,
      reason: detail.Message ?? '',
      resource: { type: sourceType === 'CLUSTER' ? 'RDS cluster' : isDatabase ? 'RDS database' : `RDS ${kindOf}`, name, arn: detail.SourceArn },
      account: envelope.account,
      region,
      times: [detail.Date, envelope.time],
      links: links(isDatabase ? rdsDatabaseLink(region, name, sourceType === 'CLUSTER') : rdsEventsLink(region)),
      event: payload,
      payload,
    },
    ctx,
  );
}
