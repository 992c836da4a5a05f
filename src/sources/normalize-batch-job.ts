/** @module Stage 1, normalize: "Batch Job State Change" events → Signal. */
import * as z from 'zod';
import type { Signal, SignalState } from '../core/signal.ts';
import type { NormalizeContext } from './build-signal.ts';
import { buildSignal } from './build-signal.ts';
import { batchJobLink, links, logStreamLink } from './console-links.ts';
import type { EventBridgeEnvelope } from './eventbridge-envelope.ts';
import { optionalArray, optionalNumber, optionalObject, optionalString, parseLenient } from './lenient-zod.ts';
import { asObject, joinParts, num, objects, text } from './read-fields.ts';
import type { JsonObject } from './read-fields.ts';

export const BATCH_JOB_STATE_CHANGE = 'Batch Job State Change';

/** Where Batch sends container logs unless a job definition says otherwise. */
const DEFAULT_LOG_GROUP = '/aws/batch/job';

const BatchJobDetail = z.looseObject({
  jobName: z.string().min(1),
  jobId: optionalString,
  jobArn: optionalString,
  jobQueue: optionalString,
  status: z.string(),
  statusReason: optionalString,
  attempts: optionalArray,
  container: optionalObject,
  stoppedAt: optionalNumber,
  startedAt: optionalNumber,
  createdAt: optionalNumber,
});

const STATES: Record<string, SignalState> = { FAILED: 'firing', SUCCEEDED: 'resolved' };

export function normalizeBatchJob(envelope: EventBridgeEnvelope, payload: JsonObject, ctx: NormalizeContext): Signal | null {
  const parsed = parseLenient(BatchJobDetail, envelope.detail);
  if (!parsed.success) return null;
  const detail = parsed.data;
  const state = STATES[detail.status] ?? 'ignore';
  const lastAttempt = objects(detail.attempts).at(-1);
  const attemptContainer = asObject(lastAttempt?.container);
  const exitCode = num(attemptContainer?.exitCode) ?? num(detail.container?.exitCode);
  const containerReason = text(attemptContainer?.reason) ?? text(detail.container?.reason);
  const logStream = text(attemptContainer?.logStreamName) ?? text(detail.container?.logStreamName);
  const region = envelope.region;
  const statusWords: Record<string, string> = { FAILED: 'failed', SUCCEEDED: 'succeeded' };

  return buildSignal(
    {
      family: 'batch-job',
      kind: detail.status.toLowerCase(),
      name: detail.jobName,
      key: `batch-job:${envelope.account ?? ''}:${region ?? ''}:${detail.jobName}`,
      ownId: envelope.id,
      state,
      ignoreReason: state === 'ignore' ? `Batch job is ${detail.status}; only FAILED and SUCCEEDED are alerted on` : undefined,
      title: `Batch job ${detail.jobName} ${statusWords[detail.status] ?? `is ${detail.status}`}`,
      reason: joinParts([
        detail.statusReason ?? text(lastAttempt?.statusReason),
        exitCode === undefined ? undefined : `exit code ${exitCode}`,
        containerReason,
      ]),
      resource: { type: 'Batch job', name: detail.jobName, arn: detail.jobArn },
      account: envelope.account,
      region,
      times: [detail.stoppedAt, envelope.time],
      links: links(
        detail.jobId === undefined ? undefined : batchJobLink(region, detail.jobId),
        logStream === undefined ? undefined : logStreamLink(region, DEFAULT_LOG_GROUP, logStream),
      ),
      event: payload,
      payload,
    },
    ctx,
  );
}
