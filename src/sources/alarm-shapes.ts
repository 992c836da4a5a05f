/** @module Stage 1, normalize: lenient zod shapes of the CloudWatch alarm detail (EventBridge, direct action) and its reasonData. */
import * as z from 'zod';
import { optionalArray, optionalNumber, optionalObject, optionalString, parseLenient } from './lenient-zod.ts';
import { parseJson } from './read-fields.ts';

export const AlarmStateShape = z.looseObject({
  value: z.string(),
  reason: optionalString,
  /** A JSON string inside the JSON (double-encoded); read with `readReasonData`. */
  reasonData: z.unknown().optional(),
  timestamp: optionalString,
  actionsSuppressedBy: optionalString,
  actionsSuppressedReason: optionalString,
});

export const AlarmMetricShape = z.looseObject({
  id: optionalString,
  expression: optionalString,
  label: optionalString,
  returnData: z.boolean().optional().catch(undefined),
  period: optionalNumber,
  metricStat: z
    .looseObject({
      metric: z
        .looseObject({ namespace: optionalString, name: optionalString, dimensions: optionalObject })
        .optional()
        .catch(undefined),
      period: optionalNumber,
      stat: optionalString,
      unit: optionalString,
    })
    .optional()
    .catch(undefined),
});
export type AlarmMetric = z.infer<typeof AlarmMetricShape>;

export const AlarmConfigurationShape = z.looseObject({
  description: optionalString,
  alarmRule: optionalString,
  metrics: optionalArray,
  /** Only in configuration-change events and in the detail synthesised from SNS messages. */
  threshold: optionalNumber,
  comparisonOperator: optionalString,
  evaluationPeriods: optionalNumber,
  actionsSuppressor: optionalString,
});
export type AlarmConfiguration = z.infer<typeof AlarmConfigurationShape>;

export const AlarmDetailShape = z.looseObject({
  alarmName: optionalString,
  operation: optionalString,
  state: AlarmStateShape,
  previousState: AlarmStateShape.optional().catch(undefined),
  configuration: AlarmConfigurationShape.optional().catch(undefined),
  alarmTags: optionalObject,
});
export type AlarmDetail = z.infer<typeof AlarmDetailShape>;

export const ReasonDataShape = z.looseObject({
  statistic: optionalString,
  period: optionalNumber,
  threshold: optionalNumber,
  recentDatapoints: optionalArray,
  recentLowerThresholds: optionalArray,
  recentUpperThresholds: optionalArray,
  evaluatedDatapoints: optionalArray,
  triggeringAlarms: optionalArray,
});
export type ReasonData = z.infer<typeof ReasonDataShape>;

/** The alarm's `reasonData`, decoded whether it arrived double-encoded or as an object. */
export function readReasonData(value: unknown): ReasonData | undefined {
  if (value === undefined) return undefined; // as zod would say, without building its error
  const parsed = parseLenient(ReasonDataShape, typeof value === 'string' ? parseJson(value) : value);
  return parsed.success ? parsed.data : undefined;
}

/** The configuration's metrics that have a usable shape. */
export function readMetrics(configuration: AlarmConfiguration | undefined): AlarmMetric[] {
  return (configuration?.metrics ?? []).flatMap((m) => {
    const parsed = parseLenient(AlarmMetricShape, m);
    return parsed.success ? [parsed.data] : [];
  });
}
