/** @module Stage 1, normalize: "Glue Job State Change" and "Glue Job Run Status" events → Signal. */
import * as z from 'zod';
import type { Severity, Signal, SignalState } from '../core/signal.ts';
import type { NormalizeContext } from './build-signal.ts';
import { buildSignal } from './build-signal.ts';
import { glueJobRunsLink, links } from './console-links.ts';
import type { EventBridgeEnvelope } from './eventbridge-envelope.ts';
import { optionalString, parseLenient } from './lenient-zod.ts';
import type { JsonObject } from './read-fields.ts';

export const GLUE_JOB_STATE_CHANGE = 'Glue Job State Change';
export const GLUE_JOB_RUN_STATUS = 'Glue Job Run Status';

const GlueJobDetail = z.looseObject({
  jobName: z.string().min(1),
  state: optionalString,
  severity: optionalString,
  jobRunId: optionalString,
  message: optionalString,
});

const SEVERITY: Record<string, Severity> = { ERROR: 'high', WARN: 'medium', INFO: 'info' };

const STATES: Record<string, { state: SignalState; words: string }> = {
  FAILED: { state: 'firing', words: 'failed' },
  TIMEOUT: { state: 'firing', words: 'timed out' },
  ERROR: { state: 'firing', words: 'hit an error' },
  SUCCEEDED: { state: 'resolved', words: 'succeeded' },
  STOPPED: { state: 'info', words: 'was stopped' },
};

export function normalizeGlueJob(envelope: EventBridgeEnvelope, payload: JsonObject, ctx: NormalizeContext): Signal | null {
  const parsed = parseLenient(GlueJobDetail, envelope.detail);
  if (!parsed.success) return null;
  const detail = parsed.data;
  const delayed = envelope['detail-type'] === GLUE_JOB_RUN_STATUS;
  const jobState = detail.state ?? 'UNKNOWN';
  const known = STATES[jobState];
  const state: SignalState = delayed ? 'firing' : (known?.state ?? 'ignore');
  const title = delayed
    ? `Glue job ${detail.jobName} is running late (${jobState})`
    : `Glue job ${detail.jobName} ${known?.words ?? `is ${jobState}`}`;

  return buildSignal(
    {
      family: 'glue-job',
      kind: delayed ? 'run-delayed' : jobState.toLowerCase(),
      name: detail.jobName,
      key: `glue-job:${envelope.account ?? ''}:${envelope.region ?? ''}:${detail.jobName}`,
      ownId: envelope.id,
      state,
      ignoreReason: state === 'ignore' ? `Glue job run is ${jobState}; only finished runs are alerted on` : undefined,
      title,
      reason: detail.message ?? '',
      resource: { type: 'Glue job', name: detail.jobName },
      account: envelope.account,
      region: envelope.region,
      times: [envelope.time],
      severityHint: SEVERITY[detail.severity?.toUpperCase() ?? ''],
      links: links(glueJobRunsLink(envelope.region, detail.jobName)),
      event: payload,
      payload,
    },
    ctx,
  );
}
