// The README's picture of the Insights view (docs/insights.png): two weeks of alarms played through the local stack —
// fired, acknowledged after a few minutes (or not at all), back to OK — then the view in Chromium.
// Run: npx tsx test/e2e/insights-screenshot.ts
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../integration/harness.ts';
import { eventually, SHIPPED_CATALOG, startTestStack } from '../local-stack/stack-helpers.ts';
import { browserAvailable, buildPreviewPage, openPreview } from './browser.ts';

const OUT = path.join(ROOT, 'docs', 'insights.png');
/** Monday 9 November 2026, midnight UTC; the picture shows the 14 days that follow. */
const START = new Date('2026-11-09T00:00:00Z');
const PARTS = ['web', 'api', 'search'];

interface AlarmState { value: string; reason: string; timestamp: string }
interface AlarmEvent { id: string; time: string; resources: string[]; detail: { alarmName: string; state: AlarmState; previousState: AlarmState } }

const sample = async (name: string) => JSON.parse(await readFile(path.join(SHIPPED_CATALOG, 'samples', 'events', name), 'utf8')) as AlarmEvent;
const iso = (seconds: number) => new Date(START.getTime() + seconds * 1000).toISOString().replace('.000Z', 'Z');
const alarmTime = (seconds: number) => iso(seconds).replace('Z', '.000+0000');

/** The alarm going off (or back to OK) at `seconds` after the start, as a new delivery. */
function alarm(event: AlarmEvent, seconds: number, ok = false): AlarmEvent {
  const state: AlarmState = ok ? { value: 'OK', reason: 'Threshold Crossed: back within the threshold.', timestamp: alarmTime(seconds) } : { ...event.detail.state, timestamp: alarmTime(seconds) };
  return { ...event, id: randomUUID(), time: iso(seconds), detail: { ...event.detail, previousState: ok ? event.detail.state : event.detail.previousState, state } };
}

function errorRate(base: AlarmEvent, part: string): AlarmEvent {
  const alarmName = `trainee-portal-${part}-5xx-rate`;
  return { ...base, resources: [`arn:aws:cloudwatch:eu-west-2:111111111111:alarm:${alarmName}`], detail: { ...base.detail, alarmName } };
}

type Step = { at: number; send?: unknown; acknowledge?: string };

if (!browserAvailable) process.exit(1);
const ui = await buildPreviewPage();
const stack = await startTestStack({ uiDir: ui.dir, now: () => START });
try {
  const [outage, errors, stale, hostile, backup] = (await Promise.all(['app-down-alarm.json', 'error-rate-alarm.json', 'placements-stale-alarm.json', 'hostile-alarm.json', 'backup-failed.json'].map(sample))) as [
    AlarmEvent,
    AlarmEvent,
    AlarmEvent,
    AlarmEvent,
    AlarmEvent,
  ];
  const hour = 3600;
  const steps: Step[] = [];
  for (let day = 0; day < 14; day += 1) {
    const base = day * 24 * hour;
    const weekend = day % 7 >= 5;
    // Page errors most weekdays, on one part or another; two more firings while open; acknowledged after a few minutes.
    if (!weekend || day === 12) {
      const part = errorRate(errors, PARTS[day % PARTS.length]!);
      const at = base + 9 * hour + (day % 4) * 17 * 60;
      steps.push({ at, send: alarm(part, at) }, { at: at + 300, send: alarm(part, at + 300) }, { at: at + 600, send: alarm(part, at + 600) });
      steps.push({ at: at + (2 + ((day * 5) % 11)) * 60, acknowledge: 'Some pages of the Trainee Portal are failing' });
      steps.push({ at: at + 45 * 60, send: alarm(part, at + 45 * 60, true) });
    }
    // Stale placement data every other morning, which nobody acknowledges before it clears.
    if (day % 2 === 0) steps.push({ at: base + 6 * hour, send: alarm(stale, base + 6 * hour) }, { at: base + 8 * hour, send: alarm(stale, base + 8 * hour, true) });
    // The portal down three times in the fortnight.
    if ([2, 6, 11].includes(day)) {
      const at = base + 14 * hour;
      steps.push({ at, send: alarm(outage, at) }, { at: at + [4, 9, 2][[2, 6, 11].indexOf(day)]! * 60, acknowledge: 'The Trainee Portal is down' }, { at: at + 25 * 60, send: alarm(outage, at + 25 * 60, true) });
    }
    // An alarm nobody wrote an entry for, late at night.
    if ([4, 9, 10].includes(day)) steps.push({ at: base + 22 * hour, send: alarm(hostile, base + 22 * hour) }, { at: base + 22 * hour + 1800, send: alarm(hostile, base + 22 * hour + 1800, true) });
    // A failed backup now and then.
    if ([5, 12].includes(day)) steps.push({ at: base + 3 * hour, send: { ...backup, id: randomUUID(), time: iso(base + 3 * hour) } });
  }
  steps.sort((a, b) => a.at - b.at);

  const post = async (route: string, body: unknown) => {
    const response = await fetch(`${stack.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${route}: HTTP ${response.status} ${await response.text()}`);
  };
  let clock = 0;
  /** Moves the stack's clock to `at` seconds after the start, a day at most at a time (the API's limit). */
  const moveTo = async (at: number) => {
    while (clock < at) {
      const step = Math.min(at - clock, 86_400);
      await post('/api/clock', { advanceSeconds: step });
      clock += step;
    }
  };
  for (const step of steps) {
    await moveTo(step.at);
    if (step.send) await post('/events', step.send);
    if (step.acknowledge) {
      const alerts = stack.emulator.channels().find((c) => c.name === 'portal-alerts')!;
      const title = step.acknowledge;
      const message = await eventually(() => stack.emulator.messages(alerts.id).findLast((m) => m.text.includes(title)), `the message "${title}"`);
      await post('/api/press', { channel: alerts.id, ts: message.ts, actionId: 'clarion.acknowledge' });
    }
    await stack.settled(60_000);
  }
  // The end of the fortnight: Monday 23 November, early morning.
  await moveTo(14 * 24 * hour + 7 * hour);

  const { browser, page } = await openPreview(`${stack.url}/#insights`);
  try {
    await page.setViewportSize({ width: 1600, height: 1080 });
    await page.getByLabel('Period').selectOption('14d');
    await page.locator('section[data-chart="incidents"] tbody tr').nth(14).waitFor({ state: 'attached' });
    await page.locator('section[data-chart="incidents"] .recharts-bar-rectangle').first().waitFor();
    await page.screenshot({ path: OUT });
    console.info(`wrote ${path.relative(ROOT, OUT)}`);
  } finally {
    await browser.close();
  }
} finally {
  await stack.close();
  await ui.remove();
}
