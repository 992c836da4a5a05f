/** @module Adapter (automatic fixes, issue 14): calls the service a fix names — SFN StartExecution, Lambda Invoke, ECS UpdateService (forceNewDeployment), SSM StartAutomationExecution — and reads how an asynchronous run stands. */
import { createHash } from 'node:crypto';
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetAutomationExecutionCommand, SSMClient, StartAutomationExecutionCommand } from '@aws-sdk/client-ssm';
import { DeliveryError } from '../core/delivery-error.ts';
import { regionOf } from '../core/fix-call.ts';
import type { FixCall, FixOutcome, FixPort } from '../core/fix-call.ts';
import { classifyAwsError } from './classify-aws-error.ts';
import type { AwsErrorCodes } from './classify-aws-error.ts';

/*
 * The four services' errors, as the SDK names them (any `Exception` suffix removed). Permissions
 * and missing targets are the setup's to fix; a refused request fails the same way every time;
 * throttling and 5xx go back on the queue (the run keeps its slot and its name, so nothing runs twice).
 */
const FIX_ERRORS: AwsErrorCodes = {
  config: new Set([
    'AccessDenied',
    'AccessDeniedException',
    'UnrecognizedClient',
    'ResourceNotFound',
    'StateMachineDoesNotExist',
    'StateMachineDeleting',
    'InvalidArn',
    'ServiceNotFound',
    'ServiceNotActive',
    'ClusterNotFound',
    'PlatformUnknown',
    'InvalidDocument',
    'AutomationDefinitionNotFound',
    'AutomationDefinitionVersionNotFound',
    'KMSAccess',
    'KMSDisabled',
    'KMSNotFound',
  ]),
  platform: new Set([
    'InvalidExecutionInput',
    'InvalidName',
    'ExecutionAlreadyExists',
    'ExecutionLimitExceeded',
    'InvalidParameterValue',
    'InvalidParameter',
    'InvalidRequestContent',
    'RequestTooLarge',
    'RequestEntityTooLarge',
    'UnsupportedMediaType',
    'InvalidAutomationExecutionParameters',
    'IdempotentParameterMismatch',
    'Validation',
    'ValidationError',
  ]),
  throttled: new Set(['Throttling', 'TooManyRequests', 'AutomationExecutionLimitExceeded', 'ResourceConflict', 'ResourceNotReady', 'EC2Throttled']),
  internal: 'Service',
};

/** How much of a service's own failure words are kept: they are shown (escaped) in the thread. */
const DETAIL_MAX = 300;

export interface AwsFixRunnerOptions {
  /** The processor's own region: where an SSM document named without an ARN runs. */
  defaultRegion?: string;
  /** Clients per region (tests hand in mocked ones); default: one client per service and region, made on first use. */
  clients?: { sfn?: (region: string) => SFNClient; lambda?: (region: string) => LambdaClient; ecs?: (region: string) => ECSClient; ssm?: (region: string) => SSMClient };
}

function perRegion<T>(make: (region: string) => T): (region: string) => T {
  const made = new Map<string, T>();
  return (region) => {
    let client = made.get(region);
    if (!client) made.set(region, (client = make(region)));
    return client;
  };
}

const bounded = (text: string | undefined) => (text ? text.slice(0, DETAIL_MAX) : undefined);
const withDetail = (outcome: Omit<FixOutcome, 'detail'>, detail: string | undefined): FixOutcome => (detail ? { ...outcome, detail } : outcome);

