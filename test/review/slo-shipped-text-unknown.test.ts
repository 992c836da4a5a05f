// Review of the shipped SLO entry's own text (issue 14): when the figures cannot be read, its placeholders still make a sentence engineers can read.
import { afterEach, describe, expect, it } from 'vitest';
import type { SloFiguresPort } from '../../src/core/ports.ts';
import { allText, sample, startHarness } from '../integration/harness.ts';
import type { Harness } from '../integration/harness.ts';

let h: Harness;
afterEach(async () => h?.close());

describe('SLO review: the shipped entry\'s text without figures', () => {
  it('tells engineers the burn rate and budget left are unknown, not that the budget burns "unknown too fast"', async () => {
    // Prepare
    const broken: SloFiguresPort = { sums: async () => Promise.reject(new Error('AccessDenied')) };
    h = await startHarness(undefined, { sloFigures: broken });
    h.clock.now = new Date('2026-11-22T10:00:05Z');

    // Act
    await h.processor.processMessage(sample('page-speed-burn-sns.json'));

    // Assess
    const text = h.emulator.messages('#portal-alerts').map(allText).join('\n');
    expect(text).toContain('Too many pages take over 2 seconds to load. Burn rate: unknown; budget left: unknown.');
  });
});
