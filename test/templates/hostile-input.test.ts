import { describe, expect, it } from 'vitest';
import type { RenderInput } from '../../src/core/alert.ts';
import { renderMessage } from '../../templates/index.ts';
import { makeAlert, makeLifecycle, makeRenderInput, makeSignal } from '../support/make-alert.ts';
import { blockText, jsonWithoutPlainText, mrkdwnProblems, mrkdwnTexts, textObjects } from './message-text.ts';

/** Everything untrusted text could try in mrkdwn: mentions, links, formatting, entities, bare URLs. */
const HOSTILE =
  '<!channel> <!here> <@U024BE7LH> <#C123> <https://evil.example|click> *b* _i_ ~s~ `tick` @channel @here & https://evil.example';

const CONSOLE_URL = 'https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#alarmsV2:alarm/x';
const LOGS_URL = 'https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#logsV2:log-groups';

function hostileSignal() {
  const base = makeSignal();
  return makeSignal({
    name: HOSTILE,
    title: HOSTILE,
    kind: HOSTILE,
    reason: HOSTILE,
    resource: { type: HOSTILE, name: HOSTILE, arn: HOSTILE },
    account: HOSTILE,
    region: HOSTILE,
    links: [
      { label: HOSTILE, url: CONSOLE_URL },
      { label: HOSTILE, url: LOGS_URL },
      { label: 'evil link', url: 'https://evil.example|click' },
    ],
    alarm: { ...base.alarm!, name: HOSTILE, tags: { [HOSTILE]: HOSTILE }, triggeringAlarms: [HOSTILE] },
    metric: {
      ...base.metric!,
      namespace: HOSTILE,
      name: HOSTILE,
      expression: HOSTILE,
      stat: HOSTILE,
      unit: HOSTILE,
      comparison: HOSTILE,
      dimensions: { [HOSTILE]: HOSTILE },
    },
  });
}

/** Our own link targets: the only URLs that may appear inside `<…>` in mrkdwn. */
const OUR_URLS = new Set(['https://grafana.example.org/d/bookings?orgId=1&from=now-6h', CONSOLE_URL, LOGS_URL]);

/** Ways a mrkdwn string could still ping, link or format something it should not. */
function problemsIn(text: string): string[] {
  return mrkdwnProblems(text, (url) => OUR_URLS.has(url));
}

function hostileInput(overrides: Partial<RenderInput> = {}): RenderInput {
  return makeRenderInput({
    alert: makeAlert({ signal: hostileSignal(), title: HOSTILE }),
    lifecycle: makeLifecycle({ acknowledgedBy: HOSTILE, snoozedUntil: '2026-11-22T12:00:00.000Z' }),
    serviceName: HOSTILE,
    ...overrides,
  });
}

const CASES: Array<[string, () => RenderInput]> = [
  ['techies', () => hostileInput()],
  ['techies, resolved', () => hostileInput({ alert: makeAlert({ signal: hostileSignal(), title: HOSTILE, phase: 'resolved' }) })],
  ['product-leads', () => hostileInput({ template: 'product-leads' })],
  ['local-office', () => hostileInput({ template: 'local-office', alert: makeAlert({ signal: hostileSignal(), title: HOSTILE, comms: {} }) })],
  ['generic', () => hostileInput({ alert: makeAlert({ signal: hostileSignal(), title: HOSTILE, catalogId: null }) })],
];

describe('hostile text in signals', () => {
  it.each(CASES)('cannot ping, link or format anything in mrkdwn (%s)', (_, input) => {
    // Act
    const message = renderMessage(input());

    // Assess
    const problems = mrkdwnTexts(message).flatMap(problemsIn);
    expect(problems).toEqual([]);
  });

  it.each(CASES)('leaves no control sequence anywhere in the serialized message outside plain text (%s)', (_, input) => {
    // Act
    const message = renderMessage(input());

    // Assess
    expect(problemsIn(jsonWithoutPlainText(message))).toEqual([]);
  });

  it('keeps the alarm name readable in plain text, with mentions broken by an invisible joiner', () => {
    // Act
    const message = renderMessage(hostileInput());

    // Assess
    const plain = textObjects(message).filter((t) => t.type === 'plain_text').map((t) => t.text);
    const shown = plain.filter((t) => t.replaceAll('\u2060', '') === HOSTILE);
    expect(shown).toHaveLength(2);
    for (const text of shown) expect(text).not.toMatch(/<[!@#]|@(here|channel|everyone)/);
  });

  it('sets emoji off on plain text that holds untrusted text', () => {
    // Act
    const message = renderMessage(hostileInput());

    // Assess
    const hostilePlain = textObjects(message).filter((t) => t.type === 'plain_text' && t.text.replaceAll('\u2060', '') === HOSTILE);
    expect(hostilePlain.length).toBeGreaterThan(0);
    expect(hostilePlain.every((t) => (t as { emoji?: boolean }).emoji === false)).toBe(true);
  });

  it('still links our own links, with escaped labels', () => {
    // Act
    const message = renderMessage(hostileInput());

    // Assess
    const links = blockText(message, 'clarion.links');
    expect(links).toContain('<https://grafana.example.org/d/bookings?orgId=1&amp;from=now-6h|Bookings dashboard>');
    expect(links).toContain(`<${CONSOLE_URL}|&lt;!channel&gt; &lt;!here&gt;`);
    expect(links).toContain('• evil link (link not shown)');
  });

  it('escapes the title in the fallback text', () => {
    // Act
    const message = renderMessage(hostileInput());

    // Assess
    expect(message.text).toContain('&lt;!channel&gt; &lt;!here&gt; &lt;@U024BE7LH&gt;');
  });
});
