/** @module Infrastructure (self-monitoring): Clarion's own alarms, told through Clarion and to a last-resort e-mail. */
import { selfAlarmPrefix } from './event-patterns.ts';
import { interactions, processor } from './functions.ts';
import { alarmTopic } from './ingest.ts';
import { deadLetterQueue, signalQueue } from './queue.ts';
import { settings } from './settings.ts';

/*
 * An alerting system cannot be its own only watcher: if the processor is broken, its own alarms
 * would be stuck in the same queue. So every alarm here goes to the alarm topic (Clarion posts it
 * like any other) and to a last-resort topic that e-mails a person directly. AWS e-mails a
 * confirmation link to the address first; until it is clicked, nothing is delivered.
 */
export const lastResortTopic = new sst.aws.SnsTopic('LastResortTopic');

if (settings.alarmEmail) {
  new aws.sns.TopicSubscription('LastResortEmail', { topic: lastResortTopic.arn, protocol: 'email', endpoint: settings.alarmEmail });
}

const prefix = selfAlarmPrefix($app.name, $app.stage);
const actions = [alarmTopic.arn, lastResortTopic.arn];
const notify = { alarmActions: actions, okActions: actions, treatMissingData: 'notBreaching' } as const;

/** The alarm names, as documented in docs/deploy.md (the catalog can claim them by these names). */
export const SELF_ALARMS = {
  deadLetters: `${prefix}dead-letters`,
  processorErrors: `${prefix}processor-errors`,
  processorThrottles: `${prefix}processor-throttles`,
  oldestSignalAge: `${prefix}oldest-signal-age`,
  interactionsErrors: `${prefix}interactions-errors`,
};

/** Any error or throttle of a Clarion function within five minutes. */
function lambdaAlarm(logicalName: string, name: string, fn: sst.aws.Function, metricName: 'Errors' | 'Throttles', alarmDescription: string) {
  return new aws.cloudwatch.MetricAlarm(logicalName, {
    ...notify,
    name,
    alarmDescription,
    namespace: 'AWS/Lambda',
    metricName,
    dimensions: { FunctionName: fn.name },
    statistic: 'Sum',
    period: 300,
    evaluationPeriods: 1,
    threshold: 0,
    comparisonOperator: 'GreaterThanThreshold',
  });
}

new aws.cloudwatch.MetricAlarm('DeadLettersAlarm', {
  ...notify,
  name: SELF_ALARMS.deadLetters,
  alarmDescription: 'Messages are waiting in the Clarion dead-letter queue: some alerts were not delivered. Run `clarion dlq` to see why, `clarion redrive` once fixed.',
  namespace: 'AWS/SQS',
  metricName: 'ApproximateNumberOfMessagesVisible',
  dimensions: { QueueName: deadLetterQueue.nodes.queue.name },
  statistic: 'Maximum',
  period: 60,
  evaluationPeriods: 1,
  threshold: 0,
  comparisonOperator: 'GreaterThanThreshold',
});

lambdaAlarm('ProcessorErrorsAlarm', SELF_ALARMS.processorErrors, processor, 'Errors',
  'The Clarion processor failed whole invocations (not single records): alerts are waiting in the queue.',
);

lambdaAlarm('ProcessorThrottlesAlarm', SELF_ALARMS.processorThrottles, processor, 'Throttles',
  'The Clarion processor is being throttled: the account is out of Lambda concurrency, and alerts are delayed.',
);

new aws.cloudwatch.MetricAlarm('OldestSignalAgeAlarm', {
  ...notify,
  name: SELF_ALARMS.oldestSignalAge,
  // Slack's Retry-After can hold a record back for a minute or two; 10 minutes means alerts are stuck.
  alarmDescription: 'The oldest event in the Clarion queue is over 10 minutes old: alerts are late.',
  namespace: 'AWS/SQS',
  metricName: 'ApproximateAgeOfOldestMessage',
  dimensions: { QueueName: signalQueue.nodes.queue.name },
  statistic: 'Maximum',
  period: 60,
  evaluationPeriods: 5,
  datapointsToAlarm: 3,
  threshold: 600,
  comparisonOperator: 'GreaterThanThreshold',
});

lambdaAlarm('InteractionsErrorsAlarm', SELF_ALARMS.interactionsErrors, interactions, 'Errors',
  'Slack button presses are failing (Acknowledge, Snooze): people see an error in Slack.',
);
