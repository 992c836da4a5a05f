import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogJsonSchemas } from '../../src/catalog/json-schema.ts';
import { findLimitViolations } from '../../src/slack/limits.ts';
import { REPO_ROOT, runClarion, SAMPLES, scratch } from './run-clarion.ts';

const NOW = '2026-11-22T10:00:00Z';

describe('CLI: clarion validate', () => {
  it('accepts the shipped catalog with --strict', async () => {
    // Act
    const result = await runClarion(['validate', '--strict']);

    // Assess
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Catalog OK: \d+ entries, 0 errors, 0 warnings/);
    expect(result.code).toBe(0);
  });

  describe('with a broken catalog', () => {
    let dir: string;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ dir, cleanup } = await scratch({
        'cat/a.yaml': [
          'entries:',
          '  - id: web.down',
          '    title: Web is down',
          '    match: { family: cloudwatch-alarm, name: web }',
          '    severity: sev1',
          '    impact: { level: outage, summary: The latency of the HTTP API is above threshold. }',
          '    audiences: [techies, local-office]',
          '',
        ].join('\n'),
      }));
    });
    afterAll(() => cleanup());

    it('exits 1 with one file:line:col line per error', async () => {
      // Act
      const result = await runClarion(['validate', '--catalog', 'cat'], dir);

      // Assess
      expect(result.code).toBe(1);
      expect(result.stdout.trim().split('\n')).toContain(
        'cat/a.yaml:5:15: entries[0].severity: Invalid option: expected one of "critical"|"high"|"medium"|"low"|"info"',
      );
    });
  });

  describe('with jargon in a text for local offices', () => {
    let dir: string;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ dir, cleanup } = await scratch({
        'cat/a.yaml': [
          'entries:',
          '  - id: web.down',
          '    title: Web is down',
          '    match: { family: cloudwatch-alarm, name: web }',
          '    severity: high',
          '    impact: { level: outage, summary: The HTTP latency is above the threshold. }',
          '    audiences: [techies, local-office]',
          '',
        ].join('\n'),
      }));
    });
    afterAll(() => cleanup());

    it('warns but exits 0 without --strict', async () => {
      // Act
      const result = await runClarion(['validate', '--catalog', 'cat'], dir);

      // Assess
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('cat/a.yaml:6:39: warning: entries[0].impact.summary: jargon "HTTP"');
      expect(result.stdout).toContain('jargon "threshold"');
    });

    it('fails with --strict', async () => {
      // Act
      const result = await runClarion(['validate', '--catalog', 'cat', '--strict'], dir);

      // Assess
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('cat/a.yaml:6:39: entries[0].impact.summary: jargon "latency"');
    });
  });

  it('exits 2 when the catalog folder does not exist', async () => {
    // Act
    const result = await runClarion(['validate', '--catalog', 'no-such-folder']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('clarion: catalog folder not found: no-such-folder\n');
  });
});

describe('CLI: clarion render', () => {
  it('renders a sample alarm for every audience its entry names', async () => {
    // Act
    const result = await runClarion(['render', '--event', path.join(SAMPLES, 'app-down-alarm.json'), '--now', NOW]);

    // Assess
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.signals).toHaveLength(1);
    expect(output.deliveries.map((d: { audience: string }) => d.audience)).toEqual(['techies', 'product-leads', 'local-office']);
    for (const delivery of output.deliveries) {
      expect(delivery.catalogId).toBe('portal.app-down');
      expect(findLimitViolations(delivery.message)).toEqual([]);
    }
  });

  it('uses the stage channels when --stage is given', async () => {
    // Act
    const result = await runClarion(['render', '--event', path.join(SAMPLES, 'app-down-alarm.json'), '--stage', 'prod', '--now', NOW]);

    // Assess
    const output = JSON.parse(result.stdout);
    expect(output.deliveries[0].channel).toBe('C0PORTALALERTS');
  });

  it('refuses a stage the configuration does not name, saying which it does', async () => {
    // Act
    const result = await runClarion(['render', '--event', path.join(SAMPLES, 'app-down-alarm.json'), '--stage', 'prdo', '--now', NOW]);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('there is no stage "prdo" under stages in clarion.config.yaml (stages: prod)');
  });

  it('does not start the local stack on a stage the configuration does not name', async () => {
    // Act
    const result = await runClarion(['start', '--stage', 'prdo', '--port', '0', '--no-demo']);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('there is no stage "prdo"');
  });

  it('renders an unknown event as a generic alert for techies', async () => {
    // Act
    const result = await runClarion(['render', '--event', path.join(SAMPLES, 'unknown-event.json'), '--now', NOW]);

    // Assess
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.deliveries).toHaveLength(1);
    expect(output.deliveries[0]).toMatchObject({ audience: 'techies', catalogId: null });
  });

  it.each([['null'], ['42'], ['"text"'], ['[]'], ['{}'], ['{"Records": "x"}']])('exits 0 for the JSON value %s', async (json) => {
    // Prepare
    const { dir, cleanup } = await scratch({ 'event.json': json });

    // Act
    const result = await runClarion(['render', '--event', path.join(dir, 'event.json'), '--now', NOW]);
    await cleanup();

    // Assess
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveProperty('deliveries');
  });

  it('exits 2 with a one-line error when the file is missing', async () => {
    // Act
    const result = await runClarion(['render', '--event', 'missing.json']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('clarion: cannot read missing.json: ENOENT\n');
  });

  it('exits 2 with a one-line error when the file is not JSON', async () => {
    // Prepare
    const { dir, cleanup } = await scratch({ 'bad.json': '{ not json' });

    // Act
    const result = await runClarion(['render', '--event', path.join(dir, 'bad.json')]);
    await cleanup();

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/is not JSON: /);
  });

  it('exits 2 when --now is not a time', async () => {
    // Act
    const result = await runClarion(['render', '--event', path.join(SAMPLES, 'app-down-alarm.json'), '--now', 'yesterday']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('clarion: --now must be an ISO-8601 time, got "yesterday"\n');
  });
});

