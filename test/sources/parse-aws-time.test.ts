import { describe, expect, it } from 'vitest';
import { firstAwsTime, parseAwsTime } from '../../src/sources/parse-aws-time.ts';

describe('parseAwsTime', () => {
  it.each([
    ['an EventBridge envelope time', '2019-10-02T17:04:40Z', '2019-10-02T17:04:40.000Z'],
    ['an alarm time with a colonless offset', '2019-10-02T17:04:40.989+0000', '2019-10-02T17:04:40.989Z'],
    ['a non-UTC colonless offset', '2026-11-22T10:00:00.000+0100', '2026-11-22T09:00:00.000Z'],
    ['an offset with a colon', '2026-11-22T10:00:00+01:00', '2026-11-22T09:00:00.000Z'],
    ['epoch milliseconds', 1641944521000, '2022-01-11T23:42:01.000Z'],
    ['epoch milliseconds as text', '1641944521000', '2022-01-11T23:42:01.000Z'],
    ['epoch seconds', 1641944521, '2022-01-11T23:42:01.000Z'],
    ['an RFC 1123 Health time', 'Fri, 27 Jan 2023 06:02:51 GMT', '2023-01-27T06:02:51.000Z'],
    ['a date-time without a zone, as UTC', '2019-10-02T17:04:40', '2019-10-02T17:04:40.000Z'],
    ['a date-time with a space', '2019-10-02 17:04:40', '2019-10-02T17:04:40.000Z'],
    ['a bare date', '2019-10-02', '2019-10-02T00:00:00.000Z'],
  ])('reads %s', (_label, value, expected) => {
    // Act
    const date = parseAwsTime(value);

    // Assess
    expect(date?.toISOString()).toBe(expected);
  });

  it('returns a valid Date unchanged', () => {
    // Prepare
    const date = new Date('2026-01-01T00:00:00Z');

    // Act
    const parsed = parseAwsTime(date);

    // Assess
    expect(parsed).toBe(date);
  });

  it.each([
    ['text', 'nope'],
    ['an empty string', ''],
    ['an impossible month', '2019-13-45T00:00:00Z'],
    ['a locale-formatted time', 'Jul 15, 2020 9:39:07 PM'],
    ['zero', 0],
    ['a negative number', -5],
    ['infinity', Number.POSITIVE_INFINITY],
    ['null', null],
    ['an object', {}],
    ['an invalid Date', new Date('x')],
    ['an out-of-range epoch', 9e15],
  ])('returns undefined for %s', (_label, value) => {
    // Act
    const date = parseAwsTime(value);

    // Assess
    expect(date).toBeUndefined();
  });
});

describe('firstAwsTime', () => {
  it('returns the first candidate that parses, as ISO 8601 UTC', () => {
    // Act
    const time = firstAwsTime(undefined, 'garbage', 1641944521000, '2019-10-02T17:04:40Z');

    // Assess
    expect(time).toBe('2022-01-11T23:42:01.000Z');
  });

  it('returns undefined when nothing parses', () => {
    // Act
    const time = firstAwsTime(undefined, 'garbage');

    // Assess
    expect(time).toBeUndefined();
  });
});
