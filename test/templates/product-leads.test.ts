import { describe, expect, it } from 'vitest';
import type { Alert, AlertLifecycle } from '../../src/core/alert.ts';
import { renderMessage } from '../../templates/index.ts';
import { makeAlert, makeLifecycle, makeRenderInput, makeSignal } from '../support/make-alert.ts';
import { JARGON, blockText, headerText, visibleText } from './message-text.ts';

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

  describe('in the past tense once the fix is confirmed', () => {
    const confirmed = () => makeLifecycle({ fixConfirmed: true, resolvedAt: '2026-11-22T10:54:00.000Z' });
    const withPastTense = (alert: Alert): Alert => ({
      ...alert,
      titleWhenFixed: 'Rotation bookings were failing',
      impact: { ...alert.impact, summaryWhenFixed: 'Some doctors could not book a rotation.' },
    });
    const withoutComms = (alert: Alert): Alert => ({ ...alert, comms: {} });

    it('shows the title and the impact while it is broken, even with past-tense wording at hand', () => {
      // Act
      const message = render({ alert: withoutComms(withPastTense(makeAlert())) });

      // Assess
      expect([headerText(message), blockText(message, 'clarion.impact')]).toEqual([
        'Rotation bookings are failing',
        'About one in ten doctors who try to book a rotation see an error page and cannot book.',
      ]);
    });

    it('keeps the present tense while the fix is being checked', () => {
      // Act
      const message = render({ alert: withoutComms(withPastTense(resolvedAlert())), lifecycle: makeLifecycle({ fixConfirmed: false }) });

      // Assess
      expect([headerText(message), blockText(message, 'clarion.impact'), blockText(message, 'clarion.facts')]).toEqual([
        'Rotation bookings are failing',
        'About one in ten doctors who try to book a rotation see an error page and cannot book.',
        expect.stringContaining('*Who is affected*'),
      ]);
    });

    it('uses the entry\'s past-tense title and says what users noticed and since when it works again', () => {
      // Act
      const message = render({ alert: withoutComms(withPastTense(resolvedAlert())), lifecycle: confirmed() });

      // Assess
      expect([headerText(message), blockText(message, 'clarion.impact')]).toEqual([
        'Rotation bookings were failing',
        '*What users noticed:* Some doctors could not book a rotation.\nIt has worked again since <!date^1795344840^{time}|10:54 GMT>.',
      ]);
    });

    it('frames the title as fixed and the summary as what users noticed when the entry has no past-tense wording', () => {
      // Act
      const message = render({ alert: withoutComms(resolvedAlert()), lifecycle: confirmed() });

      // Assess
      expect([headerText(message), blockText(message, 'clarion.impact')]).toEqual([
        'Fixed: Rotation bookings are failing',
        '*What users noticed:* About one in ten doctors who try to book a rotation see an error page and cannot book.\n' +
          'It has worked again since <!date^1795344840^{time}|10:54 GMT>.',
      ]);
    });

    it('shows the product leads\' own words for the fixed state under the past-tense title', () => {
      // Prepare
      const alert = { ...withPastTense(resolvedAlert()), comms: { 'product-leads': 'Doctors can book rotations again.' } };

      // Act
      const message = render({ alert, lifecycle: confirmed() });

      // Assess
      expect([headerText(message), blockText(message, 'clarion.impact')]).toEqual(['Rotation bookings were failing', 'Doctors can book rotations again.']);
    });

    it('says who was affected', () => {
      // Act
      const message = render({ alert: resolvedAlert(), lifecycle: confirmed() });

      // Assess
      expect(blockText(message, 'clarion.facts')).toContain('*Who was affected*\nDoctors booking rotations');
    });

    it('goes back to the present tense when it fires again after the fix', () => {
      // Prepare: a reopened record has no resolve time or confirmation left, and counts the re-fire.
      const reopened = makeLifecycle({ occurrences: 2, lastSeen: '2026-11-22T11:10:00.000Z' });

      // Act
      const message = render({ alert: withoutComms(withPastTense(makeAlert())), lifecycle: reopened });

      // Assess
      expect([headerText(message), blockText(message, 'clarion.impact')]).toEqual([
        'Rotation bookings are failing',
        'About one in ten doctors who try to book a rotation see an error page and cannot book.',
      ]);
    });

    it('gives a notification with the past-tense title and summary, and no "Fixed" twice', () => {
      // Act
      const message = render({ alert: withoutComms(withPastTense(resolvedAlert())), lifecycle: confirmed() });

      // Assess
      expect(message.text).toBe('Fixed after 12 minutes: Rotation bookings were failing — Some doctors could not book a rotation.');
    });

    it('gives a notification without the present-tense summary when the entry has no past-tense wording', () => {
      // Act
      const message = render({ alert: withoutComms(resolvedAlert()), lifecycle: confirmed() });

      // Assess
      expect(message.text).toBe('Fixed after 12 minutes: Rotation bookings are failing');
    });
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
