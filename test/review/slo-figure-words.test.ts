// Review of the SLO figures in words (issue 14): the share left as people read it, and "tomorrow" on the days the clocks change.
import { describe, expect, it } from 'vitest';
import { budgetLeft } from '../../src/slo/budget-figures.ts';
import { budgetBar, budgetLeftWords, whenWords } from '../../src/slo/figure-words.ts';

const ZONE = 'Europe/London';

describe('SLO review: figures in words', () => {
  it('says 20% left when exactly a fifth of the budget is left, not 19% from float noise', () => {
    // Prepare: 8 bad of 1,000 at 99% spends 80% of the 10 the budget allows.
    const left = budgetLeft({ good: 992, total: 1000 }, 99);

    // Act
    const words = budgetLeftWords(left);

    // Assess
    expect(words).toBe('20%');
  });

  it('says the share left of every whole-percent budget as it is', () => {
    // Prepare: at 99% over 10,000 events, each bad event is 1% of the budget.
    const shares = Array.from({ length: 100 }, (_, bad) => budgetLeftWords(budgetLeft({ good: 10_000 - bad, total: 10_000 }, 99)));

    // Assess
    expect(shares).toEqual(Array.from({ length: 100 }, (_, bad) => `${100 - bad}%`));
  });

  it('says under 1% is left rather than 0% while a sliver of budget remains', () => {
    // Act
    const bar = budgetBar(0.004);

    // Assess
    expect(bar).toBe('▓░░░░░░░░░ under 1% left');
  });

  it('says tomorrow for the next day when the clocks go forward tonight', () => {
    // Prepare: 23:30 GMT on Saturday 28 March 2026; British Summer Time starts at 01:00 on Sunday.
    const now = new Date('2026-03-28T23:30:00Z');

    // Act
    const when = whenWords(new Date('2026-03-29T14:00:00Z'), now, ZONE);

    // Assess
    expect(when).toBe('15:00 BST tomorrow');
  });

  it('says tomorrow for the next day after the clocks went back today', () => {
    // Prepare: 00:30 BST on Sunday 25 October 2026; the clocks go back at 02:00, so the day lasts 25 hours.
    const now = new Date('2026-10-24T23:30:00Z');

    // Act
    const when = whenWords(new Date('2026-10-26T09:00:00Z'), now, ZONE);

    // Assess
    expect(when).toBe('09:00 GMT tomorrow');
  });
});
