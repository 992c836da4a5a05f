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
 * The figures read at alert time sum counts: for a latency SLO, TC(:threshold) (the number of
 * samples at or under the threshold) and SampleCount, rather than PR(:threshold) (the share of
 * them), because counts add up across metrics and periods, so the 30-day budget is a sum, not an
 * average of percentages weighted by nothing. GetMetricData takes any extended statistic.
 */
export function countQueries(source: SloSource, period: number): [MetricStatQuery, MetricStatQuery] {
  if (source.kind === 'counts') return [stat('good', source.good, 'Sum', period), stat('total', source.total, 'Sum', period)];
  return [stat('good', source.latency, `TC(:${plainNumber(source.threshold)})`, period), stat('total', source.latency, 'SampleCount', period)];
}

/*
 * The alarms read PR(:threshold) instead: PutMetricAlarm documents percentile rank with absolute
 * bounds (`PR(n:m)`) as an alarm statistic but trimmed count only with percentages (`TC(10%:90%)`),
 * so an alarm on TC(:2) might be refused at deploy. An alarm's period is its whole window, one
 * period, so the share over that period is exact: no averaging across periods is involved.
 * SampleCount stays, so a window without a single sample is no burn (not a 100% bad one).
 */
export function alarmQueries(source: SloSource, period: number): [MetricStatQuery, MetricStatQuery] {
  if (source.kind === 'counts') return countQueries(source, period);
  return [stat('good', source.latency, `PR(:${plainNumber(source.threshold)})`, period), stat('total', source.latency, 'SampleCount', period)];
}

function stat(id: 'good' | 'total', ref: SloMetricRef, statistic: string, period: number): MetricStatQuery {
  return { id, namespace: ref.namespace, metricName: ref.metric, dimensions: { ...ref.dimensions }, stat: statistic, period };
}

/** The share of the error budget a fraction of bad events is: 1 − objective (99.5 → 0.005). */
export function budgetFraction(objective: number): number {
  return Number(((100 - objective) / 100).toPrecision(12));
}

/**
 * The burn rate as metric math over the alarm's `good` and `total`: the bad share over the budget;
 * 0 when nothing was counted. For latency `good` is already a percentage (see alarmQueries).
 */
export function burnRateExpression(source: SloSource, objective: number): string {
  const budget = plainNumber(budgetFraction(objective));
  if (source.kind === 'latency') return `IF(total > 0, (100 - good) / 100 / ${budget}, 0)`;
  return `IF(total > 0, (total - good) / total / ${budget}, 0)`;
}
