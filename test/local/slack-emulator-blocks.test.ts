import { WebClient } from '@slack/web-api';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import { findBlockErrors } from '../../src/local/slack-emulator-blocks.ts';
import { quietLogger } from '../support/quiet-slack-logger.ts';
import { slackClientFailure } from '../support/slack-client-failure.ts';

const emulator = createSlackEmulator({ limits: false, channels: [{ id: 'C0ALERTS01', name: 'alerts' }] });
let client: WebClient;

beforeAll(async () => {
  const { url } = await emulator.listen();
  client = new WebClient('xoxb-test', { slackApiUrl: url, rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, logger: quietLogger });
});

afterAll(async () => {
  await emulator.close();
});

const postFailure = (blocks: unknown[]) =>
  slackClientFailure(client.chat.postMessage({ channel: 'C0ALERTS01', text: 'fallback', blocks: blocks as KnownBlock[] }));

const section = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'section', text: { type: 'mrkdwn', text }, ...extra });
const button = (extra: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: 'ack',
  text: { type: 'plain_text', text: 'Acknowledge' },
  ...extra,
});

describe('Slack emulator block checks through the real WebClient', () => {
  it('rejects 51 blocks with invalid_blocks', async () => {
    // Act
    const error = await postFailure(Array.from({ length: 51 }, () => ({ type: 'divider' })));

    // Assess
    expect(error).toMatchObject({ code: 'slack_webapi_platform_error', data: { error: 'invalid_blocks' } });
    expect(error.data?.response_metadata?.messages).toEqual(['[ERROR] no more than 50 items allowed [json-pointer:/blocks]']);
  });

  it('accepts exactly 50 blocks', async () => {
    // Act
    const posted = await client.chat.postMessage({
      channel: 'C0ALERTS01',
      text: 'fallback',
      blocks: Array.from({ length: 50 }, () => ({ type: 'divider' as const })),
    });

    // Assess
    expect(posted.ok).toBe(true);
  });

  it('rejects a 151-character header the way Slack words it', async () => {
    // Act
    const error = await postFailure([{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }]);

    // Assess
    expect(error.data?.error).toBe('invalid_blocks');
    expect(error.data?.response_metadata?.messages).toEqual([
      '[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]',
    ]);
  });

  it('rejects a section with eleven fields', async () => {
    // Act
    const fields = Array.from({ length: 11 }, (_, i) => ({ type: 'mrkdwn', text: `field ${i}` }));
    const error = await postFailure([{ type: 'section', fields }]);

    // Assess
    expect(error.data?.error).toBe('invalid_blocks');
    expect(error.data?.response_metadata?.messages).toEqual(['[ERROR] no more than 10 items allowed [json-pointer:/blocks/0/fields]']);
  });

  it('rejects a duplicate block_id', async () => {
    // Act
    const error = await postFailure([section('a', { block_id: 'same' }), section('b', { block_id: 'same' })]);

    // Assess
    expect(error.data?.error).toBe('invalid_blocks');
    expect(error.data?.response_metadata?.messages?.[0]).toContain('[json-pointer:/blocks/1/block_id]');
  });

  it('rejects chat.update text over 4,000 characters with msg_too_long', async () => {
    // Prepare
    const posted = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'short' });

    // Act
    const error = await slackClientFailure(client.chat.update({ channel: 'C0ALERTS01', ts: posted.ts ?? '', text: 'x'.repeat(4_001) }));

    // Assess
    expect(error).toMatchObject({ code: 'slack_webapi_platform_error', data: { error: 'msg_too_long' } });
  });

  it('rejects invalid blocks on chat.update too', async () => {
    // Prepare
    const posted = await client.chat.postMessage({ channel: 'C0ALERTS01', text: 'short' });

    // Act
    const header: KnownBlock = { type: 'header', text: { type: 'plain_text', text: '' } };
    const error = await slackClientFailure(client.chat.update({ channel: 'C0ALERTS01', ts: posted.ts ?? '', text: 'x', blocks: [header] }));

    // Assess
    expect(error.data?.error).toBe('invalid_blocks');
  });
});

