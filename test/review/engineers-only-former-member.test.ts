// Review of 6700593: an entry made engineers-only by a deploy stays in its impact's members (members outlive incidents), so it keeps feeding every later incident of the impact.
import { afterEach, describe, expect, it } from 'vitest';
import { buildCatalogIndex } from '../../src/catalog/catalog-index.ts';
import { errorRateAlarm, fireAppDown, okAppDown, startHarness } from '../integration/harness.ts';
import type { Harness } from '../integration/harness.ts';

let h: Harness;
afterEach(async () => h?.close());

const PORTAL_IMPACT = 'impact:group:trainee-portal';

function broadcasts(channel: string): string[] {
  return h.emulator.messages(channel).flatMap((m) => m.replies.filter((r) => r.reply_broadcast).map((r) => r.text));
}

describe('An entry made engineers-only after it once fed its impact', () => {
  it('does not keep a later outage open for local offices when its alarm fires again during it', async () => {
    // Prepare: the error-rate alarm (product leads then) fires and recovers, so it is one of the impact's members.
    h = await startHarness();
    h.clock.now = new Date('2026-11-22T08:00:10Z');
    await h.processor.processMessage(errorRateAlarm(1, 'e1', '2026-11-22T08:00:00Z'));
    h.clock.now = new Date('2026-11-22T08:05:10Z');
    await h.processor.processMessage(errorRateAlarm(1, 'e2', '2026-11-22T08:05:00Z', 'OK'));
    // A deploy makes the entry engineers-only; hours later the portal goes down (local offices hear of it).
    h.runtime.index = buildCatalogIndex([...h.runtime.index.byId.values()].map((e) => (e.id === 'portal.error-rate' ? { ...e, audiences: ['techies'] } : e)));
    h.clock.now = new Date('2026-11-22T12:00:10Z');
    await h.processor.processMessage(fireAppDown('d1', '2026-11-22T12:00:00Z'));

    // Act: the error rate fires during the outage (engineers' business now); the outage recovers.
    h.clock.now = new Date('2026-11-22T12:01:10Z');
    await h.processor.processMessage(errorRateAlarm(1, 'e3', '2026-11-22T12:01:00Z'));
    h.clock.now = new Date('2026-11-22T12:02:10Z');
    await h.processor.processMessage(okAppDown('d2', '2026-11-22T12:02:00Z'));
    h.clock.now = new Date('2026-11-22T12:30:00Z');
    for (let i = 0; i < h.refreshes.length; i++) await h.processor.processMessage(h.refreshes[i]!.request);

    // Assess: as for an entry that was always engineers-only, the impact ends with the outage and local offices hear it fixed.
    expect([(await h.state.getAlert(PORTAL_IMPACT))?.status, broadcasts('#portal-local-offices').length]).toEqual(['resolved', 1]);
  });
});
