// The SLO burn-rate alarms as infra creates them from the shipped catalog, checked offline on the recorded resource graph.
import { describe, expect, it } from 'vitest';
import { loadInfra } from './sst-stand-in.ts';

const PROD = { stage: 'prod', env: { CLARION_ALARM_EMAIL: 'oncall@example.org' } };
const BASE = 'clarion-prod-slo-portal-page-speed';

async function sloResources() {
  const graph = await loadInfra(PROD);
  const arnOf = (name: string) => (graph.named('sst.aws.SnsTopic', name).instance as { arn: { value: string } }).arn.value;
  return {
    graph,
    alarmTopic: arnOf('AlarmTopic'),
    children: graph.ofType('aws.cloudwatch.MetricAlarm').filter((a) => String(a.args['name']).startsWith(BASE)),
    composites: graph.ofType('aws.cloudwatch.CompositeAlarm'),
  };
}

describe('sst.config.ts run(): SLO burn-rate alarms', () => {
  it('creates two metric-math alarms per window pair of the portal objective, named after the entry and the window', async () => {
    // Act
    const { children } = await sloResources();

    // Assess
    expect(children.map((a) => [a.args['name'], a.args['threshold'], (a.args['metricQueries'] as Array<{ metric?: { period: number } }>)[0]!.metric!.period])).toEqual([
      [`${BASE}-fast-1h`, 14.4, 3600],
      [`${BASE}-fast-5m`, 14.4, 300],
      [`${BASE}-slow-6h`, 6, 21600],
      [`${BASE}-slow-30m`, 6, 1800],
    ]);
  });

  it('computes the burn rate from the latency metric\'s percentile rank at 2 s, a statistic alarms document, guarded by its sample count', async () => {
    // Act
    const { children } = await sloResources();

    // Assess
    expect(children[0]!.args['metricQueries']).toEqual([
      { id: 'good', returnData: false, metric: { namespace: 'AWS/ApplicationELB', metricName: 'TargetResponseTime', dimensions: { LoadBalancer: 'app/trainee-portal-prod/50dc6c495c0c9188' }, period: 3600, stat: 'PR(:2)' } },
      { id: 'total', returnData: false, metric: { namespace: 'AWS/ApplicationELB', metricName: 'TargetResponseTime', dimensions: { LoadBalancer: 'app/trainee-portal-prod/50dc6c495c0c9188' }, period: 3600, stat: 'SampleCount' } },
      { id: 'burn', expression: 'IF(total > 0, (100 - good) / 100 / 0.01, 0)', label: 'burn rate over 1h', returnData: true },
    ]);
  });

  it('gives the children no actions, so only the composites reach Clarion', async () => {
    // Act
    const { children } = await sloResources();

    // Assess
    expect(children.map((a) => [a.args['alarmActions'], a.args['okActions'], a.args['comparisonOperator'], a.args['treatMissingData']])).toEqual(
      Array(4).fill([undefined, undefined, 'GreaterThanThreshold', 'notBreaching']),
    );
  });

  it('fires each composite only while both windows of its pair burn, and tells the alarm topic of ALARM and OK', async () => {
    // Act
    const { composites, alarmTopic } = await sloResources();

    // Assess
    expect(composites.map((c) => c.args)).toEqual([
      expect.objectContaining({ alarmName: `${BASE}-fast`, alarmRule: `ALARM("${BASE}-fast-1h") AND ALARM("${BASE}-fast-5m")`, alarmActions: [alarmTopic], okActions: [alarmTopic] }),
      expect.objectContaining({ alarmName: `${BASE}-slow`, alarmRule: `ALARM("${BASE}-slow-6h") AND ALARM("${BASE}-slow-30m")`, alarmActions: [alarmTopic], okActions: [alarmTopic] }),
    ]);
  });

  it('tags every alarm with its entry and window pair', async () => {
    // Act
    const { children, composites } = await sloResources();

    // Assess
    expect([...composites, ...children].map((a) => a.args['tags'])).toEqual([
      { 'clarion:entry': 'portal.page-speed', 'clarion:slo-window': 'fast' },
      { 'clarion:entry': 'portal.page-speed', 'clarion:slo-window': 'slow' },
      ...Array(2).fill({ 'clarion:entry': 'portal.page-speed', 'clarion:slo-window': 'fast' }),
      ...Array(2).fill({ 'clarion:entry': 'portal.page-speed', 'clarion:slo-window': 'slow' }),
    ]);
  });

  it('outputs how many window pairs it deployed', async () => {
    // Act
    const { graph } = await sloResources();

    // Assess
    expect(graph.outputs['sloAlarms']).toBe(2);
  });
});