describe('CLI: clarion preview', () => {
  it('prints a Block Kit Builder link per audience of the entry', async () => {
    // Act
    const result = await runClarion(['preview', 'portal.app-down']);

    // Assess
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['techies', 'product-leads', 'local-office']);
    const url = lines[2]!.split(': ').slice(1).join(': ');
    expect(url.startsWith('https://app.slack.com/block-kit-builder/#')).toBe(true);
    const payload = JSON.parse(decodeURIComponent(url.split('#')[1]!));
    expect(payload.blocks.length).toBeGreaterThan(0);
  });

  it('previews one audience in the resolved state', async () => {
    // Act
    const result = await runClarion(['preview', 'data.placements-stale', '--audience', 'local-office', '--state', 'resolved']);

    // Assess
    expect(result.code).toBe(0);
    const [line] = result.stdout.trim().split('\n');
    const url = line!.slice(line!.indexOf('https://'));
    const payload = JSON.parse(decodeURIComponent(url.slice(url.indexOf('#') + 1)));
    expect(JSON.stringify(payload)).toContain('Placement details in the Trainee Portal are up to date again.');
  });

  it('exits 2 for an unknown entry id', async () => {
    // Act
    const result = await runClarion(['preview', 'nope.nothing']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^clarion: no catalog entry "nope.nothing"; known: /);
  });
});

describe('CLI: clarion schema', () => {
  it('keeps the committed JSON Schemas in step with the zod definitions', async () => {
    // Prepare
    const expected = catalogJsonSchemas();

    // Act
    const committed = await Promise.all(
      Object.keys(expected).map(async (file) => JSON.parse(await readFile(path.join(REPO_ROOT, 'alert-catalog', file), 'utf8'))),
    );

    // Assess
    expect(committed, 'run `npx clarion schema` and commit the result').toEqual(Object.values(expected));
  });

  it('writes the schemas into the catalog folder', async () => {
    // Prepare
    const { dir, cleanup } = await scratch({ 'cat/.keep': '' });

    // Act
    const result = await runClarion(['schema', '--catalog', 'cat'], dir);
    const written = JSON.parse(await readFile(path.join(dir, 'cat', 'catalog.schema.json'), 'utf8'));
    await cleanup();

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('wrote cat/catalog.schema.json\nwrote cat/clarion.config.schema.json\n');
    expect(written.properties.entries.type).toBe('array');
  });
});

describe('CLI: clarion coverage', () => {
  it('lists alarms without an entry and alarm entries without an alarm', async () => {
    // Prepare
    const alarms = {
      MetricAlarms: [
        { AlarmName: 'trainee-portal-prod-unhealthy-hosts', AlarmArn: 'arn:aws:cloudwatch:eu-west-2:111111111111:alarm:trainee-portal-prod-unhealthy-hosts' },
        { AlarmName: 'trainee-portal-staging-5xx-rate' },
        { AlarmName: 'legacy-queue-depth' },
      ],
      CompositeAlarms: [{ AlarmName: 'portal-everything-broken' }],
    };
    const { dir, cleanup } = await scratch({ 'alarms.json': JSON.stringify(alarms) });

    // Act
    const result = await runClarion(['coverage', '--alarms', path.join(dir, 'alarms.json'), '--json']);
    await cleanup();

    // Assess
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.claimed).toEqual([
      { alarm: 'trainee-portal-prod-unhealthy-hosts', catalogId: 'portal.app-down' },
      { alarm: 'trainee-portal-staging-5xx-rate', catalogId: 'portal.error-rate' },
    ]);
    expect(report.unclaimedAlarms).toEqual(['legacy-queue-depth', 'portal-everything-broken']);
    // The SLO's alarms are generated at deploy; this account has not had them yet.
    expect(report.unusedEntries).toEqual(['data.placements-stale', 'platform.database-storage-low', 'portal.page-speed']);
  });

  it('exits 2 when the file is not describe-alarms output', async () => {
    // Prepare
    const { dir, cleanup } = await scratch({ 'alarms.json': '{"MetricAlarms": 3}' });

    // Act
    const result = await runClarion(['coverage', '--alarms', path.join(dir, 'alarms.json')]);
    await cleanup();

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not describe-alarms output/);
  });
});

describe('CLI: usage', () => {
  it('prints usage and exits 2 with no command', async () => {
    // Act
    const result = await runClarion([]);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('clarion validate');
  });

  it('exits 2 for an unknown command', async () => {
    // Act
    const result = await runClarion(['frobnicate']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('clarion: unknown command "frobnicate"\n');
  });

  it('exits 2 for an unknown option', async () => {
    // Act
    const result = await runClarion(['validate', '--bogus']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown option '--bogus'/);
  });
});

describe('CLI: clarion demo', () => {
  it('renders every shipped sample event and names its catalog entry', async () => {
    // Act
    const result = await runClarion(['demo']);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('▸ app-down-alarm.json: portal.app-down — firing');
    expect(result.stdout).toContain('▸ unknown-event.json: no catalog entry');
    expect(result.stdout).toContain('https://app.slack.com/block-kit-builder/#');
  });
});
