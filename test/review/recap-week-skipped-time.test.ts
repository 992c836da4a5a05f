import { describe, expect, it } from 'vitest';
import { nextRecapAt, recapWeekStart } from '../../src/history/recap-schedule.ts';

describe('Weekly recap week on the day clocks go forward', () => {
  it('starts the week after a recap due at a skipped time where that recap was due, leaving no hour in no recap', () => {
    // Prepare: Sunday 02:30 in Berlin; on 29 March 2026 02:00–03:00 does not exist, so that recap is due just after the gap
    const recap = { day: 'sun', at: '02:30' } as const;
    const earlier = nextRecapAt(new Date('2026-03-20T00:00:00Z'), recap, 'Europe/Berlin');
    const skipped = nextRecapAt(earlier!, recap, 'Europe/Berlin');
    // Act
    const since = recapWeekStart(skipped!, recap, 'Europe/Berlin');
    // Assess
    expect(since.toISOString()).toBe(earlier!.toISOString());
  });
});

describe('Weekly recap week the week after clocks went forward', () => {
  it('starts where the recap moved out of the skipped hour was due', () => {
    // Prepare
    const recap = { day: 'sun', at: '02:30' } as const;
    const skipped = nextRecapAt(new Date('2026-03-27T00:00:00Z'), recap, 'Europe/Berlin');
    const next = nextRecapAt(skipped!, recap, 'Europe/Berlin');
    // Act
    const since = recapWeekStart(next!, recap, 'Europe/Berlin');
    // Assess
    expect(since.toISOString()).toBe(skipped!.toISOString());
  });
});