describe('findBlockErrors', () => {
  it('finds nothing wrong in a typical alert message', () => {
    // Prepare
    const blocks = [
      { type: 'header', block_id: 'hdr', text: { type: 'plain_text', text: 'ALARM: checkout-api HighCPU', emoji: true } },
      section('*Threshold crossed*', { fields: [{ type: 'mrkdwn', text: '*Service*\ncheckout' }] }),
      { type: 'actions', elements: [button({ style: 'primary', value: 'v' }), button({ action_id: 'runbook', url: 'https://x.example' })] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'us-east-1' }, { type: 'image', image_url: 'https://x.example/i.png', alt_text: 'i' }] },
      { type: 'divider' },
      { type: 'markdown', text: '**bold**' },
      { type: 'rich_text', elements: [] },
    ];

    // Act
    const problems = findBlockErrors(blocks);

    // Assess
    expect(problems).toEqual([]);
  });

  it('rejects an unknown block type', () => {
    // Act
    const problems = findBlockErrors([{ type: 'banner' }]);

    // Assess
    expect(problems).toEqual(['[ERROR] unsupported block type: banner [json-pointer:/blocks/0/type]']);
  });

  it('rejects section text over 3,000 characters', () => {
    // Act
    const problems = findBlockErrors([section('s'.repeat(3001))]);

    // Assess
    expect(problems).toEqual(['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
  });

  it('rejects a section field over 2,000 characters', () => {
    // Act
    const problems = findBlockErrors([{ type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] }]);

    // Assess
    expect(problems).toEqual(['[ERROR] must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]']);
  });

  it('rejects a context block with eleven elements', () => {
    // Act
    const elements = Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' }));
    const problems = findBlockErrors([{ type: 'context', elements }]);

    // Assess
    expect(problems).toEqual(['[ERROR] no more than 10 items allowed [json-pointer:/blocks/0/elements]']);
  });

  it('rejects an actions block with 26 elements', () => {
    // Act
    const elements = Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` }));
    const problems = findBlockErrors([{ type: 'actions', elements }]);

    // Assess
    expect(problems).toEqual(['[ERROR] no more than 25 items allowed [json-pointer:/blocks/0/elements]']);
  });

  it('rejects button text over 75, url over 3,000 and value over 2,000 characters', () => {
    // Prepare
    const tooBig = button({ text: { type: 'plain_text', text: 'b'.repeat(76) }, url: `https://${'u'.repeat(2993)}`, value: 'v'.repeat(2001) });

    // Act
    const problems = findBlockErrors([{ type: 'actions', elements: [tooBig] }]);

    // Assess
    expect(problems).toEqual([
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/elements/0/url]',
      '[ERROR] must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]',
    ]);
  });

  it('rejects block_id and action_id over 255 characters', () => {
    // Act
    const problems = findBlockErrors([{ type: 'actions', block_id: 'b'.repeat(256), elements: [button({ action_id: 'a'.repeat(256) })] }]);

    // Assess
    expect(problems).toEqual([
      '[ERROR] must be less than 256 characters [json-pointer:/blocks/0/block_id]',
      '[ERROR] must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]',
    ]);
  });

  it('rejects two buttons with the same action_id in one block', () => {
    // Act
    const problems = findBlockErrors([{ type: 'actions', elements: [button(), button()] }]);

    // Assess
    expect(problems).toEqual(['[ERROR] duplicate action_id "ack" in this block [json-pointer:/blocks/0/elements/1/action_id]']);
  });

  it('rejects a mrkdwn header, since headers take plain_text only', () => {
    // Act
    const problems = findBlockErrors([{ type: 'header', text: { type: 'mrkdwn', text: '*h*' } }]);

    // Assess
    expect(problems).toEqual(['[ERROR] must be a plain_text object [json-pointer:/blocks/0/text/type]']);
  });

  it('rejects a section with neither text nor fields', () => {
    // Act
    const problems = findBlockErrors([{ type: 'section' }]);

    // Assess
    expect(problems).toEqual(['[ERROR] must provide either text or fields [json-pointer:/blocks/0]']);
  });
});
