import { describe, expect, it } from 'vitest';
import { describeBody } from '../../src/adapters/sqs-signal-batch.ts';
import { sample } from '../integration/harness.ts';

describe('Adapter: what a failed queue record was about, for the logs', () => {
  it('names a refresh and the alert it is for', () => {
    // Act
    const about = describeBody({ clarion: 'refresh', alertKey: 'portal.app-down|x', reason: 'quiet-period' });

    // Assess
    expect(about).toBe('refresh portal.app-down|x');
  });

  it('names a summary request by what triggered it', () => {
    // Act
    const about = [describeBody({ clarion: 'summary', trigger: 'schedule' }), describeBody({ clarion: 'summary' })];

    // Assess
    expect(about).toEqual(['summary schedule', 'summary on request']);
  });

  it('names an EventBridge event by its source and detail type', () => {
    // Act
    const about = describeBody(sample('app-down-alarm.json'));

    // Assess
    expect(about).toBe('aws.cloudwatch / CloudWatch Alarm State Change');
  });

  it('cuts a hostile source or detail type to a readable length', () => {
    // Act
    const about = describeBody({ source: 'x'.repeat(250_000), 'detail-type': 'y'.repeat(250_000) });

    // Assess
    expect(about.length).toBeLessThan(500);
  });

  it('names an SNS envelope and plain text without failing', () => {
    // Act
    const about = [describeBody({ Type: 'Notification', Message: '{}' }), describeBody('it broke')];

    // Assess
    expect(about).toEqual(['SNS Notification', 'text']);
  });
});
