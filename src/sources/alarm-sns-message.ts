/** @module Stage 1, normalize: turns a CloudWatch alarm's SNS message into the EventBridge alarm-detail shape. */
import * as z from 'zod';
import { optionalArray, optionalNumber, optionalString, parseLenient } from './lenient-zod.ts';
import { asObject, compact, objects, text } from './read-fields.ts';
import type { JsonObject } from './read-fields.ts';

/*
 * SNS alarm messages differ from EventBridge details in every detail: PascalCase keys, the Region
 * as a display name, dimensions as [{name, value}] arrays, upper-case statistics, and thresholds in
 * `Trigger` instead of reasonData. Converting once means one code path (and one set of catalog
 * patterns such as {"detail": {"state": {"value": ["ALARM"]}}}) serves every wrapper.
 */

const MetricStatShape = z.looseObject({
  Metric: z
    .looseObject({ Namespace: optionalString, MetricName: optionalString, Dimensions: optionalArray })
    .optional()
    .catch(undefined),
  Period: optionalNumber,
  Stat: optionalString,
  Unit: optionalString,
});

export const SnsAlarmMessage = z.looseObject({
  AlarmName: z.string(),
  AlarmDescription: optionalString,
  AWSAccountId: optionalString,
  NewStateValue: z.string(),
  NewStateReason: optionalString,
  StateChangeTime: optionalString,
  Region: optionalString,
  AlarmArn: optionalString,
  OldStateValue: optionalString,
  /** Composite alarms. */
  AlarmRule: optionalString,
  TriggeringChildren: optionalArray,
  /** With alarm tag propagation on; the exact field name in SNS is unverified, so both forms are read. */
  AlarmTags: z.unknown().optional(),
  Trigger: z
    .looseObject({
      MetricName: optionalString,
      Namespace: optionalString,
      StatisticType: optionalString,
      Statistic: optionalString,
      ExtendedStatistic: optionalString,
      Unit: optionalString,
      Dimensions: optionalArray,
      Period: optionalNumber,
      EvaluationPeriods: optionalNumber,
      ComparisonOperator: optionalString,
      Threshold: optionalNumber,
      TreatMissingData: optionalString,
      Metrics: optionalArray,
    })
    .optional()
    .catch(undefined),
});
export type SnsAlarmMessage = z.infer<typeof SnsAlarmMessage>;

const STATISTICS: Record<string, string> = {
  AVERAGE: 'Average',
  SUM: 'Sum',
  MINIMUM: 'Minimum',
  MAXIMUM: 'Maximum',
  SAMPLE_COUNT: 'SampleCount',
  SAMPLECOUNT: 'SampleCount',
};

/** `AVERAGE` → `Average`, as EventBridge spells statistics. */
export function statisticName(value: string | undefined): string | undefined {
  return value === undefined ? undefined : (STATISTICS[value.toUpperCase()] ?? value);
}

/** `[{name, value}]` (SNS) → `{name: value}` (EventBridge). */
export function dimensionMap(value: unknown): Record<string, string> {
  const entries = objects(value).flatMap((d) => {
    const name = text(d.name) ?? text(d.Name);
    const dimension = d.value ?? d.Value;
    return name !== undefined && (typeof dimension === 'string' || typeof dimension === 'number')
      ? [[name, String(dimension)] as const]
      : [];
  });
  return Object.fromEntries(entries);
}

/** Tags as a map, from `{Key: Value}` or `[{Key, Value}]`. */
export function tagMap(value: unknown): Record<string, string> | undefined {
  if (Array.isArray(value)) {
    const entries = objects(value).flatMap((t) => {
      const key = text(t.Key) ?? text(t.key);
      const tag = t.Value ?? t.value;
      return key !== undefined && typeof tag === 'string' ? [[key, tag] as const] : [];
    });
    return Object.fromEntries(entries);
  }
  const object = asObject(value);
  if (!object) return undefined;
  return Object.fromEntries(Object.entries(object).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function metricsOf(trigger: NonNullable<SnsAlarmMessage['Trigger']>): JsonObject[] {
  if (trigger.Metrics !== undefined) {
    return objects(trigger.Metrics).map((m) => {
      const stat = parseLenient(MetricStatShape, m.MetricStat);
      const metricStat = stat.success
        ? compact({
            metric: compact({
              namespace: stat.data.Metric?.Namespace,
              name: stat.data.Metric?.MetricName,
              dimensions: dimensionMap(stat.data.Metric?.Dimensions),
            }),
            period: stat.data.Period,
            stat: statisticName(stat.data.Stat),
            unit: stat.data.Unit,
          })
        : undefined;
      return compact({
        id: text(m.Id),
        expression: text(m.Expression),
        label: text(m.Label),
        returnData: typeof m.ReturnData === 'boolean' ? m.ReturnData : undefined,
        period: typeof m.Period === 'number' ? m.Period : undefined,
        metricStat,
      });
    });
  }
  if (trigger.MetricName === undefined && trigger.Namespace === undefined) return [];
  const stat = trigger.StatisticType === 'ExtendedStatistic' ? trigger.ExtendedStatistic : statisticName(trigger.Statistic);
  return [
    {
      id: 'm1',
      metricStat: compact({
        metric: compact({ namespace: trigger.Namespace, name: trigger.MetricName, dimensions: dimensionMap(trigger.Dimensions) }),
        period: trigger.Period,
        stat,
        unit: trigger.Unit,
      }),
      returnData: true,
    },
  ];
}

/** The composite children in reasonData's `triggeringAlarms` form, so one reader serves both shapes. */
function triggeringAlarmsOf(children: unknown[] | undefined): string | undefined {
  if (children === undefined) return undefined;
  const triggeringAlarms = objects(children).map((c) => {
    const state = asObject(c.State) ?? asObject(c.state);
    return compact({
      arn: text(c.Arn) ?? text(c.arn),
      state: compact({ value: text(state?.Value) ?? text(state?.value), timestamp: text(state?.Timestamp) ?? text(state?.timestamp) }),
    });
  });
  return JSON.stringify({ triggeringAlarms });
}

/** The EventBridge alarm `detail` an SNS alarm message stands for. */
export function detailFromSnsMessage(message: SnsAlarmMessage): JsonObject {
  const trigger = message.Trigger;
  const configuration = compact({
    description: message.AlarmDescription,
    alarmRule: message.AlarmRule,
    metrics: trigger ? metricsOf(trigger) : undefined,
    threshold: trigger?.Threshold,
    comparisonOperator: trigger?.ComparisonOperator,
    evaluationPeriods: trigger?.EvaluationPeriods,
    treatMissingData: trigger?.TreatMissingData,
  });
  return compact({
    alarmName: message.AlarmName,
    state: compact({
      value: message.NewStateValue,
      reason: message.NewStateReason,
      reasonData: triggeringAlarmsOf(message.TriggeringChildren),
      timestamp: message.StateChangeTime,
    }),
    previousState: message.OldStateValue === undefined ? undefined : { value: message.OldStateValue },
    configuration,
    alarmTags: tagMap(message.AlarmTags),
  });
}
