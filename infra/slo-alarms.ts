/** @module Infrastructure (SLO alarms): each catalog objective's burn-rate alarms — metric-math children and the composites that tell Clarion. */
import { ALARM_NAME_LIMIT } from '../src/catalog/slo-names.ts';
import { burnRateAlarms } from '../src/slo/burn-rate-alarms.ts';
import type { BurnRateAlarm } from '../src/slo/burn-rate-alarms.ts';
import { catalogEntries } from './catalog.ts';
import { selfAlarmPrefix } from './event-patterns.ts';
import { alarmTopic } from './ingest.ts';

/*
 * The names start with `<app>-<stage>-`, which the EventBridge alarm rule leaves out (Clarion's own
 * alarms), so nothing reaches Clarion twice: the composites tell it through the alarm topic, as
 * Clarion's own alarms do, and the children have no actions at all. The entry's generated match
 * claims the composites by name (src/catalog/slo-names.ts). Missing data is not a burn: a quiet
 * night must not page anyone.
 */

const prefix = selfAlarmPrefix($app.name, $app.stage);

/** Logical names: PascalCase of the alarm name after the prefix (`slo-portal-page-speed-fast-1h` → `SloPortalPageSpeedFast1h`). */
function logical(name: string): string {
  return name
    .slice(prefix.length)
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function child(alarm: BurnRateAlarm) {
  return new aws.cloudwatch.MetricAlarm(logical(alarm.name), {
    name: alarm.name,
    alarmDescription: alarm.description,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold: alarm.threshold,
    comparisonOperator: alarm.comparison,
    treatMissingData: 'notBreaching',
    metricQueries: [
      ...alarm.queries.map((q) => ({
        id: q.id,
        returnData: false,
        metric: { namespace: q.namespace, metricName: q.metricName, dimensions: q.dimensions, period: q.period, stat: q.stat },
      })),
      { id: 'burn', expression: alarm.expression, label: `burn rate over ${alarm.window}`, returnData: true },
    ],
    tags: alarm.tags,
  });
}

export const sloAlarms = catalogEntries.flatMap((entry) =>
  burnRateAlarms(entry, prefix).map((pair) => {
    for (const name of [pair.composite.name, pair.long.name, pair.short.name]) {
      // The catalog check leaves 64 characters for the prefix; a longer app and stage name is caught here, before AWS refuses it.
      if (name.length > ALARM_NAME_LIMIT) throw new Error(`${entry.id}: the alarm name ${name} is ${name.length} characters; CloudWatch allows ${ALARM_NAME_LIMIT}`);
    }
    const long = child(pair.long);
    const short = child(pair.short);
    const composite = new aws.cloudwatch.CompositeAlarm(
      logical(pair.composite.name),
      {
        alarmName: pair.composite.name,
        alarmDescription: pair.composite.description,
        alarmRule: pair.composite.rule,
        actionsEnabled: true,
        alarmActions: [alarmTopic.arn],
        okActions: [alarmTopic.arn],
        tags: pair.composite.tags,
      },
      { dependsOn: [long, short] },
    );
    return { entry: entry.id, pair: pair.pair, composite, long, short };
  }),
);
