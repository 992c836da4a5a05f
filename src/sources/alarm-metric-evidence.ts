/** @module Stage 1, normalize: what the metric behind an alarm was doing, from its configuration, reasonData and reason text. */
import type { AlarmDetails, MetricEvidence } from '../core/signal.ts';
import type { AlarmConfiguration, AlarmMetric, ReasonData } from './alarm-shapes.ts';
import { readMetrics } from './alarm-shapes.ts';
import { parseAwsTime } from './parse-aws-time.ts';
import { compact, num, numbers, objects, text } from './read-fields.ts';

const ANOMALY_BAND = /ANOMALY_DETECTION_BAND/i;
const BAND_THRESHOLD = /(?:upper|lower) threshold/i;
const REASON_READ_LIMIT = 2_048;

/** Which kind of alarm this is, from its configuration and reasonData. */
export function alarmTypeOf(
  configuration: AlarmConfiguration | undefined,
  reasonData: ReasonData | undefined,
  metrics: AlarmMetric[] = readMetrics(configuration),
): AlarmDetails['type'] {
  if (configuration?.alarmRule !== undefined || reasonData?.triggeringAlarms !== undefined) return 'composite';
  if (metrics.some((m) => ANOMALY_BAND.test(m.expression ?? ''))) return 'anomaly-detection';
  if (metrics.some((m) => m.expression !== undefined)) return 'metric-math';
  return 'metric';
}

/*
 * The reason text lists datapoints newest first ("[10.25 (…06:25:00), 10.0 (…06:20:00)]") while
 * reasonData.recentDatapoints lists them oldest first ([10.0, 10.25]); evidence keeps oldest first.
 */
function datapointsFromReason(reason: string | undefined): number[] {
  const list = reason === undefined ? undefined : /datapoints? \[([^\]]*)\]/i.exec(reason)?.[1];
  if (list === undefined) return [];
  const dated = [...list.matchAll(/(-?\d+(?:\.\d+)?(?:E[+-]?\d+)?)\s*\(/gi)].map((m) => Number(m[1]));
  const values = dated.length > 0 ? dated : list.split(',').map((v) => Number(v.trim()));
  return values.filter((v) => Number.isFinite(v)).reverse();
}

function comparisonFromReason(reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  // Only anomaly-band reasons name an upper or lower threshold; one scan spares the others three.
  if (BAND_THRESHOLD.test(reason)) {
    if (namesLowerOrUpper(reason)) return 'LessThanLowerOrGreaterThanUpperThreshold';
    if (/greater than the upper thresholds?/i.test(reason)) return 'GreaterThanUpperThreshold';
    if (/less than the lower thresholds?/i.test(reason)) return 'LessThanLowerThreshold';
  }
  const match = /\b(?:was|were) (?:not )?(greater|less) than (or equal to )?the threshold/i.exec(reason);
  if (!match) return undefined;
  return `${match[1]?.toLowerCase() === 'greater' ? 'GreaterThan' : 'LessThan'}${match[2] ? 'OrEqualTo' : ''}Threshold`;
}

/**
 * Whether one line of the reason says "lower threshold … or … upper threshold", in that order.
 * Found by position rather than by `/lower thresholds?.*\bor\b.*upper thresholds?/`, whose two
 * `.*` backtrack: 38 KB of "lower threshold or " took 80 s.
 */
function namesLowerOrUpper(reason: string): boolean {
  for (const line of reason.toLowerCase().split(/[\n\r\u2028\u2029]/)) {
    const lower = line.indexOf('lower threshold');
    const upper = line.lastIndexOf('upper threshold');
    // One character either side stays in, so `\b` sees what the whole line has there.
    if (lower >= 0 && upper > lower && /\bor\b/.test(line.slice(lower + 'lower threshold'.length - 1, upper + 1))) return true;
  }
  return false;
}

function evaluationPeriodsFromReason(reason: string | undefined): number | undefined {
  const match = reason === undefined ? null : /\d+ out of the last (\d+) datapoints?/i.exec(reason);
  return match ? Number(match[1]) : undefined;
}

function thresholdFromReason(reason: string | undefined): number | undefined {
  const match = reason === undefined ? null : /the threshold \((-?\d+(?:\.\d+)?(?:E[+-]?\d+)?)\)/i.exec(reason);
  return match ? Number(match[1]) : undefined;
}

function dimensionsOf(metric: AlarmMetric | undefined): Record<string, string> {
  const raw = metric?.metricStat?.metric?.dimensions ?? {};
  // A plain loop rather than fromEntries(entries.flatMap(…)): four arrays fewer per metric. Parsed
  // records never hold an own "__proto__" key, so assigning cannot touch the prototype.
  const dimensions: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string' || typeof value === 'number') dimensions[key] = String(value);
  }
  return dimensions;
}

