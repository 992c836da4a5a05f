// Nothing lost after a Slack failure: several events per alarm, retries that arrive stale, and processors that die mid-record.
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import { DeliveryError } from '../../src/core/delivery-error.ts';
import { EventBusyError } from '../../src/pipeline/claim-event.ts';
import { createProcessor } from '../../src/processor/process-signals.ts';
import type { RefreshRequest } from '../../src/processor/process-signals.ts';
import { advance, fireAppDown as fire, okAppDown as ok, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';
import { impactOf, messagesOf } from '../support/impact-records.ts';

const CHANNELS = ['#portal-alerts', '#portal-status', '#portal-local-offices'];
/** The impact the outage alarm feeds: the product leads' and local offices' messages are its. */
const IMPACT = 'impact:group:trainee-portal';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

async function failing(event: unknown): Promise<unknown> {
  try {
    await h.processor.processMessage(event);
  } catch (error) {
    return error;
  }
  throw new Error('expected the processor to fail');
}

/** Every message of the alert, per channel. */
const shown = () => CHANNELS.map((c) => h.emulator.messages(c).length);

describe('Processor: an alert whose first post failed', () => {
  it('is not marked in step with Slack by a later event while an audience has no message', async () => {
    // Prepare
    h.emulator.fail({ status: 503, method: 'chat.postMessage', times: 1 });
    await failing(fire('e1', '2026-11-22T09:59:00Z'));
    advance(h, 1);

    // Act
    const [second] = await h.processor.processMessage(fire('e2', '2026-11-22T10:00:00Z'));

    // Assess
    const record = await h.state.getAlert(second!.alertKey!);
    expect(record!.syncedVersion ?? 0).toBeLessThan(record!.version);
  });

  it('is posted to every audience by the retry of the first event, even though a newer event came first', async () => {
    // Prepare
    h.emulator.fail({ status: 503, method: 'chat.postMessage', times: 1 });
    await failing(fire('e1', '2026-11-22T09:59:00Z'));
    advance(h, 1);
    await h.processor.processMessage(fire('e2', '2026-11-22T10:00:00Z'));
    advance(h, 30);

    // Act
    const [retry] = await h.processor.processMessage(fire('e1', '2026-11-22T09:59:00Z'));

    // Assess
    expect(retry?.outcome).toBe('stale-event');
    expect(shown()).toEqual([1, 1, 1]);
    expect(Object.keys(await messagesOf(h.state, retry!.alertKey!)).sort()).toEqual(['local-office', 'product-leads', 'techies']);
    const record = await h.state.getAlert(retry!.alertKey!);
    const impact = await impactOf(h.state, retry!.alertKey!);
    expect([record!.syncedVersion, impact!.syncedVersion]).toEqual([record!.version, impact!.version]);
  });

  it('is posted by the refresh a later event leaves on the queue when the first event never comes back', async () => {
    // Prepare
    h.emulator.fail({ status: 503, method: 'chat.postMessage', times: 1 });
    await failing(fire('e1', '2026-11-22T09:59:00Z'));
    advance(h, 1);
    await h.processor.processMessage(fire('e2', '2026-11-22T10:00:00Z'));
    const refresh = h.refreshes.find((r) => r.request.clarion === 'refresh' && r.request.reason === 'missing-posts');
    advance(h, refresh!.delaySeconds);

    // Act
    await h.processor.processMessage(refresh!.request);

    // Assess
    expect(shown()).toEqual([1, 1, 1]);
  });

  it('is posted resolved by an event that resolves it after the failure', async () => {
    // Prepare
    h.emulator.fail({ status: 503, method: 'chat.postMessage', times: 1 });
    await failing(fire('e1', '2026-11-22T09:59:00Z'));
    advance(h, 200);

    // Act
    const [resolved] = await h.processor.processMessage(ok('e2', '2026-11-22T10:03:00Z'));

    // Assess
    expect(shown()).toEqual([1, 1, 1]);
    const record = await h.state.getAlert(resolved!.alertKey!);
    expect(record!.status).toBe('resolved');
    expect(record!.syncedVersion).toBe(record!.version);
    // The impact never heard the alarm open (its run failed first): it opens and resolves now, and its fix is confirmed after the quiet period.
    const impact = await impactOf(h.state, resolved!.alertKey!);
    expect([impact!.status, impact!.syncedVersion, Object.keys(impact!.messages).sort()]).toEqual(['resolved', impact!.version, ['local-office', 'product-leads']]);
    expect(h.refreshes.map((r) => r.request)).toContainEqual({ clarion: 'refresh', alertKey: IMPACT, reason: 'quiet-period' });
  });

  it('is posted resolved to the impact\'s audiences by an event that resolves it after their first post failed', async () => {
    // Prepare: the engineers' post goes out; the product leads' (the impact's first) fails
    const failNextPost = () => {
      h.emulator.off('message', failNextPost);
      h.emulator.fail({ status: 503, method: 'chat.postMessage', times: 1 });
    };
    h.emulator.on('message', failNextPost);
    await failing(fire('e1', '2026-11-22T09:59:00Z'));
    advance(h, 200);

    // Act
    const [resolved] = await h.processor.processMessage(ok('e2', '2026-11-22T10:03:00Z'));

    // Assess
    expect(shown()).toEqual([1, 1, 1]);
    const impact = await impactOf(h.state, resolved!.alertKey!);
    expect([impact!.status, impact!.syncedVersion, Object.keys(impact!.messages).sort()]).toEqual(['resolved', impact!.version, ['local-office', 'product-leads']]);
  });

  it('is posted by a duplicate-free retry after Slack refused the token for good and the token was fixed', async () => {
    // Prepare
    h.emulator.fail({ error: 'invalid_auth' });
    const refused = await failing(fire('e1', '2026-11-22T09:59:00Z'));
    await failing(fire('e2', '2026-11-22T10:00:00Z')).catch(() => undefined);
    h.emulator.clearFaults();
    advance(h, 600);

    // Act: the dead letters are redriven, oldest first
    await h.processor.processMessage(fire('e1', '2026-11-22T09:59:00Z'));
    await h.processor.processMessage(fire('e2', '2026-11-22T10:00:00Z'));

    // Assess
    expect(refused).toBeInstanceOf(DeliveryError);
    expect((refused as DeliveryError).retryable).toBe(false);
    expect(shown()).toEqual([1, 1, 1]);
  });
});

describe('Processor: a processor that dies mid-record', () => {
  it('does not take the redelivery of an event whose processor was killed for a duplicate', async () => {
    // Prepare: a first container whose Slack call never returns (the Lambda is killed meanwhile)
    const hung = createProcessor({
      runtime: () => h.runtime,
      state: h.state,
      slack: { post: () => new Promise(() => {}), update: () => new Promise(() => {}) },
      scheduleRefresh: async () => {},
      now: () => h.clock.now,
    });
    void hung.processMessage(fire('e1', '2026-11-22T09:59:00Z'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    advance(h, 360);

    // Act: SQS delivers the event again after the visibility timeout, to a new container
    const [result] = await h.processor.processMessage(fire('e1', '2026-11-22T09:59:00Z'));

    // Assess
    expect(result?.outcome).not.toBe('duplicate');
    expect(shown()).toEqual([1, 1, 1]);
  });

  it('retries rather than drops an event another processor is still working on', async () => {
    // Prepare
    const hung = createProcessor({
      runtime: () => h.runtime,
      state: h.state,
      slack: { post: () => new Promise(() => {}), update: () => new Promise(() => {}) },
      now: () => h.clock.now,
    });
    void hung.processMessage(fire('e1', '2026-11-22T09:59:00Z'));
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Act
    const error = await failing(fire('e1', '2026-11-22T09:59:00Z'));

    // Assess
    expect(error).toBeInstanceOf(EventBusyError);
    expect((error as EventBusyError).retryAfterSeconds).toBeGreaterThan(0);
  });

  it('releases the claim of an event whose delivery failed, so its retry is processed', async () => {
    // Prepare
    const slack = createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl, timeoutMs: 200 });
    const processor = createProcessor({ runtime: () => h.runtime, state: h.state, slack, now: () => h.clock.now });
    h.emulator.fail({ hang: true, method: 'chat.postMessage' });
    await processor.processMessage(fire('e1', '2026-11-22T09:59:00Z')).catch(() => undefined);
    h.emulator.clearFaults();

    // Act
    const [result] = await processor.processMessage(fire('e1', '2026-11-22T09:59:00Z'));

    // Assess
    expect(result?.outcome).not.toBe('duplicate');
    expect(shown()).toEqual([1, 1, 1]);
  });
});

describe('Processor: refreshes for missing posts', () => {
  /** The missing-posts refreshes the processor queued, as [alert key, audiences]. */
  const missingPosts = () =>
    h.refreshes
      .map((r) => r.request)
      .filter((r): r is Extract<RefreshRequest, { clarion: 'refresh' }> => r.clarion === 'refresh' && r.reason === 'missing-posts')
      .map((r) => [r.alertKey, [...(r.audiences ?? [])].sort()]);

  it('names the audiences it is for, so one left for the engineers never posts to audiences held for the summary', async () => {
    // Prepare: the engineers' post (the alarm's) fails; its impact was never fed
    h.emulator.fail({ status: 503, method: 'chat.postMessage', times: 1 });
    await failing(fire('e1', '2026-11-22T09:59:00Z'));
    advance(h, 1);

    // Act
    await h.processor.processMessage(fire('e2', '2026-11-22T10:00:00Z'));

    // Assess: the alarm's refresh is for the engineers alone; the impact's audiences were posted by the newer event
    expect(missingPosts()).toEqual([[expect.stringMatching(/^portal\.app-down\|/), ['techies']]]);
  });

  it('names the impact\'s audiences when the product leads\' post failed, and not the engineers', async () => {
    // Prepare: the engineers' post goes out; the product leads' (the impact's first) fails
    const failNextPost = () => {
      h.emulator.off('message', failNextPost);
      h.emulator.fail({ status: 503, method: 'chat.postMessage', times: 1 });
    };
    h.emulator.on('message', failNextPost);
    await failing(fire('e1', '2026-11-22T09:59:00Z'));
    advance(h, 1);

    // Act
    await h.processor.processMessage(fire('e2', '2026-11-22T10:00:00Z'));

    // Assess
    expect(missingPosts()).toEqual([[IMPACT, ['local-office', 'product-leads']]]);
  });
});

describe('Processor: an old event delivered late', () => {
  it('does not count a stale firing event of a resolved alert as a new opening in its storm group', async () => {
    // Prepare
    const [opened] = await h.processor.processMessage(fire('e1', '2026-11-22T09:59:00Z'));
    await h.processor.processMessage(ok('e2', '2026-11-22T10:00:00Z'));
    expect(opened?.alertKey).toMatch(/^portal\.app-down\|/);
    const before = await h.state.getGroup('trainee-portal');
    advance(h, 20 * 60);

    // Act: an earlier firing event of the same alarm arrives long after (a retry, or a redrive)
    const [late] = await h.processor.processMessage(fire('e0', '2026-11-22T09:58:00Z'));

    // Assess
    expect(late?.outcome).toBe('stale-event');
    expect((await h.state.getGroup('trainee-portal'))?.version).toBe(before?.version);
  });
});

/** A processor whose channels are configured by id, as they are for real Slack (reading history needs the id). */
async function processorWithChannelIds() {
  const slack = createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl, timeoutMs: 200 });
  const config = structuredClone(h.runtime.config);
  for (const audience of Object.values(config.audiences)) {
    audience.channel = (await slack.post({ channel: audience.channel, message: { text: 'Clarion is here', blocks: [] } })).channel;
  }
  return createProcessor({ runtime: () => ({ ...h.runtime, config }), state: h.state, slack, now: () => h.clock.now });
}

