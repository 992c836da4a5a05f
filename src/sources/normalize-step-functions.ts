/** @module Stage 1, normalize: "Step Functions Execution Status Change" events → Signal. */
import * as z from 'zod';
import type { Signal, SignalState } from '../core/signal.ts';
import { parseArn } from './arn.ts';
import type { NormalizeContext } from './build-signal.ts';
import { buildSignal } from './build-signal.ts';
import { links, stepFunctionsExecutionLink, stepFunctionsStateMachineLink } from './console-links.ts';
import type { EventBridgeEnvelope } from './eventbridge-envelope.ts';
import { optionalNumber, optionalString, parseLenient } from './lenient-zod.ts';
import { joinParts } from './read-fields.ts';
import type { JsonObject } from './read-fields.ts';

export const STEP_FUNCTIONS_STATUS_CHANGE = 'Step Functions Execution Status Change';

const ExecutionDetail = z.looseObject({
  executionArn: optionalString,
  stateMachineArn: z.string().min(1),
  name: optionalString,
  status: z.string(),
  startDate: optionalNumber,
  stopDate: optionalNumber,
  /** Not in the 2023 doc samples; read when present. */
  error: optionalString,
  cause: optionalString,
});

const STATES: Record<string, { state: SignalState; words: string }> = {
  FAILED: { state: 'firing', words: 'failed' },
  TIMED_OUT: { state: 'firing', words: 'timed out' },
  ABORTED: { state: 'firing', words: 'was aborted' },
  SUCCEEDED: { state: 'resolved', words: 'succeeded' },
};

export function normalizeStepFunctions(envelope: EventBridgeEnvelope, payload: JsonObject, ctx: NormalizeContext): Signal | null {
  const parsed = parseLenient(ExecutionDetail, envelope.detail);
  if (!parsed.success) return null;
  const detail = parsed.data;
  const arn = parseArn(detail.stateMachineArn);
  const name = arn?.resource.replace(/^stateMachine:/, '').split(':')[0] || detail.stateMachineArn;
  const known = STATES[detail.status];
  const state = known?.state ?? 'ignore';
  const region = envelope.region ?? arn?.region;
  const execution = detail.name ?? detail.executionArn?.split(':').pop();

  return buildSignal(
    {
      family: 'step-functions',
      kind: detail.status.toLowerCase(),
      name,
      key: `step-functions:${detail.stateMachineArn}`,
      ownId: envelope.id,
      state,
      ignoreReason: state === 'ignore' ? `Execution is ${detail.status}; only finished executions are alerted on` : undefined,
      title: `Step Functions state machine ${name}: execution ${known?.words ?? `is ${detail.status}`}`,
      reason:
        joinParts([detail.error, detail.cause], ': ') ||
        `Execution ${execution ?? '(unnamed)'} ended with status ${detail.status}`,
      resource: { type: 'Step Functions state machine', name, arn: detail.stateMachineArn },
      account: envelope.account ?? arn?.account,
      region,
      times: [detail.stopDate, envelope.time],
      links: links(
        detail.executionArn === undefined ? undefined : stepFunctionsExecutionLink(region, detail.executionArn),
        stepFunctionsStateMachineLink(region, detail.stateMachineArn),
      ),
      event: payload,
      payload,
    },
    ctx,
  );
}
