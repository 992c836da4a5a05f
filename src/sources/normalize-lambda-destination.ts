/** @module Stage 1, normalize: Lambda asynchronous-invocation destination records (via EventBridge or bare) → Signal. */
import * as z from 'zod';
import type { Signal } from '../core/signal.ts';
import { parseArn } from './arn.ts';
import type { NormalizeContext } from './build-signal.ts';
import { buildSignal } from './build-signal.ts';
import { lambdaFunctionLink, links } from './console-links.ts';
import type { EventBridgeEnvelope } from './eventbridge-envelope.ts';
import { optionalNumber, optionalObject, optionalString, parseLenient } from './lenient-zod.ts';
import { asObject, compact, joinParts, text, truncate } from './read-fields.ts';
import type { JsonObject } from './read-fields.ts';

/** The docs print an en dash, real rules use a hyphen; accept both (and an em dash). */
export const LAMBDA_RESULT_DETAIL_TYPE = /^Lambda Function Invocation Result\s*[-–—]\s*(Success|Failure)$/;

const InvocationRecord = z.looseObject({
  timestamp: optionalString,
  requestContext: z.looseObject({
    requestId: optionalString,
    functionArn: z.string().min(1),
    condition: optionalString,
    approximateInvokeCount: optionalNumber,
  }),
  responseContext: optionalObject,
  responsePayload: z.unknown().optional(),
});
type InvocationRecord = z.infer<typeof InvocationRecord>;

/** True for a bare invocation record (an SQS/SNS destination's message). */
export function isInvocationRecord(payload: JsonObject): boolean {
  const request = asObject(payload.requestContext);
  return request !== undefined && asObject(payload.responseContext) !== undefined && typeof request.functionArn === 'string';
}

function errorOf(payload: unknown): string | undefined {
  const object = asObject(payload);
  if (object) return joinParts([text(object.errorType), text(object.errorMessage)], ': ') || undefined;
  return typeof payload === 'string' ? truncate(payload, 500) : undefined;
}

function fromRecord(
  record: InvocationRecord,
  failed: boolean,
  envelope: Partial<EventBridgeEnvelope>,
  event: JsonObject,
  payload: JsonObject,
  ctx: NormalizeContext,
): Signal {
  const { functionArn, condition, approximateInvokeCount, requestId } = record.requestContext;
  const arn = parseArn(functionArn);
  // arn:aws:lambda:region:account:function:name[:version-or-alias]
  const name = arn?.resource.split(':')[1] || functionArn;
  const unqualified = arn ? `arn:${arn.partition}:lambda:${arn.region}:${arn.account}:function:${name}` : functionArn;
  const region = envelope.region ?? arn?.region;
  const attempts = approximateInvokeCount === undefined ? undefined : `after ${approximateInvokeCount} attempt${approximateInvokeCount === 1 ? '' : 's'}`;

  return buildSignal(
    {
      family: 'lambda-destination',
      kind: failed ? 'failure' : 'success',
      name,
      key: `lambda-destination:${unqualified}`,
      ownId: envelope.id ?? (requestId === undefined ? undefined : `lambda-invocation:${requestId}:${condition ?? ''}`),
      state: failed ? 'firing' : 'ignore',
      ignoreReason: failed ? undefined : 'Lambda invocation succeeded',
      title: failed ? `Lambda function ${name} failed to process an event` : `Lambda function ${name} processed an event`,
      reason: joinParts([errorOf(record.responsePayload), joinParts([condition, attempts], ' ')]),
      resource: { type: 'Lambda function', name, arn: unqualified },
      account: envelope.account ?? arn?.account,
      region,
      times: [record.timestamp, envelope.time],
      links: links(lambdaFunctionLink(region, name)),
      event,
      payload,
    },
    ctx,
  );
}

/** An EventBridge destination event (`source: "lambda"`). */
export function normalizeLambdaDestinationEvent(
  envelope: EventBridgeEnvelope,
  payload: JsonObject,
  ctx: NormalizeContext,
): Signal | null {
  const parsed = parseLenient(InvocationRecord, envelope.detail);
  const outcome = LAMBDA_RESULT_DETAIL_TYPE.exec(envelope['detail-type'])?.[1];
  if (!parsed.success || outcome === undefined) return null;
  return fromRecord(parsed.data, outcome === 'Failure', envelope, payload, payload, ctx);
}

/** A bare invocation record, as SQS and SNS destinations deliver it. */
export function normalizeInvocationRecord(payload: JsonObject, ctx: NormalizeContext): Signal | null {
  const parsed = parseLenient(InvocationRecord, payload);
  if (!parsed.success) return null;
  const record = parsed.data;
  const { condition } = record.requestContext;
  const failed =
    text(record.responseContext?.functionError) !== undefined || (condition !== undefined && condition !== 'Success');
  const arn = parseArn(record.requestContext.functionArn);
  const event = compact({
    source: 'lambda',
    'detail-type': `Lambda Function Invocation Result - ${failed ? 'Failure' : 'Success'}`,
    account: arn?.account,
    region: arn?.region,
    time: record.timestamp,
    resources: [record.requestContext.functionArn],
    detail: payload,
  });
  return fromRecord(record, failed, {}, event, payload, ctx);
}
