/** @module Infrastructure (schedule): at the start of office hours, a "post the summary" message on the signal queue; each week, a "post the weekly recap" one. */
import { recapCron } from '../src/history/recap-schedule.ts';
import { officeStartCron } from '../src/pipeline/office-hours.ts';
import { timeZoneFor } from '../src/pipeline/route-alert.ts';
import { catalog } from './catalog.ts';
import { deadLetterQueue, signalQueue } from './queue.ts';
import { serviceRole } from './service-role.ts';
import { settings } from './settings.ts';

/*
 * The summary is not a Lambda of its own: it is one more message for the processor, so it shares
 * the processor's Slack pacing and concurrency cap (Slack's per-channel limits hold across every
 * kind of post), its retries and its dead-letter queue. EventBridge Scheduler, not an EventBridge
 * rule, because rules read cron in UTC and office hours move with summer time; Scheduler
 * evaluates the cron in the stage's own time zone. The weekly recap is the same kind of message.
 */
const officeHours = settings.officeHours;
const account = aws.getCallerIdentityOutput().apply((identity) => identity.accountId);

// The dead-letter queue too: Scheduler sends what it could not deliver there with the same role.
const role = officeHours
  ? serviceRole('SummarySchedule', {
      service: 'scheduler.amazonaws.com',
      description: 'Lets EventBridge Scheduler put the office-hours summary request on the Clarion signal queue',
      statements: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: [signalQueue.arn, deadLetterQueue.arn] }],
      sourceAccount: account,
    })
  : undefined;

/** Without office hours for the stage every audience is told at once, and there is no summary to schedule. */
export const summarySchedule =
  officeHours && role
    ? new aws.scheduler.Schedule('SummarySchedule', {
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
      })
    : undefined;

const recap = catalog.runtime.config.recap;

/**
 * The weekly recap (`recap:` in the configuration; `false` schedules nothing). `dueAt` is the time
 * Scheduler meant it for, so a late or repeated delivery recaps the same week and posts once.
 */
export const recapSchedule =
  recap === false
    ? undefined
    : new aws.scheduler.Schedule('RecapSchedule', {
        description: 'Clarion: post the weekly recap',
        scheduleExpression: recapCron(recap),
        scheduleExpressionTimezone: timeZoneFor(catalog.runtime.config, settings.stage),
        flexibleTimeWindow: { mode: 'OFF' },
        target: {
          arn: signalQueue.arn,
          roleArn: serviceRole('RecapSchedule', {
            service: 'scheduler.amazonaws.com',
            description: 'Lets EventBridge Scheduler put the weekly recap request on the Clarion signal queue',
            statements: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: [signalQueue.arn, deadLetterQueue.arn] }],
            sourceAccount: account,
          }).arn,
          input: JSON.stringify({ clarion: 'recap', dueAt: '<aws.scheduler.scheduled-time>' }),
          retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 20 },
          deadLetterConfig: { arn: deadLetterQueue.arn },
        },
      });
