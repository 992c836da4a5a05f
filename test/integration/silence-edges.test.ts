// Silences meeting inhibition, a lift racing a run, storms and the silence's bounded held list (two known limits are marked it.fails).
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/catalog/schema.ts';
import { createSilence, liftSilence } from '../../src/pipeline/silence-admin.ts';
import type { SilenceAsk } from '../../src/pipeline/silence-admin.ts';
import { advance, errorRateAlarm, fireAppDown, okAppDown, runQueued, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

const TECHIES = '#portal-alerts';
const PRODUCT = '#portal-status';
let h: Harness;
afterEach(async () => h?.close());

let ids = 0;
const alertMessages = (channel: string) => h.emulator.messages(channel).filter((m) => m.metadata?.event_type === 'clarion_alert');
const keysIn = (channel: string) => alertMessages(channel).map((m) => (m.metadata?.event_payload as { alert_key: string }).alert_key);
const deps = () => ({ state: h.state, runtime: () => h.runtime, now: () => h.clock.now, newId: () => `silence${++ids}`, enqueue: async (request: never, delaySeconds: number) => void h.refreshes.push({ request, delaySeconds }) });
const silence = (ask: Partial<SilenceAsk> & { match: string }) => createSilence(deps() as never, { for: '1h', reason: 'Planned database work', createdBy: 'U0ONCALL1', ...ask });

async function drain(): Promise<void> {
  for (let round = 0; round < 8; round++) {
    const before = h.refreshes.length;
    await runQueued(h);
    advance(h, 2);
    if (h.refreshes.length === before) return;
  }
}
const own = (entries: CatalogEntry[]) => entries.map((e) => (e.id === 'portal.error-rate' ? (({ group: _g, ...rest }) => rest)(e) : e));

describe('Silences meet inhibition', () => {
  it('does not post a silenced dependant to the engineers when its cause stops firing', async () => {
    // Prepare: the outage fires, the page errors fold under it, then the page errors are silenced.
    h = await startHarness(own);
    await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));
    advance(h, 5);
    await h.processor.processMessage(errorRateAlarm(1, 'err-1', h.clock.now.toISOString()));
    advance(h, 5);
    await drain();
    await silence({ match: 'portal.error-rate' });
    await drain();
    const before = keysIn(TECHIES).filter((k) => k.startsWith('portal.error-rate')).length;

    // Act: the outage recovers (the page errors still fire, and are still silenced).
    await h.processor.processMessage(okAppDown('up-1', h.clock.now.toISOString()));
    advance(h, 5);
    await drain();

    // Assess
    expect(before).toBe(0);
    expect(keysIn(PRODUCT).filter((k) => k.includes('error-rate'))).toEqual([]);
    expect(keysIn(TECHIES).filter((k) => k.startsWith('portal.error-rate'))).toEqual([]);
  });
});

describe('A silence over a dependant whose cause fires', () => {
  it('delivers the dependant once the silence has ended and then its cause stopped firing', async () => {
    // Prepare: the outage fires and is told; the page errors are silenced, then fire (held by the silence, not folded).
    h = await startHarness(own);
    await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));
    advance(h, 5);
    await drain();
    const { silence: s } = await silence({ match: 'portal.error-rate' });
    await h.processor.processMessage(errorRateAlarm(1, 'err-1', h.clock.now.toISOString()));
    advance(h, 5);
    await drain();

    // Act: the silence is lifted while the outage still fires (so the page errors fold under it), then the outage recovers.
    await liftSilence(deps() as never, s.id, 'U0ONCALL2');
    await drain();
    const atLift = { techies: keysIn(TECHIES).filter((k) => k.startsWith('portal.error-rate')).length, product: keysIn(PRODUCT).filter((k) => k.includes('error-rate')).length };
    await h.processor.processMessage(okAppDown('up-1', h.clock.now.toISOString()));
    advance(h, 5);
    await drain();
    for (let i = 0; i < 4; i++) {
      advance(h, 900);
      await drain();
    }

    // Assess: folded at the lift (no own message anywhere), delivered on its own once the outage is over
    expect(atLift).toEqual({ techies: 0, product: 0 });
    expect(keysIn(TECHIES).filter((k) => k.startsWith('portal.error-rate'))).toHaveLength(1);
    expect(keysIn(PRODUCT).filter((k) => k.includes('error-rate'))).toHaveLength(1);
  });
});

describe('A silence that held many alarms', () => {
  // Known limit: a silence keeps the newest 200 alert keys it held; older ones are delivered by their next event.
  it.fails('delivers every alarm still firing when it is lifted, not only the newest 200', async () => {
    // Prepare
    h = await startHarness(own);
    const { silence: s } = await silence({ match: 'portal.error-rate', for: '2h' });
    for (let i = 1; i <= 201; i++) await h.processor.processMessage(errorRateAlarm(i, `err-${i}`, h.clock.now.toISOString()));
    await runQueued(h, (r) => r.clarion === 'silence');

    // Act
    await liftSilence(deps() as never, s.id, 'U0ONCALL2');
    await runQueued(h, (r) => r.clarion === 'silence');

    // Assess: each of the 201 firing alarms is handed back for delivery (a missing-posts refresh of its own)
    const handedBack = new Set(h.refreshes.flatMap((r) => (r.request.clarion === 'refresh' && r.request.reason === 'missing-posts' && !r.request.alertKey.startsWith('impact:') ? [r.request.alertKey] : [])));
    expect(alertMessages(TECHIES)).toHaveLength(0);
    expect(handedBack.size).toBe(201);
  }, 120_000);
});

