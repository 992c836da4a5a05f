// Review of the local metric store (issue 14): what `POST /api/metrics` takes in must be a count or a time an SLO can read; anything else is refused whole, with where.
import { describe, expect, it } from 'vitest';
import { createMetricStore, MetricDataError } from '../../src/local/metric-store.ts';

const NOW = new Date('2026-11-22T10:00:00Z');

describe('SLO review: metric store input', () => {
  it('refuses a negative count, naming where, and stores nothing of the request', () => {
    // Prepare
    const store = createMetricStore({ now: () => NOW });

    // Act
    let refused: unknown;
    try {
      store.put({ Namespace: 'Labels', MetricData: [{ MetricName: 'Printed', Value: 5 }, { MetricName: 'Printed', Value: -20 }] });
    } catch (error) {
      refused = error;
    }

    // Assess
    expect([refused, store.list()]).toEqual([new MetricDataError('MetricData.1.Value: must not be negative: an SLO counts events and times them, and neither goes below zero'), []]);
  });

  it('refuses a negative time among Values', () => {
    // Prepare
    const store = createMetricStore({ now: () => NOW });

    // Act
    const put = () => store.put({ Namespace: 'Labels', MetricData: [{ MetricName: 'PrintTime', Values: [0.4, -1], Counts: [3, 1] }] });

    // Assess
    expect(put).toThrow(new MetricDataError('MetricData.0.Values.1: must not be negative: an SLO counts events and times them, and neither goes below zero'));
  });

  it('refuses a value so large that sums of it would be infinite', () => {
    // Prepare
    const store = createMetricStore({ now: () => NOW });

    // Act
    const put = () => store.put({ Namespace: 'Labels', MetricData: [{ MetricName: 'Requested', Value: 1e308 }] });

    // Assess
    expect(put).toThrow(new MetricDataError('MetricData.0.Value: must be at most 2^360, as CloudWatch takes it'));
  });
});
