import { describe, expect, it } from 'vitest';
import { forDrawing, mrkdwnForDrawing } from '../../src/local/ui/src/blocks-for-drawing.ts';

describe('Preview page: blocks made ready for drawing', () => {
  it('decodes an escaped arrow so the drawing library adds no space after it', () => {
    // Act
    const text = mrkdwnForDrawing('RUNNING-&gt;FAILED, tries 1 -&gt; 2');

    // Assess
    expect(text).toBe('RUNNING->FAILED, tries 1 -> 2');
  });

  it('keeps an escaped mention or link drawn as the literal text Slack shows, not as a mention', () => {
    // Act
    const text = mrkdwnForDrawing('Rebuilding &lt;!channel&gt; and &lt;https://evil.example|here&gt;; a -&gt; b');

    // Assess
    expect(text).toBe('Rebuilding <\u2060!channel> and <\u2060https://evil.example|here>; a -> b');
  });

  it('leaves the other entities for the library, which decodes them as Slack does', () => {
    // Act
    const text = mrkdwnForDrawing('a &lt; b &amp;&amp; &amp;gt;');

    // Assess
    expect(text).toBe('a &lt; b &amp;&amp; &amp;gt;');
  });

  it('decodes mrkdwn text objects only, and drops their verbatim flag', () => {
    // Prepare
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'a -&gt; b' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'a -&gt; b', verbatim: true }, fields: [{ type: 'mrkdwn', text: '1-&gt;2', verbatim: true }] },
    ];

    // Act
    const drawn = forDrawing(blocks);

    // Assess
    expect(drawn).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'a -&gt; b' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'a -> b' }, fields: [{ type: 'mrkdwn', text: '1->2' }] },
    ]);
  });
});
