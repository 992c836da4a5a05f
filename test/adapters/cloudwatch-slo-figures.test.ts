// The SLO figures port on AWS: CloudWatch GetMetricData with the alarms' own counts, one period the length of the window.
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCloudWatchSloFigures } from '../../src/adapters/cloudwatch-slo-figures.ts';
import type { SloSource } from '../../src/core/ports.ts';

const cloudwatch = mockClient(CloudWatchClient);
const LATENCY: SloSource = { kind: 'latency', latency: { namespace: 'AWS/ApplicationELB', metric: 'TargetResponseTime', dimensions: { LoadBalancer: 'app/web/1' } }, threshold: 2 };
const COUNTS: SloSource = { kind: 'counts', good: { namespace: 'Portal', metric: 'FastRequests', dimensions: {} }, total: { namespace: 'Portal', metric: 'Requests', dimensions: {} } };
const TO = new Date('2026-11-22T10:00:42Z');
const HOUR_BEFORE = new Date('2026-11-22T09:00:42Z');

function figures() {
  return createCloudWatchSloFigures({ client: new CloudWatchClient({ region: 'eu-west-2' }) });
}

beforeEach(() => {
  cloudwatch.reset();
  cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
});

describe('createCloudWatchSloFigures', () => {
  it('asks for the latency metric\'s samples at or under the threshold and all of them, over whole minutes, one period the window long', async () => {
    // Act
    await figures().sums({ source: LATENCY, from: HOUR_BEFORE, to: TO });

    // Assess
    const input = cloudwatch.commandCalls(GetMetricDataCommand)[0]!.args[0].input;
    expect([input.StartTime, input.EndTime, input.MetricDataQueries!.map((q) => [q.Id, q.MetricStat!.Stat, q.MetricStat!.Period, q.MetricStat!.Metric!.Dimensions])]).toEqual([
      new Date('2026-11-22T09:00:00Z'),
      new Date('2026-11-22T10:00:00Z'),
      [
        ['good', 'TC(:2)', 3600, [{ Name: 'LoadBalancer', Value: 'app/web/1' }]],
        ['total', 'SampleCount', 3600, [{ Name: 'LoadBalancer', Value: 'app/web/1' }]],
      ],
    ]);
  });

  it('adds up every value returned, across pages, as the good and total sums', async () => {
    // Prepare
    cloudwatch
      .on(GetMetricDataCommand)
      .resolvesOnce({ MetricDataResults: [{ Id: 'good', Values: [900, 40] }, { Id: 'total', Values: [1000] }], NextToken: 'more' })
      .resolvesOnce({ MetricDataResults: [{ Id: 'total', Values: [60] }] });

    // Act
    const sums = await figures().sums({ source: COUNTS, from: HOUR_BEFORE, to: TO });

    // Assess
    expect([sums, cloudwatch.commandCalls(GetMetricDataCommand)[1]!.args[0].input.NextToken]).toEqual([{ good: 940, total: 1060 }, 'more']);
  });

  it('reads counters with the Sum statistic', async () => {
    // Act
    await figures().sums({ source: COUNTS, from: HOUR_BEFORE, to: TO });

    // Assess
    const input = cloudwatch.commandCalls(GetMetricDataCommand)[0]!.args[0].input;
    expect(input.MetricDataQueries!.map((q) => [q.MetricStat!.Metric!.MetricName, q.MetricStat!.Stat])).toEqual([
      ['FastRequests', 'Sum'],
      ['Requests', 'Sum'],
    ]);
  });

  it('throws what CloudWatch refused with, for the measure stage to log', async () => {
    // Prepare
    cloudwatch.on(GetMetricDataCommand).rejects(new Error('AccessDenied: not allowed to cloudwatch:GetMetricData'));

    // Act
    const read = figures().sums({ source: COUNTS, from: HOUR_BEFORE, to: TO });

    // Assess
    await expect(read).rejects.toThrow(/AccessDenied/);
  });
});
