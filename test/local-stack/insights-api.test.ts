// GET /api/insights, black-box over HTTP: samples fired, one acknowledged after three minutes on the stack's clock, the series read back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Insights } from '../../src/history/insights.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { eventually, startTestStack } from './stack-helpers.ts';

let stack: LocalStack & { lines: string[] };

beforeAll(async () => {
  stack = await startTestStack({ now: () => new Date('2026-11-24T10:00:00Z') });
});
afterAll(() => stack.close());

async function post(route: string, body: unknown): Promise<Response> {
  return fetch(`${stack.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const insights = (query = '') => fetch(`${stack.url}/api/insights${query}`);

describe('local stack: GET /api/insights', () => {
  it('sums the incidents the stack recorded, with the acknowledgement timed on the stack\'s clock', async () => {
    // Prepare
    await post('/api/samples/fire', { file: 'app-down-alarm.json' });
    await post('/api/samples/fire', { file: 'hostile-alarm.json' });
    await stack.settled();
    const alerts = stack.emulator.channels().find((c) => c.name === 'portal-alerts')!;
    const outage = await eventually(() => stack.emulator.messages(alerts.id).find((m) => m.text.includes('The Trainee Portal is down')), 'the outage message');
    await post('/api/clock', { advanceSeconds: 180 });
    expect((await post('/api/press', { channel: alerts.id, ts: outage.ts, actionId: 'clarion.acknowledge' })).status).toBe(200);
    await stack.settled();

    // Act
    const response = await insights('?since=7d');

    // Assess
    expect(response.status).toBe(200);
    const body = (await response.json()) as Insights & { span: string };
    expect(body).toMatchObject({ span: '7d', timeZone: 'Europe/London', totals: { incidents: 2, acknowledged: 1, medianAcknowledgeMinutes: 3, uncatalogued: 1 } });
    expect(body.incidentsPerDay.find((d) => d.day === '2026-11-24')?.critical).toBe(1);
    expect(body.noisiest.map((n) => n.title)).toContain('The Trainee Portal is down');
  });

  it('reads the last 30 days when no span is given', async () => {
    // Act
    const body = (await (await insights()).json()) as Insights & { span: string };
    // Assess
    expect(body.span).toBe('30d');
    expect(body.incidentsPerDay.length).toBeGreaterThanOrEqual(30);
  });

  it.each([
    ['?since=abc', 'since must be a span back from now'],
    ['?since=10m', 'since must be a span back from now'],
    ['?since=500d', 'between 1h and 400d'],
    ['?until=now', 'unknown query parameter until'],
    ['?since=7d&since=30d', 'since is given more than once'],
  ])('answers 400 with the reason to %s', async (query, reason) => {
    // Act
    const response = await insights(query);
    // Assess
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(reason);
  });
});
