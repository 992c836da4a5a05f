import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/catalog/catalog-problem.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { fillFixCall, MAX_FIX_VALUE_LENGTH, MAX_SSM_VALUE_LENGTH } from '../../src/pipeline/fill-auto-fix.ts';

const CONFIG = { path: 'cat/clarion.config.yaml', text: 'audiences:\n  techies: { template: techies, channel: "#t" }\n' };

/** A glue-job entry with the given autoFix block (YAML lines, indented under `autoFix:`). */
function entryWithFix(fix: string): string {
  return `entries:
  - id: sync.job-failed
    title: The sync failed
    match: { family: glue-job, name: nightly }
    severity: high
    impact: { level: major, summary: Records are a day old. }
    audiences: [techies]
    autoFix:
${fix
  .split('\n')
  .map((line) => `      ${line}`)
  .join('\n')}
`;
}

function errors(text: string): string[] {
  const result = loadCatalog({ config: CONFIG, entryFiles: [{ path: 'cat/sync.yaml', text }] });
  return result.problems.filter((p) => p.severity === 'error').map(formatProblem);
}

const SFN = 'arn:aws:states:eu-west-2:123456789012:stateMachine:restart-sync';

describe('Automatic fixes in the catalog', () => {
  it('accepts a step-functions fix with placeholders its family can fill, and applies the default limit', () => {
    // Prepare
    const text = entryWithFix(`title: Restart the sync\nmode: auto\naction:\n  kind: step-functions\n  stateMachine: ${SFN}\n  input: { jobName: "{{detail.jobName}}" }`);

    // Act
    const result = loadCatalog({ config: CONFIG, entryFiles: [{ path: 'cat/sync.yaml', text }] });

    // Assess
    expect(result.problems).toEqual([]);
    expect(result.entries[0]?.entry.autoFix).toMatchObject({ limit: { runs: 1, per: '1h' }, dryRun: false });
  });

  it('refuses a placeholder the family cannot fill, at its file, line and column', () => {
    // Prepare
    const text = entryWithFix(`title: Restart the sync\nmode: auto\naction:\n  kind: step-functions\n  stateMachine: ${SFN}\n  input:\n    alarm: "{{alarm.name}}"`);

    // Act
    const found = errors(text);

    // Assess
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^cat\/sync\.yaml:15:\d+: entries\[0\]\.autoFix\.action\.input\.alarm: placeholder \{\{alarm\.name\}\} cannot be filled by any glue-job signal/);
  });

  it('refuses a placeholder in the target, so IAM can name it exactly', () => {
    // Prepare
    const text = entryWithFix('title: Restart the sync\nmode: auto\naction:\n  kind: step-functions\n  stateMachine: "arn:aws:states:eu-west-2:123456789012:stateMachine:{{detail.jobName}}"');

    // Act
    const found = errors(text);

    // Assess
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/entries\[0\]\.autoFix\.action\.stateMachine: must be a state machine ARN.*placeholders are not allowed in targets/);
  });

  it('refuses a dry run for a kind whose service has none', () => {
    // Prepare
    const text = entryWithFix('title: Redeploy\nmode: suggest\ndryRun: true\naction:\n  kind: ecs-redeploy\n  service: arn:aws:ecs:eu-west-2:123456789012:service/main/portal');

    // Act
    const found = errors(text);

    // Assess
    expect(found).toEqual([expect.stringMatching(/^cat\/sync\.yaml:11:\d+: entries\[0\]\.autoFix\.dryRun: ecs-redeploy has no dry run of its own/)]);
  });

  it('accepts a dry run for a Lambda invoke', () => {
    // Prepare
    const text = entryWithFix('title: Resend\nmode: suggest\ndryRun: true\naction:\n  kind: lambda-invoke\n  function: arn:aws:lambda:eu-west-2:123456789012:function:resend');

    // Act
    const found = errors(text);

    // Assess
    expect(found).toEqual([]);
  });

  it('refuses an ECS service ARN without its cluster', () => {
    // Prepare
    const text = entryWithFix('title: Redeploy\nmode: auto\naction:\n  kind: ecs-redeploy\n  service: arn:aws:ecs:eu-west-2:123456789012:service/portal');

    // Act
    const found = errors(text);

    // Assess
    expect(found).toEqual([expect.stringMatching(/autoFix\.action\.service: must be an ECS service ARN with its cluster/)]);
  });

  it('fills a lone placeholder with the value itself and text around placeholders as a string, unescaped', () => {
    // Prepare
    const vars = { detail: { jobName: 'nightly_<sync>*', attempt: 3 } };

    // Act
    const call = fillFixCall({ kind: 'step-functions', stateMachine: SFN, input: { job: '{{detail.jobName}}', attempt: '{{detail.attempt}}', note: 'run {{detail.jobName}} again', missing: '{{detail.nope}}' } }, vars);

    // Assess
    expect(call).toEqual({ kind: 'step-functions', stateMachine: SFN, input: { job: 'nightly_<sync>*', attempt: 3, note: 'run nightly_<sync>* again', missing: null } });
  });

  it('bounds each filled value, so a hostile event cannot inflate the call', () => {
    // Prepare
    const vars = { detail: { message: 'x'.repeat(100_000) } };

    // Act
    const call = fillFixCall({ kind: 'ssm-automation', document: 'AWS-RestartEC2Instance', parameters: { Reason: ['{{detail.message}}'] } }, vars);

    // Assess: within 1 KB, and within the 512 characters SSM takes for a parameter value
    expect(MAX_SSM_VALUE_LENGTH).toBeLessThan(MAX_FIX_VALUE_LENGTH);
    expect(call.kind === 'ssm-automation' && call.parameters['Reason']![0]!.length).toBe(MAX_SSM_VALUE_LENGTH);
  });
});
