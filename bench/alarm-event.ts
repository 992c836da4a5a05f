/** @module Benchmark data: a CloudWatch alarm state change as EventBridge delivers it, for the storm and soak scenarios. */

/** The JSON of one alarm transition at `time`, with the event id `id`. */
export function alarmStateChange(alarm: string, time: string, state: 'ALARM' | 'OK', id: string): string {
  return JSON.stringify({
    version: '0',
    id,
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account: '111111111111',
    time,
    region: 'eu-west-2',
    resources: [`arn:aws:cloudwatch:eu-west-2:111111111111:alarm:${alarm}`],
    detail: {
      alarmName: alarm,
      state: { value: state, reason: `Threshold Crossed: state ${state}`, reasonData: '{"version":"1.0","recentDatapoints":[7.5],"threshold":5.0}', timestamp: time.replace('Z', '+0000') },
      previousState: { value: state === 'OK' ? 'ALARM' : 'OK', reason: '', timestamp: time.replace('Z', '+0000') },
      configuration: { metrics: [{ id: 'e1', expression: 'm1/m2*100', label: 'Error rate %', returnData: true }] },
    },
  });
}
