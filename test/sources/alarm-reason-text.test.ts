import { describe, expect, it } from 'vitest';
import { loadSample, normalizeOne, snsMessageOf } from './sample-events.ts';

/*
 * The alarm normalizer reads comparison, threshold, periods and datapoints out of AWS's reason
 * text with regular expressions. These reasons made some of them backtrack for minutes; each test
 * only has to finish (vitest's timeout is the guard) and still read the alarm.
 */

/** An SNS alarm message with no Trigger, so everything comes from the reason text. */
function alarmWithReason(reason: string): unknown {
  const { Trigger: _trigger, ...alarm } = snsMessageOf(loadSample('app-down-alarm-sns.json'));
  return { ...alarm, NewStateReason: reason };
}

describe('alarm reason text', () => {
  it.each([
    ['"lower threshold or " 20,000 times', 'lower threshold or '.repeat(20_000)],
    ['200,000 digits', '1'.repeat(200_000)],
    ['"datapoints [" 20,000 times without a closing bracket', 'datapoints ['.repeat(20_000)],
    ['a datapoint list of 200,000 digits', `datapoints [${'1'.repeat(200_000)}]`],
  ])('reads an alarm whose reason is %s', (_, reason) => {
    // Act
    const signal = normalizeOne(alarmWithReason(reason));

    // Assess
    expect(signal.family).toBe('cloudwatch-alarm');
  });

  it('still reads an anomaly band comparison from the reason', () => {
    // Prepare
    const reason = 'Thresholds Crossed: 1 out of the last 1 datapoints [5.0 (22/11/26 09:13:00)] was less than the lower thresholds [6.0] or greater than the upper thresholds [9.0] (minimum 1 datapoint for OK -> ALARM transition).';

    // Act
    const signal = normalizeOne(alarmWithReason(reason));

    // Assess
    expect([signal.metric?.comparison, signal.metric?.evaluationPeriods, signal.metric?.recentValues]).toEqual(['LessThanLowerOrGreaterThanUpperThreshold', 1, [5]]);
  });

  it('does not read "or" across lines as a band comparison', () => {
    // Prepare
    const reason = 'value below the lower threshold\nor not\nabove the upper threshold';

    // Act
    const signal = normalizeOne(alarmWithReason(reason));

    // Assess
    expect(signal.metric?.comparison).toBeUndefined();
  });
});
