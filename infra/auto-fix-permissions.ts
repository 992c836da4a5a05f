/** @module Infrastructure (automatic fixes, issue 14): the processor's least-privilege IAM statements, one set per fix the catalog declares — pure, catalog in, statements out. */
import type { CatalogEntry } from '../src/catalog/schema.ts';

/*
 * Targets in the catalog are fixed ARNs (the loader refuses placeholders there), so each statement
 * names exactly what may be called. What cannot be narrowed is said where it is: SSM's
 * GetAutomationExecution takes only execution ARNs, whose ids are not known before the run, and a
 * document named without its ARN may run in any region of the account the processor is in.
 */
export interface PermissionStatement {
  actions: string[];
  resources: string[];
}

/** `arn:<partition>:<service>:<region>:<account>:<rest>` → its parts. */
function arnParts(arn: string): { partition: string; region: string; account: string; rest: string } {
  const [, partition = 'aws', , region = '', account = '', ...rest] = arn.split(':');
  return { partition, region, account, rest: rest.join(':') };
}

function statementsFor(fix: NonNullable<CatalogEntry['autoFix']>): PermissionStatement[] {
  const { action } = fix;
  switch (action.kind) {
    case 'step-functions': {
      const { partition, region, account, rest } = arnParts(action.stateMachine);
      const name = rest.slice('stateMachine:'.length);
      return [
        { actions: ['states:StartExecution'], resources: [action.stateMachine] },
        { actions: ['states:DescribeExecution'], resources: [`arn:${partition}:states:${region}:${account}:execution:${name}:*`] },
      ];
    }
    case 'lambda-invoke':
      return [{ actions: ['lambda:InvokeFunction'], resources: [action.function] }];
    case 'ecs-redeploy':
      return [{ actions: ['ecs:UpdateService', 'ecs:DescribeServices'], resources: [action.service] }];
    case 'ssm-automation': {
      const named = action.document.startsWith('arn:') ? arnParts(action.document) : undefined;
      const document = named ? named.rest.slice('document/'.length) : action.document;
      const definition = named ? `arn:${named.partition}:ssm:${named.region}:${named.account}:automation-definition/${document}:*` : `arn:aws:ssm:*:*:automation-definition/${document}:*`;
      return [
        { actions: ['ssm:StartAutomationExecution'], resources: [definition] },
        { actions: ['ssm:GetAutomationExecution'], resources: [named ? `arn:${named.partition}:ssm:${named.region}:${named.account}:automation-execution/*` : 'arn:aws:ssm:*:*:automation-execution/*'] },
        ...(action.assumeRole ? [{ actions: ['iam:PassRole'], resources: [action.assumeRole] }] : []),
      ];
    }
  }
}

/** The statements the processor needs for every fix in the catalog: the same action on many targets is one statement, resources sorted. */
export function autoFixPermissions(entries: ReadonlyArray<Pick<CatalogEntry, 'autoFix'>>): PermissionStatement[] {
  const byActions = new Map<string, Set<string>>();
  for (const entry of entries) {
    if (!entry.autoFix) continue;
    for (const statement of statementsFor(entry.autoFix)) {
      const key = statement.actions.join(',');
      const resources = byActions.get(key) ?? new Set<string>();
      for (const resource of statement.resources) resources.add(resource);
      byActions.set(key, resources);
    }
  }
  return [...byActions].sort(([a], [b]) => a.localeCompare(b)).map(([actions, resources]) => ({ actions: actions.split(','), resources: [...resources].sort() }));
}
