/** @module Local stack (automatic fixes, issue 14): a stand-in for the four services fixes call — records each call, answers as the service does, finishes asynchronous runs after a while on the stack's clock, and fails on request. */
import { createHash } from 'node:crypto';
import { DeliveryError } from '../core/delivery-error.ts';
import { regionOf, targetName } from '../core/fix-call.ts';
import type { FixCall, FixKind, FixOutcome, FixPort } from '../core/fix-call.ts';

/** How long an asynchronous run (SSM, ECS, Step Functions) takes here, on the stack's clock: `POST /api/clock` moves it on. */
export const STAND_IN_RUN_SECONDS = 30;
const ACCOUNT = '123456789012';

/** One call the stand-in took, as `GET /api/fixes` lists it. */
export interface StandInRun {
  executionId: string;
  kind: FixKind;
  target: string;
  /** What the service was sent: the input, payload or parameters. */
  input: unknown;
  name: string;
  dryRun: boolean;
  startedAt: string;
  /** When it ends (an asynchronous run) or ended (a Lambda invoke). */
  endsAt: string;
  outcome: 'succeeded' | 'failed';
  /** Whether it has ended by the stack's clock now. */
  state?: 'running' | 'succeeded' | 'failed';
}

/** `throttled`: the next calls are refused as throttled (retried through the queue); `denied`: refused for good (no permission); `fails`: the next runs end failed. */
export interface StandInFault {
  fault: 'throttled' | 'denied' | 'fails';
  /** Only calls of this kind (default any). */
  kind?: FixKind;
  /** How many calls it applies to (default 1). */
  times: number;
}

export interface FixStandIn extends FixPort {
  runs(): StandInRun[];
  fail(fault: StandInFault): void;
  faults(): StandInFault[];
  clearFaults(): number;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

function consoleUrl(call: FixCall, executionId: string): string {
  const region = regionOf(call) ?? 'eu-west-2';
  const base = `https://${region}.console.aws.amazon.com`;
  switch (call.kind) {
    case 'step-functions':
      return `${base}/states/home?region=${region}#/v2/executions/details/${encodeURIComponent(executionId)}`;
    case 'lambda-invoke':
      return `${base}/lambda/home?region=${region}#/functions/${encodeURIComponent(targetName(call))}?tab=monitoring`;
    case 'ecs-redeploy': {
      const [, cluster = '', service = ''] = call.service.split(':').slice(5).join(':').split('/');
      return `${base}/ecs/v2/clusters/${encodeURIComponent(cluster)}/services/${encodeURIComponent(service)}/deployments?region=${region}`;
    }
    case 'ssm-automation':
      return `${base}/systems-manager/automation/execution/${encodeURIComponent(executionId)}?region=${region}`;
  }
}

function targetOf(call: FixCall): string {
  return call.kind === 'step-functions' ? call.stateMachine : call.kind === 'lambda-invoke' ? call.function : call.kind === 'ecs-redeploy' ? call.service : call.document;
}

function inputOf(call: FixCall): unknown {
  return call.kind === 'step-functions' ? call.input : call.kind === 'lambda-invoke' ? call.payload : call.kind === 'ssm-automation' ? call.parameters : {};
}

/** The id the service would give: Step Functions and SSM derive it from the run's name, so asking again answers the same run. */
function executionIdFor(call: FixCall, name: string, count: number): string {
  const region = regionOf(call) ?? 'eu-west-2';
  if (call.kind === 'step-functions') return `arn:aws:states:${region}:${ACCOUNT}:execution:${targetName(call)}:clarion-${name}`.slice(0, 256);
  if (call.kind === 'ssm-automation') return hash(`ssm:${name}`).slice(0, 36);
  if (call.kind === 'ecs-redeploy') return `ecs-svc/${String(count).padStart(19, '0')}`;
  return hash(`lambda:${name}:${count}`).slice(0, 36);
}

export function createFixStandIn(options: { now: () => Date }): FixStandIn {
  const runs: StandInRun[] = [];
  const pending: StandInFault[] = [];

  /** Takes one use of the first fault that applies to this kind. */
  function takeFault(kind: FixKind, which: StandInFault['fault'][]): StandInFault['fault'] | undefined {
    const index = pending.findIndex((f) => which.includes(f.fault) && (f.kind === undefined || f.kind === kind));
    if (index < 0) return undefined;
    const fault = pending[index]!;
    fault.times -= 1;
    if (fault.times <= 0) pending.splice(index, 1);
    return fault.fault;
  }

  function outcomeOf(run: StandInRun, call: FixCall): FixOutcome {
    const ended = Date.parse(run.endsAt) <= options.now().getTime();
    const state = ended ? run.outcome : 'running';
    return { state, executionId: run.executionId, consoleUrl: consoleUrl(call, run.executionId), ...(state === 'failed' ? { detail: 'the stand-in was told to fail this run' } : {}) };
  }

  return {
    async start(call, { name, dryRun }) {
      const refused = takeFault(call.kind, ['throttled', 'denied']);
      if (refused === 'throttled') throw new DeliveryError(`${call.kind} (stand-in) failed: ThrottlingException`, { kind: 'rate-limited', code: 'ThrottlingException' });
      if (refused === 'denied') throw new DeliveryError(`${call.kind} (stand-in) failed: AccessDeniedException`, { kind: 'config', code: 'AccessDeniedException' });
      const executionId = executionIdFor(call, name, runs.length + 1);
      // Asked again with the same name, Step Functions and SSM answer with the run already started.
      const same = runs.find((r) => r.executionId === executionId);
      if (same) return outcomeOf(same, call);
      const now = options.now();
      const failed = takeFault(call.kind, ['fails']) === 'fails';
      const synchronous = call.kind === 'lambda-invoke';
      const run: StandInRun = {
        executionId,
        kind: call.kind,
        target: targetOf(call),
        input: inputOf(call),
        name,
        dryRun,
        startedAt: now.toISOString(),
        endsAt: new Date(now.getTime() + (synchronous ? 0 : STAND_IN_RUN_SECONDS * 1000)).toISOString(),
        outcome: failed ? 'failed' : 'succeeded',
      };
      runs.push(run);
      if (synchronous && failed) return { state: 'failed', executionId, consoleUrl: consoleUrl(call, executionId), detail: 'Unhandled: the stand-in was told to fail this run' };
      return outcomeOf(run, call);
    },
    async check(call, executionId) {
      const run = runs.find((r) => r.executionId === executionId);
      if (!run) throw new DeliveryError(`no execution ${executionId} (stand-in)`, { kind: 'platform', code: 'ExecutionDoesNotExist' });
      return outcomeOf(run, call);
    },
    runs: () => runs.map((run) => ({ ...run, state: Date.parse(run.endsAt) <= options.now().getTime() ? run.outcome : 'running' })),
    fail(fault) {
      pending.push({ ...fault });
    },
    faults: () => pending.map((fault) => ({ ...fault })),
    clearFaults() {
      const count = pending.length;
      pending.length = 0;
      return count;
    },
  };
}
