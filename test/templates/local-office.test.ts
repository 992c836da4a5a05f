import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../templates/index.ts';
import { makeAlert, makeLifecycle, makeRenderInput, makeSignal } from '../support/make-alert.ts';
import { JARGON, blockById, blockText, headerText, visibleText } from './message-text.ts';

function render(overrides: Parameters<typeof makeRenderInput>[0] = {}) {
  return renderMessage(makeRenderInput({ template: 'local-office', audience: 'local-office', ...overrides }));
}

function resolvedAlert(overrides: Parameters<typeof makeAlert>[0] = {}) {
  return makeAlert({ phase: 'resolved', signal: makeSignal({ state: 'resolved' }), ...overrides });
}

describe('local-office template', () => {
  it('says what users will notice and who is affected', () => {
    // Act
    const message = render();

    // Assess
    expect(blockText(message, 'clarion.notice')).toBe(
      '*What users will notice*\nAbout one in ten doctors who try to book a rotation see an error page and cannot book.\n' +
        '*Who is affected:* Doctors booking rotations',
    );
  });

  it('sets the message for users apart, introduced and quoted, so it can be copied', () => {
    // Act
    const message = render();

    // Assess
    expect(blockText(message, 'clarion.forward-intro')).toBe('You can forward this to users:');
    expect(blockText(message, 'clarion.forward')).toBe(
      '>Some doctors cannot book rotations at the moment. Please try again later. We will let you know when it is working again.',
    );
  });

  it('quotes every line of a message for users that has several lines', () => {
    // Prepare
    const alert = makeAlert({ comms: { 'local-office': 'Line one.\nLine two.' } });

    // Act
    const message = render({ alert });

    // Assess
    expect(blockText(message, 'clarion.forward')).toBe('>Line one.\n>Line two.');
  });

  it('offers a plain default message for users naming the service when the entry has none', () => {
    // Prepare
    const alert = makeAlert({ comms: {} });

    // Act
    const message = render({ alert, serviceName: 'Rotation Booking' });

    // Assess
    expect(blockText(message, 'clarion.forward')).toBe(
      '>Some parts of Rotation Booking are not working properly at the moment. We are working on it and will let you know when it is fixed.',
    );
  });

  it('offers no message for users when users are not affected and the entry has none', () => {
    // Prepare
    const alert = makeAlert({ comms: {}, impact: { level: 'none', summary: 'Nothing users can see.' } });

    // Act
    const message = render({ alert });

    // Assess
    expect(blockById(message, 'clarion.forward')).toBeUndefined();
  });

  it('says it is not fixed yet while firing', () => {
    // Act
    const message = render();

    // Assess
    expect(blockText(message, 'clarion.status')).toMatch(/^\*Is it fixed\?\* Not yet\./);
    expect(message.text).toMatch(/^Not fixed yet: Rotation bookings are failing/);
  });

  it('says it is fixed once the fix is confirmed', () => {
    // Prepare
    const lifecycle = makeLifecycle({ fixConfirmed: true, resolvedAt: '2026-11-22T10:54:00.000Z' });

    // Act
    const message = render({ alert: resolvedAlert(), lifecycle });

    // Assess
    expect(blockText(message, 'clarion.status')).toBe('*Is it fixed?* Yes, it is fixed (it lasted 12 minutes).');
    expect(message.text).toMatch(/^Fixed: /);
  });

  it('says it looks fixed and is being checked before the fix is confirmed', () => {
    // Prepare
    const lifecycle = makeLifecycle({ fixConfirmed: false });

    // Act
    const message = render({ alert: resolvedAlert(), lifecycle });

    // Assess
    expect(blockText(message, 'clarion.status')).toContain('It looks fixed. We are checking that it stays fixed');
    expect(message.text).toMatch(/^Looks fixed: /);
  });

  it('holds back the message for users until the fix is confirmed', () => {
    // Prepare
    const alert = resolvedAlert({ comms: { 'local-office': 'All working again.' } });

    // Act
    const message = render({ alert, lifecycle: makeLifecycle({ fixConfirmed: false }) });

    // Assess
    expect(visibleText(message)).not.toContain('All working again.');
    expect(blockText(message, 'clarion.forward-intro')).toBe('We will give you a message for users once we are sure it stays fixed.');
  });

  it('says it cannot tell whether it works when data stopped arriving', () => {
    // Act
    const message = render({ alert: makeAlert({ phase: 'noData' }) });

    // Assess
    expect(blockText(message, 'clarion.status')).toContain('We cannot tell at the moment whether it is working.');
  });

  it('lists the information that may be out of date while it is broken', () => {
    // Act
    const message = render();

    // Assess
    expect(blockText(message, 'clarion.data')).toBe(
      '*Information that may be out of date*\n• *Rotation bookings:* Bookings made today may not show yet.',
    );
  });

  it('stops listing out-of-date information once resolved', () => {
    // Act
    const message = render({ alert: resolvedAlert() });

    // Assess
    expect(blockById(message, 'clarion.data')).toBeUndefined();
  });

  it('shows no alarm name, reason or engineers\' buttons: only the clarity question', () => {
    // Prepare
    const signal = makeSignal({ name: 'zz-alarm-name', reason: 'zz-aws-reason' });

    // Act
    const message = render({ alert: makeAlert({ signal }) });

    // Assess
    expect(visibleText(message)).not.toMatch(/zz-alarm-name|zz-aws-reason/);
    expect(message.blocks.filter((b) => b.type === 'actions').map((b) => b.block_id)).toEqual(['clarion.clarity-actions']);
  });

  describe('in the past tense once the fix is confirmed', () => {
    const FIXED_AT = '2026-11-22T10:54:00.000Z';
    const confirmed = () => makeLifecycle({ fixConfirmed: true, resolvedAt: FIXED_AT });
    const pastTense = { titleWhenFixed: 'Rotation bookings were failing', summaryWhenFixed: 'Some doctors could not book a rotation.' };
    const withPastTense = (alert: ReturnType<typeof makeAlert>) => ({
      ...alert,
      titleWhenFixed: pastTense.titleWhenFixed,
      impact: { ...alert.impact, summaryWhenFixed: pastTense.summaryWhenFixed },
    });

    it('shows the title and what users will notice while it is broken, even with past-tense wording at hand', () => {
      // Act
      const message = render({ alert: withPastTense(makeAlert()) });

      // Assess
      expect([headerText(message), blockText(message, 'clarion.notice')]).toEqual([
        'Rotation bookings are failing',
        '*What users will notice*\nAbout one in ten doctors who try to book a rotation see an error page and cannot book.\n*Who is affected:* Doctors booking rotations',
      ]);
    });

    it('keeps the present tense while the fix is being checked', () => {
      // Act
      const message = render({ alert: withPastTense(resolvedAlert()), lifecycle: makeLifecycle({ fixConfirmed: false, resolvedAt: FIXED_AT }) });

      // Assess
      expect([headerText(message), blockText(message, 'clarion.notice')]).toEqual([
        'Rotation bookings are failing',
        '*What users will notice*\nAbout one in ten doctors who try to book a rotation see an error page and cannot book.\n*Who is affected:* Doctors booking rotations',
      ]);
    });

    it('uses the entry\'s past-tense title and summary, with since when it works again', () => {
      // Act
      const message = render({ alert: withPastTense(resolvedAlert()), lifecycle: confirmed() });

      // Assess
      expect([headerText(message), blockText(message, 'clarion.notice')]).toEqual([
        'Rotation bookings were failing',
        '*What users noticed*\nSome doctors could not book a rotation.\nIt has worked again since <!date^1795344840^{time}|10:54 GMT>.\n*Who was affected:* Doctors booking rotations',
      ]);
    });

    it('frames the title as fixed and the summary as what users noticed when the entry has no past-tense wording', () => {
      // Act
      const message = render({ alert: resolvedAlert(), lifecycle: confirmed() });

      // Assess
      expect([headerText(message), blockText(message, 'clarion.notice')]).toEqual([
        'Fixed: Rotation bookings are failing',
        '*What users noticed*\nAbout one in ten doctors who try to book a rotation see an error page and cannot book.\nIt has worked again since <!date^1795344840^{time}|10:54 GMT>.\n*Who was affected:* Doctors booking rotations',
      ]);
    });

    it('goes back to the present tense when it fires again after the fix', () => {
      // Prepare: a reopened record has no resolve time or confirmation left, and counts the re-fire.
      const reopened = makeLifecycle({ occurrences: 2, lastSeen: '2026-11-22T11:10:00.000Z' });

      // Act
      const message = render({ alert: withPastTense(makeAlert()), lifecycle: reopened });

      // Assess
      expect([headerText(message), blockText(message, 'clarion.notice')]).toEqual([
        'Rotation bookings are failing',
        expect.stringMatching(/^\*What users will notice\*\nAbout one in ten doctors/),
      ]);
    });

    it('never puts the present-tense summary in the notification once fixed', () => {
      // Prepare: users were not affected, so there is no all-clear to lead the notification either.
      const alert = resolvedAlert({ comms: {}, impact: { level: 'none', summary: 'Bookings are slow to show.' } });

      // Act
      const message = render({ alert, lifecycle: confirmed() });

      // Assess
      expect(message.text).toBe('Fixed: Rotation bookings are failing');
    });
  });

  it.each<[string, Parameters<typeof makeRenderInput>[0]]>([
    ['firing', {}],
    ['acknowledged', { lifecycle: makeLifecycle({ acknowledgedBy: 'U024BE7LH' }) }],
    ['resolved and confirmed', { alert: resolvedAlert({ comms: {} }), lifecycle: makeLifecycle({ fixConfirmed: true }) }],
    ['resolved, being checked', { alert: resolvedAlert({ comms: {} }), lifecycle: makeLifecycle({ fixConfirmed: false }) }],
    ['without data', { alert: makeAlert({ phase: 'noData', comms: {} }) }],
    ['for information', { alert: makeAlert({ phase: 'info', comms: {} }) }],
    ['firing with default wording', { alert: makeAlert({ comms: {} }) }],
  ])('uses no technical words when %s', (_, overrides) => {
    // Act
    const message = render(overrides);

    // Assess
    expect(visibleText(message)).not.toMatch(JARGON);
  });
});
