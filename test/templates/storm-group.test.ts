import { describe, expect, it } from 'vitest';
import type { GroupRecord } from '../../src/core/alert-record.ts';
import type { StormRenderInput } from '../../templates/storm-group.ts';
import { renderStormGroup } from '../../templates/storm-group.ts';
import { decodeAlertKey } from '../../templates/parts/buttons.ts';
import { SLACK_LIMITS, findLimitViolations } from '../../src/slack/limits.ts';
import { allText } from '../integration/harness.ts';
import { actionElement, actionIds, blockText, mrkdwnProblems } from './message-text.ts';

const member = (i: number, status: 'open' | 'resolved' = 'open'): GroupRecord['members'][number] => ({
  alertKey: `portal.error-rate|alarm-${i}`,
  title: 'Some pages of the Trainee Portal are failing',
  status,
  catalogId: 'portal.error-rate',
  name: `trainee_portal-${i}-5xx-rate`,
});

const RUNBOOK = 'https://runbooks.example.org/trainee-portal/error-rate';

function render(template: 'techies' | 'product-leads' | 'local-office', group: Partial<GroupRecord> = {}, extra: Partial<StormRenderInput> = { runbook: RUNBOOK }) {
  return renderStormGroup({
    group: { groupKey: 'trainee-portal', windowStart: '2026-11-24T10:00:00.000Z', openedInWindow: [], members: [member(1), member(2), member(3, 'resolved')], ...group },
    template,
    now: new Date('2026-11-24T10:05:00Z'),
    timeZone: 'UTC',
    serviceName: 'the Trainee Portal',
    ...extra,
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

describe('Storm group message: the engineers\' buttons', () => {
  it('gives engineers Acknowledge all and Open runbook, each carrying the encoded group key', () => {
    // Act
    const message = render('techies', { groupKey: 'trainee portal/<!channel>' });

    // Assess
    expect(actionIds(message)).toEqual(['clarion.acknowledge-group', 'clarion.open-runbook']);
    expect(decodeAlertKey(String(actionElement(message, 'clarion.acknowledge-group')?.value))).toBe('trainee portal/<!channel>');
    expect(actionElement(message, 'clarion.open-runbook')).toMatchObject({ url: RUNBOOK, value: encodeURIComponent('trainee portal/<!channel>') });
  });

  it.each(['product-leads', 'local-office'] as const)('gives the %s audience no buttons', (template) => {
    // Act
    const message = render(template);

    // Assess
    expect(message.blocks.filter((b) => b.type === 'actions')).toEqual([]);
  });

  it('leaves out Open runbook when the members\' entry has no runbook', () => {
    // Act
    const message = render('techies', {}, {});

    // Assess
    expect(actionIds(message)).toEqual(['clarion.acknowledge-group']);
  });

  it('says who acknowledged the storm and when, and drops Acknowledge all', () => {
    // Act
    const message = render('techies', { acknowledgedBy: 'U0ONCALL1', acknowledgedAt: '2026-11-24T10:40:00.000Z' });

    // Assess
    expect(blockText(message, 'clarion.acknowledged')).toMatch(/^Acknowledged by <@U0ONCALL1> at <!date\^\d+\^\{time\}\|10:40 UTC>$/);
    expect(actionIds(message)).toEqual(['clarion.open-runbook']);
  });

  it('shows an acknowledger that is not a Slack user id as escaped text, never as a mention', () => {
    // Act
    const message = render('techies', { acknowledgedBy: '<!channel> & @here', acknowledgedAt: '2026-11-24T10:40:00.000Z' });

    // Assess
    const line = blockText(message, 'clarion.acknowledged');
    expect(line).toContain('Acknowledged by &lt;!channel&gt; &amp; @');
    expect(mrkdwnProblems(line, () => false)).toEqual([]);
  });

  it('offers no Acknowledge all once every alert shown has recovered', () => {
    // Act
    const message = render('techies', { members: [member(1, 'resolved'), member(2, 'resolved')] });

    // Assess
    expect(actionIds(message)).toEqual(['clarion.open-runbook']);
  });

  it('leaves out Acknowledge all rather than cut a group key too long for a button value', () => {
    // Act
    const message = render('techies', { groupKey: 'é'.repeat(400) });

    // Assess
    expect(actionIds(message)).toEqual(['clarion.open-runbook']);
    expect(actionElement(message, 'clarion.open-runbook')?.value).toBeUndefined();
    expect(findLimitViolations(message)).toEqual([]);
    expect(encodeURIComponent('é'.repeat(400)).length).toBeGreaterThan(SLACK_LIMITS.buttonValue);
  });
});
