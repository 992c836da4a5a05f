import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderEvent } from '../../src/pipeline/render-event.ts';
import { advance, alarmEvent, allText, fireAppDown as fire, okAppDown as ok, quietPeriods, runQueued, sample, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';
import { impactOf } from '../support/impact-records.ts';

const APP_DOWN = 'app-down-alarm.json';
const CHANNELS = { techies: '#portal-alerts', product: '#portal-status', office: '#portal-local-offices' };
/** The impact the Trainee Portal's alarms feed: what product leads and local offices hear about. */
const IMPACT = 'impact:group:trainee-portal';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('Processor: alert lifecycle against dynalite and the Slack emulator', () => {
  it('posts one message per routed audience when an alert first fires', async () => {
    // Act
    const [result] = await h.processor.processMessage(sample(APP_DOWN));

    // Assess
    expect(result?.outcome).toBe('opened');
    for (const channel of Object.values(CHANNELS)) expect(h.emulator.messages(channel)).toHaveLength(1);
    expect(h.emulator.messages(CHANNELS.techies)[0]?.unfurl_links).toBe(false);
    expect(h.lifecycle.map((e) => e.type)).toEqual(['Clarion Alert Opened']);
  });

  it('updates the existing messages on a repeat instead of posting again', async () => {
    // Prepare
    await h.processor.processMessage(fire('e1', '2026-11-22T09:14:05Z'));
    advance(h, 120);

    // Act
    const [result] = await h.processor.processMessage(fire('e2', '2026-11-22T09:16:05Z'));

    // Assess
    expect(result?.outcome).toBe('repeat');
    const [message] = h.emulator.messages(CHANNELS.techies);
    expect(h.emulator.messages(CHANNELS.techies)).toHaveLength(1);
    expect(message?.updates).toBe(1);
    expect(allText(message!)).toContain('Seen 2 times');
  });

  it('posts once when the same event is delivered three times', async () => {
    // Prepare
    const event = sample(APP_DOWN);

    // Act
    const results = [];
    for (let i = 0; i < 3; i++) results.push(...(await h.processor.processMessage(event)));

    // Assess
    expect(results.map((r) => r.outcome)).toEqual(['opened', 'duplicate', 'duplicate']);
    expect(h.emulator.messages(CHANNELS.techies)).toHaveLength(1);
    expect(h.emulator.stats().calls['chat.postMessage']).toBe(3);
  });

  it('resolves every message in place and replies in the thread with the duration', async () => {
    // Prepare
    await h.processor.processMessage(fire('e1', '2026-11-22T09:14:05Z'));
    advance(h, 1800);

    // Act
    const [result] = await h.processor.processMessage(ok('e2', '2026-11-22T09:42:05Z'));

    // Assess
    expect(result?.outcome).toBe('resolved');
    const [techies] = h.emulator.messages(CHANNELS.techies);
    expect(allText(techies!)).toMatch(/Resolved/);
    expect(h.emulator.replies(techies!.channel, techies!.ts).map((r) => r.text)).toContain('Resolved after 28 minutes.');
    expect(allText(h.emulator.messages(CHANNELS.office)[0]!)).toMatch(/checking/i);
    // The alarm's fix and its impact's (what the non-technical audiences read) are each confirmed after the quiet period.
    expect(h.refreshes).toEqual([
      { request: { clarion: 'refresh', alertKey: result!.alertKey, reason: 'quiet-period' }, delaySeconds: 600 },
      { request: { clarion: 'refresh', alertKey: IMPACT, reason: 'quiet-period' }, delaySeconds: 600 },
    ]);
  });

  it('tells non-technical audiences it is fixed only after the quiet period', async () => {
    // Prepare
    await h.processor.processMessage(fire('e1', '2026-11-22T09:14:05Z'));
    await h.processor.processMessage(ok('e2', '2026-11-22T09:42:05Z'));
    advance(h, 601);

    // Act: the quiet-period confirmations the processor queued (the alarm's and its impact's)
    const results = await runQueued(h, quietPeriods);

    // Assess
    expect(results.map((r) => r.outcome)).toEqual(['refresh', 'refresh']);
    const office = allText(h.emulator.messages(CHANNELS.office)[0]!);
    expect(office).not.toMatch(/checking/i);
    expect(office).toContain('The Trainee Portal is working again.');
  });

  it('waits again when a refresh comes before the quiet period is over', async () => {
    // Prepare
    await h.processor.processMessage(fire('e1', '2026-11-22T09:14:05Z'));
    await h.processor.processMessage(ok('e2', '2026-11-22T09:42:05Z'));
    h.clock.now = new Date('2026-11-22T09:47:05Z');

    // Act: the alarm's and its impact's confirmations, early
    await runQueued(h, quietPeriods);

    // Assess
    expect(h.refreshes.slice(-2)).toEqual([
      { request: { clarion: 'refresh', alertKey: expect.stringMatching(/^portal\.app-down\|/), reason: 'quiet-period' }, delaySeconds: 300 },
      { request: { clarion: 'refresh', alertKey: IMPACT, reason: 'quiet-period' }, delaySeconds: 300 },
    ]);
    expect(allText(h.emulator.messages(CHANNELS.office)[0]!)).toMatch(/checking/i);
  });

  it('reopens the same messages when the alarm fires again within the flap window', async () => {
    // Prepare
    await h.processor.processMessage(fire('e1', '2026-11-22T09:14:05Z'));
    await h.processor.processMessage(ok('e2', '2026-11-22T09:20:05Z'));
    h.clock.now = new Date('2026-11-22T09:25:05Z');

    // Act
    const [result] = await h.processor.processMessage(fire('e3', '2026-11-22T09:25:05Z'));

    // Assess
    expect(result?.outcome).toBe('reopened');
    for (const channel of Object.values(CHANNELS)) expect(h.emulator.messages(channel)).toHaveLength(1);
    expect(allText(h.emulator.messages(CHANNELS.techies)[0]!)).toMatch(/Firing/);
    expect((await impactOf(h.state, result!.alertKey!))?.status).toBe('open');
  });

  it('posts new messages when the alarm fires again long after it resolved', async () => {
    // Prepare
    await h.processor.processMessage(fire('e1', '2026-11-22T09:14:05Z'));
    await h.processor.processMessage(ok('e2', '2026-11-22T09:20:05Z'));
    h.clock.now = new Date('2026-11-22T12:00:00Z');

    // Act
    const [result] = await h.processor.processMessage(fire('e3', '2026-11-22T12:00:00Z'));

    // Assess
    expect(result?.outcome).toBe('opened');
    for (const channel of Object.values(CHANNELS)) expect(h.emulator.messages(channel)).toHaveLength(2);
  });

  it('ignores an older transition that arrives after a newer one', async () => {
    // Prepare
    await h.processor.processMessage(fire('e1', '2026-11-22T09:14:05Z'));
    await h.processor.processMessage(ok('e3', '2026-11-22T09:30:05Z'));

    // Act
    const [result] = await h.processor.processMessage(fire('e2', '2026-11-22T09:20:05Z'));

    // Assess
    expect(result?.outcome).toBe('stale-event');
    expect(allText(h.emulator.messages(CHANNELS.techies)[0]!)).toMatch(/Resolved/);
  });

  it('delivers everything after a Slack outage, with nothing lost', async () => {
    // Prepare
    h.emulator.fail({ status: 503, untilMs: h.clock.now.getTime() + 60_000 });
    const event = sample(APP_DOWN);

    // Act
    const failure = await h.processor.processMessage(event).catch((error: unknown) => error);
    advance(h, 61);
    const [retry] = await h.processor.processMessage(event);

    // Assess
    expect(failure).toMatchObject({ name: 'DeliveryError', retryable: true });
    expect(retry?.outcome).toBe('repair');
    for (const channel of Object.values(CHANNELS)) expect(h.emulator.messages(channel)).toHaveLength(1);
  });

  it('shows the resolved state after a failed update is retried', async () => {
    // Prepare
    await h.processor.processMessage(fire('e1', '2026-11-22T09:14:05Z'));
    h.emulator.fail({ method: 'chat.update', status: 500, times: 10 });
    const resolve = ok('e2', '2026-11-22T09:42:05Z');
    await h.processor.processMessage(resolve).catch(() => undefined);
    h.emulator.clearFaults();

    // Act
    const [retry] = await h.processor.processMessage(resolve);

    // Assess
    expect(retry?.outcome).toBe('already-resolved');
    for (const channel of Object.values(CHANNELS)) expect(allText(h.emulator.messages(channel)[0]!)).toMatch(/Resolved|fixed|checking/i);
    // One quiet-period confirmation each for the alarm and its impact, not one more per try.
    expect(h.refreshes.map((r) => r.request)).toEqual([
      { clarion: 'refresh', alertKey: retry!.alertKey, reason: 'quiet-period' },
      { clarion: 'refresh', alertKey: IMPACT, reason: 'quiet-period' },
    ]);
    expect(h.lifecycle.map((e) => e.type)).toEqual(['Clarion Alert Opened', 'Clarion Alert Resolved']);
  });

  /** Slack answers 503 to the post after the `n`th message it took. */
  function failPostAfter(n: number): void {
    let seen = 0;
    const failNextPost = () => {
      if (++seen < n) return;
      h.emulator.off('message', failNextPost);
      h.emulator.fail({ method: 'chat.postMessage', status: 503, times: 1 });
    };
    h.emulator.on('message', failNextPost);
  }

  it('keeps the messages that went out when a later post fails, and does not post them again', async () => {
    // Prepare: the engineers' message (the alarm's) goes out; the product leads' (the impact's first) fails
    failPostAfter(1);
    const event = sample(APP_DOWN);
    const failure = await h.processor.processMessage(event).catch((error: unknown) => error);

    // Act
    const [retry] = await h.processor.processMessage(event);

    // Assess: the alarm had nothing to repair; its impact posted what was missing
    expect(failure).toMatchObject({ name: 'DeliveryError' });
    expect(retry?.outcome).toBe('repeat');
    for (const channel of Object.values(CHANNELS)) expect(h.emulator.messages(channel)).toHaveLength(1);
    const impact = await impactOf(h.state, retry!.alertKey!);
    expect([Object.keys(impact!.messages).sort(), impact!.syncedVersion]).toEqual([['local-office', 'product-leads'], impact!.version]);
  });

  it('keeps the impact message that went out when its next post fails, and does not post it again', async () => {
    // Prepare: the engineers' and the product leads' messages go out; the local offices' fails
    failPostAfter(2);
    const event = sample(APP_DOWN);
    const failure = await h.processor.processMessage(event).catch((error: unknown) => error);

    // Act
    const [retry] = await h.processor.processMessage(event);

    // Assess
    expect(failure).toMatchObject({ name: 'DeliveryError' });
    for (const channel of Object.values(CHANNELS)) expect(h.emulator.messages(channel)).toHaveLength(1);
    const impact = await impactOf(h.state, retry!.alertKey!);
    expect([Object.keys(impact!.messages).sort(), impact!.syncedVersion]).toEqual([['local-office', 'product-leads'], impact!.version]);
  });

  it('reopens a re-fire within the flap window without counting it towards a storm', async () => {
    // Prepare
    const error = (i: number, id: string, time: string, value: 'ALARM' | 'OK' = 'ALARM') =>
      alarmEvent('error-rate-alarm.json', { id, time, value, name: `trainee-portal-${i}-5xx-rate` });
    for (let i = 0; i < 6; i++) {
      await h.processor.processMessage(error(i, `s${i}`, '2026-11-22T10:00:00Z'));
      advance(h, 2);
    }
    await h.processor.flush();
    await h.processor.processMessage(error(0, 'ok0', '2026-11-22T10:00:30Z', 'OK'));
    const membersBefore = (await h.state.getGroup('trainee-portal'))?.members.length;

    // Act
    const [refire] = await h.processor.processMessage(error(0, 'again0', '2026-11-22T10:01:00Z'));

    // Assess
    expect(refire?.outcome).toBe('reopened');
    expect((await h.state.getGroup('trainee-portal'))?.members.length).toBe(membersBefore);
  });

  it('folds a storm of one group into one grouped message for the engineers, while product leads keep the one message of its impact', async () => {
    // Prepare
    const events = Array.from({ length: 8 }, (_, i) =>
      alarmEvent('error-rate-alarm.json', { id: `s${i}`, time: '2026-11-22T09:30:00Z', name: `trainee-portal-${i}-5xx-rate` }),
    );

    // Act
    for (const event of events) {
      await h.processor.processMessage(event);
      advance(h, 2);
    }
    await h.processor.flush();

    // Assess
    const techies = h.emulator.messages(CHANNELS.techies);
    expect(techies).toHaveLength(6);
    expect(allText(techies.at(-1)!)).toContain('Storm: 3 alerts in trainee-portal');
    // Storm groups carry only engineers' channels now: product leads read the group's impact, one message for all eight.
    const product = h.emulator.messages(CHANNELS.product);
    expect(product).toHaveLength(1);
    expect(allText(product[0]!)).toContain('Some pages of the Trainee Portal are failing');
    expect(product.map(allText).join()).not.toContain('Several parts of the Trainee Portal are having problems');
  });
});

describe('Processor and CLI: an event nobody has described yet', () => {
  it('suggests the same catalog entry in Slack as `clarion render` does, for information too', async () => {
    // Prepare: an application's own event, for information, under a name no entry claims
    const event = structuredClone(sample('overnight-sync-custom.json')) as { detail: Record<string, unknown> };
    event.detail['name'] = 'weekly-export-finished';
    event.detail['state'] = 'info';
    const rendered = renderEvent(event, h.runtime, { now: h.clock.now });

    // Act
    await h.processor.processMessage(event);

    // Assess
    const suggestion = (text: string) => /- id: [a-z0-9.-]+/.exec(text)?.[0];
    const cli = suggestion(allText(rendered.deliveries[0]!.message));
    expect(cli).toMatch(/^- id: my-team\./);
    expect(suggestion(allText(h.emulator.messages(CHANNELS.techies)[0]!))).toBe(cli);
  });
});
