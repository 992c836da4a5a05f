import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { blocksToPlainText, mrkdwnToPlain } from '../../src/slack/blocks-to-plain-text.ts';
import { escapeMrkdwn } from '../../src/slack/escape-mrkdwn.ts';

const WJ = '\u2060';

function plainOf(blocks: KnownBlock[], text = 'fallback'): string {
  return blocksToPlainText({ text, blocks });
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

describe('blocksToPlainText', () => {
  it('puts the header on its own line above the section text', () => {
    // Prepare
    const blocks: KnownBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: 'Bookings are failing' } },
      section('People cannot book appointments.'),
    ];

    // Act
    const text = plainOf(blocks);

    // Assess
    expect(text).toBe('Bookings are failing\nPeople cannot book appointments.');
  });

  it('renders labelled fields as "Label: value"', () => {
    // Prepare
    const blocks: KnownBlock[] = [
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*How bad*\nService down' },
          { type: 'mrkdwn', text: '*Who is affected*\nEveryone booking online' },
        ],
      },
    ];

    // Act
    const text = plainOf(blocks);

    // Assess
    expect(text).toBe('How bad: Service down\nWho is affected: Everyone booking online');
  });

  it('keeps a field without a label as it is', () => {
    // Prepare
    const blocks: KnownBlock[] = [{ type: 'section', fields: [{ type: 'plain_text', text: 'bookings-api-5xx-high' }] }];

    // Act
    const text = plainOf(blocks);

    // Assess
    expect(text).toBe('bookings-api-5xx-high');
  });

  it('joins the elements of a context block on one line, leaving images out', () => {
    // Prepare
    const blocks: KnownBlock[] = [
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: 'Clarion' },
          { type: 'image', image_url: 'https://example.com/i.png', alt_text: 'logo' },
          { type: 'plain_text', text: 'updated 10:45' },
        ],
      },
    ];

    // Act
    const text = plainOf(blocks);

    // Assess
    expect(text).toBe('Clarion · updated 10:45');
  });

  it('keeps bulleted and numbered lists line by line', () => {
    // Prepare
    const blocks: KnownBlock[] = [section('*What to do*\n1. Check the database\n2. Restart the service'), section('• one\n• two')];

    // Act
    const text = plainOf(blocks);

    // Assess
    expect(text).toBe('What to do\n1. Check the database\n2. Restart the service\n• one\n• two');
  });

  it('shows URL buttons as "Label: URL" and leaves out buttons that only act in Slack', () => {
    // Prepare
    const blocks: KnownBlock[] = [
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'ack', text: { type: 'plain_text', text: 'Acknowledge' }, value: 'k' },
          { type: 'button', action_id: 'rb', text: { type: 'plain_text', text: 'Open runbook' }, url: 'https://runbooks.example/bookings' },
          {
            type: 'static_select',
            action_id: 'snooze',
            placeholder: { type: 'plain_text', text: 'Snooze' },
            options: [{ text: { type: 'plain_text', text: '1 hour' }, value: '1h' }],
          },
        ],
      },
    ];

    // Act
    const text = plainOf(blocks);

    // Assess
    expect(text).toBe('Open runbook: https://runbooks.example/bookings');
  });

  it('turns a divider into one blank line', () => {
    // Prepare
    const blocks: KnownBlock[] = [section('above'), { type: 'divider' }, section('below')];

    // Act
    const text = plainOf(blocks);

    // Assess
    expect(text).toBe('above\n\nbelow');
  });

  it('uses the fallback text, as plain text, when there are no blocks', () => {
    // Act
    const text = blocksToPlainText({ text: '*High* · <https://x.example/a|Bookings> failing', blocks: [] });

    // Assess
    expect(text).toBe('High · Bookings (https://x.example/a) failing');
  });

  it('shows plain_text objects literally', () => {
    // Prepare
    const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: '*db* &amp; <cache> :fire:' } }];

    // Act
    const text = plainOf(blocks);

    // Assess
    expect(text).toBe('*db* &amp; <cache> :fire:');
  });

  it('renders the items of a rich_text list with bullets or numbers', () => {
    // Prepare
    const blocks: KnownBlock[] = [
      {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_list',
            style: 'ordered',
            elements: [
              { type: 'rich_text_section', elements: [{ type: 'text', text: 'Check the ' }, { type: 'link', url: 'https://status.example', text: 'status page' }] },
              { type: 'rich_text_section', elements: [{ type: 'text', text: 'Tell ' }, { type: 'user', user_id: 'U123' }] },
            ],
          },
        ],
      },
    ];

    // Act
    const text = plainOf(blocks);

    // Assess
    expect(text).toBe('1. Check the status page (https://status.example)\n2. Tell @U123');
  });

  it('keeps escaped hostile text as the literal characters it started as, with look-alikes left in place', () => {
    // Prepare
    const hostile = '<!channel> *pwn* _x_ ~y~ `z` & <https://evil.example|click here> @here a&amp;b';
    const blocks = [section(`*Reason given by AWS*\n${escapeMrkdwn(hostile)}`)];

    // Act
    const text = plainOf(blocks);

    // Assess
    expect(text).toBe(
      `Reason given by AWS\n<!channel> \u2217pwn\u2217 \u02CDx\u02CD \u223Cy\u223C \u02CBz\u02CB & <https:${WJ}//evil.example|click here> @${WJ}here a&amp;b`,
    );
  });
});

