// Each change in an incident's life is told to the non-technical audiences, not only shown by an edit: fixed, and broken again.
import { afterEach, describe, expect, it } from 'vitest';
import type { RefreshRequest } from '../../src/core/refresh-request.ts';
import { allText, fireAppDown, okAppDown, quietPeriods, runQueued, startHarness, withOfficeHours } from './harness.ts';
import type { Harness, StoredMessage } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

/** Replies broadcast to a channel (shown in it, not only in a thread), as Slack lists them. */
function broadcasts(channel: string): StoredMessage[] {
  return h.emulator.messages(channel).flatMap((m) => m.replies.filter((r) => r.reply_broadcast));
}

/** The impact the outage alarm feeds: what product leads and local offices hear about, and are told of. */
const IMPACT = 'impact:group:trainee-portal';

/** The tell requests the processor put on its queue so far. */
function tells(): RefreshRequest[] {
  return h.refreshes.map((r) => r.request).filter((r) => r.clarion === 'tell');
}

/** The impact's tell request (the one with news for the non-technical audiences). */
function impactTell(): RefreshRequest {
  const found = tells().find((r) => r.clarion === 'tell' && r.alertKey === IMPACT);
  if (!found) throw new Error('no tell request for the impact');
  return found;
}

/** The outage opens at 10:00, recovers at 10:05, and the fix (the alarm's and its impact's) is confirmed after the 10-minute quiet period. */
async function fixedOutage(): Promise<string> {
  h.clock.now = new Date('2026-11-24T10:00:10Z');
  const [opened] = await h.processor.processMessage(fireAppDown('e1', '2026-11-24T10:00:00Z'));
  h.clock.now = new Date('2026-11-24T10:05:10Z');
  await h.processor.processMessage(okAppDown('e2', '2026-11-24T10:05:00Z'));
  h.clock.now = new Date('2026-11-24T10:15:10Z');
  await runQueued(h, quietPeriods);
  return opened!.alertKey!;
}

