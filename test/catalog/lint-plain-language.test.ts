import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/catalog/catalog-problem.ts';
import { hardSentencesIn, jargonIn, lintPlainLanguage } from '../../src/catalog/lint-plain-language.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';

function lint(entryFields: string, audiences = '[techies, local-office]') {
  const text = [
    'entries:',
    '  - id: web.down',
    '    title: The website is down',
    '    match: { family: cloudwatch-alarm, name: web }',
    '    severity: high',
    '    impact: { level: outage, summary: Nobody can use the site. }',
    `    audiences: ${audiences}`,
    entryFields,
    '',
  ].join('\n');
  const loaded = loadCatalog({ entryFiles: [{ path: 'a.yaml', text }] });
  expect(loaded.problems).toEqual([]);
  return lintPlainLanguage(loaded.entries, loaded.config).map(formatProblem);
}

/** The lint of an entry whose impact line is `impact` (six spaces in, as in `lint`). */
function lintWithImpact(impact: string) {
  const text = [
    'entries:',
    '  - id: web.down',
    '    title: The website is down',
    '    match: { family: cloudwatch-alarm, name: web }',
    '    severity: high',
    impact,
    '    audiences: [techies, local-office]',
    '',
  ].join('\n');
  const loaded = loadCatalog({ entryFiles: [{ path: 'a.yaml', text }] });
  expect(loaded.problems).toEqual([]);
  return lintPlainLanguage(loaded.entries, loaded.config).map(formatProblem);
}

describe('Catalog: plain-language lint', () => {
  it('finds jargon words and suggests plainer ones', () => {
    // Act
    const found = jargonIn('The API p99 latency crossed the threshold on the ECS service.');

    // Assess
    expect(found.map((j) => j.word)).toEqual(['ECS', 'latency', 'p99', 'threshold', 'API']);
  });

  it('ignores jargon inside placeholders and link targets', () => {
    // Act
    const found = jargonIn('See <https://example.org/cpu|the dashboard> about {{metric.threshold}}.');

    // Assess
    expect(found).toEqual([]);
  });

  it('flags a sentence above reading age 9', () => {
    // Act
    const hard = hardSentencesIn(
      'The authentication subsystem encountered unrecoverable consistency violations during asynchronous reconciliation of replicated records.',
    );

    // Assess
    expect(hard).toHaveLength(1);
  });

  it('accepts short plain sentences', () => {
    // Act
    const hard = hardSentencesIn('The site is down. We are fixing it now. You do not need to do anything, so please try again later.');

    // Assess
    expect(hard).toEqual([]);
  });

  it('warns at the position of the local-office text that uses jargon', () => {
    // Act
    const problems = lint('    comms:\n      local-office: The HTTP endpoint is down.');

    // Assess
    expect(problems).toEqual([
      'a.yaml:9:21: warning: entries[0].comms.local-office: jargon "HTTP" in text for non-technical readers; try leave it out',
      'a.yaml:9:21: warning: entries[0].comms.local-office: jargon "endpoint" in text for non-technical readers; try "address"',
    ]);
  });

  it('does not lint fix steps, which only engineers read', () => {
    // Act
    const problems = lint('    fix: ["Check the ECS task CPU and the p99 latency."]');

    // Assess
    expect(problems).toEqual([]);
  });

  it('does not lint an entry that only engineers receive', () => {
    // Act
    const problems = lint('    summary: The CPU is above the threshold.', '[techies]');

    // Assess
    expect(problems).toEqual([]);
  });

  it('lints every state of a per-state text', () => {
    // Act
    const problems = lint('    summary:\n      firing: The site is down.\n      resolved: The Lambda is fine.');

    // Assess
    expect(problems).toEqual([expect.stringContaining('entries[0].summary.resolved: jargon "Lambda"')]);
  });

  it('warns at the position of a past-tense title that uses jargon', () => {
    // Act
    const problems = lint('    titleWhenFixed: The website had a timeout');

    // Assess
    expect(problems).toEqual(['a.yaml:8:21: warning: entries[0].titleWhenFixed: jargon "timeout" in text for non-technical readers; try "took too long"']);
  });

  it('warns about jargon in the past-tense summary', () => {
    // Prepare
    const impact = '    impact: { level: outage, summary: Nobody can use the site., summaryWhenFixed: The CPU was too busy. }';

    // Act
    const problems = lintWithImpact(impact);

    // Assess
    expect(problems).toEqual([expect.stringMatching(/^a\.yaml:6:\d+: warning: entries\[0\]\.impact\.summaryWhenFixed: jargon "CPU"/)]);
  });

  it('reports a hard sentence with the sentence itself', () => {
    // Act
    const problems = lint(
      '    comms:\n      local-office: Unfortunately the organisational infrastructure experienced considerable intermittent unavailability affecting registration functionality.',
    );

    // Assess
    expect(problems).toEqual([expect.stringMatching(/hard to read \(above reading age 9\): "Unfortunately the organisational/)]);
  });
});