/** Clarion's own messages per channel (they carry its metadata). */
const alertMessages = () => CHANNELS.map((c) => h.emulator.messages(c).filter((m) => m.metadata).length);

describe('Processor: a post whose answer was lost', () => {
  it('is found in the channel by the retry and edited, not posted twice', async () => {
    // Prepare: Slack posts the engineers' message, but the answer never comes back
    const processor = await processorWithChannelIds();
    h.emulator.fail({ loseAnswer: true, method: 'chat.postMessage', times: 1 });
    const error = await processor.processMessage(fire('e1', '2026-11-22T09:59:00Z')).catch((e: unknown) => e);
    advance(h, 30);

    // Act
    await processor.processMessage(fire('e1', '2026-11-22T09:59:00Z'));

    // Assess
    expect((error as DeliveryError).kind).toBe('timeout');
    expect(alertMessages()).toEqual([1, 1, 1]);
    expect(h.emulator.messages(CHANNELS[0]!).find((m) => m.metadata)?.updates).toBe(1);
  });

  it('is posted again when the lost answer hid a post that never happened', async () => {
    // Prepare
    const processor = await processorWithChannelIds();
    h.emulator.fail({ hang: true, method: 'chat.postMessage', times: 1 });
    await processor.processMessage(fire('e1', '2026-11-22T09:59:00Z')).catch(() => undefined);
    advance(h, 30);

    // Act
    await processor.processMessage(fire('e1', '2026-11-22T09:59:00Z'));

    // Assess
    expect(alertMessages()).toEqual([1, 1, 1]);
  });
});

