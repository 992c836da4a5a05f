import { describe, expect, it } from 'vitest';
import { jsonNestingDepth } from '../../src/local/server/json-nesting-depth.ts';

describe('Local stack: JSON nesting depth measured on the text', () => {
  it.each([
    ['1', 0],
    ['{}', 1],
    ['{"a":[1,{"b":[]}]}', 4],
    ['[[],[[]],[]]', 3],
  ])('counts %s as %i levels', (text, depth) => {
    // Act
    const measured = jsonNestingDepth(text);

    // Assess
    expect(measured).toBe(depth);
  });

  it('ignores brackets and escaped quotes inside strings', () => {
    // Act
    const measured = jsonNestingDepth(JSON.stringify({ text: '[[[{{{ \\" ]]]', more: '"[' }));

    // Assess
    expect(measured).toBe(1);
  });

  it('measures a million levels without running out of stack, and stops counting past the limit', () => {
    // Prepare
    const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;

    // Act
    const measured = [jsonNestingDepth(deep), jsonNestingDepth(deep, 100)];

    // Assess
    expect(measured).toEqual([1_000_000, 101]);
  });
});
