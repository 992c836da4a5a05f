// Silences through the real processor over dynalite and the Slack emulator: a silenced alert is recorded but told to nobody, one quiet line says what it held, and its end delivers what still fires.
import { afterEach, describe, expect, it } from 'vitest';
import { createSilence, liftSilence } from '../../src/pipeline/silence-admin.ts';
import type { SilenceAsk } from '../../src/pipeline/silence-admin.ts';
import { advance, allText, errorRateAlarm as errorRate, fireAppDown, okAppDown, runQueued, startHarness, withOfficeHours, withoutDependencies } from './harness.ts';
import type { Harness } from './harness.ts';

const TECHIES = '#portal-alerts';
const PRODUCT = '#portal-status';
const OFFICE = '#portal-local-offices';

let h: Harness;
afterEach(async () => h?.close());

let ids = 0;
const alertMessages = (channel: string) => h.emulator.messages(channel).filter((m) => m.metadata?.event_type === 'clarion_alert');
const quietLines = () => h.emulator.messages(TECHIES).filter((m) => JSON.stringify(m.blocks).includes('clarion.silence-line'));
const anyRequest = () => true;

function silence(ask: Partial<SilenceAsk> & { match: string }) {
  return createSilence(
    {
      state: h.state,
      runtime: () => h.runtime,
      now: () => h.clock.now,
      newId: () => `silence${++ids}`,
      enqueue: async (request, delaySeconds) => void h.refreshes.push({ request, delaySeconds }),
    },
    { for: '1h', reason: 'Planned database work', createdBy: 'U0ONCALL1', ...ask },
  );
}

function lift(id: string) {
  return liftSilence({ state: h.state, now: () => h.clock.now, enqueue: async (request, delaySeconds) => void h.refreshes.push({ request, delaySeconds }) }, id, 'U0ONCALL2');
}

/** Runs what is due on the queue (as SQS would deliver it) until nothing new is queued. */
async function drain(): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const before = h.refreshes.length;
    await runQueued(h, anyRequest);
    if (h.refreshes.length === before) return;
  }
}

async function fire(i: number): Promise<void> {
  await h.processor.processMessage(errorRate(i, `fire-${i}-${h.clock.now.getTime()}`, h.clock.now.toISOString()));
  advance(h, 2);
}

describe('A silenced alert', () => {
  it('is recorded but posted to nobody, engineers and the impact’s audiences included', async () => {
    // Prepare
    h = await startHarness();
    await silence({ match: 'portal.app-down' });

    // Act
    const [result] = await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));
    await h.processor.flush();

    // Assess
    const record = await h.state.getAlert(result!.alertKey!);
    expect([alertMessages(TECHIES).length, alertMessages(PRODUCT).length, alertMessages(OFFICE).length]).toEqual([0, 0, 0]);
    expect(record?.status).toBe('open');
  });

  it('posts nothing when it resolves either', async () => {
    // Prepare
    h = await startHarness();
    await silence({ match: 'portal.app-down' });
    await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));
    advance(h, 60);

    // Act
    await h.processor.processMessage(okAppDown('ok-1', h.clock.now.toISOString()));
    advance(h, 3600);
    await runQueued(h, (r) => r.clarion !== 'silence');

    // Assess
    expect(h.emulator.messages(TECHIES).length + h.emulator.messages(PRODUCT).length + h.emulator.messages(OFFICE).length).toBe(0);
  });

  it('is told as usual when its entry is not the one silenced', async () => {
    // Prepare
    h = await startHarness();
    await silence({ match: 'portal.error-rate' });

    // Act
    await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));

    // Assess
    expect([alertMessages(TECHIES).length, alertMessages(PRODUCT).length]).toEqual([1, 1]);
  });
});

