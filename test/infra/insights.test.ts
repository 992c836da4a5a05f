import { describe, expect, it } from 'vitest';
import { HISTORY_METRICS, HISTORY_METRICS_SERVICE } from '../../src/history/history-metrics.ts';
import { loadInfra } from './sst-stand-in.ts';

const PROD = { stage: 'prod', env: { CLARION_ALARM_EMAIL: 'oncall@example.org' } };

interface Widget {
  type: string;
  properties: { region?: string; metrics?: Array<Array<string | Record<string, unknown>>> };
}

async function dashboard() {
  const graph = await loadInfra(PROD);
  const resource = graph.named('aws.cloudwatch.Dashboard', 'InsightsDashboard');
  return { graph, name: resource.args['dashboardName'], widgets: (JSON.parse(String(resource.args['dashboardBody'])) as { widgets: Widget[] }).widgets };
}

describe('sst.config.ts run(): insights', () => {
  it('subscribes the history metrics function to the history table\'s stream, woken for writes only and retrying a failed batch a few times in halves', async () => {
    // Prepare
    const graph = await loadInfra(PROD);
    // Act
    const subscriber = graph.named('sst.aws.DynamoSubscriber', 'HistoryMetrics');
    // Assess
    expect(graph.byInstance(subscriber.args['table'])?.name).toBe('HistoryTable');
    expect(subscriber.args).toMatchObject({
      subscriber: { handler: 'functions/history-metrics.handler' },
      filters: [{ eventName: ['INSERT', 'MODIFY'] }],
      transform: { eventSourceMapping: { bisectBatchOnFunctionError: true, maximumRetryAttempts: 3 } },
    });
    expect(graph.named('sst.aws.Dynamo', 'HistoryTable').args).toMatchObject({ stream: 'new-and-old-images' });
  });

  it('draws every metric the function emits on the dashboard, under the function\'s service dimension', async () => {
    // Act
    const { widgets } = await dashboard();
    // Assess
    const lines = widgets.flatMap((w) => w.properties.metrics ?? []).filter((line) => line[0] === 'Clarion');
    expect(new Set(lines.map((line) => line[1]))).toEqual(new Set(Object.values(HISTORY_METRICS)));
    expect(lines.every((line) => line[2] === 'service' && line[3] === HISTORY_METRICS_SERVICE)).toBe(true);
  });

  it('puts the dashboard\'s graphs in the functions\' region and names it after the stage', async () => {
    // Act
    const { name, widgets } = await dashboard();
    // Assess
    expect(name).toBe('clarion-prod-insights');
    expect(widgets.filter((w) => w.type === 'metric').every((w) => w.properties.region === 'eu-west-2')).toBe(true);
  });

  it('outputs the dashboard\'s name', async () => {
    // Act
    const graph = await loadInfra(PROD);
    // Assess
    expect(graph.outputs['insightsDashboardName']).toBe('clarion-prod-InsightsDashboard');
  });
});
