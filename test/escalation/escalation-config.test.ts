// Escalation policies and paging in the configuration: what validation accepts, and where it points when it refuses.
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/catalog/catalog-problem.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';

const AUDIENCES = `audiences:
  techies: { template: techies, channel: "#t" }
`;

const ENTRY = (extra = '') => `entries:
  - id: web.app-down
    title: The website is down
    match: { family: cloudwatch-alarm, name: web-down }
    severity: critical
    impact: { level: outage, summary: Nobody can use the site. }
    audiences: [techies]
${extra}`;

function errorsOf(config: string, entries = ENTRY()): string[] {
  const result = loadCatalog({ config: { path: 'cat/clarion.config.yaml', text: AUDIENCES + config }, entryFiles: [{ path: 'cat/web.yaml', text: entries }] });
  return result.problems.filter((p) => p.severity === 'error').map(formatProblem);
}

describe('escalation in the configuration', () => {
  it('accepts policies chosen by severity, with a paging service the steps name', () => {
    // Prepare
    const config = `escalation:
  policies:
    critical-on-call:
      hours: { days: [mon, tue], start: "08:00", end: "20:00" }
      repeat: 4h
      steps:
        - { after: 5m, remind: true }
        - { after: 15m, mention: S0ONCALL }
        - { after: 30m, channel: "#incidents" }
        - { after: 30m, page: pagerduty }
  bySeverity: { critical: critical-on-call }
paging:
  pagerduty: {}
`;

    // Act
    const errors = errorsOf(config, ENTRY('    escalation: critical-on-call\n'));

    // Assess
    expect(errors).toEqual([]);
  });

  it('points at a severity that names an unknown policy', () => {
    // Act
    const errors = errorsOf(`escalation:
  policies: {}
  bySeverity: { critical: nobody }
`);

    // Assess
    expect(errors).toEqual([expect.stringMatching(/^cat\/clarion\.config\.yaml:5:\d+: escalation\.bySeverity\.critical: unknown escalation policy "nobody"/)]);
  });

  it('points at an entry that names an unknown policy', () => {
    // Act
    const errors = errorsOf('', ENTRY('    escalation: wake-everyone\n'));

    // Assess
    expect(errors).toEqual([expect.stringMatching(/^cat\/web\.yaml:8:\d+: entries\[0\]\.escalation: unknown escalation policy "wake-everyone"/)]);
  });

  it('points at a step that comes before the one above it', () => {
    // Act
    const errors = errorsOf(`escalation:
  policies:
    p:
      steps:
        - { after: 15m, remind: true }
        - { after: 5m, mention: S0ONCALL }
`);

    // Assess
    expect(errors).toEqual([expect.stringMatching(/^cat\/clarion\.config\.yaml:8:\d+: escalation\.policies\.p\.steps\[1\]\.after: steps must be in order/)]);
  });

  it('points at a step that pages a service paging does not configure', () => {
    // Act
    const errors = errorsOf(`escalation:
  policies:
    p:
      steps:
        - { after: 5m, page: opsgenie }
`);

    // Assess
    expect(errors).toEqual([expect.stringMatching(/^cat\/clarion\.config\.yaml:7:\d+: escalation\.policies\.p\.steps\[0\]\.page: unknown paging service "opsgenie"/)]);
  });

  it('refuses a mention that is not a user group id', () => {
    // Act
    const errors = errorsOf(`escalation:
  policies:
    p:
      steps:
        - { after: 5m, mention: "@oncall" }
`);

    // Assess
    expect(errors.join('\n')).toContain('must be a Slack user group id');
  });
});
