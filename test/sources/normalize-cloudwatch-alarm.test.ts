import { describe, expect, it } from 'vitest';
import { normalizeEvent } from '../../src/sources/normalize-event.ts';
import type { Json } from './sample-events.ts';
import { copy, eventBridge, loadSample, normalizeOne, RECEIVED_AT, snsEnvelope, snsMessageOf, viaSns, viaSqs } from './sample-events.ts';

const APP_ALARM = 'trainee-portal-prod-unhealthy-hosts';
const APP_ALARM_ARN = `arn:aws:cloudwatch:eu-west-2:111111111111:alarm:${APP_ALARM}`;

/** The EventBridge app-down alarm re-shaped as a direct alarm-action payload. */
function asDirectAction(event: Json): Json {
  return {
    source: 'aws.cloudwatch',
    alarmArn: (event.resources as string[])[0],
    accountId: event.account,
    time: '2026-11-22T09:14:05.412+0000',
    region: event.region,
    alarmData: event.detail,
  };
}

function alarmDetail(overrides: Json = {}): Json {
  return copy({ ...(loadSample('app-down-alarm.json').detail as Json), ...overrides });
}

const ANOMALY_EVENT = eventBridge(
  'CloudWatch Alarm State Change',
  'aws.cloudwatch',
  {
    alarmName: 'EC2 CPU Utilization Anomaly',
    state: {
      value: 'ALARM',
      reason:
        'Thresholds Crossed: 1 out of the last 1 datapoints [0.0 (03/10/19 15:58:00)] was less than the lower thresholds [0.020599444741798756] or greater than the upper thresholds [0.3006915352732461] (minimum 1 datapoint for OK -> ALARM transition).',
      reasonData:
        '{"version":"1.0","queryDate":"2019-10-03T16:00:04.650+0000","startDate":"2019-10-03T15:58:00.000+0000","period":60,"recentDatapoints":[0.0],"recentLowerThresholds":[0.020599444741798756],"recentUpperThresholds":[0.3006915352732461]}',
      timestamp: '2019-10-03T16:00:04.653+0000',
    },
    previousState: { value: 'OK', reason: 'x', timestamp: '2019-10-03T15:59:04.672+0000' },
    configuration: {
      description: 'Goes into alarm if CPU Utilization is out of band',
      metrics: [
        {
          id: 'm1',
          metricStat: {
            metric: { namespace: 'AWS/EC2', name: 'CPUUtilization', dimensions: { InstanceId: 'i-12345678901234567' } },
            period: 60,
            stat: 'Average',
          },
          returnData: true,
        },
        { id: 'ad1', expression: 'ANOMALY_DETECTION_BAND(m1, 0.8)', label: 'CPUUtilization (expected)', returnData: true },
      ],
    },
  },
  { region: 'us-east-1', account: '123456789012', resources: ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:EC2 CPU Utilization Anomaly'] },
);

const COMPOSITE_EVENT = eventBridge(
  'CloudWatch Alarm State Change',
  'aws.cloudwatch',
  {
    alarmName: 'ServiceAggregatedAlarm',
    state: {
      actionsSuppressedBy: 'WaitPeriod',
      actionsSuppressedReason: 'Actions suppressed by WaitPeriod',
      value: 'ALARM',
      reason: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh transitioned to ALARM at Friday 22 July, 2022 15:57:45 UTC',
      reasonData:
        '{"triggeringAlarms":[{"arn":"arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh","state":{"value":"ALARM","timestamp":"2022-07-22T15:57:45.394+0000"}}]}',
      timestamp: '2022-07-22T15:57:45.394+0000',
    },
    previousState: { value: 'OK', reason: 'x', timestamp: '2022-07-22T15:56:14.552+0000' },
    configuration: {
      alarmRule: 'ALARM(ServerCpuTooHigh) OR ALARM(TotalNetworkTrafficTooHigh)',
      actionsSuppressor: 'ServiceMaintenanceAlarm',
      actionsSuppressorWaitPeriod: 120,
      actionsSuppressorExtensionPeriod: 180,
    },
  },
  { region: 'us-east-1', account: '123456789012', resources: ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServiceAggregatedAlarm'] },
);

describe('CloudWatch alarms from EventBridge', () => {
  it('names the signal after the alarm and keys it by the alarm ARN', () => {
    // Act
    const signal = normalizeOne(loadSample('app-down-alarm.json'));

    // Assess
    expect([signal.name, signal.key]).toEqual([APP_ALARM, `cloudwatch-alarm:${APP_ALARM_ARN}`]);
  });

  it('gives the firing and the resolve of one alarm the same key', () => {
    // Act
    const keys = ['app-down-alarm.json', 'app-down-ok.json'].map((f) => normalizeOne(loadSample(f)).key);

    // Assess
    expect(keys[0]).toBe(keys[1]);
  });

  it('marks an OK state as resolved', () => {
    // Act
    const signal = normalizeOne(loadSample('app-down-ok.json'));

    // Assess
    expect([signal.state, signal.alarm?.value, signal.alarm?.previousValue]).toEqual(['resolved', 'OK', 'ALARM']);
  });

  it('marks INSUFFICIENT_DATA as firing with noData', () => {
    // Act
    const signal = normalizeOne(loadSample('placements-stale-no-data.json'));

    // Assess
    expect([signal.state, signal.noData]).toEqual(['firing', true]);
  });

  it('reads the threshold and datapoints from the double-encoded reasonData', () => {
    // Act
    const signal = normalizeOne(loadSample('app-down-alarm.json'));

    // Assess
    expect([signal.metric?.threshold, signal.metric?.recentValues]).toEqual([0, [2, 3]]);
  });

  it('fills the metric placeholders with the latest value and the dimensions', () => {
    // Act
    const signal = normalizeOne(loadSample('app-down-alarm.json'));

    // Assess
    expect(signal.vars.metric).toMatchObject({
      namespace: 'AWS/ApplicationELB',
      name: 'UnHealthyHostCount',
      stat: 'Maximum',
      threshold: 0,
      value: 3,
      dimensions: { LoadBalancer: 'app/trainee-portal-prod/50dc6c495c0c9188' },
    });
  });

  it('fills the alarm placeholders with name, description and states', () => {
    // Act
    const signal = normalizeOne(loadSample('app-down-alarm.json'));

    // Assess
    expect(signal.vars.alarm).toMatchObject({
      name: APP_ALARM,
      arn: APP_ALARM_ARN,
      description: 'Trainee Portal web servers are failing load balancer health checks.',
      state: 'ALARM',
      previousState: 'OK',
      type: 'metric',
    });
  });

  it('fills the common signal and event placeholders', () => {
    // Act
    const signal = normalizeOne(loadSample('app-down-alarm.json'));

    // Assess
    expect([signal.vars.signal, signal.vars.event]).toMatchObject([
      { name: APP_ALARM, region: 'eu-west-2', account: '111111111111', time: '2026-11-22T09:14:05.412Z', resource: APP_ALARM },
      { source: 'aws.cloudwatch', 'detail-type': 'CloudWatch Alarm State Change', id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718' },
    ]);
  });

  it('infers the comparison and evaluation periods from the reason text', () => {
    // Act
    const signal = normalizeOne(loadSample('app-down-alarm.json'));

    // Assess
    expect([signal.metric?.comparison, signal.metric?.evaluationPeriods]).toEqual(['GreaterThanThreshold', 2]);
  });

  it('links to the alarm in the CloudWatch console of its Region', () => {
    // Act
    const signal = normalizeOne(loadSample('app-down-alarm.json'));

    // Assess
    expect(signal.links).toEqual([
      {
        label: 'View alarm in console',
        url: `https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#alarmsV2:alarm/${APP_ALARM}`,
      },
    ]);
  });

  it('shows the returned expression and label of a metric-math alarm', () => {
    // Act
    const signal = normalizeOne(loadSample('error-rate-alarm.json'));

    // Assess
    expect(signal.metric).toMatchObject({ expression: 'm1/m2*100', label: 'Error rate %', namespace: 'AWS/ApplicationELB', stat: 'Sum' });
  });

  it('labels a metric-math alarm as such', () => {
    // Act
    const signal = normalizeOne(loadSample('error-rate-alarm.json'));

    // Assess
    expect([signal.kind, signal.alarm?.type, signal.metric?.name]).toEqual(['metric-math', 'metric-math', undefined]);
  });

  it('drops the dimensions on which the inputs of a metric-math alarm disagree', () => {
    // Prepare
    const event = copy(loadSample('error-rate-alarm.json'));
    const metrics = ((event.detail as Json).configuration as Json).metrics as Array<{ metricStat?: { metric: { dimensions: Json } } }>;
    metrics[2]!.metricStat!.metric.dimensions = { LoadBalancer: 'app/other/1', AvailabilityZone: 'eu-west-2a' };

    // Act
    const signal = normalizeOne(event);

    // Assess
    expect(signal.metric?.dimensions).toEqual({ AvailabilityZone: 'eu-west-2a' });
  });

  it('recognises an anomaly-detection alarm and keeps its band', () => {
    // Act
    const signal = normalizeOne(ANOMALY_EVENT);

    // Assess
    expect(signal.metric).toMatchObject({
      name: 'CPUUtilization',
      expression: 'ANOMALY_DETECTION_BAND(m1, 0.8)',
      lowerThresholds: [0.020599444741798756],
      upperThresholds: [0.3006915352732461],
      comparison: 'LessThanLowerOrGreaterThanUpperThreshold',
    });
  });

  it('keeps the name of an alarm whose name has spaces', () => {
    // Act
    const signal = normalizeOne(ANOMALY_EVENT);

    // Assess
    expect([signal.kind, signal.name]).toEqual(['anomaly-detection', 'EC2 CPU Utilization Anomaly']);
  });

  it('encodes spaces in the console link of an alarm', () => {
    // Act
    const signal = normalizeOne(ANOMALY_EVENT);

    // Assess
    expect(signal.links[0]?.url).toContain('#alarmsV2:alarm/EC2%20CPU%20Utilization%20Anomaly');
  });

  it('recognises a composite alarm with its rule and triggering children', () => {
    // Act
    const signal = normalizeOne(COMPOSITE_EVENT);

    // Assess
    expect([signal.kind, signal.alarm?.rule, signal.alarm?.triggeringAlarms, signal.metric]).toEqual([
      'composite',
      'ALARM(ServerCpuTooHigh) OR ALARM(TotalNetworkTrafficTooHigh)',
      ['ServerCpuTooHigh'],
      undefined,
    ]);
  });

  it('exposes why a composite alarm suppressed its actions', () => {
    // Act
    const signal = normalizeOne(COMPOSITE_EVENT);

    // Assess
    expect((signal.vars.alarm as Json).actionsSuppressedBy).toBe('WaitPeriod');
  });

  it('ignores a configuration change and says why', () => {
    // Prepare
    const event = eventBridge('CloudWatch Alarm Configuration Change', 'aws.cloudwatch', {
      alarmName: 'ServerCpuTooHigh',
      operation: 'update',
      state: { value: 'INSUFFICIENT_DATA', timestamp: '2022-03-03T17:06:13.757+0000' },
      configuration: { threshold: 80, comparisonOperator: 'GreaterThanThreshold', timestamp: '2022-03-03T17:06:34.267+0000' },
    });

    // Act
    const signal = normalizeOne(event);

    // Assess
    expect([signal.state, signal.ignoreReason, signal.time]).toEqual([
      'ignore',
      'CloudWatch alarm configuration change (update), not a state change',
      '2022-03-03T17:06:34.267Z',
    ]);
  });

  it('takes tags from detail.alarmTags and a severity hint from the severity tag', () => {
    // Act
    const signal = normalizeOne(loadSample('hostile-alarm.json'));

    // Assess
    expect([signal.alarm?.tags, signal.severityHint]).toEqual([{ severity: 'high', team: '<!channel>' }, 'high']);
  });

  it('gives no severity hint for a severity tag outside the known levels', () => {
    // Prepare
    const event = copy(loadSample('app-down-alarm.json'));
    (event.detail as Json).alarmTags = { severity: 'sev2' };

    // Act
    const signal = normalizeOne(event);

    // Assess
    expect(signal.severityHint).toBeUndefined();
  });

  it('keeps hostile text exactly as AWS sent it, for the templates to escape', () => {
    // Act
    const signal = normalizeOne(loadSample('hostile-alarm.json'));

    // Assess
    expect([signal.name, signal.alarm?.description]).toEqual([
      'trainee-portal <!channel> *bold* _it_ ~x~ `tick` @here &amp; <@U024BE7LH>',
      '<!channel> <@U024BE7LH> please <https://evil.example|click> *now* _really_ ~struck~ `rm -rf` @here &amp; &lt;b&gt;',
    ]);
  });

  it('takes the name from the ARN when the detail has none', () => {
    // Prepare
    const detail = alarmDetail();
    delete detail.alarmName;
    const event = eventBridge('CloudWatch Alarm State Change', 'aws.cloudwatch', detail, { resources: [APP_ALARM_ARN] });

    // Act
    const signal = normalizeOne(event);

    // Assess
    expect(signal.name).toBe(APP_ALARM);
  });

  it('builds the alarm ARN from Region, account and name when the event has none', () => {
    // Prepare
    const event = eventBridge('CloudWatch Alarm State Change', 'aws.cloudwatch', alarmDetail(), { resources: [] });

    // Act
    const signal = normalizeOne(event);

    // Assess
    expect(signal.key).toBe(`cloudwatch-alarm:${APP_ALARM_ARN}`);
  });

  it('builds an ARN in the China partition for a China Region', () => {
    // Prepare
    const event = eventBridge('CloudWatch Alarm State Change', 'aws.cloudwatch', alarmDetail(), { resources: [], region: 'cn-north-1' });

    // Act
    const signal = normalizeOne(event);

    // Assess
    expect([signal.alarm?.arn, signal.links[0]?.url.startsWith('https://cn-north-1.console.amazonaws.cn/')]).toEqual([
      `arn:aws-cn:cloudwatch:cn-north-1:111111111111:alarm:${APP_ALARM}`,
      true,
    ]);
  });

  it('falls back to the envelope time when the state has no timestamp', () => {
    // Prepare
    const detail = alarmDetail({ state: { value: 'ALARM', reason: 'r' } });

    // Act
    const signal = normalizeOne(eventBridge('CloudWatch Alarm State Change', 'aws.cloudwatch', detail));

    // Assess
    expect(signal.time).toBe('2026-11-22T09:00:00.000Z');
  });

  it('reads reasonData that arrives as an object instead of a string', () => {
    // Prepare
    const detail = alarmDetail({ state: { value: 'ALARM', reason: 'r', reasonData: { threshold: 7, recentDatapoints: [8, 9] } } });

    // Act
    const signal = normalizeOne(eventBridge('CloudWatch Alarm State Change', 'aws.cloudwatch', detail));

    // Assess
    expect([signal.metric?.threshold, signal.vars.metric && (signal.vars.metric as Json).value]).toEqual([7, 9]);
  });

  it('takes the latest value by timestamp when reasonData lists evaluated datapoints', () => {
    // Prepare
    const reasonData = JSON.stringify({
      recentDatapoints: [5, 1],
      threshold: 2,
      evaluatedDatapoints: [
        { timestamp: '2026-11-22T09:02:00.000+0000', value: 7 },
        { timestamp: '2026-11-22T09:03:00.000+0000', value: 9 },
        { timestamp: '2026-11-22T09:01:00.000+0000', value: 4 },
        { timestamp: 'not a time', value: 100 },
      ],
    });
    const detail = alarmDetail({ state: { value: 'ALARM', reason: 'r', reasonData } });

    // Act
    const signal = normalizeOne(eventBridge('CloudWatch Alarm State Change', 'aws.cloudwatch', detail));

    // Assess
    expect((signal.vars.metric as Json).value).toBe(9);
  });

  it('ignores a threshold too large to be a number', () => {
    // Prepare
    const detail = alarmDetail({ state: { value: 'ALARM', reason: 'r', reasonData: '{"threshold":"1e999"}' } });

    // Act
    const signal = normalizeOne(eventBridge('CloudWatch Alarm State Change', 'aws.cloudwatch', detail));

    // Assess
    expect([signal.family, signal.metric?.threshold]).toEqual(['cloudwatch-alarm', undefined]);
  });

  it('tolerates reasonData that is not JSON', () => {
    // Prepare
    const detail = alarmDetail({ state: { value: 'ALARM', reason: 'no numbers here', reasonData: '{oops' } });

    // Act
    const signal = normalizeOne(eventBridge('CloudWatch Alarm State Change', 'aws.cloudwatch', detail));

    // Assess
    expect([signal.family, signal.metric?.recentValues, signal.metric?.threshold]).toEqual(['cloudwatch-alarm', [], undefined]);
  });

  it('gives no metric evidence when the alarm has neither configuration nor reason', () => {
    // Prepare
    const event = eventBridge('CloudWatch Alarm State Change', 'aws.cloudwatch', { alarmName: 'bare', state: { value: 'OK' } });

    // Act
    const signal = normalizeOne(event);

    // Assess
    expect([signal.metric, signal.vars.metric, signal.reason]).toEqual([undefined, undefined, '']);
  });

  it('returns a generic signal for an alarm event with neither a name nor an alarm ARN', () => {
    // Prepare
    const event = eventBridge('CloudWatch Alarm State Change', 'aws.cloudwatch', { state: { value: 'ALARM' } });

    // Act
    const signal = normalizeOne(event);

    // Assess
    expect(signal.family).toBe('generic');
  });
});

describe('CloudWatch alarms from SNS', () => {
  it('gives the same name and key as the EventBridge event for the same alarm', () => {
    // Act
    const [viaEventBridge, viaSnsTopic] = ['app-down-alarm.json', 'app-down-alarm-sns.json'].map((f) => normalizeOne(loadSample(f)));

    // Assess
    expect([viaSnsTopic!.name, viaSnsTopic!.key]).toEqual([viaEventBridge!.name, viaEventBridge!.key]);
  });

  it('derives the Region code from the alarm ARN, not the display name', () => {
    // Act
    const signal = normalizeOne(loadSample('app-down-alarm-sns.json'));

    // Assess
    expect(signal.region).toBe('eu-west-2');
  });

  it('falls back to the display name when the ARN carries no real Region', () => {
    // Prepare
    const message = { ...snsMessageOf(loadSample('app-down-alarm-sns.json')), AlarmArn: 'arn:aws:cloudwatch:REGION:ACCOUNT:alarm:x' };

    // Act
    const signal = normalizeOne(viaSns(message));

    // Assess
    expect(signal.region).toBe('eu-west-2');
  });

  it('leaves the Region empty and builds no link when neither ARN nor display name is usable', () => {
    // Prepare
    const message = { ...snsMessageOf(loadSample('app-down-alarm-sns.json')), AlarmArn: 'arn:aws:cloudwatch:REGION:ACCOUNT:alarm:x', Region: 'EXAMPLE' };

    // Act
    const signal = normalizeOne(viaSns(message));

    // Assess
    expect([signal.region, signal.links]).toEqual([undefined, []]);
  });

  it('converts the trigger into metric evidence with EventBridge spellings', () => {
    // Act
    const signal = normalizeOne(loadSample('app-down-alarm-sns.json'));

    // Assess
    expect(signal.metric).toMatchObject({
      namespace: 'AWS/ApplicationELB',
      name: 'UnHealthyHostCount',
      stat: 'Maximum',
      threshold: 0,
      comparison: 'GreaterThanThreshold',
      evaluationPeriods: 2,
      dimensions: { LoadBalancer: 'app/trainee-portal-prod/50dc6c495c0c9188', TargetGroup: 'targetgroup/trainee-portal-web/6d0ecf831eec9f09' },
    });
  });

  it('reads the datapoints from the reason text, oldest first', () => {
    // Act
    const signal = normalizeOne(loadSample('app-down-alarm-sns.json'));

    // Assess
    expect([signal.metric?.recentValues, (signal.vars.metric as Json).value]).toEqual([[2, 3], 3]);
  });

  it('synthesises an EventBridge-shaped event so detail patterns match', () => {
    // Act
    const signal = normalizeOne(loadSample('app-down-alarm-sns.json'));

    // Assess
    expect(signal.event).toMatchObject({
      source: 'aws.cloudwatch',
      'detail-type': 'CloudWatch Alarm State Change',
      account: '111111111111',
      region: 'eu-west-2',
      resources: [APP_ALARM_ARN],
      detail: { alarmName: APP_ALARM, state: { value: 'ALARM' }, previousState: { value: 'OK' } },
    });
  });

  it('uses the SNS message id as the event id', () => {
    // Act
    const signal = normalizeOne(loadSample('app-down-alarm-sns.json'));

    // Assess
    expect(signal.eventId).toBe('3f1c9e2a-7b4d-5e6f-8a9b-0c1d2e3f4a5b');
  });

  it('reads the same alarm through SNS and then SQS without raw delivery', () => {
    // Prepare
    const message = snsMessageOf(loadSample('app-down-alarm-sns.json'));

    // Act
    const signal = normalizeOne(viaSqs(snsEnvelope(message, 'sns-x')));

    // Assess
    expect([signal.family, signal.key, signal.eventId]).toEqual(['cloudwatch-alarm', `cloudwatch-alarm:${APP_ALARM_ARN}`, 'sns-x']);
  });

  it('converts a metric-math trigger into the returned expression', () => {
    // Prepare
    const message = {
      AlarmName: 'EXAMPLE',
      NewStateValue: 'ALARM',
      NewStateReason: 'Threshold Crossed: 1 out of the last 1 datapoints [1234.0 (06/03/15 17:43:27)] was greater than the threshold (0.0).',
      StateChangeTime: '2015-06-03T17:43:27.123+0000',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:EXAMPLE',
      Trigger: {
        Period: 60,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0.0,
        Metrics: [
          { Expression: 'm1*1', Id: 'e1', Label: 'Expression1', ReturnData: true },
          {
            Id: 'm1',
            MetricStat: { Metric: { Dimensions: [{ value: 'TestInstance', name: 'InstanceId' }], MetricName: 'NetworkOut', Namespace: 'AWS/EC2' }, Period: 60, Stat: 'Average' },
            ReturnData: false,
          },
        ],
      },
    };

    // Act
    const signal = normalizeOne(viaSns(message));

    // Assess
    expect([signal.kind, signal.metric?.expression, signal.metric?.name, signal.metric?.dimensions]).toEqual([
      'metric-math',
      'm1*1',
      'NetworkOut',
      { InstanceId: 'TestInstance' },
    ]);
  });

  it('uses the extended statistic of a percentile alarm', () => {
    // Prepare
    const message = snsMessageOf(loadSample('app-down-alarm-sns.json'));
    const trigger = { ...(message.Trigger as Json), StatisticType: 'ExtendedStatistic', Statistic: null, ExtendedStatistic: 'p99' };

    // Act
    const signal = normalizeOne(viaSns({ ...message, Trigger: trigger }));

    // Assess
    expect(signal.metric?.stat).toBe('p99');
  });

  it('reads a composite alarm message with its rule and children', () => {
    // Prepare
    const message = {
      AlarmName: 'service-down',
      NewStateValue: 'ALARM',
      NewStateReason: 'child transitioned to ALARM',
      StateChangeTime: '2026-11-22T09:00:00.000+0000',
      AlarmArn: 'arn:aws:cloudwatch:eu-west-2:111111111111:alarm:service-down',
      AlarmRule: 'ALARM(a) OR ALARM(b)',
      TriggeringChildren: [{ Arn: 'arn:aws:cloudwatch:eu-west-2:111111111111:alarm:a', State: { Value: 'ALARM', Timestamp: '2026-11-22T08:59:00.000+0000' } }],
    };

    // Act
    const signal = normalizeOne(viaSns(message));

    // Assess
    expect([signal.kind, signal.alarm?.rule, signal.alarm?.triggeringAlarms]).toEqual(['composite', 'ALARM(a) OR ALARM(b)', ['a']]);
  });

  it('accepts the other spellings of dimensions and children seen in the wild', () => {
    // Prepare
    const message = {
      AlarmName: 'a',
      NewStateValue: 'ALARM',
      AlarmArn: 'arn:aws:cloudwatch:eu-west-2:111111111111:alarm:a',
      Trigger: {
        Namespace: 'Custom',
        Statistic: 'SAMPLE_COUNT',
        Dimensions: [{ Name: 'Shard', Value: 3 }, { name: 'Bad' }, 'x'],
        Metrics: undefined,
      },
    };

    // Act
    const signal = normalizeOne(viaSns(message));

    // Assess
    expect([signal.metric?.namespace, signal.metric?.stat, signal.metric?.dimensions]).toEqual(['Custom', 'SampleCount', { Shard: '3' }]);
  });

  it('reads composite children spelled in lower case and metric-math inputs without a metric', () => {
    // Prepare
    const message = {
      AlarmName: 'c',
      NewStateValue: 'OK',
      AlarmArn: 'arn:aws:cloudwatch:eu-west-2:111111111111:alarm:c',
      AlarmRule: 'ALARM(x)',
      TriggeringChildren: [{ arn: 'arn:aws:cloudwatch:eu-west-2:111111111111:alarm:x', state: { value: 'OK', timestamp: 't' } }, { weird: true }],
    };
    const math = {
      AlarmName: 'm',
      NewStateValue: 'ALARM',
      AlarmArn: 'arn:aws:cloudwatch:eu-west-2:111111111111:alarm:m',
      Trigger: { Metrics: [{ Id: 'e1', Expression: 'FILL(m1, 0)', ReturnData: 'yes', Period: 60 }, { Id: 'm1', MetricStat: 'broken' }] },
    };

    // Act
    const [composite, metricMath] = [viaSns(message), viaSns(math)].map((e) => normalizeOne(e));

    // Assess
    expect([composite!.alarm?.triggeringAlarms, metricMath!.metric?.expression, metricMath!.metric?.periodSeconds]).toEqual([['x'], 'FILL(m1, 0)', 60]);
  });

  it('reads alarm tags given as a list of Key/Value pairs', () => {
    // Prepare
    const message = { ...snsMessageOf(loadSample('app-down-alarm-sns.json')), AlarmTags: [{ Key: 'severity', Value: 'critical' }, { Key: 'n', Value: 1 }] };

    // Act
    const signal = normalizeOne(viaSns(message));

    // Assess
    expect([signal.alarm?.tags, signal.severityHint]).toEqual([{ severity: 'critical' }, 'critical']);
  });

  it('reads alarm tags given as a map', () => {
    // Prepare
    const message = { ...snsMessageOf(loadSample('app-down-alarm-sns.json')), AlarmTags: { severity: 'Low', n: 1 } };

    // Act
    const signal = normalizeOne(viaSns(message));

    // Assess
    expect([signal.alarm?.tags, signal.severityHint]).toEqual([{ severity: 'Low' }, 'low']);
  });

  it('takes the threshold from the reason text when the trigger has none', () => {
    // Prepare
    const message = { ...snsMessageOf(loadSample('app-down-alarm-sns.json')) };
    delete message.Trigger;

    // Act
    const signal = normalizeOne(viaSns(message));

    // Assess
    expect([signal.metric?.threshold, signal.metric?.comparison]).toEqual([0, 'GreaterThanThreshold']);
  });
});

describe('CloudWatch alarms from a direct alarm action', () => {
  it('gives the same name, key and kind as the EventBridge event for the same alarm', () => {
    // Prepare
    const event = loadSample('app-down-alarm.json');

    // Act
    const [fromEventBridge, fromAction] = [event, asDirectAction(event)].map((e) => normalizeOne(e));

    // Assess
    expect([fromAction!.name, fromAction!.key, fromAction!.kind]).toEqual([fromEventBridge!.name, fromEventBridge!.key, fromEventBridge!.kind]);
  });

  it('reads the threshold, comparison and latest evaluated value', () => {
    // Act
    const signal = normalizeOne(loadSample('db-storage-alarm.json'));

    // Assess
    expect([signal.metric?.threshold, signal.metric?.comparison, (signal.vars.metric as Json).value]).toEqual([
      10737418240,
      'LessThanThreshold',
      9663676416,
    ]);
  });

  it('synthesises an EventBridge-shaped event around alarmData', () => {
    // Act
    const signal = normalizeOne(loadSample('db-storage-alarm.json'));

    // Assess
    expect(signal.event).toMatchObject({
      source: 'aws.cloudwatch',
      'detail-type': 'CloudWatch Alarm State Change',
      id: signal.eventId,
      resources: ['arn:aws:cloudwatch:eu-west-2:111111111111:alarm:trainee-db-prod-free-storage-low'],
      detail: { alarmName: 'trainee-db-prod-free-storage-low', state: { value: 'ALARM' } },
    });
  });

  it('reads a composite alarm action', () => {
    // Prepare
    const raw = {
      source: 'aws.cloudwatch',
      alarmArn: 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:SuppressionDemo.Main',
      accountId: '111122223333',
      time: '2023-08-04T12:56:46.138+0000',
      region: 'us-east-1',
      alarmData: {
        alarmName: 'CompositeDemo.Main',
        state: {
          value: 'ALARM',
          reason: 'child went to ALARM',
          reasonData: '{"triggeringAlarms":[{"arn":"arn:aws:cloudwatch:us-east-1:111122223333:alarm:CompositeDemo.FirstChild","state":{"value":"ALARM"}}]}',
          timestamp: '2023-08-04T12:56:46.138+0000',
        },
        configuration: { alarmRule: 'ALARM(CompositeDemo.FirstChild) OR ALARM(CompositeDemo.SecondChild)' },
      },
    };

    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect([signal.kind, signal.name, signal.alarm?.triggeringAlarms]).toEqual(['composite', 'CompositeDemo.Main', ['CompositeDemo.FirstChild']]);
  });

  it('finds the alarm in an SNS message even when other records of the batch are not alarms', () => {
    // Prepare
    const message = snsMessageOf(loadSample('app-down-alarm-sns.json'));
    const raw = { Records: [...(viaSns(message).Records as Json[]), ...(viaSns('plain').Records as Json[])] };

    // Act
    const signals = normalizeEvent(raw, { receivedAt: RECEIVED_AT });

    // Assess
    expect(signals.map((s) => s.family)).toEqual(['cloudwatch-alarm', 'generic']);
  });
});
