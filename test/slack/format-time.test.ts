import { describe, expect, it } from 'vitest';
import { formatDuration, plainDate, slackDate } from '../../src/slack/format-time.ts';

const WINTER = new Date('2026-11-22T10:42:00Z');
const SUMMER = new Date('2026-07-02T10:42:00Z');

describe('slackDate', () => {
  it('gives a date token with a fallback in the configured time zone', () => {
    // Prepare
    const unix = WINTER.getTime() / 1000;

    // Act
    const token = slackDate(WINTER, 'Europe/London');

    // Assess
    expect(token).toBe(`<!date^${unix}^{date_short_pretty} at {time}|22 Nov 2026 at 10:42 GMT>`);
  });

  it('gives only the time when asked for the time style', () => {
    // Prepare
    const unix = SUMMER.getTime() / 1000;

    // Act
    const token = slackDate(SUMMER, 'Europe/London', 'time');

    // Assess
    expect(token).toBe(`<!date^${unix}^{time}|11:42 BST>`);
  });

  it('uses Europe/London when no time zone is given', () => {
    // Prepare
    const date = SUMMER;

    // Act
    const token = slackDate(date);

    // Assess
    expect(token.endsWith('|2 Jul 2026 at 11:42 BST>')).toBe(true);
  });

  it('says the time is unknown for an invalid date instead of throwing', () => {
    // Prepare
    const date = new Date('not a date');

    // Act
    const token = slackDate(date, 'Europe/London');

    // Assess
    expect(token).toBe('an unknown time');
  });
});

describe('plainDate', () => {
  it('formats date and time in the given time zone', () => {
    // Prepare
    const zone = 'Asia/Tokyo';

    // Act
    const text = plainDate(WINTER, zone);

    // Assess
    expect(text).toBe('22 Nov 2026 at 19:42 GMT+9');
  });

  it('formats only the time in the time style', () => {
    // Prepare
    const zone = 'Europe/London';

    // Act
    const text = plainDate(WINTER, zone, 'time');

    // Assess
    expect(text).toBe('10:42 GMT');
  });

  it('falls back to Europe/London for an unknown time zone instead of throwing', () => {
    // Prepare
    const zone = 'Mars/Olympus_Mons';

    // Act
    const text = plainDate(WINTER, zone);

    // Assess
    expect(text).toBe('22 Nov 2026 at 10:42 GMT');
  });
});

describe('formatDuration', () => {
  it.each([
    [45_000, '45 seconds'],
    [1000, '1 second'],
    [4 * 60_000 + 30_000, '4 minutes 30 seconds'],
    [12 * 60_000 + 30_000, '12 minutes'],
    [60_000, '1 minute'],
    [3 * 3_600_000 + 5 * 60_000, '3 hours 5 minutes'],
    [3_600_000, '1 hour'],
    [2 * 86_400_000 + 3 * 3_600_000 + 59_000, '2 days 3 hours'],
  ])('says %i ms as "%s"', (ms, words) => {
    // Act
    const result = formatDuration(ms);

    // Assess
    expect(result).toBe(words);
  });

  it('says "less than a second" for durations under a second or not a number', () => {
    // Prepare
    const inputs = [0, 999, -5, Number.NaN];

    // Act
    const results = inputs.map(formatDuration);

    // Assess
    expect(results).toEqual(Array(4).fill('less than a second'));
  });
});
