import { describe, expect, it } from 'vitest';
import type { GroupRecord } from '../../src/core/alert-record.ts';
import { renderStormGroup } from '../../templates/storm-group.ts';
import { allText } from '../integration/harness.ts';

const member = (i: number, status: 'open' | 'resolved' = 'open'): GroupRecord['members'][number] => ({
  alertKey: `portal.error-rate|alarm-${i}`,
  title: 'Some pages of the Trainee Portal are failing',
  status,
  catalogId: 'portal.error-rate',
  name: `trainee_portal-${i}-5xx-rate`,
});

function render(template: 'techies' | 'product-leads', group: Partial<GroupRecord> = {}) {
  return renderStormGroup({
    group: { groupKey: 'trainee-portal', windowStart: '2026-11-24T10:00:00.000Z', openedInWindow: [], members: [member(1), member(2), member(3, 'resolved')], ...group },
    template,
    now: new Date('2026-11-24T10:05:00Z'),
    timeZone: 'UTC',
    serviceName: 'the Trainee Portal',
  });
}

describe('Storm group message', () => {
  it('lists each alarm by its own name, exactly as engineers would paste it, with its state', () => {
    // Act
    const text = allText(render('techies'));

    // Assess
    expect(text).toMatch(/\*Firing\* — `trainee_portal-1-5xx-rate` · Some pages.*\*Firing\* — `trainee_portal-2-5xx-rate`.*Resolved — `trainee_portal-3-5xx-rate`/s);
  });

  it('counts what it shows and says how many alerts of the group opened first with their own messages', () => {
    // Act
    const text = allText(render('techies', { openedInWindow: ['a', 'b', 'c', 'd', 'e'] }));

    // Assess
    expect(text).toMatch(/\*2 of 3\* alerts shown here are firing.* 5 more of this group opened first and have messages of their own\./s);
  });

  it('starts the non-technical header and footer with a capital letter when the service name does not', () => {
    // Act
    const message = render('product-leads', { members: [member(1, 'resolved')] });

    // Assess
    expect([allText(message).includes('The Trainee Portal is working again'), allText(message).includes('The Trainee Portal · updated')]).toEqual([true, true]);
  });
});
