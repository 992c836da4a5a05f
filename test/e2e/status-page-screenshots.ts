// Screenshots of the status page for docs/: desktop and phone, after an afternoon of stale placement data (fixed,
// and confirmed), twelve days, then the Trainee Portal going down. Driven through the local stack's HTTP API only.
// Run: npx tsx test/e2e/status-page-screenshots.ts
import path from 'node:path';
import { chromium } from 'playwright-core';
import { alarmStateChange } from '../../bench/alarm-event.ts';
import { ROOT } from '../integration/harness.ts';
import { eventually, startTestStack } from '../local-stack/stack-helpers.ts';
import { browserAvailable } from './browser.ts';

const OUT = path.join(ROOT, 'docs');

if (!browserAvailable) process.exit(1);
// A Thursday afternoon, clear of the Saturday planned work.
const stack = await startTestStack({ now: () => new Date('2026-11-12T14:00:00Z') });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });

const post = async (route: string, body: string) => {
  const response = await fetch(`${stack.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (!response.ok) throw new Error(`${route}: HTTP ${response.status} ${await response.text()}`);
};
/** The clock moves at most a day per request. */
const advance = async (seconds: number) => {
  for (let left = seconds; left > 0; left -= 86_400) {
    await post('/api/clock', JSON.stringify({ advanceSeconds: Math.min(left, 86_400) }));
    await stack.settled(30_000);
  }
};
const alarm = async (name: string, state: 'ALARM' | 'OK', id: string) => {
  await post('/events', alarmStateChange(name, stack.clock.now().toISOString(), state, id));
  await stack.settled(30_000);
};

try {
  // Placement data goes stale for an hour and a half; the fix is confirmed after its 30-minute quiet period.
  await alarm('placements-data-freshness', 'ALARM', 'shot-stale-1');
  await advance(90 * 60);
  await alarm('placements-data-freshness', 'OK', 'shot-stale-2');
  await advance(35 * 60);
  // Twelve days on, a Tuesday morning: the portal goes down.
  await advance(12 * 86_400 - 125 * 60 - 4 * 3600);
  await alarm('trainee-portal-prod-unhealthy-hosts', 'ALARM', 'shot-down-1');
  await eventually(async () => (await (await fetch(`${stack.url}/status`)).text()).includes('The Trainee Portal is down'), 'the outage on /status');

  for (const [name, viewport] of [['status-page.png', { width: 1100, height: 900 }], ['status-page-phone.png', { width: 390, height: 844 }]] as const) {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${stack.url}/status`);
    const file = path.join(OUT, name);
    await page.screenshot({ path: file, fullPage: true });
    await context.close();
    console.info(`wrote ${path.relative(ROOT, file)}`);
  }
} finally {
  await browser.close();
  await stack.close();
}
