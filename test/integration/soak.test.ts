// The soak bench's invariant as a test: a storm while Slack fails for ten simulated minutes loses nothing and posts nothing twice.
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../bench/soak-bench.ts';
import type { SoakFault } from '../../bench/soak-bench.ts';

/** Smaller than the bench's 1,000 events over 50 alarms, with the same mix (a storm group, several audiences, uncatalogued) and the same ten-minute outage. */
const SIZE = { events: 200, alarms: 10 };

describe('Soak: a storm while Slack fails for ten minutes (real batch runner, two processors, dynalite, the Slack emulator)', () => {
  it.each<[string, SoakFault]>([
    ['answers 503', '503'],
    ['answers 429 with a Retry-After', '429'],
    ['never answers', 'hang'],
  ])('loses no alarm and posts nothing twice while Slack %s', async (_, fault) => {
    // Act
    const figures = await runSoak({ fault, ...SIZE });

    // Assess
    expect(figures.lostAlarms).toEqual([]);
    expect(figures.duplicatePosts).toBe(0);
    expect(figures.deadLetters).toBe(0);
    expect(figures.invocationsOverTimeout).toBe(0);
  }, 120_000);

  it('recovers every dead letter by a redrive once a revoked token is fixed', async () => {
    // Act
    const figures = await runSoak({ fault: 'invalid_auth', ...SIZE });

    // Assess
    expect(figures.deadLetters).toBeGreaterThan(0);
    expect(figures.recoveredByRedrive).toBe(figures.redriven);
    expect(figures.lostAlarms).toEqual([]);
    expect(figures.duplicatePosts).toBe(0);
  }, 120_000);
});
