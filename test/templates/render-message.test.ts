import { describe, expect, it } from 'vitest';
import type { AlertPhase } from '../../src/core/alert.ts';
import type { TemplateName } from '../../src/catalog/schema.ts';
import { findLimitViolations } from '../../src/slack/limits.ts';
import { renderMessage } from '../../templates/index.ts';
import { makeAlert, makeLifecycle, makeRenderInput, makeSignal } from '../support/make-alert.ts';
import { visibleText } from './message-text.ts';

const TEMPLATES: TemplateName[] = ['techies', 'product-leads', 'local-office'];
const PHASES: AlertPhase[] = ['firing', 'resolved', 'noData', 'info'];

function input(template: TemplateName, phase: AlertPhase) {
  const signal = makeSignal({ state: phase === 'noData' ? 'firing' : phase, noData: phase === 'noData' });
  return makeRenderInput({ template, audience: template, alert: makeAlert({ phase, signal }), lifecycle: makeLifecycle() });
}

/** The words each audience must see for each phase: the state is never carried by colour or emoji alone. */
const STATE_WORDS: Record<TemplateName, Record<AlertPhase, RegExp>> = {
  techies: { firing: /Critical · Firing/, resolved: /Resolved after/, noData: /Critical · No data/, info: /For information/ },
  'product-leads': { firing: /Major problem[\s\S]*Investigating/, resolved: /Major problem[\s\S]*Fixed/, noData: /Investigating/, info: /For your information/ },
  'local-office': { firing: /Not fixed yet/, resolved: /Yes, it is fixed/, noData: /cannot tell/, info: /Nothing is broken/ },
};

describe('renderMessage', () => {
  it.each(TEMPLATES.flatMap((t) => PHASES.map((p) => [t, p] as const)))('renders %s when %s within every Slack limit', (template, phase) => {
    // Act
    const message = renderMessage(input(template, phase));

    // Assess
    expect(findLimitViolations(message)).toEqual([]);
  });

  it.each(TEMPLATES.flatMap((t) => PHASES.map((p) => [t, p] as const)))('tells %s the state in words when %s', (template, phase) => {
    // Act
    const message = renderMessage(input(template, phase));

    // Assess
    expect(visibleText(message)).toMatch(STATE_WORDS[template][phase]);
    expect(message.text).not.toBe('');
  });

  it('renders the same input to the same message', () => {
    // Prepare
    const same = input('techies', 'firing');

    // Act
    const first = renderMessage(same);
    const second = renderMessage(same);

    // Assess
    expect(second).toEqual(first);
  });
});

describe('one representative message per audience', () => {
  it('techies, firing and acknowledged', () => {
    // Prepare
    const lifecycle = makeLifecycle({ occurrences: 3, lastSeen: '2026-11-22T10:44:00.000Z', acknowledgedBy: 'U024BE7LH', acknowledgedAt: '2026-11-22T10:44:30.000Z' });

    // Act
    const message = renderMessage(makeRenderInput({ lifecycle }));

    // Assess
    expect(message).toMatchSnapshot();
  });

  it('product-leads, firing', () => {
    // Act
    const message = renderMessage(makeRenderInput({ template: 'product-leads', audience: 'product-leads', lifecycle: makeLifecycle() }));

    // Assess
    expect(message).toMatchSnapshot();
  });

  it('local-office, firing', () => {
    // Act
    const message = renderMessage(makeRenderInput({ template: 'local-office', audience: 'local-office', lifecycle: makeLifecycle() }));

    // Assess
    expect(message).toMatchSnapshot();
  });

  it('uncatalogued, firing', () => {
    // Prepare
    const signal = makeSignal();
    const alert = makeAlert({ catalogId: null, alertKey: `uncatalogued|${signal.key}`, severity: 'high', title: signal.title, comms: {}, fix: [], links: [] });

    // Act
    const message = renderMessage(makeRenderInput({ alert }));

    // Assess
    expect(message).toMatchSnapshot();
  });
});
