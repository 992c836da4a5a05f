// The local stack's stand-in for CloudWatch metrics: PutMetricData-like JSON in, the SLO figures port's sums out.
import { describe, expect, it } from 'vitest';
import { createMetricStore, MetricDataError } from '../../src/local/metric-store.ts';
import type { SloSource } from '../../src/core/ports.ts';

const NOW = new Date('2026-11-22T10:00:00Z');
const LB = [{ Name: 'LoadBalancer', Value: 'app/web/1' }];
const LATENCY: SloSource = { kind: 'latency', latency: { namespace: 'AWS/ApplicationELB', metric: 'TargetResponseTime', dimensions: { LoadBalancer: 'app/web/1' } }, threshold: 2 };
const HOUR = { from: new Date('2026-11-22T09:00:00Z'), to: NOW };

function store() {
  return createMetricStore({ now: () => NOW });
}

describe('local metric store', () => {
  it('counts latency samples at or under the threshold as good, with their counts', async () => {
    // Prepare
    const metrics = store();
    metrics.put({ Namespace: 'AWS/ApplicationELB', MetricData: [{ MetricName: 'TargetResponseTime', Dimensions: LB, Timestamp: '2026-11-22T09:30:00Z', Values: [0.4, 2, 3.5], Counts: [80, 5, 15] }] });

    // Act
    const sums = await metrics.sums({ source: LATENCY, ...HOUR });

    // Assess
    expect(sums).toEqual({ good: 85, total: 100 });
  });

  it('sums counters for a good/total pair', async () => {
    // Prepare
    const metrics = store();
    metrics.put({ Namespace: 'Portal', MetricData: [{ MetricName: 'FastRequests', Value: 90, Timestamp: '2026-11-22T09:10:00Z' }, { MetricName: 'Requests', Value: 100, Timestamp: '2026-11-22T09:10:00Z' }, { MetricName: 'Requests', Value: 20, Timestamp: '2026-11-22T09:40:00Z' }] });

    // Act
    const sums = await metrics.sums({ source: { kind: 'counts', good: { namespace: 'Portal', metric: 'FastRequests', dimensions: {} }, total: { namespace: 'Portal', metric: 'Requests', dimensions: {} } }, ...HOUR });

    // Assess
    expect(sums).toEqual({ good: 90, total: 120 });
  });

  it('counts only datapoints within [from, to), and stamps those without a time with the stack\'s clock', async () => {
    // Prepare
    const metrics = store();
    metrics.put({ Namespace: 'AWS/ApplicationELB', MetricData: [
      { MetricName: 'TargetResponseTime', Dimensions: LB, Timestamp: '2026-11-22T08:59:59Z', Value: 1 },
      { MetricName: 'TargetResponseTime', Dimensions: LB, Timestamp: '2026-11-22T09:00:00Z', Value: 1 },
      { MetricName: 'TargetResponseTime', Dimensions: LB, Value: 1 },
    ] });

    // Act
    const sums = await metrics.sums({ source: LATENCY, ...HOUR });

    // Assess: the last one is stamped 10:00, the window's open end.
    expect(sums).toEqual({ good: 1, total: 1 });
  });

  it('finds datapoints that arrived out of time order', async () => {
    // Prepare
    const metrics = store();
    metrics.put({ Namespace: 'AWS/ApplicationELB', MetricData: [{ MetricName: 'TargetResponseTime', Dimensions: LB, Timestamp: '2026-11-22T09:50:00Z', Value: 3 }] });
    metrics.put({ Namespace: 'AWS/ApplicationELB', MetricData: [{ MetricName: 'TargetResponseTime', Dimensions: LB, Timestamp: '2026-11-22T08:00:00Z', Value: 1 }, { MetricName: 'TargetResponseTime', Dimensions: LB, Timestamp: '2026-11-22T09:20:00Z', Value: 1 }] });

    // Act
    const sums = await metrics.sums({ source: LATENCY, ...HOUR });

    // Assess
    expect(sums).toEqual({ good: 1, total: 2 });
  });

  it('tells metrics apart by their dimensions', async () => {
    // Prepare
    const metrics = store();
    metrics.put({ Namespace: 'AWS/ApplicationELB', MetricData: [{ MetricName: 'TargetResponseTime', Dimensions: [{ Name: 'LoadBalancer', Value: 'app/other/2' }], Timestamp: '2026-11-22T09:30:00Z', Value: 9 }] });

    // Act
    const sums = await metrics.sums({ source: LATENCY, ...HOUR });

    // Assess
    expect(sums).toEqual({ good: 0, total: 0 });
  });

  it('lists what it holds', () => {
    // Prepare
    const metrics = store();
    metrics.put({ Namespace: 'AWS/ApplicationELB', MetricData: [{ MetricName: 'TargetResponseTime', Dimensions: LB, Timestamp: '2026-11-22T09:30:00Z', Values: [1, 3], Counts: [4, 6] }] });

    // Act
    const list = metrics.list();

    // Assess
    expect(list).toEqual([{ namespace: 'AWS/ApplicationELB', metric: 'TargetResponseTime', dimensions: { LoadBalancer: 'app/web/1' }, datapoints: 1, samples: 10, first: '2026-11-22T09:30:00.000Z', last: '2026-11-22T09:30:00.000Z' }]);
  });

  it('refuses a datum with both a Value and Values, naming where', () => {
    // Act
    const put = () => store().put({ Namespace: 'X', MetricData: [{ MetricName: 'Y', Value: 1, Values: [1] }] });

    // Assess
    expect(put).toThrow(new MetricDataError('MetricData.0: needs either Value or Values'));
  });
});
