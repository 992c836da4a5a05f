// A placeholder cut short, or one where nothing fills it, is a catalog error at its place: otherwise readers get "{{slo.budgetLeft" as it is.
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/catalog/catalog-problem.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';

const CONFIG = { path: 'cat/clarion.config.yaml', text: 'audiences:\n  techies: { template: techies, channel: "#t" }\n' };
const SFN = 'arn:aws:states:eu-west-2:123456789012:stateMachine:restart-sync';

function errors(entry: string): string[] {
  const text = `entries:
  - id: sync.job-failed
    title: The sync failed
    match: { family: glue-job, name: nightly }
    severity: high
    impact: { level: major, summary: Records are a day old. }
    audiences: [techies]
${entry}`;
  return loadCatalog({ config: CONFIG, entryFiles: [{ path: 'cat/sync.yaml', text }] })
    .problems.filter((p) => p.severity === 'error')
    .map(formatProblem);
}

describe('Catalog: unfinished placeholders', () => {
  it('refuses a summary whose placeholder has no closing braces, at its line and column', () => {
    // Act
    const found = errors('    summary:\n      firing: "The job {{detail.jobName failed."\n');

    // Assess
    expect(found).toEqual(['cat/sync.yaml:9:15: entries[0].summary.firing: has an unfinished placeholder: each {{ needs its }}, around a name such as {{alarm.name}}']);
  });

  it('refuses an unfinished placeholder in an automatic fix\'s parameters', () => {
    // Act
    const found = errors(`    autoFix:\n      title: Restart the sync\n      mode: auto\n      action: { kind: step-functions, stateMachine: ${SFN}, input: { run: "{{detail.jobRunId" } }\n`);

    // Assess
    expect(found).toEqual([expect.stringMatching(/^cat\/sync\.yaml:\d+:\d+: .*autoFix\.action\.input\.run: has an unfinished placeholder/)]);
  });

  it('refuses a placeholder in an automatic fix\'s title, which nothing fills', () => {
    // Act
    const found = errors(`    autoFix:\n      title: Restart {{detail.jobName}} now\n      mode: auto\n      action: { kind: step-functions, stateMachine: ${SFN} }\n`);

    // Assess
    expect(found).toEqual([expect.stringMatching(/^cat\/sync\.yaml:9:14: .*autoFix\.title: is plain words: placeholders are not filled in a fix title/)]);
  });

  it('accepts whole placeholders', () => {
    // Act
    const found = errors('    summary:\n      firing: "The job {{detail.jobName}} failed."\n');

    // Assess
    expect(found).toEqual([]);
  });
});
