import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { RenderInput } from '../../src/core/alert.ts';
import { SLACK_LIMITS, findLimitViolations } from '../../src/slack/limits.ts';
import { renderMessage } from '../../templates/index.ts';
import { makeAlert, makeLifecycle, makeRenderInput, makeSignal } from '../support/make-alert.ts';
import { actionIds, blockById, blockText } from './message-text.ts';

const LONG_URL = `https://runbooks.example.org/${'a'.repeat(4000)}`;

function oversizedAlert(overrides: Parameters<typeof makeAlert>[0] = {}) {
  const base = makeSignal();
  const links = Array.from({ length: 100 }, (_, i) => ({ label: `Log group ${i} ${'l'.repeat(60)}`, url: `https://logs.example.org/${i}` }));
  const signal = makeSignal({
    name: `alarm-${'n'.repeat(3000)}`,
    title: 't'.repeat(5000),
    reason: 'r'.repeat(10 * 1024),
    resource: { type: 'CloudWatch alarm', name: 'x'.repeat(5000), arn: `arn:${'a'.repeat(5000)}` },
    links: [{ label: 'Console', url: LONG_URL }, ...links],
    alarm: { ...base.alarm!, tags: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`tag${i}`, 'v'.repeat(500)])) },
    metric: {
      ...base.metric!,
      recentValues: Array.from({ length: 300 }, (_, i) => i * 1.5),
      dimensions: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`dim${i}`, 'd'.repeat(500)])),
    },
  });
  return makeAlert({
    signal,
    title: 'T'.repeat(5000),
    runbook: LONG_URL,
    fix: Array.from({ length: 200 }, (_, i) => `Step ${i + 1}: ${'do the thing carefully '.repeat(5)}`),
    summary: 's'.repeat(5000),
    impact: { level: 'outage', summary: 'i'.repeat(5000), who: 'w'.repeat(3000) },
    comms: { 'product-leads': 'p'.repeat(6000), 'local-office': 'o'.repeat(6000) },
    data: Array.from({ length: 60 }, (_, i) => ({ name: `Data set ${i}`, whenStale: 'It may be a day old. '.repeat(10) })),
    links: Array.from({ length: 100 }, (_, i) => ({ label: `Dashboard ${i}`, url: `https://dash.example.org/${i}` })),
    alertKey: `k${'k'.repeat(3000)}`,
    ...overrides,
  });
}

function oversizedInput(overrides: Partial<RenderInput> = {}): RenderInput {
  return makeRenderInput({
    alert: oversizedAlert(),
    lifecycle: makeLifecycle({ occurrences: 9999, acknowledgedBy: 'x'.repeat(5000) }),
    serviceName: 'S'.repeat(3000),
    ...overrides,
  });
}

function blockTextLength(blocks: KnownBlock[]): number {
  let total = 0;
  for (const b of blocks) {
    if (b.type === 'header') total += b.text.text.length;
    if (b.type === 'section') total += (b.text?.text.length ?? 0) + (b.fields ?? []).reduce((n, f) => n + f.text.length, 0);
    if (b.type === 'context') total += b.elements.reduce((n, e) => n + ('text' in e ? e.text.length : 0), 0);
  }
  return total;
}

const CASES: Array<[string, () => RenderInput]> = [
  ['techies', () => oversizedInput()],
  ['product-leads', () => oversizedInput({ template: 'product-leads' })],
  ['local-office', () => oversizedInput({ template: 'local-office' })],
  ['generic', () => oversizedInput({ alert: oversizedAlert({ catalogId: null }) })],
];

describe('oversized input', () => {
  it.each(CASES)('still renders a message within every Slack limit (%s)', (_, input) => {
    // Act
    const message = renderMessage(input());

    // Assess
    expect(findLimitViolations(message)).toEqual([]);
  });

  it.each(CASES)('keeps the total block text within the budget (%s)', (_, input) => {
    // Act
    const message = renderMessage(input());

    // Assess
    expect(blockTextLength(message.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.blockTextBudget);
  });

  it.each(CASES)('cuts the 5000-character title with an ellipsis (%s)', (_, input) => {
    // Act
    const message = renderMessage(input());

    // Assess
    const header = blockById(message, 'clarion.header');
    expect(header?.type === 'header' && header.text.text.length).toBe(SLACK_LIMITS.headerText);
    expect(blockText(message, 'clarion.header').endsWith('…')).toBe(true);
  });

  it('cuts the 10 KB reason with an ellipsis', () => {
    // Act
    const message = renderMessage(oversizedInput());

    // Assess
    expect(blockText(message, 'clarion.reason').endsWith('…')).toBe(true);
  });

  it('lists as many whole fix steps as fit and says how many more are in the runbook', () => {
    // Prepare
    const steps = Array.from({ length: 200 }, (_, i) => `Step ${i + 1}: ${'do the thing carefully '.repeat(5)}`);

    // Act
    const message = renderMessage(makeRenderInput({ alert: makeAlert({ fix: steps }) }));

    // Assess
    const fix = blockText(message, 'clarion.fix');
    expect(fix).toMatch(/\n_…and \d+ more steps in the runbook_$/);
    expect(fix).toContain('\n1. Step 1: ');
  });

  it('shows the ten newest recent values and how many earlier ones were left out', () => {
    // Act
    const message = renderMessage(oversizedInput());

    // Assess
    expect(blockText(message, 'clarion.evidence')).toContain(
      '435, 436.5, 438, 439.5, 441, 442.5, 444, 445.5, 447, 448.5\n(newest last; 290 earlier not shown)',
    );
  });

  it('shows ten links and how many more there are', () => {
    // Act
    const message = renderMessage(oversizedInput());

    // Assess
    expect(blockText(message, 'clarion.links')).toMatch(/\n_…and 191 more_$/);
  });

  it('leaves out buttons whose URL is longer than Slack allows', () => {
    // Act
    const message = renderMessage(oversizedInput());

    // Assess
    expect(actionIds(message)).toEqual(['clarion.snooze', 'clarion.silence', 'clarion.post-update', 'clarion.resolve', 'clarion.tell-local-offices']);
  });

  it('keeps the top-level text to one short line', () => {
    // Act
    const message = renderMessage(oversizedInput());

    // Assess
    expect(message.text.length).toBeLessThanOrEqual(300);
    expect(message.text.endsWith('…')).toBe(true);
  });
});
