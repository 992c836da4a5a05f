import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetAutomationExecutionCommand, SSMClient, StartAutomationExecutionCommand } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { clientTokenFor, createAwsFixRunner } from '../../src/adapters/aws-fix-runner.ts';
import { DeliveryError } from '../../src/core/delivery-error.ts';

const sfn = mockClient(SFNClient);
const lambda = mockClient(LambdaClient);
const ecs = mockClient(ECSClient);
const ssm = mockClient(SSMClient);

const SFN_ARN = 'arn:aws:states:eu-west-2:123456789012:stateMachine:restart-sync';
const EXECUTION_ARN = 'arn:aws:states:eu-west-2:123456789012:execution:restart-sync:clarion-run1';
const SERVICE_ARN = 'arn:aws:ecs:eu-west-1:123456789012:service/main/portal';

function runner() {
  return createAwsFixRunner({ defaultRegion: 'eu-west-2', clients: { sfn: () => new SFNClient({}), lambda: () => new LambdaClient({}), ecs: () => new ECSClient({}), ssm: () => new SSMClient({}) } });
}

afterEach(() => {
  sfn.reset();
  lambda.reset();
  ecs.reset();
  ssm.reset();
});

describe('AWS fix runner', () => {
  it('starts a Step Functions execution named after the run, with the filled input', async () => {
    // Prepare
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date() });

    // Act
    const outcome = await runner().start({ kind: 'step-functions', stateMachine: SFN_ARN, input: { jobName: 'nightly' } }, { name: 'run1', dryRun: false });

    // Assess
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({ stateMachineArn: SFN_ARN, name: 'clarion-run1', input: '{"jobName":"nightly"}' });
    expect(outcome).toMatchObject({ state: 'running', executionId: EXECUTION_ARN });
    expect(outcome.consoleUrl).toBe(`https://eu-west-2.console.aws.amazon.com/states/home?region=eu-west-2#/v2/executions/details/${encodeURIComponent(EXECUTION_ARN)}`);
  });

  it('reads a failed Step Functions execution with its error', async () => {
    // Prepare
    sfn.on(DescribeExecutionCommand).resolves({ status: 'FAILED', error: 'States.TaskFailed', cause: 'job refused', executionArn: EXECUTION_ARN, stateMachineArn: SFN_ARN, startDate: new Date() });

    // Act
    const outcome = await runner().check({ kind: 'step-functions', stateMachine: SFN_ARN, input: {} }, EXECUTION_ARN);

    // Assess
    expect(outcome).toMatchObject({ state: 'failed', detail: 'States.TaskFailed: job refused' });
  });

  it('invokes a Lambda function and takes a FunctionError as a failed fix', async () => {
    // Prepare
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: new TextEncoder().encode('{"errorMessage":"quota exceeded"}') as never });

    // Act
    const outcome = await runner().start({ kind: 'lambda-invoke', function: 'arn:aws:lambda:eu-west-2:123456789012:function:resend', payload: { id: 'r1' } }, { name: 'run2', dryRun: false });

    // Assess
    expect(lambda.commandCalls(InvokeCommand)[0]!.args[0].input.InvocationType).toBe('RequestResponse');
    expect(outcome).toMatchObject({ state: 'failed', detail: 'Unhandled: quota exceeded' });
  });

  it('rehearses a Lambda invoke with InvocationType DryRun', async () => {
    // Prepare
    lambda.on(InvokeCommand).resolves({ StatusCode: 204 });

    // Act
    const outcome = await runner().start({ kind: 'lambda-invoke', function: 'arn:aws:lambda:eu-west-2:123456789012:function:resend', payload: {} }, { name: 'run3', dryRun: true });

    // Assess
    expect(lambda.commandCalls(InvokeCommand)[0]!.args[0].input.InvocationType).toBe('DryRun');
    expect(outcome.state).toBe('succeeded');
  });

  it('forces a new ECS deployment in the service’s own region and follows its rollout state', async () => {
    // Prepare
    ecs.on(UpdateServiceCommand).resolves({ service: { deployments: [{ id: 'ecs-svc/1', status: 'PRIMARY', rolloutState: 'IN_PROGRESS' }, { id: 'ecs-svc/0', status: 'ACTIVE' }] } });
    ecs.on(DescribeServicesCommand).resolves({ services: [{ deployments: [{ id: 'ecs-svc/1', status: 'PRIMARY', rolloutState: 'COMPLETED' }] }] });
    const fixes = runner();
    const call = { kind: 'ecs-redeploy' as const, service: SERVICE_ARN };

    // Act
    const started = await fixes.start(call, { name: 'run4', dryRun: false });
    const checked = await fixes.check(call, started.executionId);

    // Assess
    expect(ecs.commandCalls(UpdateServiceCommand)[0]!.args[0].input).toEqual({ cluster: 'main', service: 'portal', forceNewDeployment: true });
    expect(started).toMatchObject({ state: 'running', executionId: 'ecs-svc/1' });
    expect(started.consoleUrl).toContain('https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/main/services/portal/deployments');
    expect(checked.state).toBe('succeeded');
  });

  it('starts an SSM Automation with a client token from the run, so a retry starts nothing new', async () => {
    // Prepare
    ssm.on(StartAutomationExecutionCommand).resolves({ AutomationExecutionId: 'exec-1' });
    ssm.on(GetAutomationExecutionCommand).resolves({ AutomationExecution: { AutomationExecutionStatus: 'Failed', FailureMessage: 'Step restart failed' } });
    const call = { kind: 'ssm-automation' as const, document: 'AWS-RestartEC2Instance', parameters: { InstanceId: ['i-1'] }, assumeRole: 'arn:aws:iam::123456789012:role/fixer' };

    // Act
    const started = await runner().start(call, { name: 'run5', dryRun: false });
    const checked = await runner().check(call, 'exec-1');

    // Assess
    expect(ssm.commandCalls(StartAutomationExecutionCommand)[0]!.args[0].input).toEqual({
      DocumentName: 'AWS-RestartEC2Instance',
      Parameters: { InstanceId: ['i-1'], AutomationAssumeRole: ['arn:aws:iam::123456789012:role/fixer'] },
      ClientToken: clientTokenFor('run5'),
    });
    expect(clientTokenFor('run5')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(started.consoleUrl).toBe('https://eu-west-2.console.aws.amazon.com/systems-manager/automation/execution/exec-1?region=eu-west-2');
    expect(checked).toMatchObject({ state: 'failed', detail: 'Step restart failed' });
  });

  it('makes throttling a retryable DeliveryError and a missing permission a final one', async () => {
    // Prepare
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    const denied = Object.assign(new Error('no'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    sfn.on(StartExecutionCommand).rejectsOnce(throttled).rejectsOnce(denied);
    const call = { kind: 'step-functions' as const, stateMachine: SFN_ARN, input: {} };

    // Act
    const first = await runner().start(call, { name: 'run6', dryRun: false }).catch((error: unknown) => error);
    const second = await runner().start(call, { name: 'run6', dryRun: false }).catch((error: unknown) => error);

    // Assess
    expect(first).toBeInstanceOf(DeliveryError);
    expect((first as DeliveryError).retryable).toBe(true);
    expect((second as DeliveryError).retryable).toBe(false);
  });
});
