// Escalation meets silences, inhibition and snoozes: a silenced or folded alert pings and pages nobody; a lifted silence or a snooze run out lets it escalate.
import { afterEach, describe, expect, it } from 'vitest';
import type { ClarionConfig } from '../../src/catalog/schema.ts';
import type { CatalogEntry } from '../../src/catalog/schema.ts';
import { createSilence, liftSilence } from '../../src/pipeline/silence-admin.ts';
import { advance, errorRateAlarm, fireAppDown, runQueued, startHarness } from '../integration/harness.ts';
import type { Harness } from '../integration/harness.ts';

const TECHIES = '#portal-alerts';
let h: Harness;
afterEach(async () => h?.close());

const ran = new WeakSet<object>();
async function runDue(): Promise<string[]> {
  const details: string[] = [];
  for (const entry of h.escalations.filter((r) => !ran.has(r))) {
    if (entry.request.clarion !== 'escalate' || Date.parse(entry.request.dueAt) > h.clock.now.getTime()) continue;
    ran.add(entry);
    for (const result of await h.processor.processMessage(entry.request)) details.push(result.detail ?? result.outcome);
  }
  return details;
}
const everything = () => h.emulator.messages(TECHIES).flatMap((m) => [m.text ?? '', ...(m.replies ?? []).map((r) => r.text)]);

describe('Escalation meets silences and inhibition', () => {
  it('does not remind or mention the on-call group about an alert a silence holds', async () => {
    // Prepare
    h = await startHarness();
    await createSilence(
      { state: h.state, runtime: () => h.runtime, now: () => h.clock.now, newId: () => 's1', enqueue: async (request, delaySeconds) => void h.refreshes.push({ request, delaySeconds }) },
      { match: 'portal.app-down', for: '2h', reason: 'Planned database work', createdBy: 'U0ONCALL1' },
    );
    await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));

    // Act
    advance(h, 5 * 60);
    await runDue();
    advance(h, 10 * 60);
    await runDue();

    // Assess
    expect(everything().filter((t) => t.includes('Still unacknowledged'))).toEqual([]);
  });

  it('does not post a standalone escalation message for a dependant folded under its firing cause', async () => {
    // Prepare: the page errors (dependsOn the outage) escalate like critical alerts.
    const tweakConfig = (config: ClarionConfig): ClarionConfig => {
      config.escalation!.bySeverity.high = 'critical-on-call';
      return config;
    };
    const own = (entries: CatalogEntry[]) => entries.map((e) => (e.id === 'portal.error-rate' ? (({ group: _g, ...rest }) => rest)(e) : e));
    h = await startHarness(own, { tweakConfig });
    await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));
    advance(h, 5);
    await h.processor.processMessage(errorRateAlarm(1, 'err-1', h.clock.now.toISOString()));
    // the outage's own chain is not the point here
    for (let i = h.escalations.length - 1; i >= 0; i--) if (h.escalations[i]!.request.clarion === 'escalate' && (h.escalations[i]!.request as { alertKey: string }).alertKey.startsWith('portal.app-down')) h.escalations.splice(i, 1);
    expect(h.escalations.length).toBeGreaterThan(0);
    const before = h.emulator.messages(TECHIES).length;

    // Act
    advance(h, 6 * 60);
    await runDue();

    // Assess: nothing about the folded page errors on their own
    const added = h.emulator.messages(TECHIES).slice(before).map((m) => m.text ?? '');
    expect(added).toEqual([]);
  });

  it('escalates again once a one-hour snooze has run out and the alert is still open and unacknowledged', async () => {
    // Prepare: the outage opens; an engineer snoozes it for an hour after a minute (as the Snooze menu does).
    h = await startHarness();
    const [result] = await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));
    advance(h, 60);
    const record = (await h.state.getAlert(result!.alertKey!))!;
    expect(await h.state.putAlert({ ...record, snoozedUntil: new Date(h.clock.now.getTime() + 3600_000).toISOString(), snoozedBy: 'U0ONCALL1', version: record.version + 1 }, record.version)).toBe(true);

    // Act: the snooze runs out; the portal is still down and nobody acknowledged it.
    for (let minutes = 0; minutes < 180; minutes += 5) {
      advance(h, 300);
      await runDue();
    }

    // Assess
    expect(everything().filter((t) => t.includes('Still unacknowledged')).length).toBeGreaterThan(0);
  });

  it('escalates soon after a long silence is lifted early, not only when it would have run out', async () => {
    // Prepare: the outage's entry is silenced for 8 hours; the outage fires and is held.
    h = await startHarness();
    const admin = { state: h.state, runtime: () => h.runtime, now: () => h.clock.now, newId: () => 's2', enqueue: async (request: never, delaySeconds: number) => void h.refreshes.push({ request, delaySeconds }) };
    await createSilence(admin as never, { match: 'portal.app-down', for: '8h', reason: 'Planned database work', createdBy: 'U0ONCALL1' });
    await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));
    advance(h, 6 * 60);
    await runDue(); // the first step is due while silenced: it waits

    // Act: the silence is lifted after 10 minutes (the alert is delivered); an hour passes, unacknowledged.
    advance(h, 4 * 60);
    await liftSilence(admin as never, 's2', 'U0ONCALL2');
    // The silence's end delivers the alert (its requests run as the queue would run them).
    for (let i = 0; i < 4; i++) await runQueued(h, () => true);
    for (let i = 0; i < 12; i++) {
      advance(h, 300);
      await runDue();
    }

    // Assess
    expect(everything().filter((t) => t.includes('Still unacknowledged')).length).toBeGreaterThan(0);
  });
});
