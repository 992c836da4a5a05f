// Review of the measure stage (issue 14): a figures port that never answers must not hold the alert back, through the real processor.
import { afterEach, describe, expect, it } from 'vitest';
import type { SloFiguresPort } from '../../src/core/ports.ts';
import { allText, sample, startHarness } from '../integration/harness.ts';
import type { Harness } from '../integration/harness.ts';

let h: Harness;
afterEach(async () => h?.close());

describe('SLO review: the measure stage\'s deadline', () => {
  it('sends the alert without figures when the figures port never answers', async () => {
    // Prepare
    const silent: SloFiguresPort = { sums: () => new Promise(() => {}) };
    h = await startHarness(undefined, { sloFigures: silent, settings: { sloFiguresDeadlineMs: 100 } });
    h.clock.now = new Date('2026-11-22T10:00:05Z');

    // Act
    const [result] = await h.processor.processMessage(sample('page-speed-burn-sns.json'));

    // Assess
    const text = h.emulator.messages('#portal-alerts').map(allText).join('\n');
    expect([result!.outcome, text]).toEqual(['opened', expect.stringContaining('*Burn rate unknown:* the figures could not be read; the alarm itself fired')]);
  });
});