/** The one value shared by every input, else `undefined`. */
function shared<T>(values: Array<T | undefined>): T | undefined {
  const distinct = [...new Set(values.filter((v): v is T => v !== undefined))];
  return distinct.length === 1 ? distinct[0] : undefined;
}

/** Dimensions every input that has them agrees on; a key with conflicting values is left out. */
function sharedDimensions(inputs: AlarmMetric[]): Record<string, string> {
  const merged: Record<string, string> = {};
  const conflicting = new Set<string>();
  for (const input of inputs) {
    for (const [key, value] of Object.entries(dimensionsOf(input))) {
      if (merged[key] !== undefined && merged[key] !== value) conflicting.add(key);
      merged[key] = value;
    }
  }
  for (const key of conflicting) delete merged[key];
  return merged;
}

/** The metric the alarm shows: the band's input for anomaly alarms, the returned expression for metric math. */
function shownMetric(metrics: AlarmMetric[]): { shown?: AlarmMetric; band?: AlarmMetric } {
  const band = metrics.find((m) => ANOMALY_BAND.test(m.expression ?? ''));
  if (band) {
    const inputs = metrics.filter((m) => m.metricStat !== undefined);
    const tokens = (band.expression ?? '').split(/[^A-Za-z0-9_]+/);
    const referenced = inputs.find((m) => m.id !== undefined && tokens.includes(m.id));
    return { shown: referenced ?? inputs[0], band };
  }
  return { shown: metrics.find((m) => m.returnData === true) ?? metrics.find((m) => m.returnData !== false) ?? metrics[0] };
}

/** The latest evaluated value: by timestamp when reasonData has them, else the newest recent datapoint. */
export function latestValue(reasonData: ReasonData | undefined, recentValues: number[]): number | undefined {
  const evaluated = objects(reasonData?.evaluatedDatapoints)
    .map((p) => ({ at: parseAwsTime(p.timestamp)?.getTime(), value: num(p.value) }))
    .filter((p): p is { at: number; value: number } => p.at !== undefined && p.value !== undefined)
    .sort((a, b) => a.at - b.at);
  return evaluated.at(-1)?.value ?? recentValues.at(-1);
}

/**
 * The metric evidence of a metric, metric-math or anomaly alarm; `undefined` for composite alarms.
 * `metrics` can be passed in by a caller that has already read them, so they are parsed once.
 */
export function metricEvidenceOf(
  configuration: AlarmConfiguration | undefined,
  reasonData: ReasonData | undefined,
  fullReason: string | undefined,
  metrics: AlarmMetric[] = readMetrics(configuration),
): MetricEvidence | undefined {
  if (alarmTypeOf(configuration, reasonData, metrics) === 'composite') return undefined;
  if (metrics.length === 0 && reasonData === undefined && fullReason === undefined) return undefined;
  // AWS writes at most 1,023 characters of reason; the patterns below read no more than twice that,
  // so a hostile reason of 256 KB costs what a real one does (digit runs made them quadratic).
  const reason = fullReason?.slice(0, REASON_READ_LIMIT);

  const { shown, band } = shownMetric(metrics);
  const isMath = band === undefined && shown?.expression !== undefined;
  const inputs = metrics.filter((m) => m.metricStat !== undefined);
  const single = isMath ? (inputs.length === 1 ? inputs[0] : undefined) : shown;
  const recentValues =
    reasonData?.recentDatapoints !== undefined ? numbers(reasonData.recentDatapoints) : datapointsFromReason(reason);
  const lower = numbers(reasonData?.recentLowerThresholds);
  const upper = numbers(reasonData?.recentUpperThresholds);

  return compact({
    namespace: isMath ? shared(inputs.map((m) => m.metricStat?.metric?.namespace)) : single?.metricStat?.metric?.namespace,
    name: single?.metricStat?.metric?.name,
    expression: band?.expression ?? (isMath ? shown?.expression : undefined),
    label: band?.label ?? (isMath ? shown?.label : undefined),
    stat: (isMath ? shared(inputs.map((m) => m.metricStat?.stat)) : shown?.metricStat?.stat) ?? text(reasonData?.statistic),
    periodSeconds:
      (isMath ? (shown?.period ?? shared(inputs.map((m) => m.metricStat?.period))) : shown?.metricStat?.period) ??
      reasonData?.period,
    unit: isMath ? shared(inputs.map((m) => m.metricStat?.unit)) : shown?.metricStat?.unit,
    dimensions: isMath ? sharedDimensions(inputs) : dimensionsOf(shown),
    threshold: reasonData?.threshold ?? configuration?.threshold ?? (band ? undefined : thresholdFromReason(reason)),
    lowerThresholds: lower.length > 0 ? lower : undefined,
    upperThresholds: upper.length > 0 ? upper : undefined,
    comparison: configuration?.comparisonOperator ?? comparisonFromReason(reason),
    evaluationPeriods: configuration?.evaluationPeriods ?? evaluationPeriodsFromReason(reason),
    recentValues,
  });
}
