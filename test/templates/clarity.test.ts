// The *Was this clear?* question under messages for non-technical readers: where it shows, what its buttons carry, and Slack's limits.
import { describe, expect, it } from 'vitest';
import type { RenderedMessage } from '../../src/core/alert.ts';
import { findLimitViolations } from '../../src/slack/limits.ts';
import { renderMessage } from '../../templates/index.ts';
import { CLARITY_ACTION_IDS, clarityTargetFrom } from '../../templates/parts/clarity.ts';
import { makeAlert, makeLifecycle, makeRenderInput, makeSignal } from '../support/make-alert.ts';
import { blockById } from './message-text.ts';

const resolved = () => makeAlert({ phase: 'resolved', signal: makeSignal({ state: 'resolved', time: '2026-11-22T10:54:00.000Z' }) });

function clarityButtons(message: RenderedMessage): Array<{ action_id: string; value: string }> {
  const block = blockById(message, 'clarion.clarity-actions');
  return block?.type === 'actions' ? (block.elements as unknown as Array<{ action_id: string; value: string }>) : [];
}

function allActionIds(message: RenderedMessage): string[] {
  return message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? String(e.action_id) : '')) : []));
}

describe('the Was this clear? question', () => {
  it.each(['product-leads', 'local-office'] as const)('asks %s readers with a line and Yes and No buttons', (template) => {
    // Act
    const message = renderMessage(makeRenderInput({ template, audience: template }));

    // Assess
    const question = blockById(message, 'clarion.clarity');
    expect(question?.type === 'context' && question.elements.map((e) => ('text' in e ? e.text : ''))).toEqual([expect.stringContaining('Was this clear?')]);
    expect(clarityButtons(message).map((b) => b.action_id)).toEqual([CLARITY_ACTION_IDS.yes, CLARITY_ACTION_IDS.no]);
  });

  it('carries the entry, the firing state, the audience and when the incident began in both buttons', () => {
    // Act
    const message = renderMessage(makeRenderInput({ template: 'product-leads', audience: 'data-leads', lifecycle: makeLifecycle({ firstSeen: '2026-11-22T09:40:00.000Z' }) }));

    // Assess
    const target = { entry: 'bookings.api-failing', state: 'firing', audience: 'data-leads', startedAt: '2026-11-22T09:40:00.000Z' };
    expect(clarityButtons(message).map((b) => clarityTargetFrom(b.value))).toEqual([target, target]);
  });

  it('names the same incident start on every edit, so a second answer replaces the first', () => {
    // Prepare
    const lifecycle = makeLifecycle({ firstSeen: '2026-11-22T09:40:00.000Z' });

    // Act
    const first = renderMessage(makeRenderInput({ template: 'local-office', audience: 'local-office', lifecycle }));
    const edited = renderMessage(makeRenderInput({ template: 'local-office', audience: 'local-office', lifecycle: { ...lifecycle, acknowledgedBy: 'U1', occurrences: 4 }, now: new Date('2026-11-22T11:00:00Z') }));

    // Assess
    expect(clarityButtons(edited)[0]?.value).toBe(clarityButtons(first)[0]?.value);
  });

  it('says fixed once the fix is confirmed and the message speaks in the past tense', () => {
    // Act
    const message = renderMessage(makeRenderInput({ template: 'local-office', audience: 'local-office', alert: resolved(), lifecycle: makeLifecycle({ fixConfirmed: true }) }));

    // Assess
    expect(clarityTargetFrom(clarityButtons(message)[0]?.value)?.state).toBe('fixed');
  });

  it('still says firing while the fix is being checked, as the present-tense words the reader sees', () => {
    // Act
    const message = renderMessage(makeRenderInput({ template: 'product-leads', audience: 'product-leads', alert: resolved(), lifecycle: makeLifecycle({ fixConfirmed: false }) }));

    // Assess
    expect(clarityTargetFrom(clarityButtons(message)[0]?.value)?.state).toBe('firing');
  });

  it('is not asked of engineers', () => {
    // Act
    const message = renderMessage(makeRenderInput());

    // Assess
    expect([blockById(message, 'clarion.clarity'), allActionIds(message).filter((id) => id.startsWith('clarion.clarity'))]).toEqual([undefined, []]);
  });

  it.each(['product-leads', 'local-office'] as const)('is not asked about an alert no entry claims, even on the %s template', (template) => {
    // Prepare
    const alert = makeAlert({ catalogId: null, alertKey: 'uncatalogued|x' });

    // Act
    const message = renderMessage(makeRenderInput({ template, audience: template, alert }));

    // Assess
    expect(blockById(message, 'clarion.clarity-actions')).toBeUndefined();
  });

  it('keeps a message with the question within Slack limits, its action ids unique', () => {
    // Act
    const messages = (['product-leads', 'local-office'] as const).map((template) => renderMessage(makeRenderInput({ template, audience: template })));

    // Assess
    expect(messages.map((m) => [findLimitViolations(m), new Set(allActionIds(m)).size === allActionIds(m).length])).toEqual([
      [[], true],
      [[], true],
    ]);
  });

  it('leaves the question off rather than cut a value that would not fit', () => {
    // Prepare
    const alert = makeAlert({ catalogId: `team.${'x'.repeat(200)}` });

    // Act
    const message = renderMessage(makeRenderInput({ template: 'product-leads', audience: 'product-leads', alert }));

    // Assess
    expect([blockById(message, 'clarion.clarity'), findLimitViolations(message)]).toEqual([undefined, []]);
  });

  it('puts no raw mention in a value, whatever the audience is called', () => {
    // Act
    const message = renderMessage(makeRenderInput({ template: 'local-office', audience: '<!channel> offices' }));

    // Assess
    const [yes] = clarityButtons(message);
    expect([yes?.value.includes('<'), clarityTargetFrom(yes?.value)?.audience]).toEqual([false, '<!channel> offices']);
  });
});
