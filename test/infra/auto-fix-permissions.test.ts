import { describe, expect, it } from 'vitest';
import { autoFixPermissions } from '../../infra/auto-fix-permissions.ts';
import { AutoFix } from '../../src/catalog/auto-fix-schema.ts';
import type { CatalogEntry } from '../../src/catalog/schema.ts';
import { loadInfra } from './sst-stand-in.ts';

const PROD = { stage: 'prod', env: { CLARION_ALARM_EMAIL: 'oncall@example.org' } };

function withFix(action: unknown): Pick<CatalogEntry, 'autoFix'> {
  return { autoFix: AutoFix.parse({ title: 'Fix it', mode: 'auto', action }) };
}

describe('infra: least-privilege IAM for automatic fixes', () => {
  it('lets the processor start only the named state machine and describe only its executions', () => {
    // Prepare
    const entries = [withFix({ kind: 'step-functions', stateMachine: 'arn:aws:states:eu-west-2:123456789012:stateMachine:restart-sync' })];

    // Act
    const statements = autoFixPermissions(entries);

    // Assess
    expect(statements).toEqual([
      { actions: ['states:DescribeExecution'], resources: ['arn:aws:states:eu-west-2:123456789012:execution:restart-sync:*'] },
      { actions: ['states:StartExecution'], resources: ['arn:aws:states:eu-west-2:123456789012:stateMachine:restart-sync'] },
    ]);
  });

  it('names the function, the ECS service and the SSM document with its assume role, one statement per action', () => {
    // Prepare
    const entries = [
      withFix({ kind: 'lambda-invoke', function: 'arn:aws:lambda:eu-west-2:123456789012:function:resend' }),
      withFix({ kind: 'lambda-invoke', function: 'arn:aws:lambda:eu-west-1:123456789012:function:purge:live' }),
      withFix({ kind: 'ecs-redeploy', service: 'arn:aws:ecs:eu-west-2:123456789012:service/main/portal' }),
      withFix({ kind: 'ssm-automation', document: 'arn:aws:ssm:eu-west-2:123456789012:document/RestartWorker', assumeRole: 'arn:aws:iam::123456789012:role/fixer' }),
      {},
    ];

    // Act
    const statements = autoFixPermissions(entries);

    // Assess
    expect(statements).toEqual([
      { actions: ['ecs:UpdateService', 'ecs:DescribeServices'], resources: ['arn:aws:ecs:eu-west-2:123456789012:service/main/portal'] },
      { actions: ['iam:PassRole'], resources: ['arn:aws:iam::123456789012:role/fixer'] },
      { actions: ['lambda:InvokeFunction'], resources: ['arn:aws:lambda:eu-west-1:123456789012:function:purge:live', 'arn:aws:lambda:eu-west-2:123456789012:function:resend'] },
      { actions: ['ssm:GetAutomationExecution'], resources: ['arn:aws:ssm:eu-west-2:123456789012:automation-execution/*'] },
      { actions: ['ssm:StartAutomationExecution'], resources: ['arn:aws:ssm:eu-west-2:123456789012:automation-definition/RestartWorker:*'] },
    ]);
  });

  it('adds the shipped catalog’s fixes to the processor and nothing to the interactions function', async () => {
    // Prepare
    const graph = await loadInfra(PROD);

    // Act
    const permissionsOf = (name: string) => (graph.named('sst.aws.Function', name).args['permissions'] as Array<{ actions: string[]; resources: string[] }> | undefined) ?? [];

    // Assess
    // The fixes' own statements: the processor holds others (plain-text SNS, the SLO figures' GetMetricData).
    const fixActions = /^(states|lambda|ecs|ssm|iam):/;
    expect(permissionsOf('Processor').filter((p) => p.actions.every((action) => fixActions.test(action)))).toEqual([
      { actions: ['lambda:InvokeFunction'], resources: ['arn:aws:lambda:eu-west-2:123456789012:function:trainee-notify-resend'] },
      { actions: ['states:DescribeExecution'], resources: ['arn:aws:states:eu-west-2:123456789012:execution:restart-overnight-sync:*'] },
      { actions: ['states:StartExecution'], resources: ['arn:aws:states:eu-west-2:123456789012:stateMachine:restart-overnight-sync'] },
    ]);
    expect(permissionsOf('Interactions').flatMap((p) => p.actions)).not.toContain('lambda:InvokeFunction');
  });
});
