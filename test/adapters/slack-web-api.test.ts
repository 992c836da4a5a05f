import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { KnownBlock } from '@slack/types';
import { WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifySlackError, createSlackWebApi, oneQuickRetry, slackClientOptions } from '../../src/adapters/slack-web-api.ts';
import type { RenderedMessage } from '../../src/core/alert.ts';
import { DeliveryError } from '../../src/core/delivery-error.ts';
import type { SlackPort } from '../../src/core/ports.ts';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import type { SlackEmulator } from '../../src/local/slack-emulator.ts';
import { quietLogger } from '../support/quiet-slack-logger.ts';
import { deliveryFailure } from '../support/delivery-failure.ts';

const TOKEN = 'xoxb-secret-test-token';


function message(text: string): RenderedMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** Resolves to the DeliveryError the call threw; fails the test if it did not throw one. */

/** A port nothing listens on: bound, then released. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/api/`;
}

let emulator: SlackEmulator;
let url: string;
let slack: SlackPort;
const now = 1_732_270_000_000;

beforeEach(async () => {
  // A frozen clock: the emulator's per-channel token bucket never refills during a test.
  emulator = createSlackEmulator({ clock: () => now });
  ({ url } = await emulator.listen());
  slack = createSlackWebApi({ token: TOKEN, slackApiUrl: url, logger: quietLogger });
});

afterEach(async () => {
  await emulator.close();
});

describe('createSlackWebApi against the Slack emulator', () => {
  it('posts a message and returns the channel id Slack gave, not the configured name', async () => {
    // Act
    const ref = await slack.post({ channel: '#alerts', message: message('Bookings API is failing') });

    // Assess
    const stored = emulator.messages('#alerts');
    expect(stored).toHaveLength(1);
    expect(ref).toEqual({ channel: stored[0]?.channel, ts: stored[0]?.ts });
    expect(ref.channel).toMatch(/^C/);
  });

  it('posts the text and blocks with unfurling switched off', async () => {
    // Prepare
    const sent = message('Bookings API is failing <https://runbooks.example/bookings|runbook>');

    // Act
    await slack.post({ channel: 'C0ALERTS01', message: sent });

    // Assess
    const [stored] = emulator.messages('C0ALERTS01');
    expect(stored).toMatchObject({ text: sent.text, blocks: sent.blocks, unfurl_links: false, unfurl_media: false });
  });

  it('attaches message metadata when given', async () => {
    // Prepare
    const metadata = { event_type: 'clarion_alert', event_payload: { alert_key: 'bookings-5xx', occurrences: 2 } };

    // Act
    await slack.post({ channel: 'C0ALERTS01', message: message('x'), metadata });

    // Assess
    expect(emulator.messages('C0ALERTS01')[0]?.metadata).toEqual(metadata);
  });

  it('posts a thread reply under the parent message', async () => {
    // Prepare
    const parent = await slack.post({ channel: 'C0ALERTS01', message: message('Bookings API is failing') });

    // Act
    const reply = await slack.post({ channel: parent.channel, message: message('Still failing'), threadTs: parent.ts });

    // Assess
    const replies = emulator.replies(parent.channel, parent.ts);
    expect(replies.map((r) => [r.ts, r.text, r.thread_ts])).toEqual([[reply.ts, 'Still failing', parent.ts]]);
  });

  it('updates the text and blocks of a posted message', async () => {
    // Prepare
    const ref = await slack.post({ channel: 'C0ALERTS01', message: message('Bookings API is failing') });
    const fixed = message('Bookings API is fixed');

    // Act
    await slack.update({ ref, message: fixed });

    // Assess
    const [stored] = emulator.messages('C0ALERTS01');
    expect(stored).toMatchObject({ ts: ref.ts, text: fixed.text, blocks: fixed.blocks, updates: 1 });
  });

  it('turns a 429 from the per-channel limit into a retryable rate-limited error with Retry-After', async () => {
    // Prepare: the emulator allows a burst of three posts per channel.
    for (let i = 0; i < 3; i += 1) await slack.post({ channel: 'C0ALERTS01', message: message(`post ${i}`) });

    // Act
    const error = await deliveryFailure(slack.post({ channel: 'C0ALERTS01', message: message('one too many') }));

    // Assess
    expect(error).toMatchObject({ kind: 'rate-limited', retryable: true });
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('does not retry a 429 itself, leaving the wait to the caller', async () => {
    // Prepare
    emulator.fail({ method: 'chat.postMessage', status: 429 });

    // Act
    await deliveryFailure(slack.post({ channel: 'C0ALERTS01', message: message('x') }));

    // Assess
    expect(emulator.stats().calls['chat.postMessage']).toBe(1);
  });

  it('turns a persistent HTTP 500 into a retryable server error', async () => {
    // Prepare
    emulator.fail({ method: 'chat.postMessage', status: 500 });

    // Act
    const error = await deliveryFailure(slack.post({ channel: 'C0ALERTS01', message: message('x') }));

    // Assess
    expect(error).toMatchObject({ kind: 'server', code: '500', retryable: true });
  });

  it('retries a single HTTP 500 of an edit once and then succeeds', async () => {
    // Prepare
    const ref = await slack.post({ channel: 'C0ALERTS01', message: message('x') });
    emulator.fail({ method: 'chat.update', status: 500, times: 1 });

    // Act
    await slack.update({ ref, message: message('y') });

    // Assess
    expect(emulator.messages('C0ALERTS01').map((m) => m.text)).toEqual(['y']);
    expect(emulator.stats().calls['chat.update']).toBe(2);
  });

  it('does not retry a post by itself, since a post whose answer was lost may be in the channel', async () => {
    // Prepare
    emulator.fail({ method: 'chat.postMessage', status: 500, times: 1 });

    // Act
    const error = await deliveryFailure(slack.post({ channel: 'C0ALERTS01', message: message('x') }));

    // Assess
    expect(error).toMatchObject({ kind: 'server', retryable: true });
    expect(emulator.stats().calls['chat.postMessage']).toBe(1);
  });

  it('turns channel_not_found into a final platform error carrying the code', async () => {
    // Prepare
    emulator.fail({ method: 'chat.postMessage', error: 'channel_not_found' });

    // Act
    const error = await deliveryFailure(slack.post({ channel: '#gone', message: message('x') }));

    // Assess
    expect(error).toMatchObject({ kind: 'platform', code: 'channel_not_found', retryable: false });
  });

  it('turns a message of 51 blocks into a final invalid_blocks platform error', async () => {
    // Prepare
    const blocks: KnownBlock[] = Array.from({ length: 51 }, () => ({ type: 'divider' }));

    // Act
    const error = await deliveryFailure(slack.post({ channel: 'C0ALERTS01', message: { text: 'x', blocks } }));

    // Assess
    expect(error).toMatchObject({ kind: 'platform', code: 'invalid_blocks', retryable: false });
  });

  it('turns a rejected token into a final config error', async () => {
    // Prepare
    const badToken = 'xoxp-not-a-bot-token';
    const port = createSlackWebApi({ token: badToken, slackApiUrl: url, logger: quietLogger });

    // Act
    const error = await deliveryFailure(port.post({ channel: 'C0ALERTS01', message: message('x') }));

    // Assess
    expect(error).toMatchObject({ kind: 'config', code: 'invalid_auth', retryable: false });
  });

  it('never puts the token in the error message', async () => {
    // Prepare
    const port = createSlackWebApi({ token: 'xoxp-very-secret', slackApiUrl: url, logger: quietLogger });

    // Act
    const error = await deliveryFailure(port.post({ channel: 'C0ALERTS01', message: message('x') }));

    // Assess
    expect(error.message).not.toContain('very-secret');
    expect(String(error.cause)).not.toContain('very-secret');
  });

  it('turns message_not_found on update into a final platform error', async () => {
    // Prepare
    await slack.post({ channel: 'C0ALERTS01', message: message('x') });

    // Act
    const error = await deliveryFailure(slack.update({ ref: { channel: 'C0ALERTS01', ts: '1.000001' }, message: message('y') }));

    // Assess
    expect(error).toMatchObject({ kind: 'platform', code: 'message_not_found', retryable: false });
  });

  it('turns a refused connection into a retryable network error', async () => {
    // Prepare
    const port = createSlackWebApi({ token: TOKEN, slackApiUrl: await closedPortUrl(), logger: quietLogger });

    // Act
    const error = await deliveryFailure(port.post({ channel: 'C0ALERTS01', message: message('x') }));

    // Assess
    expect(error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', retryable: true });
  });

  it('gives up on a server that never answers after the timeout, as a retryable timeout', async () => {
    // Prepare
    emulator.fail({ method: 'chat.postMessage', hang: true });
    const port = createSlackWebApi({ token: TOKEN, slackApiUrl: url, timeoutMs: 150, logger: quietLogger });

    // Act
    const error = await deliveryFailure(port.post({ channel: 'C0ALERTS01', message: message('x') }));

    // Assess
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('opens a modal with the trigger of a press and returns the id Slack gave the view', async () => {
    // Prepare
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Post an update' }, blocks: [] };

    // Act
    const opened = await slack.openView!({ triggerId: emulator.issueTrigger('U0ONCALL1'), view });

    // Assess
    expect(opened).toEqual({ viewId: emulator.views()[0]!.id });
  });

  it('reports a trigger used once already as a final platform error', async () => {
    // Prepare
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Post an update' }, blocks: [] };
    const triggerId = emulator.issueTrigger('U0ONCALL1');
    await slack.openView!({ triggerId, view });

    // Act
    const error = await deliveryFailure(slack.openView!({ triggerId, view }));

    // Assess
    expect(error).toMatchObject({ kind: 'platform', code: 'exchanged_trigger_id', retryable: false });
  });
});

describe('slackClientOptions', () => {
  it('rejects rate-limited calls instead of sleeping through Retry-After, with one quick retry and a timeout', () => {
    // Act
    const options = slackClientOptions({ slackApiUrl: 'http://127.0.0.1:1/api/' });

    // Assess
    expect(options).toMatchObject({ rejectRateLimitedCalls: true, timeout: 5000, retryConfig: oneQuickRetry, slackApiUrl: 'http://127.0.0.1:1/api/' });
  });
});

describe('classifySlackError', () => {
  it.each(['ratelimited', 'rate_limited'])('treats the ok:false error %s as rate limiting', (code) => {
    // Act
    const error = classifySlackError(new WebAPIPlatformError({ ok: false, error: code }));

    // Assess
    expect(error).toMatchObject({ kind: 'rate-limited', code, retryable: true });
  });

  it.each(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout'])(
    'treats the ok:false error %s as a retryable server error',
    (code) => {
      // Act
      const error = classifySlackError(new WebAPIPlatformError({ ok: false, error: code }));

      // Assess
      expect(error).toMatchObject({ kind: 'server', code, retryable: true });
    },
  );

  it.each(['not_authed', 'invalid_auth', 'token_revoked', 'account_inactive', 'missing_scope'])(
    'treats the ok:false error %s as a final config error',
    (code) => {
      // Act
      const error = classifySlackError(new WebAPIPlatformError({ ok: false, error: code }));

      // Assess
      expect(error).toMatchObject({ kind: 'config', code, retryable: false });
    },
  );

  it('keeps the retry-after seconds of a rejected rate-limited call', () => {
    // Act
    const error = classifySlackError(new WebAPIRateLimitedError(7));

    // Assess
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 7 });
  });

  it('reads Retry-After from the error a client gives after sleeping through a 429', () => {
    // Prepare: what a client with rejectRateLimitedCalls:false throws once its retries are spent.
    const thrown = new WebAPIRequestError(new Error('A rate limit was exceeded (url: http://x/api/chat.postMessage, retry-after: 12)'));

    // Act
    const error = classifySlackError(thrown);

    // Assess
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 12, retryable: true });
  });

  it('treats anything it does not recognise as a retryable network error', () => {
    // Act
    const error = classifySlackError('something odd');

    // Assess
    expect(error).toMatchObject({ kind: 'network', retryable: true });
  });

  it('passes a DeliveryError through unchanged', () => {
    // Prepare
    const original = new DeliveryError('already classified', { kind: 'config', code: 'x' });

    // Act
    const error = classifySlackError(original);

    // Assess
    expect(error).toBe(original);
  });
});
