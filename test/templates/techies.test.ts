import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../templates/index.ts';
import { makeAlert, makeLifecycle, makeRenderInput, makeSignal } from '../support/make-alert.ts';
import { actionElement, actionIds, blockById, blockText, headerText, textObjects } from './message-text.ts';

function render(...args: Parameters<typeof makeRenderInput>) {
  return renderMessage(makeRenderInput(...args));
}

function resolvedAlert(overrides: Parameters<typeof makeAlert>[0] = {}) {
  return makeAlert({ phase: 'resolved', signal: makeSignal({ state: 'resolved', time: '2026-11-22T10:54:00.000Z' }), ...overrides });
}

describe('techies template', () => {
  it('shows the title as a plain-text header', () => {
    // Act
    const message = render();

    // Assess
    expect(message.blocks[0]).toEqual({
      type: 'header',
      block_id: 'clarion.header',
      text: { type: 'plain_text', text: 'Rotation bookings are failing', emoji: false },
    });
  });

  it('keeps the engineers\' title and impact once the fix is confirmed, whatever past-tense wording the entry has', () => {
    // Prepare
    const alert = resolvedAlert({
      titleWhenFixed: 'Rotation bookings were failing',
      impact: { ...makeAlert().impact, summaryWhenFixed: 'Some doctors could not book a rotation.' },
    });

    // Act
    const message = render({ alert, lifecycle: makeLifecycle({ fixConfirmed: true, resolvedAt: '2026-11-22T10:54:00.000Z' }) });

    // Assess
    expect([headerText(message), blockText(message, 'clarion.summary')]).toEqual([
      'Rotation bookings are failing',
      expect.stringContaining('*Impact:* Major problem. About one in ten doctors'),
    ]);
  });

  it('says the severity and that it is firing in words', () => {
    // Act
    const message = render();

    // Assess
    expect(blockText(message, 'clarion.status')).toContain('*Critical* · Firing');
  });

  it('shows the alarm name in a plain-text field so it can be copied exactly', () => {
    // Prepare
    const signal = makeSignal({ name: 'api_5xx*high' });

    // Act
    const message = render({ alert: makeAlert({ signal }) });

    // Assess
    const block = blockById(message, 'clarion.name');
    expect(block?.type === 'section' && block.fields).toEqual([{ type: 'plain_text', text: 'api_5xx*high', emoji: false }]);
  });

  it('describes the metric, the threshold in words and the recent values', () => {
    // Act
    const message = render();

    // Assess
    const evidence = blockText(message, 'clarion.evidence');
    expect(evidence).toContain('`HTTPCode_Target_5XX_Count` in `AWS/ApplicationELB`');
    expect(evidence).toContain('Sum per 5 minutes');
    expect(evidence).toContain('above 5\nover 1 period of 5 minutes');
    expect(evidence).toContain('0, 2, 12\n(newest last)');
  });

  it('describes an anomaly band in words when there is no single threshold', () => {
    // Prepare
    const base = makeSignal().metric!;
    const metric = { ...base, threshold: undefined, comparison: 'LessThanLowerOrGreaterThanUpperThreshold', lowerThresholds: [2], upperThresholds: [9.5] };

    // Act
    const message = render({ alert: makeAlert({ signal: makeSignal({ metric }) }) });

    // Assess
    expect(blockText(message, 'clarion.evidence')).toContain('outside the expected band (2 to 9.5)');
  });

  it('says the limit is an expected band when the event gives no band values', () => {
    // Prepare
    const base = makeSignal().metric!;
    const metric = { ...base, threshold: undefined, comparison: 'LessThanLowerOrGreaterThanUpperThreshold' };

    // Act
    const message = render({ alert: makeAlert({ signal: makeSignal({ metric }) }) });

    // Assess
    expect(blockText(message, 'clarion.evidence')).toContain('*Threshold*\noutside its expected band');
  });

  it('shows the resource, account and region, and the time of the state change', () => {
    // Act
    const message = render();

    // Assess
    const evidence = blockText(message, 'clarion.evidence');
    expect(evidence).toContain('CloudWatch alarm `bookings-api-5xx-high`');
    expect(evidence).toContain('`123456789012` · `eu-west-2`');
    expect(evidence).toContain('|22 Nov 2026 at 10:42 GMT>');
  });

  it("quotes AWS's reason", () => {
    // Act
    const message = render();

    // Assess
    expect(blockText(message, 'clarion.reason')).toMatch(/^\*Reason given by AWS\*\n>Threshold Crossed: /);
  });

  it('states the impact and who is affected', () => {
    // Act
    const message = render();

    // Assess
    const summary = blockText(message, 'clarion.summary');
    expect(summary).toContain('*Impact:* Major problem. About one in ten doctors');
    expect(summary).toContain('*Who is affected:* Doctors booking rotations');
  });

  it('lists the fix steps as a numbered list', () => {
    // Act
    const message = render();

    // Assess
    expect(blockText(message, 'clarion.fix')).toBe(
      '*What to do*\n1. Open the dashboard and check which version is live.\n' +
        '2. If a release went out in the last hour, roll it back with `make rollback`.\n' +
        '3. Otherwise page the bookings team lead.',
    );
  });

  it("links the entry's links and the signal's links with escaped query strings", () => {
    // Act
    const message = render();

    // Assess
    const links = blockText(message, 'clarion.links');
    expect(links).toContain('• <https://grafana.example.org/d/bookings?orgId=1&amp;from=now-6h|Bookings dashboard>');
    expect(links).toContain('|Log group /ecs/bookings-api>');
  });

  it('names a link without linking it when its URL could break out of the link', () => {
    // Prepare
    const signal = makeSignal({ links: [{ label: 'Odd', url: 'https://x.example/a|b' }, { label: 'Script', url: 'javascript:alert(1)' }] });

    // Act
    const message = render({ alert: makeAlert({ signal, links: [] }) });

    // Assess
    expect(blockText(message, 'clarion.links')).toBe('*Links*\n• Odd (link not shown)\n• Script (link not shown)');
  });

  it('shows the owner', () => {
    // Act
    const message = render();

    // Assess
    expect(blockText(message, 'clarion.evidence')).toContain('*Owner*\nBookings team');
  });

  it('offers Acknowledge with the alert key, Open runbook, View in console, Snooze, Silence…, Post an update, Resolve and Tell local offices', () => {
    // Act
    const message = render();

    // Assess
    expect(actionIds(message)).toEqual([
      'clarion.acknowledge',
      'clarion.open-runbook',
      'clarion.view-console',
      'clarion.snooze',
      'clarion.silence',
      'clarion.post-update',
      'clarion.resolve',
      'clarion.tell-local-offices',
    ]);
    expect(actionElement(message, 'clarion.acknowledge')).toMatchObject({ style: 'primary', value: encodeURIComponent(makeAlert().alertKey) });
  });

  it('leaves out Post an update when only the engineers hear of the alert', () => {
    // Act
    const message = render({ alert: makeAlert({ audiences: ['techies'] }) });

    // Assess
    expect(actionIds(message)).not.toContain('clarion.post-update');
  });

  it('leaves out Post an update once the alert is resolved', () => {
    // Act
    const message = render({ alert: resolvedAlert() });

    // Assess
    expect(actionIds(message)).not.toContain('clarion.post-update');
  });

  it('points Open runbook at the runbook and View in console at the first signal link', () => {
    // Act
    const message = render();

    // Assess
    expect(actionElement(message, 'clarion.open-runbook')?.url).toBe('https://runbooks.example.org/bookings/bookings-failing');
    expect(actionElement(message, 'clarion.view-console')?.url).toBe(makeSignal().links[0]!.url);
  });

  it('offers snoozing for 1 hour, 4 hours, until resolved or until someone lifts it', () => {
    // Act
    const message = render();

    // Assess
    const snooze = actionElement(message, 'clarion.snooze') as { options: Array<{ value: string }> };
    expect(snooze.options.map((o) => o.value)).toEqual(['1h', '4h', 'until-resolved', 'until-lifted']);
  });

  it('offers Unsnooze only while a snooze holds', () => {
    // Act
    const snoozed = render({ lifecycle: makeLifecycle({ snoozedUntil: 'until-lifted' }) });
    const ranOut = render({ lifecycle: makeLifecycle({ snoozedUntil: '2026-11-22T10:00:00.000Z' }) });

    // Assess
    expect([Boolean(actionElement(snoozed, 'clarion.unsnooze')), Boolean(actionElement(ranOut, 'clarion.unsnooze'))]).toEqual([true, false]);
  });

  it('says a snooze until lifted holds after the alert recovers, until someone lifts it', () => {
    // Act
    const message = render({ alert: makeAlert({ phase: 'resolved' }), lifecycle: makeLifecycle({ snoozedUntil: 'until-lifted', resolvedAt: '2026-11-22T10:44:00.000Z' }) });

    // Assess
    expect([blockText(message, 'clarion.lifecycle'), Boolean(actionElement(message, 'clarion.unsnooze'))]).toEqual([expect.stringContaining('Snoozed until someone lifts it: repeats are muted'), true]);
  });

  it('offers Tell local offices only when they are not told already', () => {
    // Prepare
    const alert = makeAlert({ audiences: ['techies', 'local-office'] });

    // Act
    const message = render({ alert });

    // Assess
    expect(actionIds(message)).not.toContain('clarion.tell-local-offices');
  });

  it('offers Tell local offices only when there is a message for them', () => {
    // Prepare
    const alert = makeAlert({ comms: {} });

    // Act
    const message = render({ alert });

    // Assess
    expect(actionIds(message)).not.toContain('clarion.tell-local-offices');
  });

  it('hides Acknowledge once someone acknowledged and says who and when', () => {
    // Prepare
    const lifecycle = makeLifecycle({ acknowledgedBy: 'U024BE7LH', acknowledgedAt: '2026-11-22T10:44:00.000Z' });

    // Act
    const message = render({ lifecycle });

    // Assess
    expect(actionIds(message)).not.toContain('clarion.acknowledge');
    expect(blockText(message, 'clarion.status')).toContain('· Acknowledged');
    expect(blockText(message, 'clarion.lifecycle')).toContain('Acknowledged by <@U024BE7LH> at <!date^');
  });

  it('shows an acknowledger that is not a Slack user id as escaped text', () => {
    // Prepare
    const lifecycle = makeLifecycle({ acknowledgedBy: 'bob <!channel>' });

    // Act
    const message = render({ lifecycle });

    // Assess
    expect(blockText(message, 'clarion.lifecycle')).toMatch(/\nAcknowledged by bob &lt;!channel&gt;$/);
  });

  it('says how often and since when the alert has been seen', () => {
    // Prepare
    const lifecycle = makeLifecycle({ occurrences: 4, lastSeen: '2026-11-22T10:44:00.000Z' });

    // Act
    const message = render({ lifecycle });

    // Assess
    const text = blockText(message, 'clarion.lifecycle');
    expect(text).toMatch(/^Seen 4 times · first <!date\^\d+\^[^|]+\|22 Nov 2026 at 10:42 GMT> · last <!date\^\d+\^[^|]+\|22 Nov 2026 at 10:44 GMT>$/);
  });

  it('does not call the recovery the last sighting once resolved', () => {
    // Prepare
    const lifecycle = makeLifecycle({ occurrences: 4, lastSeen: '2026-11-22T10:54:00.000Z', resolvedAt: '2026-11-22T10:54:00.000Z' });

    // Act
    const message = render({ alert: resolvedAlert(), lifecycle });

    // Assess
    expect(blockText(message, 'clarion.lifecycle')).toMatch(/^Seen 4 times · first <!date\^\d+\^[^|]+\|22 Nov 2026 at 10:42 GMT>$/);
  });

  it('says it is snoozed and until when', () => {
    // Prepare
    const lifecycle = makeLifecycle({ snoozedUntil: '2026-11-22T14:45:00.000Z' });

    // Act
    const message = render({ lifecycle });

    // Assess
    expect(blockText(message, 'clarion.status')).toContain('· Snoozed');
    expect(blockText(message, 'clarion.lifecycle')).toContain('Snoozed until <!date^');
  });

  it('does not call an expired snooze a snooze', () => {
    // Prepare
    const lifecycle = makeLifecycle({ snoozedUntil: '2026-11-22T10:00:00.000Z' });

    // Act
    const message = render({ lifecycle });

    // Assess
    expect(blockText(message, 'clarion.status')).not.toContain('Snoozed');
  });

  it('says it resolved and after how long', () => {
    // Prepare
    const lifecycle = makeLifecycle({ resolvedAt: '2026-11-22T10:54:00.000Z' });

    // Act
    const message = render({ alert: resolvedAlert(), lifecycle });

    // Assess
    expect(blockText(message, 'clarion.status')).toBe(':white_check_mark: *Resolved after 12 minutes* · was Critical');
  });

  it('takes the resolve time from the signal when the store has none', () => {
    // Prepare
    const lifecycle = makeLifecycle({ firstSeen: '2026-11-22T09:49:00.000Z' });

    // Act
    const message = render({ alert: resolvedAlert(), lifecycle });

    // Assess
    expect(blockText(message, 'clarion.status')).toContain('*Resolved after 1 hour 5 minutes*');
  });

  it('offers neither Acknowledge nor Snooze once resolved', () => {
    // Act
    const message = render({ alert: resolvedAlert(), lifecycle: makeLifecycle() });

    // Assess
    expect(actionIds(message)).toEqual(['clarion.open-runbook', 'clarion.view-console']);
  });

  it('says there is no data when the metric stopped arriving', () => {
    // Prepare
    const alert = makeAlert({ phase: 'noData', signal: makeSignal({ noData: true }) });

    // Act
    const message = render({ alert });

    // Assess
    expect(blockText(message, 'clarion.status')).toContain('*Critical* · No data');
    expect(actionIds(message)).toContain('clarion.acknowledge');
  });

  it('gives a one-line fallback with the state in words and the escaped title', () => {
    // Prepare
    const alert = makeAlert({ title: 'Bookings & payments <down>' });

    // Act
    const message = render({ alert });

    // Assess
    expect(message.text).toMatch(/^Critical · Firing: Bookings &amp; payments &lt;down&gt; — About one in ten/);
    expect(message.text).not.toContain('\n');
  });

  it('gives every block a distinct block id', () => {
    // Act
    const message = render({ lifecycle: makeLifecycle({ acknowledgedBy: 'U1AB' }) });

    // Assess
    const ids = message.blocks.map((b) => b.block_id);
    expect(ids.every((id) => id?.startsWith('clarion.'))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sets verbatim on every mrkdwn text so bare URLs and channel names do not auto-link', () => {
    // Act
    const message = render({ lifecycle: makeLifecycle() });

    // Assess
    const mrkdwn = textObjects(message).filter((t) => t.type === 'mrkdwn');
    expect(mrkdwn.length).toBeGreaterThan(5);
    expect(mrkdwn.every((t) => t.verbatim === true)).toBe(true);
  });
});
