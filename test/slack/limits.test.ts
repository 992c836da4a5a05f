import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { SLACK_LIMITS, findLimitViolations, fitMessage, truncate } from '../../src/slack/limits.ts';

function section(text: string, blockId?: string): KnownBlock {
  return { type: 'section', ...(blockId ? { block_id: blockId } : {}), text: { type: 'mrkdwn', text } };
}

describe('truncate', () => {
  it('returns text that fits unchanged', () => {
    // Prepare
    const text = 'short enough';

    // Act
    const result = truncate(text, 12);

    // Assess
    expect(result).toBe('short enough');
  });

  it('cuts text that is too long to the limit and ends it with an ellipsis', () => {
    // Prepare
    const text = 'abcdefghijklmnopqrstuvwxyz';

    // Act
    const result = truncate(text, 10);

    // Assess
    expect(result).toBe('abcdefghi…');
    expect(result).toHaveLength(10);
  });

  it('never splits a surrogate pair', () => {
    // Prepare: the cut would fall between the two halves of the emoji.
    const text = `abcd${'😀'}efgh`;

    // Act
    const result = truncate(text, 6);

    // Assess
    expect(result).toBe('abcd…');
    expect(result).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('never leaves half of an escaped entity', () => {
    // Prepare
    const text = 'Tom &amp; Jerry &lt;3';

    // Act
    const results = [7, 8, 9, 10].map((max) => truncate(text, max));

    // Assess
    expect(results).toEqual(['Tom…', 'Tom…', 'Tom…', 'Tom &amp;…']);
  });

  it('never leaves a Slack link or date token open', () => {
    // Prepare
    const text = 'See <https://example.org/a/very/long/path|the runbook> now';

    // Act
    const result = truncate(text, 30);

    // Assess
    expect(result).toBe('See…');
  });

  it('keeps a less-than sign in plain text that opens no control sequence', () => {
    // Prepare
    const text = 'load < 5 and more words here';

    // Act
    const result = truncate(text, 15);

    // Assess
    expect(result).toBe('load < 5 and m…');
  });

  it('closes a code block it cuts into', () => {
    // Prepare
    const text = `Start:\n\`\`\`${'x'.repeat(100)}\`\`\``;

    // Act
    const result = truncate(text, 40);

    // Assess
    expect(result.endsWith('…\n```')).toBe(true);
    expect(result.length).toBeLessThanOrEqual(40);
    expect(result.match(/```/g)).toHaveLength(2);
  });

  it('returns only the ellipsis when the limit is one character', () => {
    // Prepare
    const text = 'abc';

    // Act
    const result = truncate(text, 1);

    // Assess
    expect(result).toBe('…');
  });
});

describe('fitMessage', () => {
  it('truncates a header longer than 150 characters', () => {
    // Prepare
    const message = { text: 't', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(500) } }] as KnownBlock[] };

    // Act
    const fitted = fitMessage(message);

    // Assess
    const header = fitted.blocks[0];
    expect(header?.type === 'header' && header.text.text.length).toBe(SLACK_LIMITS.headerText);
    expect(findLimitViolations(fitted)).toEqual([]);
  });

  it('truncates section text to 3000 characters', () => {
    // Prepare
    const message = { text: 't', blocks: [section('s'.repeat(5000))] };

    // Act
    const fitted = fitMessage(message);

    // Assess
    const block = fitted.blocks[0];
    expect(block?.type === 'section' && block.text?.text.length).toBe(3000);
    expect(block?.type === 'section' && block.text?.text.endsWith('…')).toBe(true);
  });

  it('keeps at most ten fields of at most 2000 characters each', () => {
    // Prepare
    const fields = Array.from({ length: 14 }, () => ({ type: 'mrkdwn' as const, text: 'f'.repeat(2500) }));
    const message = { text: 't', blocks: [{ type: 'section', fields }] as KnownBlock[] };

    // Act
    const fitted = fitMessage(message);

    // Assess
    const block = fitted.blocks[0];
    expect(block?.type === 'section' && block.fields?.length).toBe(10);
    expect(findLimitViolations(fitted)).toEqual([]);
  });

  it('keeps at most ten context elements', () => {
    // Prepare
    const elements = Array.from({ length: 12 }, (_, i) => ({ type: 'mrkdwn' as const, text: `e${i}` }));
    const message = { text: 't', blocks: [{ type: 'context', elements }] as KnownBlock[] };

    // Act
    const fitted = fitMessage(message);

    // Assess
    const block = fitted.blocks[0];
    expect(block?.type === 'context' && block.elements.length).toBe(10);
  });

  it('drops a button whose URL is longer than 3000 characters and keeps the others', () => {
    // Prepare
    const message = {
      text: 't',
      blocks: [
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'long', text: { type: 'plain_text', text: 'Long' }, url: `https://x.example/${'a'.repeat(4000)}` },
            { type: 'button', action_id: 'ok', text: { type: 'plain_text', text: 'OK' }, value: 'v' },
          ],
        },
      ] as KnownBlock[],
    };

    // Act
    const fitted = fitMessage(message);

    // Assess
    const block = fitted.blocks[0];
    expect(block?.type === 'actions' && block.elements.map((e) => ('action_id' in e ? e.action_id : ''))).toEqual(['ok']);
  });

  it('truncates button text and value to their limits', () => {
    // Prepare
    const message = {
      text: 't',
      blocks: [
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(100) }, value: 'v'.repeat(2500) }],
        },
      ] as KnownBlock[],
    };

    // Act
    const fitted = fitMessage(message);

    // Assess
    expect(findLimitViolations(fitted)).toEqual([]);
    expect(JSON.stringify(fitted)).toContain(`${'b'.repeat(74)}…`);
  });

  it('removes an actions block left with no elements', () => {
    // Prepare
    const message = {
      text: 't',
      blocks: [
        section('keep'),
        { type: 'actions', elements: [{ type: 'button', action_id: 'x', text: { type: 'plain_text', text: 'X' }, url: `https://x.example/${'a'.repeat(3001)}` }] },
      ] as KnownBlock[],
    };

    // Act
    const fitted = fitMessage(message);

    // Assess
    expect(fitted.blocks.map((b) => b.type)).toEqual(['section']);
  });

  it('replaces blocks beyond 50 with a final note saying how many were left out', () => {
    // Prepare
    const blocks = Array.from({ length: 60 }, (_, i) => section(`block ${i}`, `b${i}`));

    // Act
    const fitted = fitMessage({ text: 't', blocks });

    // Assess
    expect(fitted.blocks).toHaveLength(50);
    expect(JSON.stringify(fitted.blocks.at(-1))).toContain('11 more items not shown');
    expect(fitted.blocks.at(-1)?.type).toBe('context');
  });

  it('keeps the actions block when it drops blocks beyond 50', () => {
    // Prepare
    const blocks: KnownBlock[] = Array.from({ length: 60 }, (_, i) => section(`block ${i}`, `b${i}`));
    blocks.push({ type: 'actions', block_id: 'acts', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'A' } }] });

    // Act
    const fitted = fitMessage({ text: 't', blocks });

    // Assess
    expect(fitted.blocks.some((b) => b.block_id === 'acts')).toBe(true);
    expect(findLimitViolations(fitted)).toEqual([]);
  });

  it('keeps the top-level text within 4000 characters', () => {
    // Prepare
    const message = { text: 'x'.repeat(10_000), blocks: [] };

    // Act
    const fitted = fitMessage(message);

    // Assess
    expect(fitted.text).toHaveLength(4000);
    expect(fitted.text.endsWith('…')).toBe(true);
  });

  it('shrinks the longest texts until all block text fits the total budget', () => {
    // Prepare
    const blocks = [section('short status', 's'), ...Array.from({ length: 8 }, (_, i) => section('y'.repeat(2900), `long${i}`))];

    // Act
    const fitted = fitMessage({ text: 't', blocks });

    // Assess
    const total = fitted.blocks.reduce((n, b) => n + (b.type === 'section' ? (b.text?.text.length ?? 0) : 0), 0);
    expect(total).toBeLessThanOrEqual(SLACK_LIMITS.blockTextBudget);
    expect(JSON.stringify(fitted.blocks[0])).toContain('short status');
  });

  it('does not change the message it was given', () => {
    // Prepare
    const message = { text: 't', blocks: [section('s'.repeat(5000))] };
    const before = JSON.stringify(message);

    // Act
    fitMessage(message);

    // Assess
    expect(JSON.stringify(message)).toBe(before);
  });

  it('replaces empty texts instead of throwing', () => {
    // Prepare
    const message = { text: '', blocks: [section('')] };

    // Act
    const fitted = fitMessage(message);

    // Assess
    expect(findLimitViolations(fitted)).toEqual([]);
  });
});

