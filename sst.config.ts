/**
 * ## Clarion on AWS
 *
 * `npx sst deploy --stage prod` deploys the whole pipeline into the account of your AWS
 * credentials: the signal queue and its dead-letter queue, EventBridge rules and the alarm SNS
 * topic feeding it, the processor (which alarms may also name as their Lambda action), the Slack interactions function, the state table, the Clarion
 * bus, Clarion's own alarms, the insights metrics and dashboard, and, when the stage has office hours, the schedule of the summary
 * posted when they start. Set the Slack secrets first (docs/deploy.md).
 *
 * With `CLARION_HUB_BUS_ARN` set, the same command deploys a member account instead: rules that
 * forward its events to the hub account's Clarion bus.
 *
 * Types: `sst` generates .sst/platform/config.d.ts on first run; infra/sst-platform.d.ts declares
 * the part used here so the project type-checks without it.
 */
export default $config({
  app(input) {
    const production = ['prod', 'production'].includes(input.stage);
    return {
      name: 'clarion',
      home: 'aws',
      // Production keeps its table, queues and logs if the stage is ever removed, and refuses to
      // delete protected resources during a deploy.
      removal: production ? 'retain' : 'remove',
      protect: production,
    };
  },
  async run() {
    const { settings } = await import('./infra/settings.ts');
    if (settings.hubBusArn) {
      const { forwardingRules } = await import('./infra/member-forwarding.ts');
      return { mode: 'member', hubBusArn: settings.hubBusArn, forwardingRules: forwardingRules.length };
    }
    const { stateTable, historyTable } = await import('./infra/storage.ts');
    const { signalQueue, deadLetterQueue } = await import('./infra/queue.ts');
    const { clarionBus } = await import('./infra/bus.ts');
    const { alarmTopic } = await import('./infra/ingest.ts');
    const { interactions, processor } = await import('./infra/functions.ts');
    const { lastResortTopic } = await import('./infra/monitoring.ts');
    // The summary at the start of office hours (none without them), and the weekly recap (unless `recap: false`).
    const { summarySchedule: summary, recapSchedule } = await import('./infra/schedule.ts');
    // Maintenance windows' notices (before, start, end), one schedule each, from the catalog.
    const { maintenanceSchedules } = await import('./infra/maintenance-schedule.ts');
    // Metrics from the history table's stream, and the dashboard that draws them.
    const { insightsDashboard } = await import('./infra/insights.ts');
    // The stakeholder status page: S3 behind CloudFront, rewritten from history by its publisher.
    const { statusPage } = await import('./infra/status-page.ts');
    // Each catalog objective's burn-rate alarms: two metric-math alarms and a composite per pair (clarion slo lists them).
    const { sloAlarms } = await import('./infra/slo-alarms.ts');
    return {
      /** Paste into the Slack app's Interactivity & Shortcuts → Request URL. */
      interactionsUrl: interactions.url,
      /** Use as the action of alarms that should reach Clarion through SNS. */
      alarmTopicArn: alarmTopic.arn,
      /** Or as their Lambda action: the processor queues what CloudWatch sends it. */
      processorArn: processor.arn,
      /** Member accounts forward to this bus (CLARION_HUB_BUS_ARN); apps PutEvents `Clarion Alert` here. */
      clarionBusArn: clarionBus.arn,
      clarionBusName: clarionBus.name,
      signalQueueUrl: signalQueue.url,
      deadLetterQueueUrl: deadLetterQueue.url,
      stateTableName: stateTable.name,
      /** For `clarion report --history-table` (or CLARION_HISTORY_TABLE). */
      historyTableName: historyTable.name,
      lastResortTopicArn: lastResortTopic.arn,
      ...(summary ? { summaryScheduleArn: summary.arn } : {}),
      ...(recapSchedule ? { recapScheduleArn: recapSchedule.arn } : {}),
      maintenanceSchedules: maintenanceSchedules.length,
      sloAlarms: sloAlarms.length,
      /** CloudWatch → Dashboards: incidents, time to acknowledge and resolve, escalations, clarity. */
      insightsDashboardName: insightsDashboard.dashboardName,
      /** The status page's address (send it to local offices; their messages link to it). */
      statusPageUrl: statusPage.properties.url,
    };
  },
});
