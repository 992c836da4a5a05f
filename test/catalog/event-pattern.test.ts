import { describe, expect, it } from 'vitest';
import { compileGlob, compileWildcard, eventPatternProblems, matchesEventPattern } from '../../src/catalog/event-pattern.ts';

const EVENT = {
  source: 'aws.glue',
  'detail-type': 'Glue Job State Change',
  resources: ['arn:a', 'arn:b'],
  detail: { jobName: 'nightly-trainee-sync', state: 'FAILED', attempt: 3, severity: 'ERROR', notes: null },
};

describe('Catalog: EventBridge-style patterns', () => {
  it.each([
    ['a literal value in a nested field', { detail: { state: ['FAILED', 'TIMEOUT'] } }, true],
    ['a literal value that differs', { detail: { state: ['SUCCEEDED'] } }, false],
    ['several fields that must all match', { source: ['aws.glue'], detail: { state: ['FAILED'] } }, true],
    ['an array field where one element matches', { resources: ['arn:b'] }, true],
    ['a prefix', { detail: { jobName: [{ prefix: 'nightly-' }] } }, true],
    ['a prefix ignoring case', { detail: { jobName: [{ prefix: { 'equals-ignore-case': 'NIGHTLY' } }] } }, true],
    ['a suffix', { detail: { jobName: [{ suffix: '-sync' }] } }, true],
    ['a value in any case', { detail: { state: [{ 'equals-ignore-case': 'failed' }] } }, true],
    ['a wildcard', { detail: { jobName: [{ wildcard: 'nightly-*-sync' }] } }, true],
    ['anything but a list', { detail: { state: [{ 'anything-but': ['SUCCEEDED', 'RUNNING'] }] } }, true],
    ['anything but the value present', { detail: { state: [{ 'anything-but': 'FAILED' }] } }, false],
    ['anything but a prefix', { detail: { jobName: [{ 'anything-but': { prefix: 'nightly' } }] } }, false],
    ['a numeric range', { detail: { attempt: [{ numeric: ['>', 2, '<=', 3] }] } }, true],
    ['a numeric range that excludes the value', { detail: { attempt: [{ numeric: ['>=', 4] }] } }, false],
    ['a numeric equality', { detail: { attempt: [{ numeric: ['=', 3] }] } }, true],
    ['a field that exists', { detail: { severity: [{ exists: true }] } }, true],
    ['a field that must not exist', { detail: { missing: [{ exists: false }] } }, true],
    ['a missing field that must exist', { detail: { missing: [{ exists: true }] } }, false],
    ['a missing field with a literal', { detail: { missing: ['x'] } }, false],
    ['a null literal', { detail: { notes: [null] } }, true],
    ['an $or where the second branch matches', { $or: [{ detail: { state: ['X'] } }, { source: ['aws.glue'] }] }, true],
    ['an $or where no branch matches', { $or: [{ detail: { state: ['X'] } }, { source: ['aws.ecs'] }] }, false],
    ['a nested pattern over a scalar field', { source: { inner: ['x'] } }, false],
    ['an unknown matcher', { detail: { state: [{ regex: '.*' }] } }, false],
    ['a scalar leaf, which EventBridge does not allow', { detail: { state: 'FAILED' } }, false],
  ])('evaluates %s', (_name, pattern, expected) => {
    // Act
    const result = matchesEventPattern(pattern as Record<string, unknown>, EVENT);

    // Assess
    expect(result).toBe(expected);
  });

  it('never matches something that is not an object', () => {
    // Act
    const result = matchesEventPattern({ source: ['x'] }, 'x');

    // Assess
    expect(result).toBe(false);
  });

  it('lists shape problems with their paths', () => {
    // Prepare
    const pattern = { detail: { state: 'FAILED', jobName: [], kind: [{ regex: 'x' }], deep: [['x']] }, $or: [{}] };

    // Act
    const problems = eventPatternProblems(pattern);

    // Assess
    expect(problems.map((p) => `${p.path.join('.')}: ${p.message}`)).toEqual([
      'detail.state: must be a list of allowed values, e.g. ["FAILED"], or a nested object',
      'detail.jobName: must list at least one value or matcher',
      'detail.kind.0: unknown matcher; use one of prefix, suffix, anything-but, numeric, exists, equals-ignore-case, wildcard',
      'detail.deep.0: nested lists are not allowed',
      '$or: $or must list at least two patterns',
    ]);
  });

  it('finds no problems in a well-formed pattern', () => {
    // Act
    const problems = eventPatternProblems({ detail: { state: ['FAILED', { prefix: 'T' }] } });

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports a pattern that is not an object', () => {
    // Act
    const problems = eventPatternProblems(['x']);

    // Assess
    expect(problems).toEqual([{ path: [], message: 'must be an object of event fields' }]);
  });

  it('turns globs into anchored matchers that treat other characters literally', () => {
    // Act
    const matches = compileGlob('prod-*.api?');

    // Assess
    expect(matches('prod-web.api1')).toBe(true);
    expect(matches('prod-webXapi1')).toBe(false);
    expect(matches('xprod-web.api1')).toBe(false);
  });

  it.each([
    ['*', '', true],
    ['a*', 'a', true],
    ['*a', 'ba', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXbYcZ', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a**b', 'ab', true],
    ['*.*', 'a.b.c', true],
    ['x*', 'y', false],
    ['line*', 'line1\nline2', true],
  ])('matches the glob %j against %j as %s', (glob, text, expected) => {
    // Act
    const matched = compileGlob(glob)(text);

    // Assess
    expect(matched).toBe(expected);
  });

  it('answers a glob of ten stars against a 10,000-character name that does not match', () => {
    // Prepare
    const name = 'a'.repeat(10_000);

    // Act
    const matched = compileGlob('*a*a*a*a*a*a*a*a*a*a*b')(name);

    // Assess
    expect(matched).toBe(false);
  });
});

describe('wildcard matcher', () => {
  it('answers ten stars against a 10,000-character value that does not match', () => {
    // Prepare
    const event = { detail: { name: 'a'.repeat(10_000) } };

    // Act
    const matched = matchesEventPattern({ detail: { name: [{ wildcard: '*a*a*a*a*a*a*a*a*a*a*b' }] } }, event);

    // Assess
    expect(matched).toBe(false);
  });

  it.each([
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'aXb', false],
    ['a\\\\b', 'a\\b', true],
    ['a?b', 'a?b', true],
    ['a?b', 'aXb', false],
    ['*-sync', 'nightly-trainee-sync', true],
  ])('reads the wildcard %j as EventBridge does against %j (%s)', (wildcard, text, expected) => {
    // Act
    const matched = compileWildcard(wildcard)(text);

    // Assess
    expect(matched).toBe(expected);
  });
});
