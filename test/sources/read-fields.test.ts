import { describe, expect, it } from 'vitest';
import { compact, joinParts, num, numbers, objects, parseJson, strings, text, truncate } from '../../src/sources/read-fields.ts';

describe('read-fields', () => {
  it.each([
    [3, 3],
    ['4.5', 4.5],
    [' ', undefined],
    ['x', undefined],
    [Number.NaN, undefined],
    [null, undefined],
  ])('reads %j as the number %j', (value, expected) => {
    // Act
    const result = num(value);

    // Assess
    expect(result).toBe(expected);
  });

  it('keeps only finite numbers, non-blank strings and objects of arrays', () => {
    // Act
    const result = [numbers([1, 'a', Number.NaN, 2]), strings(['a', ' ', 3, 'b']), objects([{ a: 1 }, [1], null]), numbers('x'), strings(null), objects(1)];

    // Assess
    expect(result).toEqual([[1, 2], ['a', 'b'], [{ a: 1 }], [], [], []]);
  });

  it('reads non-blank text only', () => {
    // Act
    const result = [text('a'), text('  '), text(1)];

    // Assess
    expect(result).toEqual(['a', undefined, undefined]);
  });

  it('parses JSON text and nothing else', () => {
    // Act
    const result = [parseJson('{"a":1}'), parseJson('{oops'), parseJson({ a: 1 })];

    // Assess
    expect(result).toEqual([{ a: 1 }, undefined, undefined]);
  });

  it('truncates with an ellipsis within the limit', () => {
    // Act
    const result = [truncate('abcdef', 4), truncate('abc', 4)];

    // Assess
    expect(result).toEqual(['abc…', 'abc']);
  });

  it('never truncates between the halves of a surrogate pair', () => {
    // Act
    const result = truncate('ab😀cd', 4);

    // Assess
    expect(result).toBe('ab…');
  });

  it('drops undefined values and joins non-empty parts', () => {
    // Act
    const result = [compact({ a: 1, b: undefined }), joinParts(['a', undefined, '', ' ', false, 'b'])];

    // Assess
    expect(result).toEqual([{ a: 1 }, 'a; b']);
  });
});
