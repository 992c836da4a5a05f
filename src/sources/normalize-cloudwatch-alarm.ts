/** @module Stage 1, normalize: CloudWatch alarms (EventBridge, SNS, direct alarm action) → Signal. */
import * as z from 'zod';
import type { AlarmDetails, Severity, Signal, SignalState } from '../core/signal.ts';
import { AlarmState, Severity as SeveritySchema } from '../core/signal.ts';
import { alarmTypeOf, latestValue, metricEvidenceOf } from './alarm-metric-evidence.ts';
import { AlarmDetailShape, readMetrics, readReasonData } from './alarm-shapes.ts';
import { SnsAlarmMessage, detailFromSnsMessage, tagMap } from './alarm-sns-message.ts';
import { alarmNameFromArn, isRegionCode, parseArn, partitionOf, regionCodeOf } from './arn.ts';
import type { NormalizeContext } from './build-signal.ts';
import { buildSignal, resolveTime } from './build-signal.ts';
import { alarmLink, links } from './console-links.ts';
import { resolveEventId } from './event-id.ts';
import type { EventBridgeEnvelope } from './eventbridge-envelope.ts';
import { optionalString, parseLenient } from './lenient-zod.ts';
import { asObject, compact, objects, text } from './read-fields.ts';
import type { JsonObject } from './read-fields.ts';

export const ALARM_STATE_CHANGE = 'CloudWatch Alarm State Change';
export const ALARM_CONFIGURATION_CHANGE = 'CloudWatch Alarm Configuration Change';

/** One alarm event, whichever wrapper it came in, reduced to the EventBridge view. */
interface AlarmInput {
  /** EventBridge-shaped detail: the real one, `alarmData`, or one synthesised from SNS. */
  detail: JsonObject;
  detailType: string;
  arn?: string;
  region?: string;
  account?: string;
  ownId?: string;
  times: unknown[];
  /** The original EventBridge event, when there was one. */
  event?: JsonObject;
}

const DirectAlarmAction = z.looseObject({
  source: optionalString,
  alarmArn: optionalString,
  accountId: optionalString,
  time: optionalString,
  region: optionalString,
  alarmData: z.record(z.string(), z.unknown()),
});

function severityFromTags(tags: Record<string, string>): Severity | undefined {
  // Most alarms have no severity tag; zod's failure path (building an error) is not worth taking for them.
  if (tags.severity === undefined) return undefined;
  const parsed = parseLenient(SeveritySchema, tags.severity.trim().toLowerCase());
  return parsed.success ? parsed.data : undefined;
}

function stateOf(value: AlarmState, isConfigurationChange: boolean): { state: SignalState; noData: boolean } {
  if (isConfigurationChange) return { state: 'ignore', noData: false };
  if (value === 'ALARM') return { state: 'firing', noData: false };
  if (value === 'OK') return { state: 'resolved', noData: false };
  return { state: 'firing', noData: true };
}

function titleOf(name: string, value: AlarmState, operation: string | undefined, isConfigurationChange: boolean): string {
  if (isConfigurationChange) return `CloudWatch alarm ${name}: configuration ${operation ?? 'change'}`;
  if (value === 'ALARM') return `CloudWatch alarm ${name} is in ALARM`;
  if (value === 'OK') return `CloudWatch alarm ${name} is OK`;
  return `CloudWatch alarm ${name} has insufficient data`;
}

