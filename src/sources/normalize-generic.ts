/** @module Stage 1, normalize: anything no family claims → a generic Signal, so nothing is ever dropped unseen. */
import type { Signal } from '../core/signal.ts';
import type { NormalizeContext } from './build-signal.ts';
import { buildSignal } from './build-signal.ts';
import { readEnvelope } from './eventbridge-envelope.ts';
import { asObject, compact, text, truncate } from './read-fields.ts';

const REASON_LIMIT = 500;
const FAILURE = /FAIL|ERROR|TIMED?_?OUT|ABORT/i;
/** Fields that say how something went, in the spellings services use. */
const STATUS_FIELDS = [
  'state',
  'status',
  'State',
  'Status',
  'eventType',
  'severity',
  'category',
  'result',
  'outcome',
  'level',
  'statusCode',
  'currentState',
  'newState',
];

/** What went wrong when a family normalizer could not read an event it recognised. */
export interface GenericFallback {
  fromFamily: string;
  problem: string;
}

function looksFailed(detail: unknown): boolean {
  const object = asObject(detail);
  if (!object) return false;
  return STATUS_FIELDS.some((field) => {
    const value = object[field];
    if (typeof value === 'string') return FAILURE.test(value);
    const nested = asObject(value);
    return nested !== undefined && typeof nested.value === 'string' && FAILURE.test(nested.value);
  });
}

function excerpt(value: unknown): string {
  if (typeof value === 'string') return truncate(value.trim(), REASON_LIMIT);
  if (value === undefined) return '';
  try {
    return truncate(JSON.stringify(value) ?? String(value), REASON_LIMIT);
  } catch {
    return truncate(String(value), REASON_LIMIT);
  }
}

function describe(payload: unknown): string {
  if (typeof payload === 'string') return 'text message';
  const object = asObject(payload);
  if (object) {
    const keys = Object.keys(object);
    if (keys.length === 0) return 'empty object';
    return truncate(`object with ${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ' …' : ''}`, 80);
  }
  if (Array.isArray(payload)) return 'array';
  return payload === null ? 'null' : typeof payload;
}

/** Where a non-EventBridge payload came from, as far as its wrappers say. */
function originOf(ctx: NormalizeContext): { source: string; sender?: string; label: string } {
  const { snsTopicArn, sqsQueueArn } = ctx.delivery;
  const topic = snsTopicArn?.split(':').pop() || snsTopicArn;
  if (topic !== undefined) return { source: 'aws.sns', sender: topic, label: `SNS topic ${topic}` };
  const queue = sqsQueueArn?.split(':').pop() || sqsQueueArn;
  if (queue !== undefined) return { source: 'aws.sqs', sender: queue, label: `SQS queue ${queue}` };
  return { source: 'unknown', label: 'an unknown sender' };
}

/** A signal for anything: an unknown EventBridge event, plain text from SNS, a number, `null` … */
export function normalizeGeneric(payload: unknown, ctx: NormalizeContext, fallback?: GenericFallback): Signal {
  const envelope = readEnvelope(payload);
  const object = asObject(payload);
  const extraVars = fallback === undefined ? undefined : { normalizer: { ...fallback } };

  if (envelope && object) {
    const detailType = envelope['detail-type'] || 'unknown';
    const source = envelope.source || 'unknown';
    const resource = envelope.resources[0];
    return buildSignal(
      {
        family: 'generic',
        kind: detailType,
        name: `${source}/${detailType}`,
        key: `generic:${source}:${detailType}${resource === undefined ? '' : `:${resource}`}`,
        ownId: envelope.id,
        state: looksFailed(envelope.detail) ? 'firing' : 'info',
        title: `${envelope['detail-type'] || 'Event'} from ${envelope.source || 'an unknown source'}`,
        reason: excerpt(envelope.detail),
        resource: compact({ type: envelope['detail-type'] || 'Event', name: resource?.split(/[:/]/).pop() || source, arn: resource }),
        account: envelope.account,
        region: envelope.region,
        times: [envelope.time],
        links: [],
        event: object,
        payload,
        extraVars,
      },
      ctx,
    );
  }

  const origin = originOf(ctx);
  const what = describe(payload);
  const subject = text(ctx.delivery.snsSubject);
  const name = `${origin.source}/${origin.sender ?? what}`;
  return buildSignal(
    {
      family: 'generic',
      kind: typeof payload === 'string' ? 'text' : 'unknown',
      name,
      key: `generic:${name}`,
      state: looksFailed(payload) ? 'firing' : 'info',
      title: subject === undefined ? `Unrecognised ${what} from ${origin.label}` : `${subject} (from ${origin.label})`,
      reason: excerpt(payload),
      resource: { type: 'Message', name: origin.label },
      times: [],
      links: [],
      event: compact({
        source: origin.source,
        'detail-type': 'Unrecognised Event',
        detail: object ?? { message: payload },
      }),
      payload,
      extraVars,
    },
    ctx,
  );
}
