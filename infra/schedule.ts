/** @module Infrastructure (schedule): at the start of office hours, a "post the summary" message on the signal queue. */
import { officeStartCron } from '../src/pipeline/office-hours.ts';
import { deadLetterQueue, signalQueue } from './queue.ts';
import { serviceRole } from './service-role.ts';
import { settings } from './settings.ts';

/*
 * The summary is not a Lambda of its own: it is one more message for the processor, so it shares
 * the processor's Slack pacing and concurrency cap (Slack's per-channel limits hold across every
 * kind of post), its retries and its dead-letter queue. EventBridge Scheduler, not an EventBridge
 * rule, because rules read cron in UTC and office hours move with summer time; Scheduler
 * evaluates the cron in the stage's own time zone.
 */
const officeHours = settings.officeHours;
if (!officeHours) throw new Error('infra/schedule.ts needs office hours for this stage (officeHours in alert-catalog/clarion.config.yaml)');

// The dead-letter queue too: Scheduler sends what it could not deliver there with the same role.
const role = serviceRole('SummarySchedule', {
  service: 'scheduler.amazonaws.com',
  description: 'Lets EventBridge Scheduler put the office-hours summary request on the Clarion signal queue',
  statements: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: [signalQueue.arn, deadLetterQueue.arn] }],
  sourceAccount: aws.getCallerIdentityOutput().apply((identity) => identity.accountId),
});

export const summarySchedule = new aws.scheduler.Schedule('SummarySchedule', {
  description: 'Clarion: post what was held outside office hours',
  scheduleExpression: officeStartCron(officeHours.hours),
  scheduleExpressionTimezone: officeHours.timeZone,
  flexibleTimeWindow: { mode: 'OFF' },
  target: {
    arn: signalQueue.arn,
    roleArn: role.arn,
    // The cron knows weekdays, not closed dates: a scheduled request on a closed date posts nothing.
    input: JSON.stringify({ clarion: 'summary', trigger: 'schedule' }),
    retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 20 },
    deadLetterConfig: { arn: deadLetterQueue.arn },
  },
});
