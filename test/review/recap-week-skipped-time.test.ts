import { describe, expect, it } from 'vitest';
import { nextRecapAt, weekBefore } from '../../src/history/recap-schedule.ts';

describe('Weekly recap week on the day clocks go forward', () => {
  it('starts the week after a recap due at a skipped time where that recap was due, leaving no hour in no recap', () => {
    // Prepare: Sunday 02:30 in Berlin; on 29 March 2026 02:00–03:00 does not exist, so that recap is due just after the gap
    const recap = { day: 'sun', at: '02:30' } as const;
    const earlier = nextRecapAt(new Date('2026-03-20T00:00:00Z'), recap, 'Europe/Berlin');
    const skipped = nextRecapAt(earlier!, recap, 'Europe/Berlin');
    // Act
    const since = weekBefore(skipped!, 'Europe/Berlin');
    // Assess
    expect(since.toISOString()).toBe(earlier!.toISOString());
  });
});
