import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/catalog/catalog-problem.ts';
import { serviceOf } from '../../src/catalog/entry-service.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';

const CONFIG = {
  path: 'cat/clarion.config.yaml',
  text: [
    'audiences:',
    '  techies: { template: techies, channel: "#t" }',
    'services:',
    '  - id: portal',
    '    name: Trainee Portal',
    '    groups: [web]',
    '  - id: data',
    '    name: Placement data',
  ].join('\n'),
};

function entry(id: string, extra: string[] = []): string {
  return [
    `  - id: ${id}`,
    `    title: ${id} is failing`,
    `    match: { family: cloudwatch-alarm, name: ${id}-alarm }`,
    '    severity: high',
    '    impact: { level: minor, summary: Some pages fail. }',
    '    audiences: [techies]',
    ...extra.map((line) => `    ${line}`),
  ].join('\n');
}

function load(config: { path: string; text: string }, ...entries: string[]) {
  return loadCatalog({ config, entryFiles: [{ path: 'cat/entries.yaml', text: `entries:\n${entries.join('\n')}\n` }] });
}

describe('Catalog: services', () => {
  it('reports an entry naming an unknown service at its service field with file:line:col', () => {
    // Prepare
    const entries = [entry('web.app-down'), entry('web.errors', ['service: nowhere'])];

    // Act
    const errors = load(CONFIG, ...entries).problems.filter((p) => p.severity === 'error').map(formatProblem);

    // Assess
    expect(errors).toEqual(['cat/entries.yaml:14:14: entries[1].service: unknown service "nowhere"; configured: portal, data']);
  });

  it('gives an entry the service that lists its group, and its own service over that', () => {
    // Prepare
    const { config, entries } = load(CONFIG, entry('web.app-down', ['group: web']), entry('web.data', ['group: web', 'service: data']), entry('web.alone'));
    const [inGroup, own, alone] = entries.map((e) => e.entry);

    // Act
    const services = [serviceOf(inGroup!, config.services)?.id, serviceOf(own!, config.services)?.id, serviceOf(alone!, config.services)?.id];

    // Assess
    expect(services).toEqual(['portal', 'data', undefined]);
  });

  it('reports a group listed by two services at the second listing', () => {
    // Prepare
    const config = { path: CONFIG.path, text: `${CONFIG.text}\n    groups: [web]\n` };

    // Act
    const errors = load(config, entry('web.app-down')).problems.filter((p) => p.severity === 'error').map(formatProblem);

    // Assess
    expect(errors).toEqual(['cat/clarion.config.yaml:9:14: services[1].groups[0]: group "web" already belongs to service "portal"']);
  });
});
