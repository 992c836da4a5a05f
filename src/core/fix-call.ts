/** @module Core: an automatic fix as one alert would run it (issue 14) — the fixed target, the parameters filled from its signal — and the result of a call. */
import * as z from 'zod';

/*
 * The catalog's `autoFix` (src/catalog/auto-fix-schema.ts) with its placeholders filled, kept on
 * the alert (and so in its record): the stored alert drops the signal's values, and a request
 * handled minutes later, or a *Run fix* press, still has what to call the service with.
 */
const Json = z.record(z.string(), z.unknown());

export const FixCall = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('step-functions'), stateMachine: z.string(), input: Json }),
  z.looseObject({ kind: z.literal('lambda-invoke'), function: z.string(), payload: Json }),
  z.looseObject({ kind: z.literal('ecs-redeploy'), service: z.string() }),
  z.looseObject({
    kind: z.literal('ssm-automation'),
    document: z.string(),
    documentVersion: z.string().optional(),
    parameters: z.record(z.string(), z.array(z.string())),
    assumeRole: z.string().optional(),
  }),
]);
export type FixCall = z.infer<typeof FixCall>;
export type FixKind = FixCall['kind'];

export const AlertAutoFix = z.looseObject({
  title: z.string(),
  mode: z.enum(['auto', 'suggest']),
  call: FixCall,
});
export type AlertAutoFix = z.infer<typeof AlertAutoFix>;

/** The fix's target as people name it: the last part of its ARN (a state machine, a function, a service), or the document. */
export function targetName(call: FixCall): string {
  const arn = call.kind === 'step-functions' ? call.stateMachine : call.kind === 'lambda-invoke' ? call.function : call.kind === 'ecs-redeploy' ? call.service : call.document;
  const last = arn.split(/[:/]/).filter((part) => part !== '').at(-1) ?? arn;
  // A Lambda ARN may end in a qualifier (version or alias): the function is named before it.
  if (call.kind === 'lambda-invoke') {
    const parts = arn.split(':');
    return parts.length > 7 ? `${parts[6]}:${parts[7]}` : (parts[6] ?? last);
  }
  return last;
}

/** What the call does, in a few words: for the confirm dialog and the thread. */
export function describeCall(call: FixCall): string {
  const name = targetName(call);
  switch (call.kind) {
    case 'step-functions':
      return `start the Step Functions state machine ${name}`;
    case 'lambda-invoke':
      return `invoke the Lambda function ${name}`;
    case 'ecs-redeploy':
      return `force a new deployment of the ECS service ${name}`;
    case 'ssm-automation':
      return `run the SSM Automation document ${name}`;
  }
}

/** The region a call goes to: its target's own (an SSM document named without an ARN: undefined, the processor's region). */
export function regionOf(call: FixCall): string | undefined {
  const arn = call.kind === 'step-functions' ? call.stateMachine : call.kind === 'lambda-invoke' ? call.function : call.kind === 'ecs-redeploy' ? call.service : call.document;
  return arn.startsWith('arn:') ? arn.split(':')[3] || undefined : undefined;
}

/** Where a call stands, as the service says: running (asynchronous kinds), or done either way. */
export type FixState = 'running' | 'succeeded' | 'failed';

/** What a call or a check answered. */
export interface FixOutcome {
  state: FixState;
  /** The execution's id or ARN (an SSM execution id, an ECS deployment id, an SFN execution ARN, a Lambda request id). */
  executionId: string;
  /** The execution in the AWS console, in the target's region. */
  consoleUrl: string;
  /** In a few words: why it failed, or how it stands (the service's own words; untrusted text). */
  detail?: string;
}

/**
 * Calls the service a fix names. `name` is derived from the run's claim: Step Functions takes it as
 * the execution name and SSM as the client token, so a retry after a lost answer starts nothing new.
 * Failures throw `DeliveryError` (retryable ones go back on the queue).
 */
export interface FixPort {
  start(call: FixCall, options: { name: string; dryRun: boolean }): Promise<FixOutcome>;
  /** How an asynchronous run (SSM, ECS, SFN) stands now. */
  check(call: FixCall, executionId: string): Promise<FixOutcome>;
}
