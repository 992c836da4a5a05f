// `clarion validate` reports every problem of a catalog in one run: an entry that fails the schema hides nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClarion, scratch } from './run-clarion.ts';

const CONFIG = ['audiences:', '  techies: { template: techies, channel: "#t" }', '  local-office: { template: local-office, channel: "#lo" }', ''];

function entry(fields: Record<string, string>): string[] {
  return Object.entries(fields).map(([key, value], i) => `${i === 0 ? '  - ' : '    '}${key}: ${value}`);
}

const base = (id: string, name: string) => ({
  id,
  title: 'Nightly jobs failed',
  match: `{ family: cloudwatch-alarm, name: ${name} }`,
  severity: 'high',
  impact: '{ level: major, summary: Reports are late. }',
  audiences: '[techies]',
});

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await scratch({
    'cat/clarion.config.yaml': CONFIG.join('\n'),
    'cat/portal.yaml': [
      'entries:',
      ...entry({ ...base('portal.down', 'portal-down'), severity: 'sev1' }),
      ...entry(base('portal.down', 'portal-down-2')),
      '',
    ].join('\n'),
    'cat/jobs.yaml': [
      'entries:',
      ...entry({ ...base('jobs.failed', 'jobs-failed'), audiences: '[techies, trainees]' }),
      ...entry({ ...base('jobs.slow', 'jobs-slow'), summary: '{ firing: "{{detail.jobName}} is slow" }' }),
      ...entry({
        ...base('jobs.sync-late', 'sync-late'),
        impact: '{ level: major, summary: The latency of the API is above threshold. }',
        audiences: '[techies, local-office]',
      }),
      '',
    ].join('\n'),
  }));
});
afterAll(() => cleanup());

describe('CLI: clarion validate reports everything at once', () => {
  it('lists a schema error, a duplicate of that entry\'s id, an unknown audience, a bad placeholder and jargon in one run', async () => {
    // Act
    const result = await runClarion(['validate', '--catalog', 'cat'], dir);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toEqual([
      'cat/portal.yaml:5:15: entries[0].severity: Invalid option: expected one of "critical"|"high"|"medium"|"low"|"info"',
      'cat/portal.yaml:8:9: entries[1].id: duplicate id "portal.down", first defined at cat/portal.yaml:2:9',
      'cat/jobs.yaml:7:26: entries[0].audiences[1]: unknown audience "trainees"; configured: techies, local-office',
      expect.stringMatching(/^cat\/jobs\.yaml:14:24: entries\[1\]\.summary\.firing: placeholder \{\{detail\.jobName\}\} cannot be filled by any cloudwatch-alarm signal; available: alarm\.name, /),
      'cat/jobs.yaml:19:38: warning: entries[2].impact.summary: jargon "latency" in text for non-technical readers; try "slow"',
      'cat/jobs.yaml:19:38: warning: entries[2].impact.summary: jargon "threshold" in text for non-technical readers; try "limit"',
      'cat/jobs.yaml:19:38: warning: entries[2].impact.summary: jargon "API" in text for non-technical readers; try "connection"',
    ]);
    expect(result.stderr).toBe('Catalog has problems: 4 entries, 4 errors, 3 warnings\n');
  });
});
