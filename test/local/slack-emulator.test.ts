import { WebClient } from '@slack/web-api';
import type { KnownBlock } from '@slack/types';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import type { SlackEmulator, SlackEmulatorEvent, SlackEmulatorOptions } from '../../src/local/slack-emulator.ts';
import { quietLogger } from '../support/quiet-slack-logger.ts';
import { slackClientFailure } from '../support/slack-client-failure.ts';

const START_MS = 1_732_270_000_000;

let emulator: SlackEmulator;
let client: WebClient;
let url: string;
let now: number;

async function start(options: SlackEmulatorOptions = {}): Promise<void> {
  now = START_MS;
  emulator = createSlackEmulator({ clock: () => now, limits: false, ...options });
  ({ url } = await emulator.listen());
  client = clientFor('xoxb-test');
}

function clientFor(token?: string): WebClient {
  return new WebClient(token, {
    slackApiUrl: url,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    logger: quietLogger,
  });
}

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('Slack emulator over HTTP with the real WebClient', () => {
  beforeEach(async () => {
    await start({ channels: [{ id: 'C0ALERTS01', name: 'alerts' }] });
  });

  afterEach(async () => {
    await emulator.close();
  });

  it('shows a posted message in conversations.history', async () => {
    // Prepare
    const posted = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'CPU high', blocks: [section('*CPU* high')] });

    // Act
    const history = await client.conversations.history({ channel: 'C0ALERTS01' });

    // Assess
    expect(history.messages).toHaveLength(1);
    expect(history.messages?.[0]).toMatchObject({ ts: posted.ts, text: 'CPU high', blocks: [section('*CPU* high')] });
  });

  it('answers chat.postMessage with the channel id, ts and message', async () => {
    // Act
    const posted = await client.chat.postMessage({ channel: '#alerts', text: 'hello' });

    // Assess
    expect(posted).toMatchObject({ ok: true, channel: 'C0ALERTS01', message: { text: 'hello', type: 'message' } });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
  });

  it('gives unique, increasing ts values even when the clock stands still', async () => {
    // Act
    const first = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'one' });
    const second = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'two' });

    // Assess
    expect(first.ts).toBe('1732270000.000000');
    expect(second.ts).toBe('1732270000.000100');
  });

  it('lists history newest first and honours limit and oldest', async () => {
    // Prepare
    const one = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'one' });
    await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'two' });
    await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'three' });

    // Act
    const page = await client.conversations.history({ channel: 'C0ALERTS01', limit: 1 });
    const afterFirst = await client.conversations.history({ channel: 'C0ALERTS01', oldest: one.ts });

    // Assess
    expect(page.messages?.map((m) => m.text)).toEqual(['three']);
    expect(page.has_more).toBe(true);
    expect(afterFirst.messages?.map((m) => m.text)).toEqual(['three', 'two']);
  });

  it('replaces text and blocks on chat.update and counts the update', async () => {
    // Prepare
    const posted = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'ALARM', blocks: [section('ALARM')] });

    // Act
    await client.chat.update({ channel: 'C0ALERTS01', ts: posted.ts ?? '', text: 'OK', blocks: [section('OK')] });

    // Assess
    const [message] = emulator.messages('C0ALERTS01');
    expect(message).toMatchObject({ text: 'OK', blocks: [section('OK')], updates: 1, edited: { ts: expect.any(String) } });
  });

  it('keeps the blocks when chat.update sends only text', async () => {
    // Prepare
    const posted = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'ALARM', blocks: [section('ALARM')] });

    // Act
    await client.chat.update({ channel: 'C0ALERTS01', ts: posted.ts ?? '', text: 'acknowledged' });

    // Assess
    expect(emulator.messages('C0ALERTS01')[0]).toMatchObject({ text: 'acknowledged', blocks: [section('ALARM')] });
  });

  it('answers invalid_metadata_format, storing nothing, when metadata nests deeper than 100 levels', async () => {
    // Prepare
    const metadata = `{"event_type":"x","event_payload":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`;

    // Act
    const error = await slackClientFailure(client.apiCall('chat.postMessage', { channel: 'C0ALERTS01', text: 'deep', metadata }));

    // Assess
    expect(error.data).toMatchObject({ error: 'invalid_metadata_format', response_metadata: { messages: [expect.stringContaining('nested deeper than 100 levels') as unknown] } });
    expect(emulator.messages('C0ALERTS01')).toEqual([]);
  });

  it('answers invalid_blocks_format when blocks nest deeper than 100 levels', async () => {
    // Prepare
    const blocks = `[{"type":"rich_text","elements":${'['.repeat(5_000)}${']'.repeat(5_000)}}]`;

    // Act
    const error = await slackClientFailure(client.apiCall('chat.postMessage', { channel: 'C0ALERTS01', text: 'deep', blocks }));

    // Assess
    expect(error.data?.error).toBe('invalid_blocks_format');
  });

  it('answers message_not_found when updating a ts that does not exist', async () => {
    // Act
    const error = await slackClientFailure(client.chat.update({ channel: 'C0ALERTS01', ts: '1.000000', text: 'x' }));

    // Assess
    expect(error).toMatchObject({ code: 'slack_webapi_platform_error', data: { error: 'message_not_found' } });
  });

  it("answers cant_update_message when another token updates the bot's message", async () => {
    // Prepare
    const posted = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'mine' });

    // Act
    const error = await slackClientFailure(clientFor('xoxb-other-app').chat.update({ channel: 'C0ALERTS01', ts: posted.ts ?? '', text: 'x' }));

    // Assess
    expect(error.data?.error).toBe('cant_update_message');
  });

  it('threads a reply under thread_ts and returns it from conversations.replies after the parent', async () => {
    // Prepare
    const parent = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'parent' });
    const reply = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'reply', thread_ts: parent.ts ?? '' });

    // Act
    const thread = await client.conversations.replies({ channel: 'C0ALERTS01', ts: parent.ts ?? '' });

    // Assess
    expect(thread.messages?.map((m) => [m.text, m.ts])).toEqual([
      ['parent', parent.ts],
      ['reply', reply.ts],
    ]);
    expect(thread.messages?.[1]?.thread_ts).toBe(parent.ts);
  });

  it('keeps replies out of history and counts them on the parent', async () => {
    // Prepare
    const parent = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'parent' });
    await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'reply 1', thread_ts: parent.ts ?? '' });
    await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'reply 2', thread_ts: parent.ts ?? '' });

    // Act
    const history = await client.conversations.history({ channel: 'C0ALERTS01' });

    // Assess
    expect(history.messages?.map((m) => m.text)).toEqual(['parent']);
    expect(history.messages?.[0]?.reply_count).toBe(2);
  });

  it('threads a reply to a reply under the original parent', async () => {
    // Prepare
    const parent = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'parent' });
    const reply = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'reply', thread_ts: parent.ts ?? '' });

    // Act
    await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'nested', thread_ts: reply.ts ?? '' });

    // Assess
    expect(emulator.replies('C0ALERTS01', parent.ts ?? '').map((m) => m.text)).toEqual(['reply', 'nested']);
  });

  it('answers thread_not_found for a thread_ts that is not a message', async () => {
    // Act
    const error = await slackClientFailure(client.chat.postMessage({ channel: 'C0ALERTS01', text: 'x', thread_ts: '1.000000' }));

    // Assess
    expect(error.data?.error).toBe('thread_not_found');
  });

  it('answers not_authed when no token is sent', async () => {
    // Act
    const error = await slackClientFailure(clientFor(undefined).chat.postMessage({ channel: 'C0ALERTS01', text: 'x' }));

    // Assess
    expect(error).toMatchObject({ code: 'slack_webapi_platform_error', data: { error: 'not_authed' } });
  });

  it('answers invalid_auth for a token that is not a bot token', async () => {
    // Act
    const error = await slackClientFailure(clientFor('xoxp-user-token').auth.test());

    // Assess
    expect(error.data?.error).toBe('invalid_auth');
  });

  it('accepts only the configured token when one is given', async () => {
    // Prepare
    await emulator.close();
    await start({ token: 'xoxb-the-one' });

    // Act
    const wrong = await slackClientFailure(clientFor('xoxb-test').auth.test());
    const right = await clientFor('xoxb-the-one').auth.test();

    // Assess
    expect(wrong.data?.error).toBe('invalid_auth');
    expect(right).toMatchObject({ ok: true, bot_id: expect.any(String), team_id: expect.any(String) });
  });

  it('answers channel_not_found for an unknown channel when auto-creation is off', async () => {
    // Prepare
    await emulator.close();
    await start({ autoCreateChannels: false, channels: [{ id: 'C0ALERTS01', name: 'alerts' }] });

    // Act
    const error = await slackClientFailure(client.chat.postMessage({ channel: '#nowhere', text: 'x' }));

    // Assess
    expect(error).toMatchObject({ code: 'slack_webapi_platform_error', data: { error: 'channel_not_found' } });
  });

  it('creates an unknown channel on first post by default and lists it', async () => {
    // Prepare
    const posted = await client.chat.postMessage({ channel: '#alerts-prod', text: 'x' });

    // Act
    const list = await client.conversations.list();

    // Assess
    expect(list.channels?.map((c) => [c.id, c.name])).toEqual([
      ['C0ALERTS01', 'alerts'],
      [posted.channel, 'alerts-prod'],
    ]);
  });

  it('describes a channel through conversations.info', async () => {
    // Act
    const info = await client.conversations.info({ channel: 'C0ALERTS01' });

    // Assess
    expect(info.channel).toMatchObject({ id: 'C0ALERTS01', name: 'alerts', is_channel: true });
  });

  it('answers no_text when neither text nor blocks are sent', async () => {
    // Act
    const error = await slackClientFailure(client.chat.postMessage({ channel: 'C0ALERTS01' } as never));

    // Assess
    expect(error.data?.error).toBe('no_text');
  });

  it('answers no_text for empty text without blocks', async () => {
    // Act
    const error = await slackClientFailure(client.chat.postMessage({ channel: 'C0ALERTS01', text: '' }));

    // Assess
    expect(error.data?.error).toBe('no_text');
  });

  it('answers msg_too_long for a post over 40,000 characters', async () => {
    // Act
    const error = await slackClientFailure(client.chat.postMessage({ channel: 'C0ALERTS01', text: 'x'.repeat(40_001) }));

    // Assess
    expect(error.data?.error).toBe('msg_too_long');
  });

  it('stores metadata and unfurl settings sent as form fields', async () => {
    // Act
    await client.chat.postMessage({
      channel: 'C0ALERTS01',
      text: 'x',
      metadata: { event_type: 'alert_posted', event_payload: { alert_key: 'k1' } },
      unfurl_links: false,
      unfurl_media: false,
    });

    // Assess
    expect(emulator.messages('C0ALERTS01')[0]).toMatchObject({
      metadata: { event_type: 'alert_posted', event_payload: { alert_key: 'k1' } },
      unfurl_links: false,
      unfurl_media: false,
    });
  });

  it('accepts JSON bodies as well as form bodies', async () => {
    // Act
    const response = await fetch(`${url}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C0ALERTS01', text: 'json', blocks: [section('json')] }),
    });

    // Assess
    expect(await response.json()).toMatchObject({ ok: true, channel: 'C0ALERTS01' });
    expect(emulator.messages('C0ALERTS01')[0]?.blocks).toEqual([section('json')]);
  });

  it('records ephemeral messages apart from the channel history', async () => {
    // Act
    const response = await client.chat.postEphemeral({ channel: 'C0ALERTS01', user: 'U123', text: 'only you' });

    // Assess
    expect(response.message_ts).toEqual(expect.any(String));
    expect(emulator.ephemerals('C0ALERTS01')).toMatchObject([{ user: 'U123', text: 'only you' }]);
    expect(emulator.messages('C0ALERTS01')).toEqual([]);
  });

  it('answers unknown_method for a method it does not emulate', async () => {
    // Act
    const error = await slackClientFailure(client.apiCall('reactions.add', { channel: 'C0ALERTS01', name: 'eyes', timestamp: '1.0' }));

    // Assess
    expect(error.data?.error).toBe('unknown_method');
  });

  it('emits message and update events with plain data', async () => {
    // Prepare
    const seen: SlackEmulatorEvent[] = [];
    emulator.on('message', (event) => seen.push(event)).on('update', (event) => seen.push(event));

    // Act
    const posted = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'new', blocks: [section('new')] });
    await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'reply', thread_ts: posted.ts ?? '' });
    await client.chat.update({ channel: 'C0ALERTS01', ts: posted.ts ?? '', text: 'changed' });

    // Assess
    expect(seen).toEqual([
      { kind: 'message', channel: 'C0ALERTS01', channelName: 'alerts', ts: posted.ts, text: 'new', blocks: [section('new')] },
      expect.objectContaining({ kind: 'reply', thread_ts: posted.ts, text: 'reply' }),
      expect.objectContaining({ kind: 'update', ts: posted.ts, text: 'changed', updates: 1 }),
    ]);
    expect(JSON.parse(JSON.stringify(seen))).toEqual(seen);
  });

  it('stops calling a listener after off', async () => {
    // Prepare
    const seen: SlackEmulatorEvent[] = [];
    const listener = (event: SlackEmulatorEvent) => seen.push(event);
    emulator.on('message', listener);
    emulator.off('message', listener);

    // Act
    await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'x' });

    // Assess
    expect(seen).toEqual([]);
  });

  it('counts calls and posts per channel in stats', async () => {
    // Prepare
    await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'one' });
    await client.chat.postMessage({ channel: '#other', text: 'two' });
    await client.conversations.list();

    // Act
    const stats = emulator.stats();

    // Assess
    const otherId = emulator.channels().find((c) => c.name === 'other')?.id ?? 'missing';
    expect(stats.calls).toEqual({ 'chat.postMessage': 2, 'conversations.list': 1 });
    expect(stats.postsByChannel).toEqual({ C0ALERTS01: 1, [otherId]: 1 });
  });

  it('forgets messages and auto-created channels on reset but keeps the configured ones', async () => {
    // Prepare
    await client.chat.postMessage({ channel: '#other', text: 'x' });
    await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'x' });

    // Act
    emulator.reset();

    // Assess
    expect(emulator.channels().map((c) => c.id)).toEqual(['C0ALERTS01']);
    expect(emulator.messages('C0ALERTS01')).toEqual([]);
    expect(emulator.stats().calls).toEqual({});
  });
});

describe('Slack emulator mounted in another server', () => {
  it('answers the real client through handle() under a /slack/api/ prefix', async () => {
    // Prepare
    const slack = createSlackEmulator({ limits: false });
    const host = createServer((req, res) => {
      const method = /^\/slack\/api\/([\w.]+)/.exec(req.url ?? '')?.[1] ?? '';
      void slack.handle(req, res, method);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const { port } = host.address() as AddressInfo;
    const mounted = new WebClient('xoxb-test', { slackApiUrl: `http://127.0.0.1:${port}/slack/api/`, retryConfig: { retries: 0 }, logger: quietLogger });

    // Act
    const posted = await mounted.chat.postMessage({ channel: '#mounted', text: 'hi' }).finally(() => host.close());

    // Assess
    expect(slack.messages('#mounted').map((m) => m.ts)).toEqual([posted.ts]);
  });
});
