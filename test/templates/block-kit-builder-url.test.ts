import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { blockKitBuilderUrl } from '../../src/slack/block-kit-builder-url.ts';

describe('blockKitBuilderUrl', () => {
  it('puts the blocks, URL-encoded, in the fragment of a Block Kit Builder link', () => {
    // Prepare
    const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: 'a & b #c' } }];

    // Act
    const url = blockKitBuilderUrl(blocks);

    // Assess
    expect(url.startsWith('https://app.slack.com/block-kit-builder/#%7B%22blocks%22%3A%5B')).toBe(true);
    expect(JSON.parse(decodeURIComponent(url.split('#')[1]!))).toEqual({ blocks });
  });
});
