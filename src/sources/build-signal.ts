/** @module Stage 1, normalize: assembles a `Signal` from what a family normalizer worked out, filling `vars`. */
import type { Signal } from '../core/signal.ts';
import { resolveEventId } from './event-id.ts';
import { firstAwsTime } from './parse-aws-time.ts';
import { compact, text } from './read-fields.ts';
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
  /** The unwrapped event, hashed for the id when nothing else identifies it. */
  payload: unknown;
  /** Family-specific placeholder groups, e.g. `alarm` and `metric`. */
  extraVars?: Record<string, unknown>;
};

/** The time of an event: its own, else when a wrapper sent it, else when it was received. */
export function resolveTime(times: unknown[], ctx: NormalizeContext): string {
  return (
    firstAwsTime(...times, ctx.delivery.snsTimestamp, ctx.delivery.sqsSentTimestamp) ?? ctx.receivedAt.toISOString()
  );
}

/** Builds the final signal: id, ISO time, and the placeholder values catalog text may use. */
export function buildSignal(draft: SignalDraft, ctx: NormalizeContext): Signal {
  const { ownId, times, payload, extraVars, noData, ...rest } = draft;
  const eventId = resolveEventId(ownId, ctx.delivery, payload);
  const time = resolveTime(times, ctx);
  const signal = compact({ ...rest, resource: compact(rest.resource), eventId, time, noData: noData ?? false });
  const vars = compact({
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
  return { ...signal, vars };
}
