/** @module Infrastructure (maintenance): for each maintenance window in the catalog, three EventBridge Scheduler schedules (before, start, end) that put its phase on the signal queue. */
import { createHash } from 'node:crypto';
import { maintenanceSchedules as schedulesOf } from '../src/pipeline/maintenance-schedules.ts';
import { timeZoneFor } from '../src/pipeline/route-alert.ts';
import { catalog } from './catalog.ts';
import { deadLetterQueue, signalQueue } from './queue.ts';
import { serviceRole } from './service-role.ts';

/*
 * As the summary is (schedule.ts): one more message for the processor, sharing its pacing, retries
 * and dead-letter queue, with Scheduler reading the times in the stage's own time zone. The
 * schedules are made from the compiled catalog at deploy time, so a window added to the YAML is
 * scheduled by the next deploy.
 */
const stage = $app.stage;
const windows = catalog.runtime.maintenance ?? [];
const specs = schedulesOf(windows, timeZoneFor(catalog.runtime.config, stage), new Date());

const role =
  specs.length > 0
    ? serviceRole('MaintenanceSchedule', {
        service: 'scheduler.amazonaws.com',
        description: 'Lets EventBridge Scheduler put maintenance-window notices on the Clarion signal queue',
        statements: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: [signalQueue.arn, deadLetterQueue.arn] }],
        sourceAccount: aws.getCallerIdentityOutput().apply((identity) => identity.accountId),
      })
    : undefined;

/** A resource name per window and phase: the id's letters, and a short hash so two ids that read alike stay apart. */
function resourceName(windowId: string, phase: string): string {
  const letters = windowId.replace(/[^a-z0-9]+/gi, ' ').trim().split(' ').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('').slice(0, 30);
  const hash = createHash('sha256').update(windowId).digest('hex').slice(0, 6);
  return `Maintenance${letters}${hash}${phase.charAt(0).toUpperCase()}${phase.slice(1)}`;
}

export const maintenanceSchedules = specs.map(
  (spec) =>
    new aws.scheduler.Schedule(resourceName(spec.windowId, spec.phase), {
      description: `Clarion: planned work ${spec.windowId}, ${spec.phase}`,
      scheduleExpression: spec.expression,
      scheduleExpressionTimezone: spec.timeZone,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: signalQueue.arn,
        roleArn: role!.arn,
        input: JSON.stringify(spec.input),
        retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 20 },
        deadLetterConfig: { arn: deadLetterQueue.arn },
      },
    }),
);
