import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/catalog/catalog-problem.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';

/*
 * Review of issue 14: an SSM Automation started without AutomationAssumeRole runs its steps with
 * the caller's permissions — the processor's, which the generated IAM limits to starting and
 * reading the automation. Its first step that calls AWS would fail in production only; validation
 * says so where it is written.
 */
const CONFIG = { path: 'cat/clarion.config.yaml', text: 'audiences:\n  techies: { template: techies, channel: "#t" }\n' };

function catalogWith(assumeRole: string): string {
  return `entries:
  - id: host.unhealthy
    title: The host is unhealthy
    match: { family: cloudwatch-alarm, name: host-unhealthy }
    severity: high
    impact: { level: major, summary: Pages are slow. }
    audiences: [techies]
    autoFix:
      title: Restart the host
      mode: suggest
      action:
        kind: ssm-automation
        document: AWS-RestartEC2Instance
        parameters: { InstanceId: ["i-0123456789abcdef0"] }
${assumeRole}`;
}

const warnings = (text: string) =>
  loadCatalog({ config: CONFIG, entryFiles: [{ path: 'cat/host.yaml', text }] })
    .problems.filter((p) => p.severity === 'warning')
    .map(formatProblem);

describe('an SSM Automation fix and the role it runs as', () => {
  it('warns, at the action, when no assumeRole is named', () => {
    // Act
    const found = warnings(catalogWith(''));

    // Assess
    expect(found).toEqual([expect.stringMatching(/^cat\/host\.yaml:\d+:\d+: warning: entries\[0\]\.autoFix\.action: .*assumeRole/)]);
  });

  it('does not warn when the automation runs as a named role', () => {
    // Act
    const found = warnings(catalogWith('        assumeRole: arn:aws:iam::123456789012:role/restart-host\n'));

    // Assess
    expect(found).toEqual([]);
  });
});
