/** @module Pipeline data: the `Signal`, what every normalizer (stage 1) produces from a raw event. */
import * as z from 'zod';

/** Event families Clarion understands; `generic` catches everything else. */
export const SIGNAL_FAMILIES = [
  'cloudwatch-alarm',
  'ecs-task',
  'glue-job',
  'batch-job',
  'step-functions',
  'health',
  'rds',
  'codepipeline',
  'backup',
  'lambda-destination',
  'clarion',
  'generic',
] as const;
export const SignalFamily = z.enum(SIGNAL_FAMILIES);
export type SignalFamily = z.infer<typeof SignalFamily>;

/**
 * `firing` opens or repeats an alert, `resolved` closes it, `info` is worth showing but never opens
 * an alert (e.g. an RDS failover that already completed), `ignore` is dropped with `ignoreReason`
 * (e.g. an ECS task that is RUNNING, an alarm configuration change).
 */
export const SignalState = z.enum(['firing', 'resolved', 'info', 'ignore']);
export type SignalState = z.infer<typeof SignalState>;

export const Severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);
export type Severity = z.infer<typeof Severity>;

export const Link = z.object({ label: z.string(), url: z.string() });
export type Link = z.infer<typeof Link>;

export const AlarmState = z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']);
export type AlarmState = z.infer<typeof AlarmState>;

/** What the metric behind an alarm was doing; every field is optional because alarm shapes differ. */
export const MetricEvidence = z.object({
  namespace: z.string().optional(),
  name: z.string().optional(),
  /** Metric math or anomaly-band expression, when the alarm evaluates one. */
  expression: z.string().optional(),
  label: z.string().optional(),
  stat: z.string().optional(),
  periodSeconds: z.number().optional(),
  unit: z.string().optional(),
  dimensions: z.record(z.string(), z.string()),
  threshold: z.number().optional(),
  /** Anomaly-detection alarms have a band instead of a threshold. */
  lowerThresholds: z.array(z.number()).optional(),
  upperThresholds: z.array(z.number()).optional(),
  comparison: z.string().optional(),
  evaluationPeriods: z.number().optional(),
  recentValues: z.array(z.number()),
});
export type MetricEvidence = z.infer<typeof MetricEvidence>;

export const AlarmDetails = z.object({
  name: z.string(),
  arn: z.string().optional(),
  description: z.string().optional(),
  type: z.enum(['metric', 'metric-math', 'anomaly-detection', 'composite']),
  value: AlarmState,
  previousValue: AlarmState.optional(),
  /** Composite alarms: the rule and the child alarms that triggered it. */
  rule: z.string().optional(),
  triggeringAlarms: z.array(z.string()).optional(),
  tags: z.record(z.string(), z.string()),
});
export type AlarmDetails = z.infer<typeof AlarmDetails>;

export const Resource = z.object({
  /** Human-readable kind: "CloudWatch alarm", "ECS task", "Glue job" … */
  type: z.string(),
  /** The name people know it by. */
  name: z.string(),
  arn: z.string().optional(),
});
export type Resource = z.infer<typeof Resource>;

export const Signal = z.object({
  family: SignalFamily,
  /** Finer shape within the family: alarm type, detail-type, job state … */
  kind: z.string(),
  /**
   * The name a catalog entry matches on: alarm name, Glue job name, state machine name, pipeline
   * name, function name, Health event type code, RDS source id, or a custom event's alert name.
   */
  name: z.string(),
  /**
   * Stable identity of the thing that is alerting, the same for its firing and its resolve
   * (e.g. the alarm ARN), so the state store can pair them. Prefixed by family.
   */
  key: z.string(),
  /** Identity of this delivery of this event, for idempotency: the same event twice has the same id. */
  eventId: z.string(),
  state: SignalState,
  ignoreReason: z.string().optional(),
  /** An alarm in INSUFFICIENT_DATA: the metric stopped arriving. */
  noData: z.boolean(),
  title: z.string(),
  /** AWS's own words for why this happened, untrusted and unescaped. */
  reason: z.string(),
  resource: Resource,
  account: z.string().optional(),
  region: z.string().optional(),
  /** ISO 8601 UTC of the state change (not of delivery). */
  time: z.string(),
  severityHint: Severity.optional(),
  links: z.array(Link),
  alarm: AlarmDetails.optional(),
  metric: MetricEvidence.optional(),
  /**
   * EventBridge-shaped view of the event (`source`, `detail-type`, `detail`, …) that catalog
   * `match.pattern`s are evaluated against; synthesised for SNS and direct alarm payloads.
   */
  event: z.record(z.string(), z.unknown()),
  /**
   * Values catalog placeholders may use, by dotted path: `alarm.name`, `detail.jobName`,
   * `signal.region` … Raw and unescaped; templates escape them.
   */
  vars: z.record(z.string(), z.unknown()),
});
export type Signal = z.infer<typeof Signal>;
