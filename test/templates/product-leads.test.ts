import { describe, expect, it } from 'vitest';
import type { AlertLifecycle } from '../../src/core/alert.ts';
import { renderMessage } from '../../templates/index.ts';
import { makeAlert, makeLifecycle, makeRenderInput, makeSignal } from '../support/make-alert.ts';
import { JARGON, blockText, visibleText } from './message-text.ts';

function render(overrides: Parameters<typeof makeRenderInput>[0] = {}) {
  return renderMessage(makeRenderInput({ template: 'product-leads', audience: 'product-leads', ...overrides }));
}

function resolvedAlert() {
  return makeAlert({ phase: 'resolved', signal: makeSignal({ state: 'resolved', time: '2026-11-22T10:54:00.000Z' }) });
}

describe('product-leads template', () => {
  it('states the user impact in one sentence from the product-leads text', () => {
    // Act
    const message = render();

    // Assess
    expect(blockText(message, 'clarion.impact')).toBe('Some doctors cannot book rotations right now: about one in ten attempts fail.');
  });

  it('falls back to the impact summary when there is no product-leads text', () => {
    // Prepare
    const alert = makeAlert({ comms: {} });

    // Act
    const message = render({ alert });

    // Assess
    expect(blockText(message, 'clarion.impact')).toBe(alert.impact.summary);
  });

  it.each([
    ['outage', 'Service down'],
    ['major', 'Major problem'],
    ['minor', 'Minor problem'],
    ['none', 'No user impact'],
  ] as const)('says how bad an impact of %s is as "%s"', (level, words) => {
    // Prepare
    const alert = makeAlert({ impact: { ...makeAlert().impact, level } });

    // Act
    const message = render({ alert });

    // Assess
    expect(blockText(message, 'clarion.facts')).toContain(`*How bad*\n${words}`);
  });

  it('says who is affected', () => {
    // Act
    const message = render();

    // Assess
    expect(blockText(message, 'clarion.facts')).toContain('*Who is affected*\nDoctors booking rotations');
  });

  it.each<[string, Parameters<typeof makeRenderInput>[0], RegExp]>([
    ['firing', {}, /\*Status\*\nInvestigating$/m],
    [
      'acknowledged',
      { lifecycle: makeLifecycle({ acknowledgedBy: 'U024BE7LH', acknowledgedAt: '2026-11-22T10:44:00.000Z' }) },
      /\*Status\*\nAn engineer is looking at this since <!date\^\d+\^\{time\}\|10:44 GMT>/,
    ],
    ['resolved and confirmed', { alert: resolvedAlert(), lifecycle: makeLifecycle({ fixConfirmed: true }) }, /\*Status\*\nFixed after 12 minutes/],
    ['resolved with no confirmation recorded', { alert: resolvedAlert() }, /\*Status\*\nFixed/],
    [
      'resolved but not yet confirmed',
      { alert: resolvedAlert(), lifecycle: makeLifecycle({ fixConfirmed: false }) },
      /\*Status\*\nLooks fixed — checking it stays fixed/,
    ],
    ['without data', { alert: makeAlert({ phase: 'noData' }) }, /\*Status\*\nInvestigating — we cannot currently see whether it is working/],
  ])('says the status in words when %s', (_, overrides, expected) => {
    // Act
    const message = render(overrides);

    // Assess
    expect(blockText(message, 'clarion.facts')).toMatch(expected);
  });

  it('never says "Fixed" before the fix is confirmed', () => {
    // Prepare
    const lifecycle: AlertLifecycle = makeLifecycle({ fixConfirmed: false });

    // Act
    const message = render({ alert: resolvedAlert(), lifecycle });

    // Assess
    expect(visibleText(message)).not.toMatch(/\bFixed\b/);
  });

  it('says by when the next update comes while firing', () => {
    // Prepare: rendered at 10:45 with updates every 30 minutes.
    const alert = makeAlert({ nextUpdateSeconds: 1800 });

    // Act
    const message = render({ alert });

    // Assess
    expect(blockText(message, 'clarion.facts')).toMatch(/\*Next update by\*\n<!date\^\d+\^\{time\}\|11:15 GMT>/);
  });

  it('promises no next update once resolved', () => {
    // Act
    const message = render({ alert: resolvedAlert() });

    // Assess
    expect(visibleText(message)).not.toContain('Next update');
  });

  it('shows no alarm name, metric or AWS reason', () => {
    // Prepare
    const signal = makeSignal({ name: 'zz-alarm-name', reason: 'zz-aws-reason' });

    // Act
    const message = render({ alert: makeAlert({ signal }) });

    // Assess
    const text = visibleText(message);
    expect(text).not.toContain('zz-alarm-name');
    expect(text).not.toContain('zz-aws-reason');
    expect(text).not.toContain('HTTPCode');
  });

  it('gives a fallback with how bad and the status in words', () => {
    // Act
    const message = render();

    // Assess
    expect(message.text).toMatch(/^Major problem · Investigating: Rotation bookings are failing — Some doctors/);
  });

  it.each<[string, Parameters<typeof makeRenderInput>[0]]>([
    ['firing', {}],
    ['acknowledged', { lifecycle: makeLifecycle({ acknowledgedBy: 'U024BE7LH', acknowledgedAt: '2026-11-22T10:44:00.000Z' }) }],
    ['resolved', { alert: resolvedAlert(), lifecycle: makeLifecycle({ fixConfirmed: false }) }],
    ['without data', { alert: makeAlert({ phase: 'noData' }) }],
    ['for information', { alert: makeAlert({ phase: 'info' }) }],
  ])('uses no technical words when %s', (_, overrides) => {
    // Act
    const message = render(overrides);

    // Assess
    expect(visibleText(message)).not.toMatch(JARGON);
  });
});
