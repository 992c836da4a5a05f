/** @module Test support: valid `Signal`, `Alert` and `RenderInput` objects, a firing CloudWatch alarm unless told otherwise. */
import type { Alert, AlertLifecycle, RenderInput, SloView } from '../../src/core/alert.ts';
import { Signal } from '../../src/core/signal.ts';

const ALARM_NAME = 'bookings-api-5xx-high';
const ALARM_ARN = `arn:aws:cloudwatch:eu-west-2:123456789012:alarm:${ALARM_NAME}`;

/** When every default signal changed state, and when a default message is rendered. */
export const SIGNAL_TIME = '2026-11-22T10:42:00.000Z';
export const RENDER_NOW = new Date('2026-11-22T10:45:00.000Z');

/** A firing single-metric CloudWatch alarm; `overrides` replace top-level fields. Parsed, so always valid. */
export function makeSignal(overrides: Partial<Signal> = {}): Signal {
  return Signal.parse({
    family: 'cloudwatch-alarm',
    kind: 'metric',
    name: ALARM_NAME,
    key: `cloudwatch-alarm:${ALARM_ARN}`,
    eventId: 'c4c1c1c9-6542-e61b-6ef0-8c4d36933a92',
    state: 'firing',
    noData: false,
    title: `${ALARM_NAME} is in ALARM`,
    reason:
      'Threshold Crossed: 1 out of the last 1 datapoints [12.0 (22/11/26 10:37:00)] was greater than the threshold (5.0) (minimum 1 datapoint for OK -> ALARM transition).',
    resource: { type: 'CloudWatch alarm', name: ALARM_NAME, arn: ALARM_ARN },
    account: '123456789012',
    region: 'eu-west-2',
    time: SIGNAL_TIME,
    links: [
      {
        label: 'Alarm in the CloudWatch console',
        url: `https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#alarmsV2:alarm/${ALARM_NAME}`,
      },
      {
        label: 'Log group /ecs/bookings-api',
        url: 'https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#logsV2:log-groups/log-group/$252Fecs$252Fbookings-api',
      },
    ],
    alarm: {
      name: ALARM_NAME,
      arn: ALARM_ARN,
      type: 'metric',
      value: 'ALARM',
      previousValue: 'OK',
      tags: { team: 'bookings' },
    },
    metric: {
      namespace: 'AWS/ApplicationELB',
      name: 'HTTPCode_Target_5XX_Count',
      stat: 'Sum',
      periodSeconds: 300,
      unit: 'Count',
      dimensions: { LoadBalancer: 'app/bookings-alb/50dc6c495c0c9188' },
      threshold: 5,
      comparison: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      recentValues: [0, 2, 12],
    },
    event: { source: 'aws.cloudwatch', 'detail-type': 'CloudWatch Alarm State Change', detail: {} },
    vars: { 'alarm.name': ALARM_NAME },
    ...overrides,
  });
}

/** An alert for the default signal from a catalog entry `bookings.api-failing`; jargon-free author text. */
export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  const signal = overrides.signal ?? makeSignal();
  return {
    catalogId: 'bookings.api-failing',
    alertKey: `bookings.api-failing|${signal.key}`,
    signal,
    phase: 'firing',
    severity: 'critical',
    title: 'Rotation bookings are failing',
    impact: {
      level: 'major',
      summary: 'About one in ten doctors who try to book a rotation see an error page and cannot book.',
      who: 'Doctors booking rotations',
    },
    audiences: ['techies', 'product-leads'],
    runbook: 'https://runbooks.example.org/bookings/bookings-failing',
    fix: [
      'Open the dashboard and check which version is live.',
      'If a release went out in the last hour, roll it back with `make rollback`.',
      'Otherwise page the bookings team lead.',
    ],
    summary: 'The bookings service is returning errors for some requests.',
    comms: {
      'product-leads': 'Some doctors cannot book rotations right now: about one in ten attempts fail.',
      'local-office':
        'Some doctors cannot book rotations at the moment. Please try again later. We will let you know when it is working again.',
    },
    data: [{ name: 'Rotation bookings', staleAfter: '1h', whenStale: 'Bookings made today may not show yet.' }],
    owner: 'Bookings team',
    links: [{ label: 'Bookings dashboard', url: 'https://grafana.example.org/d/bookings?orgId=1&from=now-6h' }],
    quietPeriodSeconds: 600,
    nextUpdateSeconds: 1800,
    ...overrides,
  };
}

/** Lifecycle of an alert first seen at the signal's time. */
export function makeLifecycle(overrides: Partial<AlertLifecycle> = {}): AlertLifecycle {
  return { occurrences: 1, firstSeen: SIGNAL_TIME, lastSeen: SIGNAL_TIME, ...overrides };
}

/** A render input for techies at `RENDER_NOW` in Europe/London; override `alert` to change the alert. */
export function makeRenderInput(overrides: Partial<RenderInput> = {}): RenderInput {
  return {
    alert: makeAlert(),
    audience: 'techies',
    template: 'techies',
    now: RENDER_NOW,
    timeZone: 'Europe/London',
    serviceName: 'Rotation Booking',
    ...overrides,
  };
}

/** The figures read at 10:00 on 2 Dec 2026 for the sample page-speed objective: 14.93× over the hour, 62% left, running out at 14:00. */
export const SLO_FIGURES: NonNullable<SloView['figures']> = {
  readAt: '2026-12-02T10:00:00.000Z',
  long: { window: '1h', burnRate: 14.93 },
  short: { window: '5m', burnRate: 16.2 },
  budgetLeft: 0.62,
  runsOutAt: '2026-12-02T14:00:00.000Z',
};

/** An SLO alert's view (99% of page loads within 2 s over 30 days, the fast pair); `figures: null` for one read without them. */
export function makeSloView(figures: Partial<NonNullable<SloView['figures']>> | null = {}): SloView {
  return {
    objective: 99,
    window: '30d',
    windowSeconds: 30 * 86_400,
    allowance: 'slow page loads',
    measured: 'AWS/ApplicationELB TargetResponseTime at or under 2s',
    pair: 'fast',
    alarmsAt: 14.4,
    ...(figures === null ? {} : { figures: { ...SLO_FIGURES, ...figures } }),
  };
}
