// The stakeholder status page in the local stack: served at /status from history, changed by an alarm posted to /events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmStateChange } from '../../bench/alarm-event.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { allText } from '../integration/harness.ts';
import { eventually, startTestStack } from './stack-helpers.ts';

let stack: LocalStack & { lines: string[] };

beforeAll(async () => {
  stack = await startTestStack({ now: () => new Date('2026-11-24T10:00:00Z') });
});
afterAll(() => stack.close());

const page = async (path = '/status') => {
  const response = await fetch(`${stack.url}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

async function fire(alarm: string, id: string): Promise<void> {
  const response = await fetch(`${stack.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: alarmStateChange(alarm, stack.clock.now().toISOString(), 'ALARM', id) });
  expect(response.status).toBe(202);
}

describe('local stack: the status page', () => {
  it('serves the page at /status, saying every service works before anything happened', async () => {
    // Act
    const served = await page();

    // Assess
    expect([served.status, served.type, served.text]).toEqual([200, 'text/html; charset=utf-8', expect.stringContaining('All services are working')]);
  });

  it('shows a catalogued alarm with a hostile name only in its entry words, never its name, ARN or account', async () => {
    // Prepare: the error-rate entry's glob claims any trainee-portal-*-5xx-rate alarm, whatever sits in the middle.
    await fire('trainee-portal-<script>alert(1)</script>-5xx-rate', 'status-page-hostile-1');

    // Act
    const shown = await eventually(async () => {
      const served = await page();
      return served.text.includes('Some pages of the Trainee Portal are failing') ? served.text : undefined;
    }, '/status to show the failing pages');

    // Assess
    expect([shown.includes('Some users affected'), /<script|&lt;script|alert\(1\)|5xx-rate|arn:aws|111111111111/.test(shown)]).toEqual([true, false]);
  });

  it('shows an alarm posted to /events as the service not working, in the catalog words and without the alarm name', async () => {
    // Prepare
    await fire('trainee-portal-prod-unhealthy-hosts', 'status-page-down-1');

    // Act
    const shown = await eventually(async () => {
      const served = await page();
      return served.text.includes('The Trainee Portal is down') ? served.text : undefined;
    }, '/status to show the outage');

    // Assess
    expect([shown.includes('Not working'), shown.includes('unhealthy-hosts'), shown.includes('111111111111')]).toEqual([true, false, false]);
  });

  it('serves the same state as JSON and the change in the Atom feed', async () => {
    // Prepare
    await stack.settled();

    // Act
    const [json, feed] = [await page('/status/status.json'), await page('/status/feed.atom')];

    // Assess
    expect([json.type, (JSON.parse(json.text) as { overall: { state: string } }).overall.state, feed.type, feed.text]).toEqual([
      'application/json; charset=utf-8',
      'down',
      'application/atom+xml; charset=utf-8',
      expect.stringContaining('<title>Trainee Portal: The Trainee Portal is down</title>'),
    ]);
  });

  it("links the local offices' message to the stack's own /status", async () => {
    // Prepare
    await stack.settled();
    const offices = stack.emulator.channels().find((c) => c.name === 'portal-local-offices')!;

    // Act
    const text = stack.emulator.messages(offices.id).map(allText).join('\n');

    // Assess
    expect(text).toContain(`<${stack.url}/status|status page>`);
  });

  it('refuses anything but GET and HEAD on the page', async () => {
    // Act
    const response = await fetch(`${stack.url}/status`, { method: 'POST', body: '{}' });

    // Assess
    expect(response.status).toBe(405);
  });
});