function alarmSignal(input: AlarmInput, payload: unknown, ctx: NormalizeContext): Signal | null {
  const parsed = parseLenient(AlarmDetailShape, input.detail);
  if (!parsed.success) return null;
  const detail = parsed.data;
  const value = parseLenient(AlarmState, detail.state.value);
  const name = detail.alarmName ?? alarmNameFromArn(input.arn);
  if (!value.success || name === undefined) return null;

  const arnParts = parseArn(input.arn);
  const region = regionCodeOf(input.region) ?? (isRegionCode(arnParts?.region) ? arnParts?.region : undefined);
  const account = input.account ?? arnParts?.account;
  const arn = input.arn ?? `arn:${partitionOf(region)}:cloudwatch:${region ?? ''}:${account ?? ''}:alarm:${name}`;
  const isConfigurationChange = input.detailType === ALARM_CONFIGURATION_CHANGE;
  const configuration = detail.configuration;
  const reasonData = readReasonData(detail.state.reasonData);
  const metrics = readMetrics(configuration);
  const type = alarmTypeOf(configuration, reasonData, metrics);
  const metric = metricEvidenceOf(configuration, reasonData, detail.state.reason, metrics);
  const tags = tagMap(detail.alarmTags) ?? {};
  const previousValue = detail.previousState?.value;
  const previous = previousValue === undefined ? undefined : parseLenient(AlarmState, previousValue);
  const triggering = objects(reasonData?.triggeringAlarms).flatMap((t) => alarmNameFromArn(t.arn) ?? text(t.arn) ?? []);
  const { state, noData } = stateOf(value.data, isConfigurationChange);
  const eventId = resolveEventId(input.ownId, ctx.delivery, payload);
  const changedAt = isConfigurationChange ? asObject(input.detail.configuration)?.timestamp : detail.state.timestamp;
  const time = resolveTime([changedAt, ...input.times], ctx);

  const alarm: AlarmDetails = compact({
    name,
    arn,
    description: configuration?.description,
    type,
    value: value.data,
    previousValue: previous?.success ? previous.data : undefined,
    rule: configuration?.alarmRule,
    triggeringAlarms: type === 'composite' ? triggering : undefined,
    tags,
  });
  const event =
    input.event ??
    compact({
      version: '0',
      id: eventId,
      'detail-type': input.detailType,
      source: 'aws.cloudwatch',
      account,
      time,
      region,
      resources: [arn],
      detail: input.detail,
    });

  return buildSignal(
    {
      family: 'cloudwatch-alarm',
      kind: type,
      name,
      key: `cloudwatch-alarm:${arn}`,
      ownId: eventId,
      state,
      ignoreReason: isConfigurationChange
        ? `CloudWatch alarm configuration change (${detail.operation ?? 'unknown operation'}), not a state change`
        : undefined,
      noData,
      title: titleOf(name, value.data, detail.operation, isConfigurationChange),
      reason: detail.state.reason ?? '',
      resource: compact({ type: 'CloudWatch alarm', name, arn }),
      account,
      region,
      times: [time],
      resolvedTime: time,
      severityHint: severityFromTags(tags),
      links: links(alarmLink(region, name)),
      alarm,
      metric,
      event,
      payload,
      extraVars: {
        alarm: compact({
          name,
          arn,
          description: alarm.description,
          state: alarm.value,
          previousState: alarm.previousValue,
          type,
          rule: alarm.rule,
          triggeringAlarms: alarm.triggeringAlarms,
          actionsSuppressedBy: detail.state.actionsSuppressedBy,
          tags,
        }),
        metric:
          metric === undefined
            ? undefined
            : compact({
                namespace: metric.namespace,
                name: metric.name ?? metric.label,
                stat: metric.stat,
                threshold: metric.threshold,
                value: latestValue(reasonData, metric.recentValues),
                unit: metric.unit,
                comparison: metric.comparison,
                period: metric.periodSeconds,
                expression: metric.expression,
                label: metric.label,
                lowerThreshold: metric.lowerThresholds?.at(-1),
                upperThreshold: metric.upperThresholds?.at(-1),
                dimensions: metric.dimensions,
              }),
      },
    },
    ctx,
  );
}

/** An EventBridge "CloudWatch Alarm State Change" or "… Configuration Change" event. */
export function normalizeAlarmFromEventBridge(
  envelope: EventBridgeEnvelope,
  payload: JsonObject,
  ctx: NormalizeContext,
): Signal | null {
  const detail = asObject(envelope.detail);
  if (!detail) return null;
  return alarmSignal(
    {
      detail,
      detailType: envelope['detail-type'],
      arn: envelope.resources.find((r) => r.includes(':alarm:')),
      region: envelope.region,
      account: envelope.account,
      ownId: envelope.id,
      times: [envelope.time],
      event: payload,
    },
    payload,
    ctx,
  );
}

/** The payload an alarm's Lambda action receives: `alarmData` shaped like the EventBridge detail, no envelope. */
export function normalizeAlarmFromDirectAction(payload: JsonObject, ctx: NormalizeContext): Signal | null {
  const parsed = parseLenient(DirectAlarmAction, payload);
  if (!parsed.success) return null;
  const action = parsed.data;
  return alarmSignal(
    {
      detail: action.alarmData,
      detailType: ALARM_STATE_CHANGE,
      arn: action.alarmArn,
      region: action.region,
      account: action.accountId,
      times: [action.time],
    },
    payload,
    ctx,
  );
}

/** A CloudWatch alarm notification as SNS delivers it (the parsed `Message`). */
export function normalizeAlarmFromSns(payload: JsonObject, ctx: NormalizeContext): Signal | null {
  const parsed = parseLenient(SnsAlarmMessage, payload);
  if (!parsed.success) return null;
  const message = parsed.data;
  const arnRegion = parseArn(message.AlarmArn)?.region;
  return alarmSignal(
    {
      detail: detailFromSnsMessage(message),
      detailType: ALARM_STATE_CHANGE,
      arn: message.AlarmArn,
      // The message's Region is a display name; the ARN has the code, so only fall back to the name.
      region: isRegionCode(arnRegion) ? arnRegion : message.Region,
      account: message.AWSAccountId,
      times: [message.StateChangeTime],
    },
    payload,
    ctx,
  );
}
