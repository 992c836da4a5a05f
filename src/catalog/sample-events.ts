/** @module Catalog: a realistic raw AWS event of each family for a given name, which previews run through the real normalizer. */
import type { SignalFamily } from '../core/signal.ts';

const ACCOUNT = '111111111111';
const REGION = 'eu-west-2';

/** What an alarm named like this most likely watches, by words in its name; the first that fits wins. */
const ALARM_METRICS: Array<{ words: RegExp; namespace: string; metric: string; stat: string; dimension: string; threshold: number; values: number[]; below?: true }> = [
  { words: /unhealthy|healthy-host|health-?check/, namespace: 'AWS/ApplicationELB', metric: 'UnHealthyHostCount', stat: 'Maximum', dimension: 'TargetGroup', threshold: 0, values: [2, 3] },
  { words: /5xx|error|fault/, namespace: 'AWS/ApplicationELB', metric: 'HTTPCode_Target_5XX_Count', stat: 'Sum', dimension: 'LoadBalancer', threshold: 50, values: [64, 87] },
  { words: /latency|slow|response-?time/, namespace: 'AWS/ApplicationELB', metric: 'TargetResponseTime', stat: 'p95', dimension: 'LoadBalancer', threshold: 2, values: [2.8, 3.4] },
  { words: /storage|disk|space/, namespace: 'AWS/RDS', metric: 'FreeStorageSpace', stat: 'Minimum', dimension: 'DBInstanceIdentifier', threshold: 10737418240, values: [9126805504, 8589934592], below: true },
  { words: /cpu/, namespace: 'AWS/ECS', metric: 'CPUUtilization', stat: 'Average', dimension: 'ServiceName', threshold: 80, values: [91, 96] },
  { words: /memory|mem\b/, namespace: 'AWS/ECS', metric: 'MemoryUtilization', stat: 'Average', dimension: 'ServiceName', threshold: 85, values: [89, 94] },
  { words: /dlq|dead-?letter|queue|backlog/, namespace: 'AWS/SQS', metric: 'ApproximateNumberOfMessagesVisible', stat: 'Maximum', dimension: 'QueueName', threshold: 0, values: [4, 11] },
  { words: /throttl/, namespace: 'AWS/Lambda', metric: 'Throttles', stat: 'Sum', dimension: 'FunctionName', threshold: 0, values: [6, 14] },
  { words: /connection/, namespace: 'AWS/RDS', metric: 'DatabaseConnections', stat: 'Maximum', dimension: 'DBInstanceIdentifier', threshold: 180, values: [192, 201] },
];
/** An alarm whose name says nothing of its metric: data that has not been refreshed, the commonest custom alarm. */
const CUSTOM_METRIC: (typeof ALARM_METRICS)[number] = { words: /$^/, namespace: 'Custom', metric: 'HoursSinceLastUpdate', stat: 'Maximum', dimension: 'Dataset', threshold: 24, values: [30, 36] };

function alarmMetric(name: string) {
  return ALARM_METRICS.find((m) => m.words.test(name.toLowerCase())) ?? CUSTOM_METRIC;
}

/** What the alarm watches, from its name without the words about the metric: `web-prod-5xx-rate` watches `web-prod`. */
function watchedName(name: string, words: RegExp): string {
  const at = name.toLowerCase().search(words);
  const base = (at > 0 ? name.slice(0, at) : name).replace(/([-_.](free|low|high|too|many|rate|count|alarm))+[-_.]*$/i, '').replace(/[-_.]+$/, '');
  return base || name;
}

function envelope(source: string, detailType: string, now: Date, detail: Record<string, unknown>, resources: string[] = []): Record<string, unknown> {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': detailType,
    source,
    account: ACCOUNT,
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources,
    detail,
  };
}

function cloudwatchAlarm(name: string, now: Date): Record<string, unknown> {
  const m = alarmMetric(name);
  const datapoints = m.values.map((v) => v.toFixed(1)).join(', ');
  const reasonData = JSON.stringify({ version: '1.0', statistic: m.stat, period: 60, recentDatapoints: m.values, threshold: m.threshold });
  return envelope(
    'aws.cloudwatch',
    'CloudWatch Alarm State Change',
    now,
    {
      alarmName: name,
      configuration: {
        description: `${m.metric} of ${name} crossed ${m.threshold}.`,
        metrics: [
          {
            id: 'm1',
            metricStat: { metric: { namespace: m.namespace, name: m.metric, dimensions: { [m.dimension]: watchedName(name, m.words) } }, period: 60, stat: m.stat },
            returnData: true,
          },
        ],
      },
      previousState: { value: 'OK', reason: 'Threshold Crossed: the last datapoints were within the threshold.', timestamp: now.toISOString() },
      state: {
        value: 'ALARM',
        reason: `Threshold Crossed: 2 out of the last 2 datapoints [${datapoints}] were ${m.below ? 'less' : 'greater'} than the threshold (${m.threshold.toFixed(1)}) (minimum 2 datapoints for OK -> ALARM transition).`,
        reasonData,
        timestamp: now.toISOString(),
      },
    },
    [`arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`],
  );
}

