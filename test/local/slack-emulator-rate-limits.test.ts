import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import type { SlackEmulator, SlackEmulatorOptions } from '../../src/local/slack-emulator.ts';
import { quietLogger } from '../support/quiet-slack-logger.ts';
import { slackClientFailure } from '../support/slack-client-failure.ts';
import type { SlackClientError } from '../support/slack-client-failure.ts';

let emulator: SlackEmulator | undefined;
let now = 0;

async function start(options: SlackEmulatorOptions = {}): Promise<{ client: WebClient; url: string; emulator: SlackEmulator }> {
  now = 1_732_270_000_000;
  const created = createSlackEmulator({ clock: () => now, ...options });
  emulator = created;
  const { url } = await created.listen();
  const client = new WebClient('xoxb-test', { slackApiUrl: url, rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, logger: quietLogger });
  return { client, url, emulator: created };
}

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('Slack emulator rate limits on a fake clock', () => {
  it('answers a fourth post in the same second to one channel with a rate-limit error and Retry-After', async () => {
    // Prepare
    const { client } = await start({ postBurst: 3 });
    for (const text of ['1', '2', '3']) await client.chat.postMessage({ channel: 'C0ALERTS01', text });

    // Act
    const error = await slackClientFailure(client.chat.postMessage({ channel: 'C0ALERTS01', text: '4' }));

    // Assess
    expect(error.code).toBe('slack_webapi_rate_limited_error');
    expect(error.retryAfter).toBe(1);
  });

  it('sends HTTP 429 with whole-second Retry-After and a ratelimited body', async () => {
    // Prepare
    const { url } = await start({ postBurst: 1 });
    const post = () =>
      fetch(`${url}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'channel=C0ALERTS01&text=hi',
      });
    await post();

    // Act
    const response = await post();

    // Assess
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('does not limit a different channel when one channel is limited', async () => {
    // Prepare
    const { client } = await start({ postBurst: 1 });
    await client.chat.postMessage({ channel: 'C0ALERTS01', text: '1' });
    await slackClientFailure(client.chat.postMessage({ channel: 'C0ALERTS01', text: '2' }));

    // Act
    const other = await client.chat.postMessage({ channel: 'C0OTHER001', text: '1' });

    // Assess
    expect(other.ok).toBe(true);
  });

  it('lets the channel post again once the clock has moved on by Retry-After', async () => {
    // Prepare
    const { client } = await start({ postBurst: 1 });
    await client.chat.postMessage({ channel: 'C0ALERTS01', text: '1' });
    const limited = await slackClientFailure(client.chat.postMessage({ channel: 'C0ALERTS01', text: '2' }));

    // Act
    now += (limited.retryAfter ?? 0) * 1000;
    const retried = await client.chat.postMessage({ channel: 'C0ALERTS01', text: '2' });

    // Assess
    expect(retried.ok).toBe(true);
  });

  it('refills one post per second up to the burst size', async () => {
    // Prepare
    const { client } = await start({ postBurst: 3 });
    for (const text of ['1', '2', '3']) await client.chat.postMessage({ channel: 'C0ALERTS01', text });
    now += 2_000;

    // Act
    const results = [];
    for (const text of ['4', '5', '6']) {
      results.push(await client.chat.postMessage({ channel: 'C0ALERTS01', text }).then(() => 'ok', (e: SlackClientError) => e.code));
    }

    // Assess
    expect(results).toEqual(['ok', 'ok', 'slack_webapi_rate_limited_error']);
  });

  it('limits chat.update per workspace and reports the wait until the next token', async () => {
    // Prepare
    const { client } = await start({ updatePerMinute: 2 });
    const posted = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'x' });
    await client.chat.update({ channel: 'C0ALERTS01', ts: posted.ts ?? '', text: 'a' });
    await client.chat.update({ channel: 'C0ALERTS01', ts: posted.ts ?? '', text: 'b' });

    // Act
    const error = await slackClientFailure(client.chat.update({ channel: 'C0ALERTS01', ts: posted.ts ?? '', text: 'c' }));

    // Assess: 2 per minute refills one token every 30 s
    expect(error).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 30 });
  });

  it('allows chat.update again after the Tier 3 budget refills', async () => {
    // Prepare
    const { client } = await start({ updatePerMinute: 1 });
    const posted = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'x' });
    await client.chat.update({ channel: 'C0ALERTS01', ts: posted.ts ?? '', text: 'a' });
    await slackClientFailure(client.chat.update({ channel: 'C0ALERTS01', ts: posted.ts ?? '', text: 'b' }));

    // Act
    now += 60_000;
    const updated = await client.chat.update({ channel: 'C0ALERTS01', ts: posted.ts ?? '', text: 'b' });

    // Assess
    expect(updated.ok).toBe(true);
  });

  it('counts every 429 in stats, per channel', async () => {
    // Prepare
    const { client, emulator: slack } = await start({ postBurst: 1 });
    await client.chat.postMessage({ channel: 'C0ALERTS01', text: '1' });
    await slackClientFailure(client.chat.postMessage({ channel: 'C0ALERTS01', text: '2' }));
    await slackClientFailure(client.chat.postMessage({ channel: 'C0ALERTS01', text: '3' }));

    // Act
    const stats = slack.stats();

    // Assess
    expect(stats).toMatchObject({
      rateLimited: 2,
      rateLimitedByChannel: { C0ALERTS01: 2 },
      postsByChannel: { C0ALERTS01: 1 },
      calls: { 'chat.postMessage': 3 },
    });
  });

  it('never rate-limits when limits are off', async () => {
    // Prepare
    const { client, emulator: slack } = await start({ limits: false, postBurst: 1 });

    // Act
    for (let i = 0; i < 5; i += 1) await client.chat.postMessage({ channel: 'C0ALERTS01', text: String(i) });

    // Assess
    expect(slack.stats().rateLimited).toBe(0);
    expect(slack.messages('C0ALERTS01')).toHaveLength(5);
  });
});
