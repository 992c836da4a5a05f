/** @module Infrastructure (data): the EventBridge patterns of every rule that feeds the signal queue. */

/*
 * One rule per event family, each keeping only events somebody should act on (a failure, or the
 * success that resolves it), so the queue, the processor and the bill see nothing else. Plain
 * data with no SST globals: the infrastructure reads it to create rules, and a test runs it
 * against the project's sample events with an EventBridge pattern evaluator.
 */

/** An EventBridge event pattern (JSON): nested fields, leaves are lists of values or matchers. */
export type EventPattern = { [field: string]: EventPatternNode };
type EventPatternNode = ReadonlyArray<unknown> | EventPattern | ReadonlyArray<EventPattern>;

export interface EventRuleSpec {
  /** PascalCase logical name, unique per bus (becomes part of the rule's physical name). */
  name: string;
  description: string;
  pattern: EventPattern;
}

/** Clarion's own alarms are named with this prefix; see `infra/monitoring.ts`. */
export function selfAlarmPrefix(app: string, stage: string): string {
  return `${app}-${stage}-`;
}

/**
 * Rules for AWS service events, on the default bus of the hub account (and, for an
 * organisation, on the Clarion bus that member accounts forward to).
 *
 * `ignoreAlarmsStartingWith` keeps Clarion's own alarms out: they reach Clarion through their
 * alarm action (the SNS topic), and the same transition arriving twice would only be counted as
 * a repeat.
 */
export function awsEventRules(options: { ignoreAlarmsStartingWith?: string } = {}): EventRuleSpec[] {
  const alarmPattern: EventPattern = { source: ['aws.cloudwatch'], 'detail-type': ['CloudWatch Alarm State Change'] };
  if (options.ignoreAlarmsStartingWith) alarmPattern['detail'] = { alarmName: [{ 'anything-but': { prefix: options.ignoreAlarmsStartingWith } }] };
  return [
    {
      name: 'AlarmStateChanges',
      // Configuration changes (create/update/delete) say nothing about the system's health.
      description: 'CloudWatch alarm state changes (not configuration changes)',
      pattern: alarmPattern,
    },
    {
      name: 'EcsTasksStopped',
      // A task emits several events on its way down; only the last, STOPPED, carries stopCode and reason.
      description: 'ECS tasks that have stopped',
      pattern: { source: ['aws.ecs'], 'detail-type': ['ECS Task State Change'], detail: { lastStatus: ['STOPPED'] } },
    },
    {
      name: 'GlueJobRunsFinished',
      description: 'Glue job runs that failed or timed out, and successes that resolve them',
      pattern: { source: ['aws.glue'], 'detail-type': ['Glue Job State Change'], detail: { state: ['FAILED', 'TIMEOUT', 'SUCCEEDED'] } },
    },
    {
      name: 'BatchJobsFinished',
      description: 'Batch jobs that failed, and successes that resolve them',
      pattern: { source: ['aws.batch'], 'detail-type': ['Batch Job State Change'], detail: { status: ['FAILED', 'SUCCEEDED'] } },
    },
    {
      name: 'StepFunctionsExecutionsFinished',
      description: 'Step Functions executions that failed, timed out or were aborted, and successes that resolve them',
      pattern: {
        source: ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        detail: { status: ['FAILED', 'TIMED_OUT', 'ABORTED', 'SUCCEEDED'] },
      },
    },
    {
      name: 'HealthEvents',
      // Account notifications are mostly billing and housekeeping notices, not incidents.
      description: 'AWS Health issues, investigations and scheduled changes',
      pattern: {
        source: ['aws.health'],
        'detail-type': ['AWS Health Event', 'AWS Health Abuse Event'],
        detail: { eventTypeCategory: ['issue', 'investigation', 'scheduledChange'] },
      },
    },
    {
      name: 'RdsEvents',
      description: 'RDS availability, failover, failure, low-storage and recovery events',
      pattern: {
        source: ['aws.rds'],
        'detail-type': ['RDS DB Instance Event', 'RDS DB Cluster Event'],
        detail: { EventCategories: ['availability', 'failover', 'failure', 'low storage', 'recovery'] },
      },
    },
    {
      name: 'CodePipelineExecutionsFinished',
      description: 'Pipeline executions that failed, and successes that resolve them',
      pattern: {
        source: ['aws.codepipeline'],
        'detail-type': ['CodePipeline Pipeline Execution State Change'],
        detail: { state: ['FAILED', 'SUCCEEDED'] },
      },
    },
    {
      name: 'BackupJobsFinished',
      // AWS Backup reports the outcome as `state` on some events and as `status` on others.
      description: 'Backup, copy and restore jobs that failed, were aborted or expired, and completions that resolve them',
      pattern: {
        source: ['aws.backup'],
        'detail-type': ['Backup Job State Change', 'Copy Job State Change', 'Restore Job State Change'],
        $or: [{ detail: { state: ['FAILED', 'ABORTED', 'EXPIRED', 'COMPLETED'] } }, { detail: { status: ['FAILED', 'ABORTED', 'EXPIRED', 'COMPLETED'] } }],
      },
    },
    {
      name: 'LambdaDestinationFailures',
      // The source is "lambda", not "aws.lambda"; AWS's docs print the detail-type with an en dash.
      description: 'Asynchronous Lambda invocations that failed after their retries (EventBridge destination)',
      pattern: {
        source: ['lambda'],
        'detail-type': ['Lambda Function Invocation Result - Failure', 'Lambda Function Invocation Result – Failure'],
      },
    },
  ];
}