/** SSM's client token is a UUID: derived from the run's name, so a retried start is the same start. */
export function clientTokenFor(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `arn:aws:ecs:<region>:<account>:service/<cluster>/<name>` → its cluster and name. */
function ecsService(arn: string): { cluster: string; name: string } {
  const [, cluster = '', name = ''] = arn.split(':').slice(5).join(':').split('/');
  return { cluster, name };
}

const consoleAt = (region: string, path: string) => `https://${region}.console.aws.amazon.com/${path}`;

export function createAwsFixRunner(options: AwsFixRunnerOptions = {}): FixPort {
  const sfn = perRegion(options.clients?.sfn ?? ((region) => new SFNClient({ region })));
  const lambda = perRegion(options.clients?.lambda ?? ((region) => new LambdaClient({ region })));
  const ecs = perRegion(options.clients?.ecs ?? ((region) => new ECSClient({ region })));
  const ssm = perRegion(options.clients?.ssm ?? ((region) => new SSMClient({ region })));

  function regionFor(call: FixCall): string {
    const region = regionOf(call) ?? options.defaultRegion;
    if (!region) throw new DeliveryError('No region for this automatic fix: name the document by its ARN, or set AWS_REGION', { kind: 'config', code: 'no_region' });
    return region;
  }

  async function calling<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      throw classifyAwsError(error, what, FIX_ERRORS);
    }
  }

  const sfnOutcome = (region: string, executionArn: string, status: string | undefined, detail: string | undefined): FixOutcome => {
    const state = status === 'SUCCEEDED' ? 'succeeded' : status === 'RUNNING' || status === 'PENDING_REDRIVE' ? 'running' : 'failed';
    const outcome = { state, executionId: executionArn, consoleUrl: consoleAt(region, `states/home?region=${region}#/v2/executions/details/${encodeURIComponent(executionArn)}`) } as const;
    return withDetail(outcome, state === 'failed' ? bounded(detail ?? status?.toLowerCase().replaceAll('_', ' ')) : undefined);
  };

  const ssmOutcome = (region: string, id: string, status: string | undefined, detail: string | undefined): FixOutcome => {
    const state = status === 'Success' || status === 'CompletedWithSuccess' ? 'succeeded' : ['Failed', 'TimedOut', 'Cancelled', 'Cancelling', 'Rejected', 'CompletedWithFailure', 'Exited', 'ChangeCalendarOverrideRejected'].includes(status ?? '') ? 'failed' : 'running';
    const outcome = { state, executionId: id, consoleUrl: consoleAt(region, `systems-manager/automation/execution/${encodeURIComponent(id)}?region=${region}`) } as const;
    return withDetail(outcome, state === 'failed' ? bounded(detail ?? status) : undefined);
  };

  const port: FixPort = {
    async start(call, { name, dryRun }) {
      const region = regionFor(call);
      if (dryRun && call.kind !== 'lambda-invoke') throw new DeliveryError(`${call.kind} has no dry run`, { kind: 'config', code: 'no_dry_run' });
      switch (call.kind) {
        case 'step-functions': {
          // The execution's name is the run's: asked again, Step Functions answers with the same execution.
          const executionName = `clarion-${name}`.slice(0, 80);
          const started = await calling(`Step Functions StartExecution of ${call.stateMachine}`, async () => {
            try {
              return await sfn(region).send(new StartExecutionCommand({ stateMachineArn: call.stateMachine, name: executionName, input: JSON.stringify(call.input) }));
            } catch (error) {
              // Once that execution has ended (or was started with other input) Step Functions refuses the name: the run did start, so it is read instead of told failed.
              if (!(error instanceof Error) || error.name.replace(/Exception$/, '') !== 'ExecutionAlreadyExists') throw error;
              return { executionArn: `${call.stateMachine.replace(':stateMachine:', ':execution:')}:${executionName}`, already: true };
            }
          });
          if ('already' in started) return port.check(call, started.executionArn);
          return sfnOutcome(region, started.executionArn ?? '', 'RUNNING', undefined);
        }
        case 'lambda-invoke': {
          const answer = await calling(`Lambda Invoke of ${call.function}`, () =>
            lambda(region).send(new InvokeCommand({ FunctionName: call.function, InvocationType: dryRun ? 'DryRun' : 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify(call.payload)) })),
          );
          const functionName = call.function.split(':')[6] ?? call.function;
          const consoleUrl = consoleAt(region, `lambda/home?region=${region}#/functions/${encodeURIComponent(functionName)}?tab=monitoring`);
          const executionId = answer.$metadata?.requestId ?? `${functionName}@${name}`;
          if (answer.FunctionError) return { state: 'failed', executionId, consoleUrl, detail: bounded(`${answer.FunctionError}: ${errorMessage(answer.Payload)}`)! };
          return { state: 'succeeded', executionId, consoleUrl };
        }
        case 'ecs-redeploy': {
          const { cluster, name: service } = ecsService(call.service);
          const answer = await calling(`ECS UpdateService of ${call.service}`, () => ecs(region).send(new UpdateServiceCommand({ cluster, service, forceNewDeployment: true })));
          const primary = answer.service?.deployments?.find((d) => d.status === 'PRIMARY');
          return {
            state: 'running',
            executionId: primary?.id ?? 'unknown',
            consoleUrl: consoleAt(region, `ecs/v2/clusters/${encodeURIComponent(cluster)}/services/${encodeURIComponent(service)}/deployments?region=${region}`),
          };
        }
        case 'ssm-automation': {
          const parameters = { ...call.parameters, ...(call.assumeRole ? { AutomationAssumeRole: [call.assumeRole] } : {}) };
          const answer = await calling(`SSM StartAutomationExecution of ${call.document}`, () =>
            ssm(region).send(
              new StartAutomationExecutionCommand({
                DocumentName: call.document,
                ...(call.documentVersion ? { DocumentVersion: call.documentVersion } : {}),
                ...(Object.keys(parameters).length > 0 ? { Parameters: parameters } : {}),
                ClientToken: clientTokenFor(name),
              }),
            ),
          );
          return ssmOutcome(region, answer.AutomationExecutionId ?? 'unknown', 'Pending', undefined);
        }
      }
    },

    async check(call, executionId) {
      const region = regionFor(call);
      switch (call.kind) {
        case 'step-functions': {
          const answer = await calling(`Step Functions DescribeExecution of ${executionId}`, () => sfn(region).send(new DescribeExecutionCommand({ executionArn: executionId })));
          return sfnOutcome(region, executionId, answer.status, [answer.error, answer.cause].filter(Boolean).join(': ') || undefined);
        }
        case 'ecs-redeploy': {
          const { cluster, name: service } = ecsService(call.service);
          const answer = await calling(`ECS DescribeServices of ${call.service}`, () => ecs(region).send(new DescribeServicesCommand({ cluster, services: [service] })));
          const deployment = answer.services?.[0]?.deployments?.find((d) => d.id === executionId);
          const consoleUrl = consoleAt(region, `ecs/v2/clusters/${encodeURIComponent(cluster)}/services/${encodeURIComponent(service)}/deployments?region=${region}`);
          // Gone from the list: a newer deployment replaced it before it finished.
          if (!deployment) return { state: 'failed', executionId, consoleUrl, detail: 'a newer deployment replaced it' };
          if (deployment.rolloutState === 'COMPLETED') return { state: 'succeeded', executionId, consoleUrl };
          if (deployment.rolloutState === 'FAILED') return { state: 'failed', executionId, consoleUrl, detail: bounded(deployment.rolloutStateReason ?? 'the deployment failed')! };
          return { state: 'running', executionId, consoleUrl };
        }
        case 'ssm-automation': {
          const answer = await calling(`SSM GetAutomationExecution of ${executionId}`, () => ssm(region).send(new GetAutomationExecutionCommand({ AutomationExecutionId: executionId })));
          const execution = answer.AutomationExecution;
          return ssmOutcome(region, executionId, execution?.AutomationExecutionStatus, execution?.FailureMessage);
        }
        case 'lambda-invoke':
          // Invoked with RequestResponse: its answer was the outcome.
          throw new DeliveryError('A Lambda invoke has nothing to check', { kind: 'platform', code: 'nothing_to_check' });
      }
    },
  };
  return port;
}

/** A failed function's own message (`errorMessage` of its error payload), or the payload as text. */
function errorMessage(payload: Uint8Array | undefined): string {
  if (!payload) return 'no error message';
  const text = new TextDecoder().decode(payload);
  try {
    const parsed = JSON.parse(text) as { errorMessage?: unknown };
    return typeof parsed.errorMessage === 'string' ? parsed.errorMessage : text;
  } catch {
    return text;
  }
}