describe('mrkdwnToPlain', () => {
  it('writes a link with a label as "label (url)"', () => {
    // Act
    const text = mrkdwnToPlain('See <https://runbooks.example/a?x=1&amp;y=2|the runbook>.');

    // Assess
    expect(text).toBe('See the runbook (https://runbooks.example/a?x=1&y=2).');
  });

  it('writes a bare link as its URL', () => {
    // Act
    const text = mrkdwnToPlain('<https://status.example>');

    // Assess
    expect(text).toBe('https://status.example');
  });

  it('writes a date as its fallback text', () => {
    // Act
    const text = mrkdwnToPlain('Started <!date^1795344120^{date_short_pretty} at {time}|22 Nov 2026 at 10:42>');

    // Assess
    expect(text).toBe('Started 22 Nov 2026 at 10:42');
  });

  it.each([
    ['<@U123ABC>', '@U123ABC'],
    ['<@U123ABC|ana>', '@ana'],
    ['<#C123|alerts>', '#alerts'],
    ['<#C123>', '#C123'],
    ['<!here>', '@here'],
    ['<!subteam^S123|@oncall>', '@oncall'],
  ])('writes the mention %s as %s', (mention, expected) => {
    // Act
    const text = mrkdwnToPlain(mention);

    // Assess
    expect(text).toBe(expected);
  });

  it('decodes the three entities Slack uses, once', () => {
    // Act
    const text = mrkdwnToPlain('a &amp; b &lt;c&gt; &amp;lt;');

    // Assess
    expect(text).toBe('a & b <c> &lt;');
  });

  it('removes bold, italic and strike markers', () => {
    // Act
    const text = mrkdwnToPlain('*Service down* for _some_ users, ~not all~');

    // Assess
    expect(text).toBe('Service down for some users, not all');
  });

  it('removes markers around a link', () => {
    // Act
    const text = mrkdwnToPlain('*See <https://status.example|the status page>*');

    // Assess
    expect(text).toBe('See the status page (https://status.example)');
  });

  it('leaves markers inside words and inline code alone', () => {
    // Act
    const text = mrkdwnToPlain('bookings_api_5xx is 2*3*4 in `HTTPCode_Target_5XX_Count`');

    // Assess
    expect(text).toBe('bookings_api_5xx is 2*3*4 in HTTPCode_Target_5XX_Count');
  });

  it('drops emoji codes but keeps times that look like them', () => {
    // Act
    const text = mrkdwnToPlain(':red_circle: *Critical* at 10:30:45');

    // Assess
    expect(text).toBe('Critical at 10:30:45');
  });

  it('keeps the lines of a code block and drops its fences', () => {
    // Act
    const text = mrkdwnToPlain('Matched:\n```\nname: *_glob_*\n```');

    // Assess
    expect(text).toBe('Matched:\nname: *_glob_*');
  });
});
