import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAwsFixRunner } from '../../src/adapters/aws-fix-runner.ts';

/*
 * Review of issue 14: a Step Functions start whose answer was lost (a 5xx, a timeout, a processor
 * that stopped) is asked again with the same execution name. Step Functions answers
 * ExecutionAlreadyExists once that execution has ended (or when the input differs), and the run
 * did happen: it must be read, not told as a failed fix.
 */
const sfn = mockClient(SFNClient);
const SFN_ARN = 'arn:aws:states:eu-west-2:123456789012:stateMachine:restart-sync';
const EXECUTION_ARN = 'arn:aws:states:eu-west-2:123456789012:execution:restart-sync:clarion-run1';

const runner = () => createAwsFixRunner({ defaultRegion: 'eu-west-2', clients: { sfn: () => new SFNClient({}) } });

afterEach(() => sfn.reset());

describe('a Step Functions fix started again under the same name', () => {
  it('reads the execution already started by that name instead of failing the run', async () => {
    // Prepare
    const exists = Object.assign(new Error('Execution Already Exists'), { name: 'ExecutionAlreadyExists', $metadata: { httpStatusCode: 400 } });
    sfn.on(StartExecutionCommand).rejects(exists);
    sfn.on(DescribeExecutionCommand, { executionArn: EXECUTION_ARN }).resolves({ status: 'SUCCEEDED', executionArn: EXECUTION_ARN, stateMachineArn: SFN_ARN, startDate: new Date() });

    // Act
    const outcome = await runner().start({ kind: 'step-functions', stateMachine: SFN_ARN, input: { jobName: 'nightly' } }, { name: 'run1', dryRun: false });

    // Assess
    expect(outcome).toMatchObject({ state: 'succeeded', executionId: EXECUTION_ARN });
  });
});
