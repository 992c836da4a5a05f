/** @module Stage 1, normalize: CodePipeline pipeline, stage and action execution state changes → Signal. */
import * as z from 'zod';
import type { Link, Signal, SignalState } from '../core/signal.ts';
import type { NormalizeContext } from './build-signal.ts';
import { buildSignal } from './build-signal.ts';
import { codePipelineExecutionLink, links } from './console-links.ts';
import type { EventBridgeEnvelope } from './eventbridge-envelope.ts';
import { optionalObject, optionalString, parseLenient } from './lenient-zod.ts';
import { joinParts, text } from './read-fields.ts';
import type { JsonObject } from './read-fields.ts';

export const CODEPIPELINE_DETAIL_TYPE = /^CodePipeline (Pipeline|Stage|Action) Execution State Change$/;

const PipelineDetail = z.looseObject({
  pipeline: z.string().min(1),
  'execution-id': optionalString,
  state: z.string(),
  stage: optionalString,
  action: optionalString,
  'execution-result': optionalObject,
});

/** Slack rejects button URLs that are not http(s) or longer than 3000 characters. */
function externalLink(url: string | undefined): Link | undefined {
  return url !== undefined && /^https:\/\//.test(url) && url.length <= 3000 ? { label: 'View action details', url } : undefined;
}

export function normalizeCodePipeline(envelope: EventBridgeEnvelope, payload: JsonObject, ctx: NormalizeContext): Signal | null {
  const parsed = parseLenient(PipelineDetail, envelope.detail);
  const level = CODEPIPELINE_DETAIL_TYPE.exec(envelope['detail-type'])?.[1]?.toLowerCase();
  if (!parsed.success || level === undefined) return null;
  const detail = parsed.data;
  const result = detail['execution-result'];
  const where = joinParts([detail.stage && `stage ${detail.stage}`, detail.action && `action ${detail.action}`], ', ');
  const state: SignalState =
    detail.state === 'FAILED' ? 'firing' : detail.state === 'SUCCEEDED' && level === 'pipeline' ? 'resolved' : 'ignore';
  const region = envelope.region;

  return buildSignal(
    {
      family: 'codepipeline',
      kind: `${level}-execution`,
      // The ARN's shape differs between AWS's own samples, so the name comes from the detail.
      name: detail.pipeline,
      key: `codepipeline:${envelope.account ?? ''}:${region ?? ''}:${detail.pipeline}`,
      ownId: envelope.id,
      state,
      ignoreReason:
        state === 'ignore' ? `CodePipeline ${level} execution is ${detail.state}; only failures and pipeline successes are alerted on` : undefined,
      title: `CodePipeline ${detail.pipeline}${where ? ` (${where})` : ''}: ${detail.state.toLowerCase()}`,
      reason: joinParts([
        text(result?.['external-execution-summary']),
        text(result?.['error-code']) && `error code ${text(result?.['error-code'])}`,
      ]) || `${level[0]?.toUpperCase()}${level.slice(1)} execution ${detail['execution-id'] ?? ''} ${detail.state}`.replace(/\s+/g, ' '),
      resource: { type: 'CodePipeline pipeline', name: detail.pipeline, arn: envelope.resources[0] },
      account: envelope.account,
      region,
      times: [envelope.time],
      links: links(
        codePipelineExecutionLink(region, detail.pipeline, detail['execution-id']),
        externalLink(text(result?.['external-execution-url'])),
      ),
      event: payload,
      payload,
    },
    ctx,
  );
}
