// The local stack as `npm start` runs it: metrics in through POST /api/metrics, the SLO's composite alarm through the sample, the figures in Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { burnMetrics } from '../../src/local/server/demo-scenario.ts';
import { allText } from '../integration/harness.ts';
import { eventually, startTestStack } from './stack-helpers.ts';

let stack: LocalStack & { lines: string[] };

beforeAll(async () => {
  stack = await startTestStack({ now: () => new Date('2026-12-02T10:00:00Z') });
});
afterAll(() => stack.close());

async function call(method: string, route: string, body?: unknown): Promise<{ status: number; body: string }> {
  const response = await fetch(`${stack.url}${route}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: await response.text() };
}

function channelText(name: string): string {
  const channel = stack.emulator.channels().find((c) => c.name === name)!;
  return stack.emulator.messages(channel.id).map(allText).join('\n');
}

describe('local stack: SLO burn-rate alerts', () => {
  it('stores PutMetricData-like JSON and lists what it holds', async () => {
    // Act
    const put = await call('POST', '/api/metrics', { Namespace: 'Portal', MetricData: [{ MetricName: 'Requests', Value: 12, Timestamp: '2026-12-02T09:59:00Z' }] });
    const list = await call('GET', '/api/metrics');
    await call('DELETE', '/api/metrics');

    // Assess
    expect([put.status, JSON.parse(put.body), JSON.parse(list.body)]).toEqual([
      201,
      { stored: 1 },
      { metrics: [{ namespace: 'Portal', metric: 'Requests', dimensions: {}, datapoints: 1, samples: 1, first: '2026-12-02T09:59:00.000Z', last: '2026-12-02T09:59:00.000Z' }] },
    ]);
  });

  it('answers a malformed datum with 400 and what is wrong', async () => {
    // Act
    const put = await call('POST', '/api/metrics', { Namespace: 'Portal', MetricData: [{ MetricName: 'Requests' }] });

    // Assess
    expect([put.status, put.body]).toEqual([400, 'MetricData.0: needs either Value or Values\n']);
  });

  it('tells engineers and product leads the demo\'s burn, with figures from the metrics fed', async () => {
    // Prepare
    await call('POST', '/api/metrics', burnMetrics(stack.clock.now()));

    // Act
    await call('POST', '/api/samples/fire', { file: 'page-speed-burn-sns.json' });
    await stack.settled();
    await eventually(() => channelText('portal-status').includes('allowance'), 'the product leads\' message');

    // Assess: 190 of 61,000 in the month is 31% of the budget; 0.6885 × 30 d / 15 ≈ 33 hours.
    expect([channelText('portal-alerts'), channelText('portal-status')]).toEqual([
      expect.stringContaining('*Burning the budget 15× too fast* over the last hour, 15× over 5 minutes (alarm at 14.4×).\n*Budget left:* `▓▓▓▓▓▓▓░░░ 68% left` of 30d'),
      expect.stringContaining("At this rate we will use up this month's allowance for slow page loads by 19:02 GMT tomorrow."),
    ]);
  });
});
