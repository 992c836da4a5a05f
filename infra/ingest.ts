/** @module Infrastructure (sources → buffer): EventBridge rules, the alarm SNS topic and alarms' Lambda actions, all into the signal queue. */
import { catalogEntries } from './catalog.ts';
import { awsEventRules, CLARION_ALERT_RULE, genericEventRules, selfAlarmPrefix } from './event-patterns.ts';
import type { EventRuleSpec } from './event-patterns.ts';
import { clarionBus } from './bus.ts';
import { processor } from './functions.ts';
import { deadLetterQueue, signalQueue } from './queue.ts';
import { settings } from './settings.ts';

/*
 * The queue policies are written here, once, instead of through SST's `subscribeQueue` helpers:
 * each of those creates its own aws.sqs.QueuePolicy, and a queue has exactly one policy, so
 * several would overwrite each other. This one allows exactly the rules below and the alarm
 * topic, each by its ARN.
 */

/** EventBridge keeps retrying a failed delivery for a day, then dead-letters it with RULE_ARN and ERROR_CODE. */
const TARGET_RETRY = { maximumEventAgeInSeconds: 24 * 3600, maximumRetryAttempts: 185 };

function routeToQueue(prefix: string, spec: EventRuleSpec, eventBusName: $Input<string>) {
  const rule = new aws.cloudwatch.EventRule(`${prefix}${spec.name}Rule`, {
    eventBusName,
    description: `Clarion: ${spec.description}`,
    eventPattern: JSON.stringify(spec.pattern),
  });
  new aws.cloudwatch.EventTarget(`${prefix}${spec.name}Target`, {
    rule: rule.name,
    eventBusName,
    arn: signalQueue.arn,
    deadLetterConfig: { arn: deadLetterQueue.arn },
    retryPolicy: TARGET_RETRY,
  });
  return rule;
}

/**
 * Generic-family catalog entries (e.g. GuardDuty findings) bring rules of their own. Reading the
 * catalog here also stops a deploy whose catalog has errors, which the functions would otherwise
 * only find at their first cold start.
 */
const catalogRules = genericEventRules(catalogEntries);
const awsRules = [...awsEventRules({ ignoreAlarmsStartingWith: selfAlarmPrefix($app.name, $app.stage) }), ...catalogRules];
const rules = [
  ...awsRules.map((spec) => routeToQueue('', spec, 'default')),
  routeToQueue('', CLARION_ALERT_RULE, clarionBus.name),
  // Events member accounts forward arrive on the Clarion bus, not the default bus.
  ...(settings.organizationId ? [...awsEventRules(), ...catalogRules].map((spec) => routeToQueue('Forwarded', spec, clarionBus.name)) : []),
];

/** Alarms can name this topic as their action; SNS keeps its envelope (raw delivery off), which the normalizer unwraps. */
export const alarmTopic = new sst.aws.SnsTopic('AlarmTopic');

new aws.sns.TopicSubscription('AlarmTopicToSignalQueue', {
  topic: alarmTopic.arn,
  protocol: 'sqs',
  endpoint: signalQueue.arn,
  rawMessageDelivery: false,
});

const ruleArns = rules.map((rule) => rule.arn);

/** A statement letting one AWS service send to a queue, only on behalf of these resources. */
function allowSend(sid: string, service: string, queueArn: $Input<string>, sourceArns: $Input<string> | $Input<string>[]) {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: service },
    Action: 'sqs:SendMessage',
    Resource: queueArn,
    Condition: { ArnEquals: { 'aws:SourceArn': sourceArns } },
  };
}

new aws.sqs.QueuePolicy('SignalQueuePolicy', {
  queueUrl: signalQueue.url,
  policy: $jsonStringify({
    Version: '2012-10-17',
    Statement: [
      allowSend('ClarionRules', 'events.amazonaws.com', signalQueue.arn, ruleArns),
      allowSend('AlarmTopic', 'sns.amazonaws.com', signalQueue.arn, alarmTopic.arn),
    ],
  }),
});

/** The same rules dead-letter undeliverable events into the DLQ, so they need its permission too. */
new aws.sqs.QueuePolicy('DeadLetterQueuePolicy', {
  queueUrl: deadLetterQueue.url,
  policy: $jsonStringify({
    Version: '2012-10-17',
    Statement: [allowSend('ClarionRulesDeadLetters', 'events.amazonaws.com', deadLetterQueue.arn, ruleArns)],
  }),
});

/*
 * An alarm can also name the processor itself as its action (a Lambda action). CloudWatch invokes
 * it asynchronously with the alarm's payload, and the processor puts that onto the signal queue
 * before anything else (functions/process-signals.ts), so these alarms are queued, retried and
 * dead-lettered like every other source. CloudWatch may invoke it only for this account's alarms
 * in this region: the confused-deputy guard AWS recommends for service principals.
 */
const alarmsOfThisAccount = processor.arn.apply((arn) => {
  const [, partition, , region, account] = arn.split(':');
  return { account: account!, alarms: `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` };
});

new aws.lambda.Permission('ProcessorAlarmActionPermission', {
  action: 'lambda:InvokeFunction',
  function: processor.name,
  principal: 'lambda.alarms.cloudwatch.amazonaws.com',
  sourceAccount: alarmsOfThisAccount.apply((a) => a.account),
  sourceArn: alarmsOfThisAccount.apply((a) => a.alarms),
});
