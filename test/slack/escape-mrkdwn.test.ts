import { describe, expect, it } from 'vitest';
import { codeSpan, escapeCode, escapeMrkdwn, escapeValue, plainText } from '../../src/slack/escape-mrkdwn.ts';

const WJ = '\u2060';

describe('escapeMrkdwn', () => {
  it('escapes the three characters Slack decodes as entities', () => {
    // Prepare
    const text = 'a & b < c > d';

    // Act
    const escaped = escapeMrkdwn(text);

    // Assess
    expect(escaped).toBe('a &amp; b &lt; c &gt; d');
  });

  it.each(['<!channel>', '<!here>', '<!everyone>', '<@U024BE7LH>', '<#C123>', '<!subteam^S123>', '<https://evil.example|click>'])(
    'disarms the control sequence %s',
    (sequence) => {
      // Act
      const escaped = escapeMrkdwn(sequence);

      // Assess
      expect(escaped).not.toContain('<');
      expect(escaped).not.toContain('>');
    },
  );

  it('swaps formatting markers for look-alike characters', () => {
    // Prepare
    const text = '*b* _i_ ~s~ `c`';

    // Act
    const escaped = escapeMrkdwn(text);

    // Assess
    expect(escaped).not.toMatch(/[*_~`]/);
    expect(escaped).toBe('\u2217b\u2217 \u02CDi\u02CD \u223Cs\u223C \u02CBc\u02CB');
  });

  it('breaks bare @channel, @here and @everyone with a word joiner', () => {
    // Prepare
    const text = '@channel @HERE @everyone @hereafter';

    // Act
    const escaped = escapeMrkdwn(text);

    // Assess
    expect(escaped).toBe(`@${WJ}channel @${WJ}HERE @${WJ}everyone @hereafter`);
  });

  it('breaks bare URLs so they cannot auto-link', () => {
    // Prepare
    const text = 'see https://evil.example now';

    // Act
    const escaped = escapeMrkdwn(text);

    // Assess
    expect(escaped).toBe(`see https:${WJ}//evil.example now`);
  });

  it('escapes an ampersand only once, so an entity in the input shows as typed', () => {
    // Prepare
    const text = '&lt;';

    // Act
    const escaped = escapeMrkdwn(text);

    // Assess
    expect(escaped).toBe('&amp;lt;');
  });
});

describe('escapeCode', () => {
  it('keeps identifiers exact, markers, URLs and @words included', () => {
    // Prepare
    const text = 'room_bookings_prod *x* ~y~ s3://bucket/key @here';

    // Act
    const escaped = escapeCode(text);

    // Assess
    expect(escaped).toBe(text);
  });

  it('escapes the entities Slack decodes, so <!channel> stays text', () => {
    // Act
    const escaped = escapeCode('a&b <!channel> <@U1>');

    // Assess
    expect(escaped).toBe('a&amp;b &lt;!channel&gt; &lt;@U1&gt;');
  });

  it('swaps only the backtick, which would end the code span', () => {
    // Act
    const escaped = escapeCode('a`b');

    // Assess
    expect(escaped).toBe('a\u02CBb');
  });
});

describe('codeSpan', () => {
  it('wraps the escaped text in backticks', () => {
    // Act
    const span = codeSpan('arn:aws:rds:eu-west-2:1:db:room_bookings_prod');

    // Assess
    expect(span).toBe('`arn:aws:rds:eu-west-2:1:db:room_bookings_prod`');
  });

  it('gives nothing for empty text, rather than an empty span', () => {
    // Act
    const span = codeSpan('');

    // Assess
    expect(span).toBe('');
  });
});

describe('escapeValue', () => {
  it('shows a single token holding a marker as code, exact', () => {
    // Act
    const escaped = escapeValue('AWS_RDS_OPERATIONAL_ISSUE');

    // Assess
    expect(escaped).toBe('`AWS_RDS_OPERATIONAL_ISSUE`');
  });

  it('escapes prose as prose', () => {
    // Act
    const escaped = escapeValue('it is *very* late');

    // Assess
    expect(escaped).toBe('it is \u2217very\u2217 late');
  });

  it('keeps a URL-like or mention-like token out of code, where only prose escaping breaks it', () => {
    // Act
    const escaped = [escapeValue('https://evil.example/a_b'), escapeValue('_@here')];

    // Assess
    expect(escaped).toEqual([`https:${WJ}//evil.example/a\u02CDb`, `\u02CD@${WJ}here`]);
  });
});

describe('plainText', () => {
  it('keeps markup as written so names can be copied exactly', () => {
    // Act
    const result = plainText('prod_web *b* & ~x~ `y`');

    // Assess
    expect(result).toBe('prod_web *b* & ~x~ `y`');
  });

  it('breaks Slack mention syntax and bare mentions with an invisible word joiner', () => {
    // Act
    const result = plainText('<!channel> <@U1> <#C1> @here');

    // Assess
    expect(result).toBe('<\u2060!channel> <\u2060@U1> <\u2060#C1> @\u2060here');
  });

  it('removes control characters but keeps line breaks and tabs', () => {
    // Prepare
    const text = 'a\u0000b\u0007c\nd\te\u007F';

    // Act
    const result = plainText(text);

    // Assess
    expect(result).toBe('abc\nd\te');
  });
});
