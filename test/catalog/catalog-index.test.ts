import { describe, expect, it } from 'vitest';
import { CatalogEntry } from '../../src/catalog/schema.ts';
import type { CatalogEntryInput } from '../../src/catalog/schema.ts';
import { buildCatalogIndex, matchSignal } from '../../src/catalog/catalog-index.ts';
import { makeSignal } from '../support/make-alert.ts';

function entry(id: string, match: CatalogEntryInput['match']): CatalogEntry {
  return CatalogEntry.parse({
    id,
    title: 'Something is wrong',
    match,
    severity: 'high',
    impact: { level: 'minor', summary: 'Some people notice.' },
    audiences: ['techies'],
  });
}

function alarmSignal(name: string, tags: Record<string, string> = {}) {
  const base = makeSignal();
  return makeSignal({ name, alarm: { ...base.alarm!, name, tags } });
}

describe('Stage: match', () => {
  it('finds an entry by exact name', () => {
    // Prepare
    const index = buildCatalogIndex([entry('a.one', { family: 'cloudwatch-alarm', name: 'web-down' })]);

    // Act
    const match = matchSignal(index, alarmSignal('web-down'));

    // Assess
    expect(match).toMatchObject({ entry: { id: 'a.one' }, by: 'name' });
  });

  it('matches any of several exact names', () => {
    // Prepare
    const index = buildCatalogIndex([entry('a.one', { family: 'cloudwatch-alarm', name: ['x', 'web-down'] })]);

    // Act
    const match = matchSignal(index, alarmSignal('web-down'));

    // Assess
    expect(match?.entry.id).toBe('a.one');
  });

  it('does not match a name from another family', () => {
    // Prepare
    const index = buildCatalogIndex([entry('a.one', { family: 'glue-job', name: 'web-down' })]);

    // Act
    const match = matchSignal(index, alarmSignal('web-down'));

    // Assess
    expect(match).toBeNull();
  });

  it('finds an entry by glob', () => {
    // Prepare
    const index = buildCatalogIndex([entry('a.glob', { family: 'cloudwatch-alarm', glob: 'portal-*-5xx' })]);

    // Act
    const match = matchSignal(index, alarmSignal('portal-prod-5xx'));

    // Assess
    expect(match).toMatchObject({ entry: { id: 'a.glob' }, by: 'glob' });
  });

  it('answers a glob of ten stars against a 10,000-character name that no entry claims', () => {
    // Prepare
    const index = buildCatalogIndex([entry('a.stars', { family: 'cloudwatch-alarm', glob: 'a*a*a*a*a*a*a*a*a*a*b' })]);

    // Act
    const match = matchSignal(index, alarmSignal('a'.repeat(10_000)));

    // Assess
    expect(match).toBeNull();
  });

  it('matches a glob that starts with a wildcard', () => {
    // Prepare
    const index = buildCatalogIndex([entry('a.any', { family: 'cloudwatch-alarm', glob: '*' })]);

    // Act
    const match = matchSignal(index, alarmSignal('anything at all'));

    // Assess
    expect(match?.entry.id).toBe('a.any');
  });

  it('prefers an exact name over a glob', () => {
    // Prepare
    const index = buildCatalogIndex([
      entry('a.glob', { family: 'cloudwatch-alarm', glob: 'web-*' }),
      entry('a.exact', { family: 'cloudwatch-alarm', name: 'web-down' }),
    ]);

    // Act
    const match = matchSignal(index, alarmSignal('web-down'));

    // Assess
    expect(match?.entry.id).toBe('a.exact');
  });

  it('lets the higher priority win between globs', () => {
    // Prepare
    const index = buildCatalogIndex([
      entry('a.broad', { family: 'cloudwatch-alarm', glob: 'web-*' }),
      entry('a.narrow', { family: 'cloudwatch-alarm', glob: 'web-d*', priority: 10 }),
    ]);

    // Act
    const match = matchSignal(index, alarmSignal('web-down'));

    // Assess
    expect(match?.entry.id).toBe('a.narrow');
  });

  it('keeps the first entry when claims tie', () => {
    // Prepare
    const index = buildCatalogIndex([
      entry('a.first', { family: 'cloudwatch-alarm', glob: 'web-*' }),
      entry('a.second', { family: 'cloudwatch-alarm', glob: '*-down' }),
    ]);

    // Act
    const match = matchSignal(index, alarmSignal('web-down'));

    // Assess
    expect(match?.entry.id).toBe('a.first');
  });

  it('matches an entry that claims by pattern only', () => {
    // Prepare
    const index = buildCatalogIndex([
      entry('a.pattern', { family: 'cloudwatch-alarm', pattern: { 'detail-type': ['CloudWatch Alarm State Change'] } }),
    ]);

    // Act
    const match = matchSignal(index, alarmSignal('anything'));

    // Assess
    expect(match).toMatchObject({ entry: { id: 'a.pattern' }, by: 'pattern' });
  });

  it('requires the pattern too when an entry gives a name and a pattern', () => {
    // Prepare
    const index = buildCatalogIndex([
      entry('a.narrowed', { family: 'cloudwatch-alarm', name: 'web-down', pattern: { source: ['aws.ecs'] } }),
    ]);

    // Act
    const match = matchSignal(index, alarmSignal('web-down'));

    // Assess
    expect(match).toBeNull();
  });

  it('sends an alarm tagged with clarion-id straight to that entry', () => {
    // Prepare
    const index = buildCatalogIndex([
      entry('a.by-name', { family: 'cloudwatch-alarm', name: 'web-down' }),
      entry('a.tagged', { family: 'cloudwatch-alarm', name: 'other' }),
    ]);

    // Act
    const match = matchSignal(index, alarmSignal('web-down', { 'clarion-id': 'a.tagged' }));

    // Assess
    expect(match).toMatchObject({ entry: { id: 'a.tagged' }, by: 'tag' });
  });

  it('ignores a clarion-id tag naming an unknown entry', () => {
    // Prepare
    const index = buildCatalogIndex([entry('a.by-name', { family: 'cloudwatch-alarm', name: 'web-down' })]);

    // Act
    const match = matchSignal(index, alarmSignal('web-down', { 'clarion-id': 'nope.nothing' }));

    // Assess
    expect(match?.entry.id).toBe('a.by-name');
  });

  it('returns null when nothing claims the signal', () => {
    // Prepare
    const index = buildCatalogIndex([entry('a.one', { family: 'cloudwatch-alarm', name: 'web-down' })]);

    // Act
    const match = matchSignal(index, alarmSignal('db-down'));

    // Assess
    expect(match).toBeNull();
  });
});
