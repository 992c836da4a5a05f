// Screenshots for docs/screenshots/: each audience's channel after a storm, the fix and a re-fire of the
// Trainee Portal outage, driven through the local stack's HTTP API. Run: npx tsx test/e2e/outage-screenshots.ts
import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../integration/harness.ts';
import { eventually, SHIPPED_CATALOG, startTestStack } from '../local-stack/stack-helpers.ts';
import { browserAvailable, buildPreviewPage, openPreview } from './browser.ts';

const OUT = path.join(ROOT, 'docs', 'screenshots');
const AUDIENCE_CHANNELS = { techies: 'portal-alerts', 'product-leads': 'portal-status', 'local-office': 'portal-local-offices' };
/** Six more alarms of the trainee-portal group: page errors, which depend on the outage, so they are folded under it (a storm, were they on their own). */
const FAILING_PARTS = ['web', 'api', 'admin', 'search', 'reports', 'uploads'];

interface AlarmState { value: string; reason: string; timestamp: string }
interface AlarmEvent { id: string; time: string; resources: string[]; detail: { alarmName: string; state: AlarmState; previousState: AlarmState } }

const sample = async (name: string) => JSON.parse(await readFile(path.join(SHIPPED_CATALOG, 'samples', 'events', name), 'utf8')) as AlarmEvent;

/** The event as a fresh delivery at `at` (a new id, so it is not taken for a retry). */
function at(event: AlarmEvent, iso: string): AlarmEvent {
  return { ...event, id: randomUUID(), time: iso, detail: { ...event.detail, state: { ...event.detail.state, timestamp: iso.replace('Z', '.000+0000') } } };
}

/** The same alarm going back to OK at `iso`. */
function recovered(event: AlarmEvent, iso: string): AlarmEvent {
  const ok: AlarmState = { value: 'OK', reason: 'Threshold Crossed: the last datapoints were not greater than the threshold.', timestamp: iso.replace('Z', '.000+0000') };
  return at({ ...event, detail: { ...event.detail, previousState: event.detail.state, state: ok } }, iso);
}

function errorRateAlarm(base: AlarmEvent, part: string, iso: string): AlarmEvent {
  const alarmName = `trainee-portal-${part}-5xx-rate`;
  return at({ ...base, resources: [`arn:aws:cloudwatch:eu-west-2:111111111111:alarm:${alarmName}`], detail: { ...base.detail, alarmName } }, iso);
}

if (!browserAvailable) process.exit(1);
await mkdir(OUT, { recursive: true });
const ui = await buildPreviewPage();
const stack = await startTestStack({ uiDir: ui.dir });
const { browser, page } = await openPreview(stack.url);
await page.setViewportSize({ width: 2600, height: 1200 });

const post = async (route: string, body: unknown) => {
  const response = await fetch(`${stack.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${route}: HTTP ${response.status} ${await response.text()}`);
};
const state = async () => (await fetch(`${stack.url}/api/state`)).text();

/** Waits until the queue has nothing due and the workspace reads the same twice running. */
async function settled(): Promise<void> {
  let last = '';
  await eventually(async () => {
    const queue = (await (await fetch(`${stack.url}/api/queue`)).json()) as { depth: number; inFlight: number };
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const now = await state();
    const same = queue.depth === 0 && queue.inFlight === 0 && now === last;
    last = now;
    return same;
  }, 'the stack to settle', 60_000);
}

async function shoot(phase: string): Promise<void> {
  await settled();
  await page.reload();
  await page.getByRole('heading', { name: '#portal-alerts' }).waitFor();
  // Each column as tall as its messages, so one picture holds the whole channel.
  await page.addStyleTag({ content: '.app { height: auto; } .main, .channels, .channels > .channel { overflow: visible; } .channels { align-items: flex-start; }' });
  for (const [audience, channel] of Object.entries(AUDIENCE_CHANNELS)) {
    const file = path.join(OUT, `${phase}-${audience}.png`);
    await page.locator(`section[data-channel="${channel}"]`).screenshot({ path: file });
    console.info(`wrote ${path.relative(ROOT, file)}`);
  }
}

/** The data leads' channel over the overnight sync failing and running again. */
async function shootData(phase: string): Promise<void> {
  await settled();
  await page.reload();
  await page.getByRole('heading', { name: '#portal-alerts' }).waitFor();
  await page.addStyleTag({ content: '.app { height: auto; } .main, .channels, .channels > .channel { overflow: visible; } .channels { align-items: flex-start; }' });
  const file = path.join(OUT, `${phase}-data-leads.png`);
  await page.locator('section[data-channel="portal-data"]').screenshot({ path: file });
  console.info(`wrote ${path.relative(ROOT, file)}`);
}

/** A job event as a fresh delivery at `at`. */
const jobAt = (event: { id: string; time: string }, when: string) => ({ ...event, id: randomUUID(), time: when });

/** The stack's time `seconds` from when the script started, as the events carry it (events are dated as they happen). */
const start = Date.now();
const iso = (seconds: number) => new Date(Math.floor(start / 1000) * 1000 + seconds * 1000).toISOString().replace('.000Z', 'Z');
const advance = (seconds: number) => post('/api/clock', { advanceSeconds: seconds });

try {
  const outage = await sample('app-down-alarm.json');
  const errorRate = await sample('error-rate-alarm.json');

  // 1. The storm: the outage and six failing parts of the portal within a minute, shown as lines of the outage's message.
  await post('/events', at(outage, iso(0)));
  for (const [i, part] of FAILING_PARTS.entries()) await post('/events', errorRateAlarm(errorRate, part, iso(5 * (i + 1))));
  await shoot('1-storm');

  // 2. The fix, 25 minutes on: every alarm back to OK, then the quiet period (10 minutes) passes.
  await advance(25 * 60);
  await post('/events', recovered(at(outage, iso(0)), iso(25 * 60)));
  for (const [i, part] of FAILING_PARTS.entries()) await post('/events', recovered(errorRateAlarm(errorRate, part, iso(5 * (i + 1))), iso(25 * 60)));
  await settled();
  await advance(11 * 60);
  await shoot('2-fixed');

  // 3. The outage fires again 13 minutes after it recovered: within the 15-minute flap window, after
  // everyone heard it was fixed, so the same messages reopen and the news is told again.
  await advance(2 * 60);
  const refire = at(outage, iso(38 * 60));
  refire.detail.previousState = { ...refire.detail.previousState, timestamp: iso(25 * 60).replace('Z', '.000+0000') };
  await post('/events', refire);
  await shoot('3-refired');

  // 4. The overnight sync fails; the data leads read how stale their data is. It runs again ten
  // minutes later, and after the quiet period they are told it is current again.
  const syncFailed = JSON.parse(await readFile(path.join(SHIPPED_CATALOG, 'samples', 'events', 'nightly-sync-glue-failed.json'), 'utf8')) as { id: string; time: string };
  const syncRan = JSON.parse(await readFile(path.join(SHIPPED_CATALOG, 'samples', 'events', 'nightly-sync-glue-succeeded.json'), 'utf8')) as { id: string; time: string };
  await post('/events', jobAt(syncFailed, iso(38 * 60 + 10)));
  await shootData('4-sync-failed');
  await advance(10 * 60);
  await post('/events', jobAt(syncRan, iso(48 * 60 + 10)));
  await settled();
  await advance(11 * 60);
  await shootData('5-sync-fixed');
} finally {
  await browser.close();
  await stack.close();
  await ui.remove();
}