describe('A silence over a storm', () => {
  // Known limit: what a silence held is delivered alarm by alarm when it ends, not grouped into a storm message.
  it.fails('delivers a storm of held alarms as one storm message when it ends, as it would have without the silence', async () => {
    // Prepare: without a silence, 12 page-error alarms within a minute make one storm message (checked below as the baseline).
    h = await startHarness();
    for (let i = 1; i <= 12; i++) {
      await h.processor.processMessage(errorRateAlarm(i, `base-${i}`, h.clock.now.toISOString()));
      advance(h, 2);
    }
    await h.processor.flush();
    const baseline = h.emulator.messages(TECHIES).length;
    await h.close();
    h = await startHarness();
    const { silence: s } = await silence({ match: 'portal.error-rate', for: '2h' });
    for (let i = 1; i <= 12; i++) {
      await h.processor.processMessage(errorRateAlarm(i, `err-${i}`, h.clock.now.toISOString()));
      advance(h, 2);
    }
    await h.processor.flush();
    await runQueued(h, (r) => r.clarion === 'silence');

    // Act
    advance(h, 60);
    await liftSilence(deps() as never, s.id, 'U0ONCALL2');
    const done = new WeakSet<object>();
    for (let round = 0; round < 60; round++) {
      const next = h.refreshes.find((r) => !done.has(r) && (r.request.clarion === 'silence' || (r.request.clarion === 'refresh' && r.request.reason === 'missing-posts')));
      if (!next) break;
      done.add(next);
      await h.processor.processMessage(next.request).catch(() => done.delete(next));
      advance(h, 2);
    }
    await h.processor.flush();

    // Assess: the engineers' channel gets no more top-level alert messages than without the silence
    expect(baseline).toBeLessThan(12);
    expect(h.emulator.messages(TECHIES).filter((m) => !JSON.stringify(m.blocks).includes('clarion.silence-line')).length).toBeLessThanOrEqual(baseline);
  }, 60_000);
});

describe('A silence lifted while an alarm it covers is being processed', () => {
  it('still delivers the alarm once the silence is over', async () => {
    // Prepare: the run of the alarm reads the active list while the silence is on; the lift (and its
    // delivery of what it held) lands before the run notes the alarm on the silence.
    h = await startHarness(own);
    const { silence: s } = await silence({ match: 'portal.error-rate', for: '2h' });
    await runQueued(h, (r) => r.clarion === 'silence');
    const state = h.state as unknown as { getRecord: (...args: unknown[]) => Promise<unknown> };
    const original = state.getRecord.bind(state);
    let lifted = false;
    state.getRecord = async (...args: unknown[]) => {
      const result = await original(...args);
      if (!lifted && args[0] === 'silences' && args[1] === 'active') {
        lifted = true;
        await liftSilence(deps() as never, s.id, 'U0ONCALL2');
        await runQueued(h, (r) => r.clarion === 'silence');
      }
      return result;
    };

    // Act
    await h.processor.processMessage(errorRateAlarm(1, 'err-1', h.clock.now.toISOString()));
    state.getRecord = original;
    for (let round = 0; round < 4; round++) {
      await runQueued(h);
      advance(h, 2);
    }

    // Assess
    expect(lifted).toBe(true);
    expect(keysIn(TECHIES)).toHaveLength(1);
  });
});

describe('A silence added after an alert was told to everyone', () => {
  for (const silenced of [false, true]) {
    it(`tells the product leads it is fixed when it recovers (${silenced ? 'silenced meanwhile' : 'baseline, no silence'})`, async () => {
      // Prepare: the outage is told to everyone; then (or not) an engineer silences the entry.
      h = await startHarness();
      await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));
      advance(h, 60);
      await runQueued(h);
      if (silenced) await silence({ match: 'portal.app-down', for: '2h' });
      const before = h.emulator.messages(PRODUCT).map((m) => [m.text, ...(m.replies ?? []).map((r) => r.text)]);

      // Act: it recovers; the quiet period passes; the silence runs out.
      await h.processor.processMessage(okAppDown('up-1', h.clock.now.toISOString()));
      for (let i = 0; i < 10; i++) {
        advance(h, 900);
        await runQueued(h);
      }

      // Assess: the product leads' thread got a reply since (the news that it is fixed)
      const after = h.emulator.messages(PRODUCT).map((m) => [m.text, ...(m.replies ?? []).map((r) => r.text)]);
      if (process.env.REVIEW_DEBUG) console.log(JSON.stringify({ before, after }, null, 1));
      expect(after.flat().length).toBeGreaterThan(before.flat().length);
    }, 60_000);
  }
});

describe('A silenced alarm whose impact another alarm keeps open', () => {
  it('tells the non-technical audiences nothing of it until the silence ends', async () => {
    // Prepare: the page errors are told; then the outage, silenced, fires in the same group
    h = await startHarness();
    await h.processor.processMessage(errorRateAlarm(0, 'errors-0', h.clock.now.toISOString()));
    advance(h, 5);
    const { silence: quiet } = await silence({ match: 'portal.app-down' });

    // Act
    await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));
    await drain();
    const officeWhileSilenced = alertMessages('#portal-local-offices').length;
    await liftSilence(deps() as never, quiet.id, 'U0ONCALL2');
    await drain();

    // Assess: local offices (who hear only of the outage) heard nothing while it was silenced, and hear of it once lifted
    expect([officeWhileSilenced, alertMessages('#portal-local-offices').length]).toEqual([0, 1]);
    // and product leads, who heard of the page errors, now read of the outage, the worse problem
    expect(JSON.stringify(alertMessages(PRODUCT)[0]!.blocks)).toContain('The Trainee Portal is down');
  });
});