describe('Processor: a message that is gone from Slack', () => {
  it('posts the alert again in its channel when the message to edit no longer exists, and replies under the new one', async () => {
    // Prepare: the alert's messages are posted, then someone deletes them in Slack
    await h.processor.processMessage(fire('e1', '2026-11-22T09:59:00Z'));
    const slack = new WebClient('xoxb-test', { slackApiUrl: h.slackUrl });
    for (const channel of CHANNELS) {
      const [message] = h.emulator.messages(channel);
      await slack.chat.delete({ channel: h.emulator.channels().find((c) => `#${c.name}` === channel)!.id, ts: message!.ts });
    }
    expect(shown()).toEqual([0, 0, 0]);
    advance(h, 600);

    // Act
    const [resolved] = await h.processor.processMessage(ok('e2', '2026-11-22T10:09:00Z'));

    // Assess
    expect(resolved?.outcome).toBe('resolved');
    expect(shown()).toEqual([1, 1, 1]);
    const engineers = h.emulator.messages(CHANNELS[0]!)[0]!;
    expect(h.emulator.replies(CHANNELS[0]!, engineers.ts).map((r) => r.text)).toEqual([expect.stringContaining('Resolved after')]);
    const record = await h.state.getAlert(resolved!.alertKey!);
    expect(record?.messages['techies']?.ts).toBe(engineers.ts);
    expect(record?.syncedVersion).toBe(record?.version);
  });
});
