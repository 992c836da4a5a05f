import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import { renderEvent } from '../../src/pipeline/render-event.ts';
import { NOW, ROOT } from '../property/pipeline-checks.ts';
import { visibleText } from './message-text.ts';

let runtime: CatalogRuntime;
beforeAll(async () => {
  runtime = (await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).runtime;
});

/** AWS's anomaly-detection alarm sample (CloudWatch docs), named so the portal's error-rate entry claims it. */
function anomalyAlarm(state: { value: 'ALARM' | 'OK'; reasonData: string }) {
  const name = 'trainee-portal-prod-5xx-rate';
  return {
    version: '0',
    id: `anomaly-${state.value}`,
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account: '123456789012',
    time: '2026-11-22T09:58:04Z',
    region: 'eu-west-2',
    resources: [`arn:aws:cloudwatch:eu-west-2:123456789012:alarm:${name}`],
    detail: {
      alarmName: name,
      state: { value: state.value, reason: 'Thresholds Crossed', reasonData: state.reasonData, timestamp: '2026-11-22T09:58:04.653+0000' },
      previousState: { value: 'OK', reason: 'x', timestamp: '2026-11-22T09:50:04.672+0000' },
      configuration: {
        metrics: [
          { id: 'm1', metricStat: { metric: { namespace: 'AWS/EC2', name: 'CPUUtilization', dimensions: { InstanceId: 'i-12345678901234567' } }, period: 60, stat: 'Average' }, returnData: true },
          { id: 'ad1', expression: 'ANOMALY_DETECTION_BAND(m1, 0.8)', label: 'CPUUtilization (expected)', returnData: true },
        ],
      },
    },
  };
}

const WITH_BAND = '{"version":"1.0","period":60,"recentDatapoints":[0.0],"recentLowerThresholds":[0.020599444741798756],"recentUpperThresholds":[0.3006915352732461]}';

describe('an anomaly-detection alarm under an entry written for a threshold', () => {
  it('says where the value was against the band, in the summary and the evidence', () => {
    // Act
    const [delivery] = renderEvent(anomalyAlarm({ value: 'ALARM', reasonData: WITH_BAND }), runtime, { now: NOW }).deliveries;

    // Assess
    const text = visibleText(delivery!.message);
    expect(text).toContain('The latest value, 0, is below its expected band (0.02 to 0.3).');
    expect(text).toContain('outside the expected band (0.021 to 0.301)');
    expect(text).not.toMatch(/unknown/);
  });

  it('says "outside its expected band" when the event gives no band values', () => {
    // Act
    const [delivery] = renderEvent(anomalyAlarm({ value: 'ALARM', reasonData: '{"version":"1.0","period":60,"recentDatapoints":[]}' }), runtime, { now: NOW }).deliveries;

    // Assess
    const text = visibleText(delivery!.message);
    expect(text).toContain('The value is outside its expected band.');
    expect(text).not.toMatch(/unknown/);
  });
});
