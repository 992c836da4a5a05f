import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/catalog/catalog-problem.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { readCatalogSources } from '../../src/adapters/read-catalog-dir.ts';

const CONFIG = {
  path: 'cat/clarion.config.yaml',
  text: `audiences:
  techies: { template: techies, channel: "#t" }
  local-office: { template: local-office, channel: "#lo" }
`,
};

function entryYaml(overrides: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    id: 'web.app-down',
    title: 'The website is down',
    match: '{ family: cloudwatch-alarm, name: web-down }',
    severity: 'critical',
    impact: '{ level: outage, summary: Nobody can use the site. }',
    audiences: '[techies]',
    ...overrides,
  };
  return Object.entries(fields)
    .map(([key, value], i) => `${i === 0 ? '  - ' : '    '}${key}: ${value}`)
    .join('\n');
}

function load(...files: string[]) {
  return loadCatalog({
    config: CONFIG,
    entryFiles: files.map((text, i) => ({ path: `cat/file${i + 1}.yaml`, text })),
  });
}

function errors(result: ReturnType<typeof load>): string[] {
  return result.problems.filter((p) => p.severity === 'error').map(formatProblem);
}

describe('Catalog: loading', () => {
  it('loads a valid entry with its defaults applied', () => {
    // Prepare
    const text = `entries:\n${entryYaml()}\n`;

    // Act
    const result = load(text);

    // Assess
    expect(errors(result)).toEqual([]);
    expect(result.entries[0]?.entry).toMatchObject({ id: 'web.app-down', fix: [], quietPeriod: '10m', onNoData: 'alert' });
  });

  it('reports an invalid severity at its file, line and column', () => {
    // Prepare
    const text = `entries:\n${entryYaml({ severity: 'sev1' })}\n`;

    // Act
    const result = load(text);

    // Assess
    expect(errors(result)).toEqual([
      expect.stringMatching(/^cat\/file1\.yaml:5:15: entries\[0\]\.severity: Invalid option: expected one of "critical"\|"high"/),
    ]);
  });

  it('reports every problem in a file rather than the first', () => {
    // Prepare
    const text = `entries:\n${entryYaml({ severity: 'sev1', id: 'NoDot' })}\n${entryYaml({ id: 'web.other', runbook: 'not-a-url' })}\n`;

    // Act
    const result = load(text);

    // Assess
    const found = errors(result);
    expect(found).toHaveLength(3);
    expect(found).toContain('cat/file1.yaml:14:14: entries[1].runbook: must be a web address starting with https://');
    expect(found.some((e) => e.includes('entries[0].id: must look like team.alert-name'))).toBe(true);
    expect(found.some((e) => e.includes('entries[1].runbook'))).toBe(true);
  });

  it('points an unknown key at the key itself', () => {
    // Prepare
    const text = `entries:\n${entryYaml({ sevrity: 'high' })}\n`;

    // Act
    const result = load(text);

    // Assess
    expect(errors(result)).toContain('cat/file1.yaml:8:5: entries[0].sevrity: Unrecognized key: "sevrity"');
  });

  it('points a missing required field at the entry that lacks it', () => {
    // Prepare
    const text = `entries:\n  - id: web.x\n    title: X\n`;

    // Act
    const result = load(text);

    // Assess
    expect(errors(result)).toContain('cat/file1.yaml:2:5: entries[0].match: Invalid input: expected object, received undefined');
  });

  it('reports YAML syntax errors with their position and keeps loading other files', () => {
    // Prepare
    const broken = 'entries:\n  - id: [unclosed\n';
    const good = `entries:\n${entryYaml({ id: 'web.ok' })}\n`;

    // Act
    const result = load(broken, good);

    // Assess
    expect(errors(result)[0]).toMatch(/^cat\/file1\.yaml:\d+:\d+: /);
    expect(result.entries.map((e) => e.entry.id)).toEqual(['web.ok']);
  });

  it('rejects a file that is not a mapping with an entries list', () => {
    // Prepare
    const text = '- id: web.x\n';

    // Act
    const result = load(text);

    // Assess
    expect(errors(result)).toEqual(['cat/file1.yaml:1:1: expected a mapping with an `entries` list (or a `maintenance` list)']);
  });

  it('reports a duplicate id with where it was first defined', () => {
    // Prepare
    const first = `entries:\n${entryYaml()}\n`;
    const second = `entries:\n${entryYaml({ match: '{ family: cloudwatch-alarm, name: other }' })}\n`;

    // Act
    const result = load(first, second);

    // Assess
    expect(errors(result)).toEqual([
      'cat/file2.yaml:2:9: entries[0].id: duplicate id "web.app-down", first defined at cat/file1.yaml:2:9',
    ]);
  });

  it('reports audiences that the configuration does not declare', () => {
    // Prepare
    const text = `entries:\n${entryYaml({ audiences: '[techies, execs]', comms: '{ board: Hello there. }' })}\n`;

    // Act
    const result = load(text);

    // Assess
    const found = errors(result);
    expect(found).toContainEqual(expect.stringContaining('entries[0].audiences[1]: unknown audience "execs"'));
    expect(found).toContainEqual(expect.stringContaining('entries[0].comms.board: unknown audience "board"'));
  });

  it('reports placeholders that no signal of the family can fill', () => {
    // Prepare
    const text = `entries:\n${entryYaml({ fix: '["Restart {{detail.jobName}} now", "Check {{alarm.name}}"]' })}\n`;

    // Act
    const result = load(text);

    // Assess
    const found = errors(result);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('entries[0].fix[0]: placeholder {{detail.jobName}} cannot be filled by any cloudwatch-alarm signal');
  });

  it('reports a placeholder in the past-tense title that no signal of the family can fill, at its file, line and column', () => {
    // Prepare
    const text = `entries:\n${entryYaml({ titleWhenFixed: 'The job {{detail.jobName}} was late' })}\n`;

    // Act
    const result = load(text);

    // Assess
    expect(errors(result)).toEqual([
      expect.stringMatching(/^cat\/file1\.yaml:8:21: entries\[0\]\.titleWhenFixed: placeholder \{\{detail\.jobName\}\} cannot be filled by any cloudwatch-alarm signal/),
    ]);
  });

  it('reports a placeholder in the past-tense summary that no signal of the family can fill, at its file, line and column', () => {
    // Prepare
    const text = `entries:\n${entryYaml({ impact: '{ level: outage, summary: Nobody can use it., summaryWhenFixed: "{{detail.jobName}} was late." }' })}\n`;

    // Act
    const result = load(text);

    // Assess
    expect(errors(result)).toEqual([
      expect.stringMatching(/^cat\/file1\.yaml:6:\d+: entries\[0\]\.impact\.summaryWhenFixed: placeholder \{\{detail\.jobName\}\} cannot be filled/),
    ]);
  });

  it('reports an empty past-tense title as an error of its own', () => {
    // Prepare
    const text = `entries:\n${entryYaml({ titleWhenFixed: '""' })}\n`;

    // Act
    const result = load(text);

    // Assess
    expect(errors(result)).toEqual(['cat/file1.yaml:8:21: entries[0].titleWhenFixed: must not be empty']);
  });

  it('reports two entries that claim the same alarm without a priority', () => {
    // Prepare
    const text = `entries:\n${entryYaml()}\n${entryYaml({ id: 'web.also-down' })}\n`;

    // Act
    const result = load(text);

    // Assess
    expect(errors(result)).toEqual([
      expect.stringContaining('entries[1].match: claims the same cloudwatch-alarm name "web-down" as "web.app-down"'),
    ]);
  });

  it('accepts two entries on the same alarm when a priority tells them apart', () => {
    // Prepare
    const text = `entries:\n${entryYaml()}\n${entryYaml({ id: 'web.also-down', match: '{ family: cloudwatch-alarm, name: web-down, priority: 5 }' })}\n`;

    // Act
    const result = load(text);

    // Assess
    expect(errors(result)).toEqual([]);
  });

  it('accepts two entries on the same name narrowed by different patterns', () => {
    // Prepare
    const a = '{ family: rds, name: db1, pattern: { detail: { EventID: [RDS-EVENT-0013] } } }';
    const b = '{ family: rds, name: db1, pattern: { detail: { EventID: [RDS-EVENT-0089] } } }';
    const text = `entries:\n${entryYaml({ match: a })}\n${entryYaml({ id: 'web.b', match: b })}\n`;

    // Act
    const result = load(text);

    // Assess
    expect(errors(result)).toEqual([]);
  });

  it('reports a malformed event pattern leaf', () => {
    // Prepare
    const text = `entries:\n${entryYaml({ match: '{ family: glue-job, pattern: { detail: { state: FAILED } } }' })}\n`;

    // Act
    const result = load(text);

    // Assess
    expect(errors(result)).toEqual([expect.stringContaining('entries[0].match.pattern.detail.state: must be a list of allowed values')]);
  });

  it('still reports the unknown audiences and bad placeholders of an entry that fails the schema', () => {
    // Prepare
    const text = `entries:\n${entryYaml({ severity: 'sev1', audiences: '[techies, execs]', fix: '["Restart {{detail.jobName}} now"]' })}\n`;

    // Act
    const result = load(text);

    // Assess
    const found = errors(result);
    expect(found).toHaveLength(3);
    expect(found).toContainEqual(expect.stringContaining('entries[0].severity: Invalid option'));
    expect(found).toContainEqual(expect.stringContaining('entries[0].audiences[1]: unknown audience "execs"'));
    expect(found).toContainEqual(expect.stringContaining('entries[0].fix[0]: placeholder {{detail.jobName}} cannot be filled'));
  });

  it('checks the rest of an entry whose lists and per-audience texts fail the schema', () => {
    // Prepare
    const text = `entries:\n${entryYaml({ audiences: '[techies, execs]', fix: '"not a list"', comms: '[not, a, map]', links: '{ a: b }' })}\n`;

    // Act
    const result = load(text);

    // Assess
    const found = errors(result);
    expect(found).toContainEqual(expect.stringContaining('entries[0].audiences[1]: unknown audience "execs"'));
    expect(found.filter((e) => /entries\[0\]\.(fix|comms|links)/.test(e))).toHaveLength(3);
  });

  it('reports a later entry that repeats the id of one that fails the schema', () => {
    // Prepare
    const first = `entries:\n${entryYaml({ title: '""' })}\n`;
    const second = `entries:\n${entryYaml({ match: '{ family: cloudwatch-alarm, name: other }' })}\n`;

    // Act
    const result = load(first, second);

    // Assess
    expect(errors(result)).toContain('cat/file2.yaml:2:9: entries[0].id: duplicate id "web.app-down", first defined at cat/file1.yaml:2:9');
  });

  it('keeps the entries that fail the schema out of the catalog but in the list the lint reads', () => {
    // Prepare
    const text = `entries:\n${entryYaml({ severity: 'sev1' })}\n${entryYaml({ id: 'web.ok', match: '{ family: cloudwatch-alarm, name: ok }' })}\n`;

    // Act
    const result = load(text);

    // Assess
    expect(result.entries.map((e) => e.entry.id)).toEqual(['web.ok']);
    expect(result.checked.map((e) => e.entry.id)).toEqual(['web.app-down', 'web.ok']);
  });

  it('checks entries against the audiences that do read when one audience of the configuration fails the schema', () => {
    // Prepare
    const config = {
      path: 'c.yaml',
      text: 'audiences:\n  techies: { template: pager, channel: "#t" }\n  data-leads: { template: product-leads, channel: "#d" }\n',
    };
    const text = `entries:\n${entryYaml({ audiences: '[techies, data-leads, execs]' })}\n`;

    // Act
    const result = loadCatalog({ config, entryFiles: [{ path: 'a.yaml', text }] });

    // Assess
    expect(result.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([
      expect.stringMatching(/^c\.yaml:2:24: audiences\.techies\.template: Invalid option/),
      'a.yaml:7:38: entries[0].audiences[2]: unknown audience "execs"; configured: techies, data-leads',
    ]);
  });

  it('falls back to the embedded configuration when none is given', () => {
    // Prepare
    const sources = { entryFiles: [{ path: 'a.yaml', text: `entries:\n${entryYaml({ audiences: '[techies, product-leads]' })}\n` }] };

    // Act
    const result = loadCatalog(sources);

    // Assess
    expect(result.problems).toEqual([]);
    expect(Object.keys(result.config.audiences)).toEqual(['techies', 'product-leads', 'local-office']);
  });

  it('reports configuration problems at their position', () => {
    // Prepare
    const config = { path: 'c.yaml', text: 'timeZone: Mars/Olympus\naudiences:\n  techies: { template: pager, channel: "#t" }\n' };

    // Act
    const result = loadCatalog({ config, entryFiles: [] });

    // Assess
    expect(result.problems.map(formatProblem)).toEqual([
      'c.yaml:1:11: timeZone: must be an IANA time zone such as Europe/London',
      expect.stringMatching(/^c\.yaml:3:24: audiences\.techies\.template: Invalid option/),
    ]);
  });

  it('reports office hours that end before they start, at the end time', () => {
    // Prepare
    const config = { path: 'c.yaml', text: 'officeHours:\n  start: "17:30"\n  end: "09:00"\naudiences:\n  techies: { template: techies, channel: "#t" }\n' };

    // Act
    const result = loadCatalog({ config, entryFiles: [] });

    // Assess
    expect(result.problems.map(formatProblem)).toEqual(['c.yaml:3:8: officeHours.end: end must be later than start']);
  });

  it('reports an office-hours time that is not HH:MM and a stage time zone that does not exist', () => {
    // Prepare
    const config = {
      path: 'c.yaml',
      text: 'audiences:\n  techies: { template: techies, channel: "#t" }\nstages:\n  prod:\n    timeZone: Europe/Atlantis\n    officeHours: { start: "9am", end: "17:30" }\n',
    };

    // Act
    const result = loadCatalog({ config, entryFiles: [] });

    // Assess
    expect(result.problems.map(formatProblem)).toEqual([
      'c.yaml:5:15: stages.prod.timeZone: must be an IANA time zone such as Europe/London',
      'c.yaml:6:27: stages.prod.officeHours.start: must be a 24-hour time such as 09:00 or 17:30',
    ]);
  });

  it('reports a closed date that is not YYYY-MM-DD', () => {
    // Prepare
    const config = { path: 'c.yaml', text: 'officeHours: { start: "09:00", end: "17:00", closed: ["25/12/2026"] }\naudiences:\n  techies: { template: techies, channel: "#t" }\n' };

    // Act
    const result = loadCatalog({ config, entryFiles: [] });

    // Assess
    expect(result.problems.map(formatProblem)).toEqual(['c.yaml:1:55: officeHours.closed[0]: must be a date such as 2026-12-25']);
  });

  it('defaults office days to Monday to Friday and audiences to being told at once', () => {
    // Prepare
    const config = { path: 'c.yaml', text: 'officeHours: { start: "08:00", end: "18:00" }\naudiences:\n  techies: { template: techies, channel: "#t" }\n' };

    // Act
    const result = loadCatalog({ config, entryFiles: [] });

    // Assess
    expect(result.config.officeHours?.days).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(result.config.audiences['techies']?.outOfHours).toBe('send');
  });
});

/** `a: &a [x, x, …]`, then each level an anchored list of `width` aliases of the one before: width^levels values. */
function aliasBomb(levels: number, width: number): string {
  const names = 'abcdefghijklmnop';
  const lines = [`a: &a [${Array(width).fill('lol').join(', ')}]`];
  for (let i = 1; i < levels; i++) lines.push(`${names[i]}: &${names[i]} [${Array(width).fill(`*${names[i - 1]}`).join(', ')}]`);
  lines.push(`entries: *${names[levels - 1]}`);
  return `${lines.join('\n')}\n`;
}

describe('Catalog: hostile YAML', () => {
  it('reports a billion-laughs alias bomb at the alias that makes it too big, without expanding it', () => {
    // Prepare
    const text = aliasBomb(9, 9);

    // Act
    const result = load(text);

    // Assess
    expect(errors(result)).toEqual([
      'cat/file1.yaml:5:8: with this alias, aliases add more than 10,000 values to the file (*d alone stands for 7,381); write the values out instead of nesting aliases',
    ]);
    expect(result.entries).toEqual([]);
  });

  it('still accepts a few aliases that repeat a value', () => {
    // Prepare
    const text = `entries:\n${entryYaml({ audiences: '&who [techies]' })}\n${entryYaml({ id: 'web.other', match: '{ family: cloudwatch-alarm, name: other }', audiences: '*who' })}\n`;

    // Act
    const result = load(text);

    // Assess
    expect(errors(result)).toEqual([]);
    expect(result.entries.map((e) => e.entry.audiences)).toEqual([['techies'], ['techies']]);
  });

  it('reports lists nested 10,000 deep as a problem with a position instead of throwing', () => {
    // Prepare
    const text = `entries: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;

    // Act
    const result = load(text);

    // Assess
    expect(errors(result).length).toBeGreaterThan(0);
    for (const line of errors(result)) expect(line).toMatch(/^cat\/file1\.yaml:\d+:\d+: /);
    expect(errors(result).some((line) => line.includes('nested too deeply to read'))).toBe(true);
  });
});

describe('Catalog: reading a folder within the size limits', () => {
  async function folder(files: Record<string, string>): Promise<{ dir: string; cleanup: () => Promise<void> }> {
    const dir = await mkdtemp(path.join(tmpdir(), 'clarion-catalog-'));
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
  }

  it('refuses a file over the per-file limit before reading it, at its line 1, column 1', async () => {
    // Prepare
    const { dir, cleanup } = await folder({ 'big.yaml': `# ${'x'.repeat(2000)}\nentries: []\n`, 'small.yaml': `entries:\n${entryYaml()}\n` });

    try {
      // Act
      const sources = await readCatalogSources(dir, dir, { maxFileBytes: 1024 * 1024 * 0.001, maxTotalBytes: 1024 * 1024 });
      const result = loadCatalog(sources);

      // Assess
      expect(errors(result)).toEqual(['big.yaml:1:1: big.yaml is 0.002 MB; the limit is 0.001 MB a file, so it was not read (split it into several files)']);
      expect(result.entries.map((e) => e.entry.id)).toEqual(['web.app-down']);
    } finally {
      await cleanup();
    }
  });

  it('refuses the files that take the catalog over its total limit', async () => {
    // Prepare
    const { dir, cleanup } = await folder({ 'a.yaml': `# ${'x'.repeat(600)}\nentries: []\n`, 'b.yaml': `# ${'x'.repeat(600)}\nentries: []\n` });

    try {
      // Act
      const result = loadCatalog(await readCatalogSources(dir, dir, { maxFileBytes: 1000, maxTotalBytes: 1000 }));

      // Assess
      expect(errors(result)).toEqual([expect.stringMatching(/^b\.yaml:1:1: the catalog is [\d.]+ MB with b\.yaml; the limit is [\d.]+ MB in all, so it was not read$/)]);
    } finally {
      await cleanup();
    }
  });
});