/** A composite alarm (an SLO's burn-rate pair) going to ALARM because its last child did. */
export function sampleCompositeAlarmEvent(name: string, children: [string, string], now: Date): Record<string, unknown> {
  const childArn = (child: string) => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${child}`;
  const reasonData = JSON.stringify({ triggeringAlarms: [{ arn: childArn(children[1]), state: { value: 'ALARM', timestamp: now.toISOString() } }] });
  return envelope(
    'aws.cloudwatch',
    'CloudWatch Alarm State Change',
    now,
    {
      alarmName: name,
      configuration: { alarmRule: `ALARM("${children[0]}") AND ALARM("${children[1]}")`, description: `The error budget burns too fast over ${children.join(' and ')}.` },
      previousState: { value: 'OK', reason: `${childArn(children[1])} transitioned to OK`, timestamp: now.toISOString() },
      state: { value: 'ALARM', reason: `${childArn(children[1])} transitioned to ALARM`, reasonData, timestamp: now.toISOString() },
    },
    [`arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`],
  );
}

const BUILDERS: Record<SignalFamily, (name: string, now: Date) => Record<string, unknown>> = {
  'cloudwatch-alarm': cloudwatchAlarm,
  'ecs-task': (name, now) => {
    const taskArn = `arn:aws:ecs:${REGION}:${ACCOUNT}:task/${name}-cluster/8c1d2e3f4a5b46c7d8e9f0a1b2c3d4e5`;
    return envelope(
      'aws.ecs',
      'ECS Task State Change',
      now,
      {
        clusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${name}-cluster`,
        taskArn,
        taskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${name}:42`,
        group: `service:${name}`,
        launchType: 'FARGATE',
        lastStatus: 'STOPPED',
        desiredStatus: 'STOPPED',
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
        containers: [{ name: 'app', lastStatus: 'STOPPED', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' }],
        stoppedAt: now.toISOString(),
      },
      [taskArn],
    );
  },
  'glue-job': (name, now) =>
    envelope('aws.glue', 'Glue Job State Change', now, {
      jobName: name,
      severity: 'ERROR',
      state: 'FAILED',
      jobRunId: 'jr_6f1e3c0b9a8d7e6f5a4b3c2d1e0f9a8b',
      message: 'An error occurred while calling o112.pyWriteDynamicFrame. Connection timed out after 60000 ms',
    }),
  'batch-job': (name, now) => {
    const jobArn = `arn:aws:batch:${REGION}:${ACCOUNT}:job/9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d`;
    return envelope(
      'aws.batch',
      'Batch Job State Change',
      now,
      {
        jobArn,
        jobName: name,
        jobId: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
        jobQueue: `arn:aws:batch:${REGION}:${ACCOUNT}:job-queue/${name}-queue`,
        status: 'FAILED',
        statusReason: 'Essential container in task exited',
        attempts: [{ container: { exitCode: 1 }, statusReason: 'Essential container in task exited' }],
        container: { exitCode: 1 },
      },
      [jobArn],
    );
  },
  'step-functions': (name, now) => {
    const run = `${name}-${now.toISOString().slice(0, 10)}`;
    const executionArn = `arn:aws:states:${REGION}:${ACCOUNT}:execution:${name}:${run}`;
    return envelope(
      'aws.states',
      'Step Functions Execution Status Change',
      now,
      {
        executionArn,
        stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`,
        name: run,
        status: 'FAILED',
        startDate: now.getTime() - 279_000,
        stopDate: now.getTime(),
        error: 'States.TaskFailed',
        cause: 'The import step could not read the input file.',
      },
      [executionArn],
    );
  },
  health: (name, now) =>
    envelope('aws.health', 'AWS Health Event', now, {
      eventArn: `arn:aws:health:${REGION}::event/RDS/${name}/${name}_3c1e`,
      service: serviceOf(name),
      eventTypeCode: name,
      eventTypeCategory: 'issue',
      communicationId: '7c3f5e1a9b2d4f6e8a0c1e3b5d7f9a1c-1',
      startTime: now.toUTCString(),
      lastUpdatedTime: now.toUTCString(),
      statusCode: 'open',
      eventRegion: REGION,
      eventDescription: [{ language: 'en_US', latestDescription: 'We are investigating increased error rates and latencies in the EU-WEST-2 Region.' }],
      affectedAccount: ACCOUNT,
    }),
  rds: (name, now) =>
    envelope(
      'aws.rds',
      'RDS DB Instance Event',
      now,
      {
        EventCategories: ['failover'],
        SourceType: 'DB_INSTANCE',
        SourceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:${name}`,
        Date: now.toISOString(),
        Message: 'A Multi-AZ failover has started.',
        SourceIdentifier: `rds:${name}`,
        EventID: 'RDS-EVENT-0013',
      },
      [`arn:aws:rds:${REGION}:${ACCOUNT}:db:${name}`],
    ),
  codepipeline: (name, now) =>
    envelope(
      'aws.codepipeline',
      'CodePipeline Pipeline Execution State Change',
      now,
      { pipeline: name, 'execution-id': '6e7f8a9b-0c1d-4e2f-a3b4-c5d6e7f8a9b0', state: 'FAILED', version: 12 },
      [`arn:aws:codepipeline:${REGION}:${ACCOUNT}:${name}`],
    ),
  backup: (name, now) =>
    envelope('aws.backup', 'Backup Job State Change', now, {
      backupJobId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
      backupVaultName: 'default',
      backupVaultArn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:default`,
      resourceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:${name}`,
      resourceType: 'RDS',
      state: 'FAILED',
      statusMessage: `Backup job failed because the DB instance ${name} is not in the available state.`,
      creationDate: now.toISOString(),
      percentDone: 0,
    }),
  'lambda-destination': (name, now) => {
    const functionArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}:$LATEST`;
    return envelope(
      'lambda',
      'Lambda Function Invocation Result - Failure',
      now,
      {
        version: '1.0',
        timestamp: now.toISOString(),
        requestContext: { requestId: 'c7d8e9f0-a1b2-4c3d-8e4f-5a6b7c8d9e0f', functionArn, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
        requestPayload: {},
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        responsePayload: { errorType: 'Error', errorMessage: 'Task timed out after 30.00 seconds' },
      },
      [functionArn],
    );
  },
  clarion: (name, now) =>
    envelope('app.alerts', 'Clarion Alert', now, {
      name,
      state: 'firing',
      title: `${name} reported a failure`,
      reason: 'The run stopped after 3 failed attempts to reach the partner system (HTTP 503).',
      recordsProcessed: 0,
    }),
  generic: (name, now) => {
    const slash = name.indexOf('/');
    const source = slash > 0 ? name.slice(0, slash) : 'app.events';
    const detailType = slash > 0 ? name.slice(slash + 1) : name;
    return envelope(source, detailType, now, { ...GENERIC_DETAILS[source] });
  },
};

/** The detail of well-known senders that have no normalizer of their own and reach the catalog as generic events. */
const GENERIC_DETAILS: Record<string, Record<string, unknown>> = {
  'aws.guardduty': {
    type: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
    severity: 8,
    title: 'Credentials for the EC2 instance role web-prod were used from a remote AWS account.',
    description: 'Credentials created exclusively for an EC2 instance using instance role web-prod have been used from a remote AWS account.',
    resource: { resourceType: 'AccessKey' },
  },
};

function serviceOf(eventTypeCode: string): string {
  return /^AWS_([A-Z0-9]+)_/.exec(eventTypeCode)?.[1] ?? 'EC2';
}

/** A name a signal of this family could plausibly carry, when the entry names none (a bare `*` glob). */
export const PLAUSIBLE_NAMES: Record<SignalFamily, string> = {
  'cloudwatch-alarm': 'web-prod-5xx-errors',
  'ecs-task': 'web',
  'glue-job': 'nightly-sync',
  'batch-job': 'monthly-report',
  'step-functions': 'import-workflow',
  health: 'AWS_RDS_OPERATIONAL_ISSUE',
  rds: 'app-db-prod',
  codepipeline: 'release',
  backup: 'app-db-prod',
  'lambda-destination': 'send-emails',
  clarion: 'sync-failed',
  generic: 'app.events/Job Failed',
};

/** A raw event as AWS (or the app, for `clarion`) would send it for a signal of `family` named `name`. */
export function sampleEventFor(family: SignalFamily, name: string, now: Date): Record<string, unknown> {
  return BUILDERS[family](name, now);
}