describe('Fixed, told', () => {
  it('tells product leads and local offices in their channels once the fix is confirmed, and the engineers nothing more', async () => {
    // Prepare
    h = await startHarness();
    await fixedOutage();

    // Act
    for (const request of tells()) await h.processor.processMessage(request);

    // Assess
    expect([broadcasts('#portal-status').map(allText), broadcasts('#portal-local-offices').map(allText), broadcasts('#portal-alerts')]).toEqual([
      [expect.stringContaining('Fixed')],
      [expect.stringContaining('The Trainee Portal is working again. Thank you for your patience.')],
      [],
    ]);
  });

  it('does not tell anyone "fixed" before the quiet period has confirmed it', async () => {
    // Prepare
    h = await startHarness();
    h.clock.now = new Date('2026-11-24T10:00:10Z');
    await h.processor.processMessage(fireAppDown('e1', '2026-11-24T10:00:00Z'));

    // Act
    h.clock.now = new Date('2026-11-24T10:05:10Z');
    await h.processor.processMessage(okAppDown('e2', '2026-11-24T10:05:00Z'));

    // Assess
    expect(tells()).toEqual([]);
  });

  it('tells each audience once when the tell request is delivered twice', async () => {
    // Prepare
    h = await startHarness();
    await fixedOutage();
    const request = impactTell();

    // Act
    await h.processor.processMessage(request);
    await h.processor.processMessage(request);

    // Assess
    expect([broadcasts('#portal-status').length, broadcasts('#portal-local-offices').length]).toEqual([1, 1]);
  });

  it('tells the audiences Slack failed for on the retry, and nobody twice', async () => {
    // Prepare: the first notice goes out, then Slack answers 503 to the next post.
    h = await startHarness();
    await fixedOutage();
    const request = impactTell();
    const failNext = () => {
      h.emulator.fail({ method: 'chat.postMessage', status: 503, times: 1 });
      h.emulator.off('message', failNext);
    };
    h.emulator.on('message', failNext);
    const failure = await h.processor.processMessage(request).then(
      () => 'told',
      (error: Error) => error.name,
    );
    const afterFailure = broadcasts('#portal-status').length + broadcasts('#portal-local-offices').length;

    // Act
    await h.processor.processMessage(request);

    // Assess
    expect([failure, afterFailure, broadcasts('#portal-status').length, broadcasts('#portal-local-offices').length]).toEqual(['DeliveryError', 1, 1, 1]);
  });

  it('tells an audience whose message was deleted in Slack with a message of its own in its channel', async () => {
    // Prepare: someone deleted the product leads' message.
    h = await startHarness();
    await fixedOutage();
    const leads = h.emulator.messages('#portal-status')[0]!;
    await fetch(`${h.slackUrl}chat.delete`, { method: 'POST', headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/json' }, body: JSON.stringify({ channel: leads.channel, ts: leads.ts }) });

    // Act
    for (const request of tells()) await h.processor.processMessage(request);

    // Assess
    expect([h.emulator.messages('#portal-status').map(allText), broadcasts('#portal-local-offices').length]).toEqual([[expect.stringContaining('Fixed.')], 1]);
  });

  it('holds the news for the morning summary for audiences away at night', async () => {
    // Prepare: the outage opens and is fixed in the afternoon; the fix is confirmed after office hours.
    h = await startHarness(undefined, { tweakConfig: withOfficeHours });
    h.clock.now = new Date('2026-11-24T17:00:10Z');
    const [opened] = await h.processor.processMessage(fireAppDown('e1', '2026-11-24T17:00:00Z'));
    h.clock.now = new Date('2026-11-24T17:25:10Z');
    await h.processor.processMessage(okAppDown('e2', '2026-11-24T17:25:00Z'));
    h.clock.now = new Date('2026-11-24T17:40:10Z');
    await runQueued(h, quietPeriods);

    // Act
    const [result] = await h.processor.processMessage(impactTell());
    const summary = await h.state.getSummary();

    // Assess: the summary holds the impact (what the non-technical audiences read), not the alarm
    expect([opened!.alertKey, broadcasts('#portal-status').length, broadcasts('#portal-local-offices').length, result!.held?.sort(), Object.keys(summary?.held ?? {})]).toEqual([
      expect.stringMatching(/^portal\.app-down\|/),
      0,
      0,
      ['local-office', 'product-leads'],
      [IMPACT],
    ]);
  });
});

describe('Broken again, told', () => {
  it('tells those who heard "fixed" that it stopped working again', async () => {
    // Prepare
    h = await startHarness();
    await fixedOutage();
    for (const request of tells()) await h.processor.processMessage(request);
    h.refreshes.length = 0;

    // Act: it fires again within the flap window.
    h.clock.now = new Date('2026-11-24T10:18:10Z');
    await h.processor.processMessage(fireAppDown('e3', '2026-11-24T10:18:00Z'));
    for (const request of tells()) await h.processor.processMessage(request);

    // Assess
    expect([broadcasts('#portal-status').map(allText).at(-1), broadcasts('#portal-local-offices').map(allText).at(-1)]).toEqual([
      expect.stringContaining('Broken again'),
      expect.stringContaining('Not working again'),
    ]);
  });

  it('resets the acknowledgement and counts the reopening in the record', async () => {
    // Prepare
    h = await startHarness();
    const alertKey = await fixedOutage();
    // The alarm and its impact were acknowledged (a press acknowledges both).
    for (const key of [alertKey, IMPACT]) {
      const fixed = (await h.state.getAlert(key))!;
      await h.state.putAlert({ ...fixed, acknowledgedBy: 'U0ONCALL', acknowledgedAt: '2026-11-24T10:01:00Z', version: fixed.version + 1 }, fixed.version);
    }

    // Act
    h.clock.now = new Date('2026-11-24T10:18:10Z');
    const [reopened] = await h.processor.processMessage(fireAppDown('e3', '2026-11-24T10:18:00Z'));
    const record = (await h.state.getAlert(alertKey))!;
    const impact = (await h.state.getAlert(IMPACT))!;

    // Assess: the lifecycle event is the alarm's (an impact makes none)
    expect([reopened!.outcome, record.acknowledgedBy, record.reopenings, h.lifecycle.at(-1)?.type]).toEqual(['reopened', undefined, 1, 'Clarion Alert Reopened']);
    expect([impact.status, impact.acknowledgedBy, impact.reopenings]).toEqual(['open', undefined, 1]);
  });

  it('tells nobody "broken again" when the re-fire comes before anyone heard "fixed"', async () => {
    // Prepare
    h = await startHarness();
    h.clock.now = new Date('2026-11-24T10:00:10Z');
    await h.processor.processMessage(fireAppDown('e1', '2026-11-24T10:00:00Z'));
    h.clock.now = new Date('2026-11-24T10:05:10Z');
    await h.processor.processMessage(okAppDown('e2', '2026-11-24T10:05:00Z'));

    // Act
    h.clock.now = new Date('2026-11-24T10:08:10Z');
    await h.processor.processMessage(fireAppDown('e3', '2026-11-24T10:08:00Z'));

    // Assess
    expect(tells()).toEqual([]);
  });
});
