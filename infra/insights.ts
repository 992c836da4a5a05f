/** @module Infrastructure (insights): the history table's stream → the history metrics function → CloudWatch metrics, and the dashboard that draws them. */
import { HISTORY_METRICS, HISTORY_METRICS_SERVICE } from '../src/history/history-metrics.ts';
import { common } from './function-defaults.ts';
import { processor } from './functions.ts';
import { historyTable } from './storage.ts';

/*
 * Metrics come from the history table's stream, not from the processor: history is written as
 * records change (an acknowledgement from the interactions function, a resolution from the
 * processor, a note from either), so one consumer sees every change once, whoever made it. The
 * status page publisher is another consumer of the same stream.
 *
 * Stream records are kept 24 hours. A batch that fails (the catalog would not load) is retried a
 * few times, split in halves to find a bad record, then left: a metric lost is cheaper than a
 * shard held up for a day.
 */
export const historyMetricsSubscriber = historyTable.subscribe(
  'HistoryMetrics',
  {
    ...common,
    handler: 'functions/history-metrics.handler',
    description: 'Clarion: CloudWatch metrics from the history table (incidents, acknowledgements, escalations, clarity)',
    memory: '256 MB',
    timeout: '30 seconds',
    link: [],
  },
  {
    // TTL expiries (REMOVE) say nothing new; the function ignores them too, but need not be woken for them.
    filters: [{ eventName: ['INSERT', 'MODIFY'] }],
    transform: {
      eventSourceMapping: {
        batchSize: 100,
        maximumBatchingWindowInSeconds: 10,
        bisectBatchOnFunctionError: true,
        maximumRetryAttempts: 3,
      },
    },
  },
);

type MetricLine = Array<string | Record<string, unknown>>;

const metric = (name: string, dimensions: Record<string, string> = {}, options: Record<string, unknown> = {}): MetricLine => [
  'Clarion',
  name,
  'service',
  HISTORY_METRICS_SERVICE,
  ...Object.entries(dimensions).flat(),
  ...(Object.keys(options).length > 0 ? [options] : []),
];

/** A daily graph; the dashboard is 24 units wide, three graphs to a row. */
function graph(title: string, metrics: MetricLine[], at: { x: number; y: number; width?: number; stacked?: boolean }) {
  return {
    type: 'metric',
    x: at.x,
    y: at.y,
    width: at.width ?? 8,
    height: 6,
    properties: { title, metrics, view: 'timeSeries', period: 86_400, stat: 'Sum', stacked: at.stacked ?? false },
  };
}

/** The dashboard's body (CloudWatch's JSON), in the region the functions run in. */
export function insightsDashboardBody(region: string, stage: string) {
  const severities = ['critical', 'high', 'medium', 'low', 'info'];
  const withRegion = (widget: ReturnType<typeof graph>) => ({ ...widget, properties: { ...widget.properties, region } });
  return {
    widgets: [
      {
        type: 'text',
        x: 0,
        y: 0,
        width: 24,
        height: 2,
        properties: {
          markdown: `## Clarion — what the alerts say (${stage})\nFrom the history table: alarm incidents only (what non-technical readers were told is the same incident). Daily sums; times in minutes. \`clarion report\` has the same figures per entry.`,
        },
      },
      withRegion(
        graph(
          'Incidents opened, by severity',
          severities.map((severity) => metric(HISTORY_METRICS.opened, { severity }, { label: severity })),
          { x: 0, y: 2, stacked: true },
        ),
      ),
      withRegion(
        graph(
          'Time to acknowledge (minutes)',
          [
            [{ expression: 'ack50 / 60', label: 'median', id: 'ackMedian' }],
            [{ expression: 'ack90 / 60', label: '90th percentile', id: 'ackP90' }],
            metric(HISTORY_METRICS.timeToAcknowledge, {}, { id: 'ack50', stat: 'p50', visible: false }),
            metric(HISTORY_METRICS.timeToAcknowledge, {}, { id: 'ack90', stat: 'p90', visible: false }),
          ],
          { x: 8, y: 2 },
        ),
      ),
      withRegion(
        graph(
          'Time to resolve (minutes)',
          [
            [{ expression: 'res50 / 60', label: 'median', id: 'resMedian' }],
            [{ expression: 'res90 / 60', label: '90th percentile', id: 'resP90' }],
            metric(HISTORY_METRICS.timeToResolve, {}, { id: 'res50', stat: 'p50', visible: false }),
            metric(HISTORY_METRICS.timeToResolve, {}, { id: 'res90', stat: 'p90', visible: false }),
          ],
          { x: 16, y: 2 },
        ),
      ),
      withRegion(
        graph(
          'Out of hours and re-fires',
          [metric(HISTORY_METRICS.openedOutOfHours, {}, { label: 'opened out of office hours' }), metric(HISTORY_METRICS.reopened, {}, { label: 're-fired after resolving' })],
          { x: 0, y: 8 },
        ),
      ),
      withRegion(
        graph(
          'Escalation steps and silences',
          [
            ...['remind', 'mention', 'channel', 'page'].map((action) => metric(HISTORY_METRICS.escalationStep, { action }, { label: `escalation: ${action}` })),
            metric(HISTORY_METRICS.silence, {}, { label: 'silences started' }),
          ],
          { x: 8, y: 8, stacked: true },
        ),
      ),
      withRegion(
        graph(
          'Was this clear? answers',
          [metric(HISTORY_METRICS.clarity, { answer: 'yes' }, { label: 'yes' }), metric(HISTORY_METRICS.clarity, { answer: 'no' }, { label: 'no' })],
          { x: 16, y: 8, stacked: true },
        ),
      ),
      withRegion(
        graph(
          'Acknowledged and resolved',
          [metric(HISTORY_METRICS.acknowledged, {}, { label: 'acknowledged' }), metric(HISTORY_METRICS.resolved, {}, { label: 'resolved' }), metric(HISTORY_METRICS.opened, { severity: 'critical' }, { label: 'critical opened' })],
          { x: 0, y: 14, width: 24 },
        ),
      ),
    ],
  };
}

export const insightsDashboard = new aws.cloudwatch.Dashboard('InsightsDashboard', {
  dashboardName: `${$app.name}-${$app.stage}-insights`,
  // The functions' region, read off the processor's ARN (arn:aws:lambda:REGION:…).
  dashboardBody: processor.arn.apply((arn) => JSON.stringify(insightsDashboardBody(arn.split(':')[3]!, $app.stage))),
});
