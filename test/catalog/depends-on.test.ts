import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/catalog/catalog-problem.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';

const CONFIG = { path: 'cat/clarion.config.yaml', text: 'audiences:\n  techies: { template: techies, channel: "#t" }\n' };

/** One entry as YAML, `dependsOn` written as a block list so each item has its own line. */
function entry(id: string, dependsOn: string[] = []): string {
  const lines = [
    `  - id: ${id}`,
    `    title: ${id} is failing`,
    `    match: { family: cloudwatch-alarm, name: ${id}-alarm }`,
    '    severity: high',
    '    impact: { level: minor, summary: Some pages fail. }',
    '    audiences: [techies]',
  ];
  if (dependsOn.length > 0) lines.push('    dependsOn:', ...dependsOn.map((d) => `      - ${d}`));
  return lines.join('\n');
}

function errorsOf(...entries: string[]): string[] {
  const result = loadCatalog({ config: CONFIG, entryFiles: [{ path: 'cat/deps.yaml', text: `entries:\n${entries.join('\n')}\n` }] });
  return result.problems.filter((p) => p.severity === 'error').map(formatProblem);
}

describe('Catalog: dependsOn', () => {
  it('accepts an entry that depends on another entry', () => {
    // Prepare
    const entries = [entry('web.app-down'), entry('web.errors', ['web.app-down'])];

    // Act
    const errors = errorsOf(...entries);

    // Assess
    expect(errors).toEqual([]);
  });

  it('reports a dependency on an unknown id at the item that names it', () => {
    // Prepare
    const entries = [entry('web.app-down'), entry('web.errors', ['web.app-down', 'web.nothing-here'])];

    // Act
    const errors = errorsOf(...entries);

    // Assess
    expect(errors).toEqual(['cat/deps.yaml:16:9: entries[1].dependsOn[1]: depends on unknown entry "web.nothing-here"']);
  });

  it('reports an entry that depends on itself', () => {
    // Prepare
    const entries = [entry('web.errors', ['web.errors'])];

    // Act
    const errors = errorsOf(...entries);

    // Assess
    expect(errors).toEqual(['cat/deps.yaml:9:9: entries[0].dependsOn[0]: depends on itself: web.errors → web.errors']);
  });

  it('reports a cycle of three entries once, at the item that closes it, naming the cycle', () => {
    // Prepare
    const entries = [entry('web.a', ['web.b']), entry('web.b', ['web.c']), entry('web.c', ['web.a'])];

    // Act
    const errors = errorsOf(...entries);

    // Assess
    expect(errors).toEqual(['cat/deps.yaml:25:9: entries[2].dependsOn[0]: dependsOn makes a cycle: web.a → web.b → web.c → web.a']);
  });
});
