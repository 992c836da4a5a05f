/** @module Stage 1, normalize: Clarion custom events that applications emit themselves ("the overnight sync failed") → Signal. */
import * as z from 'zod';
import type { Link, Signal } from '../core/signal.ts';
import { Severity } from '../core/signal.ts';
import type { NormalizeContext } from './build-signal.ts';
import { buildSignal } from './build-signal.ts';
import type { EventBridgeEnvelope } from './eventbridge-envelope.ts';
import { optionalArray, optionalString, parseLenient, unchangedWhen } from './lenient-zod.ts';
import { objects, text } from './read-fields.ts';
import type { JsonObject } from './read-fields.ts';
import { prefix } from './well-formed-text.ts';

export const CLARION_DETAIL_TYPE = 'Clarion Alert';
/** A bare custom event (no EventBridge envelope) carries `"clarion": "alert"`. */
export const CLARION_MARKER = 'alert';
/** The source of a bare custom event that names none. */
const DEFAULT_SOURCE = 'clarion.custom';

function lowerCase(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().toLowerCase() : value;
}

/** One of `values`, in any case; a value already written as listed passes the fast path of `parseLenient`. */
function lowerCaseOf<T extends string>(values: z.ZodEnum<{ [K in T]: K }>) {
  return unchangedWhen(z.preprocess(lowerCase, values), (v) => typeof v === 'string' && (values.options as string[]).includes(v));
}

/**
 * The detail an application sends. Only `name` is required; a bad optional field (an unknown
 * severity, a link without a URL) is dropped rather than rejecting the alert.
 */
export const ClarionAlertDetail = z.looseObject({
  name: unchangedWhen(z.string().trim().min(1), (v) => typeof v === 'string' && v.length > 0 && v.trim() === v),
  state: lowerCaseOf(z.enum(['firing', 'resolved', 'info'])).optional().catch(undefined),
  title: optionalString,
  reason: optionalString,
  severity: lowerCaseOf(Severity).optional().catch(undefined),
  key: optionalString,
  resource: z
    .union([z.string(), z.looseObject({ type: optionalString, name: z.string(), arn: optionalString })])
    .optional()
    .catch(undefined),
  links: optionalArray,
  time: optionalString,
  source: optionalString,
});
export type ClarionAlertDetail = z.infer<typeof ClarionAlertDetail>;

/** Links Slack can show as buttons: http(s) URLs of at most 3000 characters, labels of at most 75. */
function linksOf(value: unknown[] | undefined): Link[] {
  return objects(value).flatMap((l) => {
    const url = text(l.url);
    if (url === undefined || !/^https?:\/\//.test(url) || url.length > 3000) return [];
    return [{ label: prefix(text(l.label) ?? 'Open link', 75), url }];
  });
}

function clarionSignal(
  detail: ClarionAlertDetail,
  source: string,
  envelope: Partial<EventBridgeEnvelope>,
  event: JsonObject,
  payload: JsonObject,
  ctx: NormalizeContext,
): Signal {
  const state = detail.state ?? 'firing';
  const resource =
    typeof detail.resource === 'string'
      ? { type: 'Application', name: detail.resource }
      : detail.resource === undefined
        ? { type: 'Application', name: source }
        : { type: detail.resource.type ?? 'Application', name: detail.resource.name, arn: detail.resource.arn };

  return buildSignal(
    {
      family: 'clarion',
      kind: 'custom',
      name: detail.name,
      key: `clarion:${source}:${detail.key ?? detail.name}`,
      ownId: envelope.id,
      state,
      title: detail.title ?? `${detail.name} (${state}) from ${source}`,
      reason: detail.reason ?? '',
      resource,
      account: envelope.account,
      region: envelope.region,
      times: [detail.time, envelope.time],
      severityHint: detail.severity,
      links: linksOf(detail.links),
      event,
      payload,
    },
    ctx,
  );
}

/** An EventBridge "Clarion Alert" from an application (any source outside `aws.`). */
export function normalizeClarionEvent(envelope: EventBridgeEnvelope, payload: JsonObject, ctx: NormalizeContext): Signal | null {
  const parsed = parseLenient(ClarionAlertDetail, envelope.detail);
  if (!parsed.success) return null;
  return clarionSignal(parsed.data, envelope.source, envelope, payload, payload, ctx);
}

/** The same detail sent bare, marked with `"clarion": "alert"`. */
export function normalizeClarionMarker(payload: JsonObject, ctx: NormalizeContext): Signal | null {
  const parsed = parseLenient(ClarionAlertDetail, payload);
  if (!parsed.success) return null;
  const source = parsed.data.source ?? DEFAULT_SOURCE;
  const event = { source, 'detail-type': CLARION_DETAIL_TYPE, detail: payload };
  return clarionSignal(parsed.data, source, {}, event, payload, ctx);
}
