/** @module SLO (pure): the CloudWatch queries that count an SLO's good and total events, shared by its alarms and the figures read at alert time. */
import type { SloMetricRef, SloSource } from '../core/ports.ts';
import type { Slo } from '../catalog/schema.ts';

/** One MetricStat of a metric-math query, in CloudWatch's own field names. */
export interface MetricStatQuery {
  id: 'good' | 'total';
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  stat: string;
  period: number;
}

/** "2s" → 2 and "500ms" → 0.5 in seconds; the other way round for a metric in milliseconds. */
export function thresholdIn(threshold: string, unit: 'seconds' | 'milliseconds'): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(threshold);
  if (!m) return Number.NaN;
  const ms = m[2] === 's' ? Number(m[1]) * 1000 : Number(m[1]);
  return unit === 'milliseconds' ? ms : ms / 1000;
}

/** What an SLO counts, as the figures port reads it. */
export function sloSource(slo: Slo): SloSource {
  const m = slo.measure;
  if (m.good && m.total) return { kind: 'counts', good: m.good, total: m.total };
  return { kind: 'latency', latency: m.latency!, threshold: thresholdIn(m.threshold!, m.unit) };
}

/** A number as CloudWatch statistics and expressions read it: no exponent, no float noise. */
export function plainNumber(n: number): string {
  return String(Number(n.toPrecision(12)));
}

/*
 * For a latency SLO, TC(:threshold) (the number of samples at or under the threshold) and
 * SampleCount, rather than PR(:threshold) (the share of them): counts add up across windows and
 * metrics, so one expression serves both kinds of measure, and the budget over 30 days is the sum
 * of its minutes, not an average of percentages weighted by nothing.
 */
export function countQueries(source: SloSource, period: number): [MetricStatQuery, MetricStatQuery] {
  const stat = (id: 'good' | 'total', ref: SloMetricRef, statistic: string): MetricStatQuery => ({
    id,
    namespace: ref.namespace,
    metricName: ref.metric,
    dimensions: { ...ref.dimensions },
    stat: statistic,
    period,
  });
  if (source.kind === 'counts') return [stat('good', source.good, 'Sum'), stat('total', source.total, 'Sum')];
  return [stat('good', source.latency, `TC(:${plainNumber(source.threshold)})`), stat('total', source.latency, 'SampleCount')];
}

/** The share of the error budget a fraction of bad events is: 1 − objective (99.5 → 0.005). */
export function budgetFraction(objective: number): number {
  return Number(((100 - objective) / 100).toPrecision(12));
}

/** The burn rate as metric math over `good` and `total`: the bad share over the budget; 0 when nothing was counted. */
export function burnRateExpression(objective: number): string {
  return `IF(total > 0, (total - good) / total / ${plainNumber(budgetFraction(objective))}, 0)`;
}
