// The SLO's composite alarm as the alarm topic delivers it (SNS): it normalizes like any alarm, as a composite whose trigger is named.
import { describe, expect, it } from 'vitest';
import { normalizeEvent } from '../../src/sources/normalize-event.ts';
import { sample } from '../integration/harness.ts';

const RECEIVED = new Date('2026-11-22T09:41:08Z');

describe('SLO composite alarm through SNS', () => {
  it('normalizes the fast-burn ALARM as a firing composite alarm, naming the child that tipped it', () => {
    // Act
    const [signal] = normalizeEvent(sample('page-speed-burn-sns.json'), { receivedAt: RECEIVED });

    // Assess
    expect([signal!.family, signal!.kind, signal!.name, signal!.state, signal!.alarm?.triggeringAlarms]).toEqual([
      'cloudwatch-alarm',
      'composite',
      'clarion-prod-slo-portal-page-speed-fast',
      'firing',
      ['clarion-prod-slo-portal-page-speed-fast-5m'],
    ]);
  });

  it('normalizes its OK as the same alarm resolved', () => {
    // Act
    const [firing] = normalizeEvent(sample('page-speed-burn-sns.json'), { receivedAt: RECEIVED });
    const [ok] = normalizeEvent(sample('page-speed-burn-ok-sns.json'), { receivedAt: RECEIVED });

    // Assess
    expect([ok!.key === firing!.key, ok!.state]).toEqual([true, 'resolved']);
  });
});
