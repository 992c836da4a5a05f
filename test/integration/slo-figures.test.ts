// An SLO's composite alarm through the real processor (dynalite, the Slack emulator over HTTP): figures read when it fires, kept with the alert, and never in the way of it.
import { afterEach, describe, expect, it } from 'vitest';
import type { SloFiguresPort } from '../../src/core/ports.ts';
import { createMetricStore } from '../../src/local/metric-store.ts';
import type { MetricStore } from '../../src/local/metric-store.ts';
import { allText, sample, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

const LB = [{ Name: 'LoadBalancer', Value: 'app/trainee-portal-prod/50dc6c495c0c9188' }];

/** The fast-burn composite as the alarm topic delivers it, as a new notification with this id, time and state. */
function burn(id: string, time: string, state: 'ALARM' | 'OK' = 'ALARM'): unknown {
  const event = structuredClone(sample(state === 'ALARM' ? 'page-speed-burn-sns.json' : 'page-speed-burn-ok-sns.json')) as { Records: Array<{ Sns: { MessageId: string; Timestamp: string; Message: string } }> };
  const sns = event.Records[0]!.Sns;
  const message = JSON.parse(sns.Message) as Record<string, unknown>;
  message['StateChangeTime'] = time.replace('Z', '.000+0000');
  Object.assign(sns, { MessageId: id, Timestamp: time, Message: JSON.stringify(message) });
  return event;
}

/** Page loads of the portal: 15% of the last hour's over 2 s (15× a 99% objective), and a quiet fortnight before. */
function feedBurn(metrics: MetricStore): void {
  metrics.put({
    Namespace: 'AWS/ApplicationELB',
    MetricData: [
      { MetricName: 'TargetResponseTime', Dimensions: LB, Timestamp: '2026-11-10T12:00:00Z', Values: [0.5, 3], Counts: [9990, 10] },
      { MetricName: 'TargetResponseTime', Dimensions: LB, Timestamp: '2026-11-22T09:30:00Z', Values: [0.5, 3], Counts: [51, 9] },
      { MetricName: 'TargetResponseTime', Dimensions: LB, Timestamp: '2026-11-22T09:58:00Z', Values: [0.5, 3], Counts: [34, 6] },
    ],
  });
}

const channel = (name: string) => h.emulator.messages(name).map(allText).join('\n');

describe('SLO figures at alert time', () => {
  it('tells engineers the burn rates over both windows, the budget left and when it runs out', async () => {
    // Prepare
    const metrics = createMetricStore({ now: () => new Date('2026-11-22T10:00:00Z') });
    feedBurn(metrics);
    h = await startHarness(undefined, { sloFigures: metrics });
    h.clock.now = new Date('2026-11-22T10:00:05Z');

    // Act
    await h.processor.processMessage(burn('b1', '2026-11-22T10:00:00Z'));

    // Assess: 25 bad of 10,100 in 30 days is 24.75% of the budget; at 15× the rest lasts 0.7525 × 30 d / 15 = 1.505 days.
    expect(channel('#portal-alerts')).toEqual(
      expect.stringContaining('*Burning the budget 15× too fast* over the last hour, 15× over 5 minutes (alarm at 14.4×).\n*Budget left:* `▓▓▓▓▓▓▓▓░░ 75% left` of 30d · runs out at 22:07 GMT tomorrow at this rate'),
    );
  });

  it('tells product leads when this month\'s allowance runs out, through the portal\'s impact message', async () => {
    // Prepare
    const metrics = createMetricStore({ now: () => new Date('2026-11-22T10:00:00Z') });
    feedBurn(metrics);
    h = await startHarness(undefined, { sloFigures: metrics });
    h.clock.now = new Date('2026-11-22T10:00:05Z');

    // Act
    await h.processor.processMessage(burn('b1', '2026-11-22T10:00:00Z'));

    // Assess
    expect(channel('#portal-status')).toEqual(
      expect.stringContaining("At this rate we will use up this month's allowance for slow page loads by 22:07 GMT tomorrow.\n*This month's allowance for slow page loads:* `▓▓▓▓▓▓▓▓░░ 75% left`"),
    );
  });

  it('sends the alert without figures when they cannot be read, saying the burn rate is unknown', async () => {
    // Prepare
    const broken: SloFiguresPort = { sums: async () => Promise.reject(new Error('AccessDenied')) };
    h = await startHarness(undefined, { sloFigures: broken });
    h.clock.now = new Date('2026-11-22T10:00:05Z');

    // Act
    const [result] = await h.processor.processMessage(burn('b1', '2026-11-22T10:00:00Z'));

    // Assess
    expect([result!.outcome, channel('#portal-alerts')]).toEqual(['opened', expect.stringContaining('*Burn rate unknown:* the figures could not be read; the alarm itself fired')]);
  });

  it('keeps the figures of the time they were read with the alert, and reads them again when the alarm fires again', async () => {
    // Prepare
    const metrics = createMetricStore({ now: () => new Date('2026-11-22T10:00:00Z') });
    feedBurn(metrics);
    h = await startHarness(undefined, { sloFigures: metrics });
    h.clock.now = new Date('2026-11-22T10:00:05Z');
    const [opened] = await h.processor.processMessage(burn('b1', '2026-11-22T10:00:00Z'));
    const first = (await h.state.getAlert(opened!.alertKey!))!.alert.slo?.figures?.readAt;

    // Act: it recovers, then fires again an hour later.
    h.clock.now = new Date('2026-11-22T10:20:05Z');
    await h.processor.processMessage(burn('b2', '2026-11-22T10:20:00Z', 'OK'));
    const afterOk = (await h.state.getAlert(opened!.alertKey!))!.alert.slo?.figures?.readAt;
    h.clock.now = new Date('2026-11-22T11:00:05Z');
    await h.processor.processMessage(burn('b3', '2026-11-22T11:00:00Z'));
    const again = (await h.state.getAlert(opened!.alertKey!))!.alert.slo?.figures?.readAt;

    // Assess
    expect([first, afterOk, again]).toEqual(['2026-11-22T10:00:05.000Z', undefined, '2026-11-22T11:00:05.000Z']);
  });
});
