/** @module Stage 1, normalize: assembles a `Signal` from what a family normalizer worked out, filling `vars`. */
import type { Signal } from '../core/signal.ts';
import { resolveEventId } from './event-id.ts';
import { firstAwsTime, isoString } from './parse-aws-time.ts';
import { compact, text } from './read-fields.ts';
import type { JsonObject } from './read-fields.ts';
import type { DeliveryContext } from './unwrap-envelope.ts';

/** What every normalizer is given besides the event. */
export interface NormalizeContext {
  delivery: DeliveryContext;
  /** When the event was received; only used for events with no time at all. */
  receivedAt: Date;
}

/** A signal before its id, time and `vars` are settled. */
export type SignalDraft = Omit<Signal, 'eventId' | 'time' | 'vars' | 'noData'> & {
  noData?: boolean;
  /** The event's own id (EventBridge `id`, Health communication …), if it has one. */
  ownId?: string;
  /** Candidate times, best first; the first that parses wins. */
  times: unknown[];
  /**
   * `resolveTime(times, ctx)` when the normalizer has already worked it out (the alarm family needs
   * the time for the event it builds), so it is not parsed and formatted a second time.
   */
  resolvedTime?: string;
  /** The unwrapped event, hashed for the id when nothing else identifies it. */
  payload: unknown;
  /** Family-specific placeholder groups, e.g. `alarm` and `metric`. */
  extraVars?: Record<string, unknown>;
};

/** The time of an event: its own, else when a wrapper sent it, else when it was received. */
export function resolveTime(times: unknown[], ctx: NormalizeContext): string {
  return (
    firstAwsTime(...times, ctx.delivery.snsTimestamp, ctx.delivery.sqsSentTimestamp) ?? isoString(ctx.receivedAt)
  );
}

/** Builds the final signal: id, ISO time, and the placeholder values catalog text may use. */
export function buildSignal(draft: SignalDraft, ctx: NormalizeContext): Signal {
  const eventId = resolveEventId(draft.ownId, ctx.delivery, draft.payload);
  const time = timeOf(draft, ctx);
  // One pass over the draft instead of a rest copy, a spread and a compact (then a spread for vars);
  // fields keep the order the normalizer wrote them in, as the spreads did.
  const built: JsonObject = {};
  for (const key in draft) {
    if (isDraftOnly(key)) continue;
    const value = key === 'resource' ? compact(draft.resource) : draft[key as keyof SignalDraft];
    if (value !== undefined) built[key] = value;
  }
  built.eventId = eventId;
  built.time = time;
  built.noData = draft.noData ?? false;
  const signal = built as unknown as Signal;
  const { extraVars } = draft;
  signal.vars = compact({
    signal: compact({
      family: signal.family,
      kind: signal.kind,
      state: signal.state,
      title: signal.title,
      name: signal.name,
      reason: signal.reason,
      region: signal.region,
      account: signal.account,
      time,
      resource: signal.resource.name,
      resourceType: signal.resource.type,
      resourceArn: signal.resource.arn,
    }),
    event: compact({
      source: text(signal.event.source),
      'detail-type': text(signal.event['detail-type']),
      id: text(signal.event.id) ?? eventId,
    }),
    detail: signal.event.detail,
    ...extraVars,
  });
  return signal;
}

/** Draft fields that are worked into the signal rather than copied. */
function isDraftOnly(key: string): boolean {
  return (
    key === 'ownId' || key === 'times' || key === 'payload' || key === 'extraVars' || key === 'noData' || key === 'resolvedTime'
  );
}

/**
 * A resolved time with a four-digit year re-parses to itself, so it is used as it is. Other years
 * (`+012345-…`, from absurd epoch values) do not parse again, and go the long way as they always did.
 */
function timeOf(draft: SignalDraft, ctx: NormalizeContext): string {
  const resolved = draft.resolvedTime;
  if (resolved !== undefined && FOUR_DIGIT_YEAR.test(resolved)) return resolved;
  return resolveTime(draft.times, ctx);
}

const FOUR_DIGIT_YEAR = /^\d{4}-/;
