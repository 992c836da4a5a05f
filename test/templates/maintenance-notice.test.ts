// The notices of planned work as each audience reads them, within Slack's limits and with author text escaped.
import { describe, expect, it } from 'vitest';
import { findLimitViolations } from '../../src/slack/limits.ts';
import { renderMaintenanceNotice } from '../../templates/maintenance-notice.ts';
import type { MaintenanceNoticeInput } from '../../templates/maintenance-notice.ts';
import { renderTechies } from '../../templates/techies.ts';
import { makeAlert, makeRenderInput } from '../support/make-alert.ts';
import { blockText } from './message-text.ts';

const BASE: MaintenanceNoticeInput = {
  phase: 'before',
  title: 'the Trainee Portal',
  message: 'Please save your work before 09:00.',
  start: new Date('2026-12-05T09:00:00Z'),
  end: new Date('2026-12-05T11:00:00Z'),
  template: 'product-leads',
  timeZone: 'Europe/London',
};

describe('Maintenance notice', () => {
  it('tells local offices ahead of the work, with the whole notice quoted to forward', () => {
    // Act
    const notice = renderMaintenanceNotice({ ...BASE, template: 'local-office' });

    // Assess
    expect(blockText(notice, 'clarion.forward')).toBe('>The Trainee Portal will be unavailable on Saturday 5 December from 09:00 to 11:00 for planned work. Please save your work before 09:00.');
  });

  it('says when the work is expected to end once it has started', () => {
    // Act
    const notice = renderMaintenanceNotice({ ...BASE, phase: 'start' });

    // Assess
    expect(blockText(notice, 'clarion.maintenance')).toContain('Planned work on the Trainee Portal has started. It is expected to end at 11:00.');
  });

  it('speaks of the work in the past tense once it is over', () => {
    // Act
    const notice = renderMaintenanceNotice({ ...BASE, phase: 'end', template: 'local-office' });

    // Assess
    expect([blockText(notice, 'clarion.maintenance'), blockText(notice, 'clarion.forward')]).toEqual([
      expect.stringContaining('Planned work on the Trainee Portal has finished. It was unavailable on Saturday 5 December from 09:00 to 11:00.'),
      '>The Trainee Portal is working again. The planned work has finished. Thank you for your patience.',
    ]);
  });

  it('names both days of work that runs past midnight', () => {
    // Act
    const notice = renderMaintenanceNotice({ ...BASE, start: new Date('2026-12-05T22:00:00Z'), end: new Date('2026-12-06T02:00:00Z') });

    // Assess
    expect(blockText(notice, 'clarion.maintenance')).toContain('will be unavailable from Saturday 5 December at 22:00 to Sunday 6 December at 02:00');
  });

  it('cannot ping the channel or add links from the catalog text', () => {
    // Act
    const notice = renderMaintenanceNotice({ ...BASE, title: '<!channel> portal', message: 'See <https://evil.example|here>.' , template: 'local-office' });

    // Assess
    expect(JSON.stringify(notice.blocks)).not.toMatch(/<!channel>|<https:/);
  });

  it('stays within Slack limits with a very long message', () => {
    // Act
    const notice = renderMaintenanceNotice({ ...BASE, message: 'Please save your work. '.repeat(400), template: 'local-office' });

    // Assess
    expect(findLimitViolations(notice)).toEqual([]);
  });

  it('marks an engineers message of an alert during planned work', () => {
    // Act
    const message = renderTechies(makeRenderInput({ alert: makeAlert({ plannedWork: { title: 'the Trainee Portal', until: '2026-12-05T11:00:00.000Z' } }) }));

    // Assess
    expect(blockText(message, 'clarion.planned-work')).toBe(':hammer_and_wrench: During planned work: the Trainee Portal, until 11:00. Only engineers are told of this alert until the work is over.');
  });
});