describe('A silenced alert at night', () => {
  it('is not held for the morning summary, and is held for it when the silence ends before office hours', async () => {
    // Prepare: Monday 02:10 in London, product leads and local offices away
    h = await startHarness(undefined, { tweakConfig: withOfficeHours, now: new Date('2026-11-23T02:10:00Z') });
    await silence({ match: 'portal.app-down', for: '1h' });
    const [result] = await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));
    const heldWhileSilenced = Object.keys((await h.state.getSummary())?.held ?? {});

    // Act: the silence runs out at 03:10
    advance(h, 3600);
    await drain();

    // Assess: engineers are told now; the impact waits for the summary
    expect(heldWhileSilenced).toEqual([]);
    expect(result?.held).toBeUndefined();
    expect(alertMessages(TECHIES).length).toBe(1);
    expect(Object.keys((await h.state.getSummary())?.held ?? {})).toEqual(['impact:group:trainee-portal']);
  });
});

describe('The quiet line', () => {
  it('is one message in the engineers’ channel, edited to count the alerts it held', async () => {
    // Prepare
    h = await startHarness();
    const { silence: created } = await silence({ match: 'portal.*' });
    await drain();

    // Act
    await fire(0);
    await fire(1);
    await fire(0);
    await drain();

    // Assess
    const lines = quietLines();
    expect(lines.length).toBe(1);
    expect(allText(lines[0]!)).toContain('held 2 alerts');
    expect(JSON.stringify(lines[0]!.blocks)).toContain(created.id);
  });

  it('says the silence was lifted, and loses its button', async () => {
    // Prepare
    h = await startHarness();
    const { silence: created } = await silence({ match: 'trainee-portal' });
    await drain();

    // Act
    await lift(created.id);
    await drain();

    // Assess
    const line = quietLines()[0]!;
    expect(allText(line)).toContain('was lifted by <@U0ONCALL2>');
    expect(JSON.stringify(line.blocks)).not.toContain('clarion.silence-lift');
  });
});

describe('When a silence ends', () => {
  it('delivers the alerts it held that still fire, to engineers and to the impact’s audiences, and not the ones that resolved', async () => {
    // Prepare
    h = await startHarness();
    await silence({ match: 'trainee-portal', for: '1h' });
    await fire(0);
    await fire(1);
    await h.processor.processMessage(errorRate(1, 'ok-1', h.clock.now.toISOString(), 'OK'));

    // Act: the hour runs out
    advance(h, 3600);
    await drain();

    // Assess
    const engineers = alertMessages(TECHIES);
    expect(engineers.map((m) => allText(m).includes('trainee-portal-0-5xx-rate'))).toEqual([true]);
    expect(alertMessages(PRODUCT).length).toBe(1);
    expect(allText(quietLines()[0]!)).toContain('ran out');
  });

  it('delivers an alert that still fires as soon as the silence is lifted', async () => {
    // Prepare
    h = await startHarness();
    const { silence: created } = await silence({ match: 'portal.app-down', for: '4h' });
    await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));
    const before = alertMessages(TECHIES).length + alertMessages(PRODUCT).length + alertMessages(OFFICE).length;

    // Act
    await lift(created.id);
    await drain();

    // Assess
    expect([before, alertMessages(TECHIES).length, alertMessages(PRODUCT).length, alertMessages(OFFICE).length]).toEqual([0, 1, 1, 1]);
  });

  it('keeps an alert quiet while a second silence still covers it, and delivers it when that one ends', async () => {
    // Prepare
    h = await startHarness();
    const { silence: first } = await silence({ match: 'portal.app-down', for: '1h' });
    const { silence: second } = await silence({ match: 'trainee-portal', for: '2h' });
    await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));

    // Act
    await lift(first.id);
    await drain();
    const whileSecond = alertMessages(TECHIES).length;
    await lift(second.id);
    await drain();

    // Assess
    expect([whileSecond, alertMessages(TECHIES).length]).toEqual([0, 1]);
  });

  it('lets the impact speak for an alarm nobody silenced, while the silenced one stays quiet', async () => {
    // Prepare: the page errors on their own (the shipped catalog folds them under the outage, silenced or not)
    h = await startHarness(withoutDependencies);
    await silence({ match: 'portal.app-down' });

    // Act
    await h.processor.processMessage(fireAppDown('down-1', h.clock.now.toISOString()));
    advance(h, 30);
    await fire(0);

    // Assess: engineers hear of the error rate only; product leads hear of the portal's trouble once
    expect([alertMessages(TECHIES).length, alertMessages(PRODUCT).length]).toEqual([1, 1]);
  });
});