describe('findLimitViolations', () => {
  it('finds nothing in a valid message', () => {
    // Prepare
    const message = { text: 'fine', blocks: [section('fine', 'a'), { type: 'divider' }] as KnownBlock[] };

    // Act
    const violations = findLimitViolations(message);

    // Assess
    expect(violations).toEqual([]);
  });

  it('reports an over-long text with its JSON pointer', () => {
    // Prepare
    const message = { text: 'fine', blocks: [section('s'.repeat(3001))] };

    // Act
    const violations = findLimitViolations(message);

    // Assess
    expect(violations).toEqual(['/blocks/0/text/text: 3001 characters, more than 3000']);
  });

  it('reports more than 50 blocks', () => {
    // Prepare
    const message = { text: 'fine', blocks: Array.from({ length: 51 }, (_, i) => section('x', `b${i}`)) };

    // Act
    const violations = findLimitViolations(message);

    // Assess
    expect(violations).toEqual(['/blocks: 51 blocks, more than 50']);
  });

  it('reports a top-level text longer than chat.update accepts', () => {
    // Prepare
    const message = { text: 'x'.repeat(4001), blocks: [] };

    // Act
    const violations = findLimitViolations(message);

    // Assess
    expect(violations).toEqual(['/text: 4001 characters, more than 4000']);
  });

  it('reports a header that is not plain text', () => {
    // Prepare
    const message = { blocks: [{ type: 'header', text: { type: 'mrkdwn', text: '*h*' } }] };

    // Act
    const violations = findLimitViolations(message);

    // Assess
    expect(violations).toEqual(['/blocks/0/text/type: must be plain_text']);
  });

  it('reports repeated block ids', () => {
    // Prepare
    const message = { blocks: [section('a', 'same'), section('b', 'same')] };

    // Act
    const violations = findLimitViolations(message);

    // Assess
    expect(violations).toEqual(['/blocks/1/block_id: "same" repeated in the message']);
  });

  it('reports button limits: text, URL, value and action id', () => {
    // Prepare
    const button = {
      type: 'button',
      action_id: 'a'.repeat(256),
      text: { type: 'plain_text', text: 't'.repeat(76) },
      url: `https://x.example/${'u'.repeat(3000)}`,
      value: 'v'.repeat(2001),
    };
    const message = { blocks: [{ type: 'actions', elements: [button] }] };

    // Act
    const violations = findLimitViolations(message);

    // Assess
    expect(violations).toEqual([
      '/blocks/0/elements/0/action_id: 256 characters, more than 255',
      '/blocks/0/elements/0/text/text: 76 characters, more than 75',
      '/blocks/0/elements/0/url: 3018 characters, more than 3000',
      '/blocks/0/elements/0/value: 2001 characters, more than 2000',
    ]);
  });

  it('reports too many fields, context elements and action elements', () => {
    // Prepare
    const text = { type: 'mrkdwn', text: 'x' };
    const button = (i: number) => ({ type: 'button', action_id: `b${i}`, text: { type: 'plain_text', text: 'B' } });
    const message = {
      blocks: [
        { type: 'section', fields: Array.from({ length: 11 }, () => text) },
        { type: 'context', elements: Array.from({ length: 11 }, () => text) },
        { type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button(i)) },
      ],
    };

    // Act
    const violations = findLimitViolations(message);

    // Assess
    expect(violations).toEqual([
      '/blocks/0/fields: 11 items, more than 10',
      '/blocks/1/elements: 11 items, more than 10',
      '/blocks/2/elements: 26 items, more than 25',
    ]);
  });

  it('reports an empty text object', () => {
    // Prepare
    const message = { blocks: [section('')] };

    // Act
    const violations = findLimitViolations(message);

    // Assess
    expect(violations).toEqual(['/blocks/0/text/text: must not be empty']);
  });

  it('reports blocks that are not an array instead of throwing', () => {
    // Prepare
    const message = { blocks: 'nope' };

    // Act
    const violations = findLimitViolations(message);

    // Assess
    expect(violations).toEqual(['/blocks: must be an array']);
  });
});
