// The SLO figures in words: rates, the budget bar (words, not colour alone), whose allowance it is, and when it runs out.
import { describe, expect, it } from 'vitest';
import { allowancePeriod, budgetBar, burnRateWords, whenWords } from '../../src/slo/figure-words.ts';

const NOW = new Date('2026-12-02T10:00:00Z');
const ZONE = 'Europe/London';

describe('SLO: figures in words', () => {
  it('draws the budget left as ten cells and says the share in words', () => {
    // Act
    const bar = budgetBar(0.62);

    // Assess
    expect(bar).toBe('▓▓▓▓▓▓░░░░ 62% left');
  });

  it('keeps one cell for a sliver of budget', () => {
    // Act
    const bar = budgetBar(0.01);

    // Assess
    expect(bar).toBe('▓░░░░░░░░░ 1% left');
  });

  it('says the budget is used up once none is left', () => {
    // Act
    const bar = budgetBar(-0.4);

    // Assess
    expect(bar).toBe('░░░░░░░░░░ used up');
  });

  it('says the budget is unknown when nothing was counted', () => {
    // Act
    const bar = budgetBar(null);

    // Assess
    expect(bar).toBe('budget left unknown');
  });

  it('writes a burn rate with one decimal', () => {
    // Act
    const words = [burnRateWords(14.93), burnRateWords(6), burnRateWords(null)];

    // Assess
    expect(words).toEqual(['14.9×', '6.0×', 'unknown']);
  });

  it.each([
    ['30d', 30 * 86_400, "this month's"],
    ['7d', 7 * 86_400, "this week's"],
    ['1d', 86_400, "today's"],
    ['14d', 14 * 86_400, 'the 14-day'],
  ])('calls a %s budget %s allowance', (window, seconds, words) => {
    // Act
    const period = allowancePeriod({ window, windowSeconds: seconds });

    // Assess
    expect(period).toBe(words);
  });

  it('says today, tomorrow, or the weekday and date, in the stage\'s zone', () => {
    // Act
    const when = [new Date('2026-12-02T14:00:00Z'), new Date('2026-12-03T09:00:00Z'), new Date('2026-12-04T14:00:00Z')].map((at) => whenWords(at, NOW, ZONE));

    // Assess
    expect(when).toEqual(['14:00 GMT today', '09:00 GMT tomorrow', '14:00 GMT on Friday 4 Dec']);
  });

  it('counts the day in the stage\'s zone, not UTC', () => {
    // Act: 23:30 UTC on 2 Dec is already 3 Dec in Auckland.
    const when = whenWords(new Date('2026-12-02T23:30:00Z'), NOW, 'Pacific/Auckland');

    // Assess
    expect(when).toBe('12:30 GMT+13 tomorrow');
  });
});