/** Applications' own alerts on the Clarion bus; lifecycle events (`Clarion Alert Opened` …) do not match. */
export const CLARION_ALERT_RULE: EventRuleSpec = {
  name: 'ClarionAlerts',
  description: "Applications' own Clarion Alert events",
  pattern: { 'detail-type': ['Clarion Alert'], source: [{ 'anything-but': { prefix: 'aws.' } }] },
};

/** The part of a catalog entry that decides which events it claims (src/catalog/schema.ts `Match`). */
export interface CatalogMatch {
  id: string;
  match: { family: string; name?: string | string[]; glob?: string | string[]; pattern?: Record<string, unknown> };
}

const pascal = (id: string) => id.replace(/(^|[^a-zA-Z0-9]+)([a-zA-Z0-9])/g, (_m, _sep, c: string) => c.toUpperCase());
const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * Rules for events no family rule covers but a catalog entry asks for: `family: generic` entries
 * claim events by "<source>/<detail-type>" (name or glob) and an optional pattern, so the
 * catalog, not this file, decides that e.g. GuardDuty findings matter. A generic entry that names
 * no source gets no rule: it would send every event in the account to the queue.
 */
export function genericEventRules(entries: CatalogMatch[]): EventRuleSpec[] {
  const rules: EventRuleSpec[] = [];
  for (const { id, match } of entries) {
    if (match.family !== 'generic') continue;
    const names = [...list(match.name).map((n) => ({ n, glob: false })), ...list(match.glob).map((n) => ({ n, glob: true }))];
    const extra = (match.pattern ?? {}) as EventPattern;
    const patterns: EventPattern[] = names.flatMap(({ n, glob }) => {
      const slash = n.indexOf('/');
      if (slash <= 0) return [];
      const value = (part: string) => (glob && /[*?]/.test(part) ? [{ wildcard: part.replace(/\?/g, '*') }] : [part]);
      const source = n.slice(0, slash);
      const detailType = n.slice(slash + 1);
      if (glob && /^[*?]*$/.test(source)) return [];
      return [{ source: value(source), ...(detailType && detailType !== '*' ? { 'detail-type': value(detailType) } : {}), ...extra }];
    });
    if (patterns.length === 0 && 'source' in extra) patterns.push(extra);
    patterns.forEach((pattern, i) => rules.push({ name: `Catalog${pascal(id)}${i > 0 ? i + 1 : ''}`, description: `Events the catalog entry ${id} claims`, pattern }));
  }
  return rules;
}
