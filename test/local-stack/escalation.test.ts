// Escalation in the local stack, black-box over HTTP: a critical sample fired, the stack's clock moved, Acknowledge pressed as the preview page does.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import type { StoredMessage } from '../integration/harness.ts';
import { copyCatalog, eventually, startTestStack } from './stack-helpers.ts';

const MENTION = '<!subteam^S0ONCALLPLACEHOLDER> Still unacknowledged after 15 minutes: The Trainee Portal is down';
const REMINDER = 'Still unacknowledged after 5 minutes: The Trainee Portal is down';

let stack: LocalStack & { lines: string[] };
let catalog: Awaited<ReturnType<typeof copyCatalog>>;

beforeAll(async () => {
  // The shipped policy, a page to PagerDuty (the stack's stand-in) with the mention, and a post in the product leads' channel after 30 minutes.
  catalog = await copyCatalog();
  const file = path.join(catalog.dir, 'clarion.config.yaml');
  const config = await readFile(file, 'utf8');
  await writeFile(file, `${config.replace('        - { after: 15m, mention: S0ONCALLPLACEHOLDER }\n', '        - { after: 15m, mention: S0ONCALLPLACEHOLDER }\n        - { after: 15m, page: pagerduty }\n        - { after: 30m, channel: "#portal-status" }\n')}paging:\n  pagerduty: {}\n`);
  stack = await startTestStack({ catalogDir: catalog.dir, watchCatalog: false, now: () => new Date('2026-11-24T10:00:00Z') });
});
afterAll(async () => {
  await stack.close();
  await catalog.remove();
});

async function post(route: string, body: unknown): Promise<Response> {
  return fetch(`${stack.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function outage(): StoredMessage | undefined {
  const channel = stack.emulator.channels().find((c) => c.name === 'portal-alerts')!;
  return stack.emulator.messages(channel.id).find((m) => m.text.includes('The Trainee Portal is down'));
}

const thread = () => (outage()?.replies ?? []).map((reply) => reply.text);
const pages = async () => ((await (await fetch(`${stack.url}/api/pagerduty`)).json()) as { events: Array<{ event_action: string; dedup_key: string }> }).events;

describe('local stack: escalation of a critical alert nobody acknowledges', () => {
  it('reminds, mentions the on-call group and pages once the clock moves 15 minutes, and stops when an engineer acknowledges', async () => {
    // Prepare
    expect((await post('/api/samples/fire', { file: 'app-down-alarm.json' })).status).toBe(202);
    await stack.settled();
    const message = await eventually(() => outage(), 'the outage message');

    // Act: 15 minutes on
    const moved = await post('/api/clock', { advanceSeconds: 900 });
    await eventually(() => thread().length === 2 && thread(), 'the reminder and the mention');
    await eventually(async () => (await pages()).length === 1, 'the page');
    const pressed = await post('/api/press', { channel: message.channel, ts: message.ts, actionId: 'clarion.acknowledge' });
    await eventually(async () => (await pages()).length === 2, 'the page acknowledged');
    await post('/api/clock', { advanceSeconds: 3600 });
    await stack.settled();

    // Assess
    expect(moved.status).toBe(200);
    expect(pressed.status).toBe(200);
    expect(thread()).toEqual([REMINDER, MENTION]);
    const status = stack.emulator.channels().find((c) => c.name === 'portal-status')!;
    expect(stack.emulator.messages(status.id).filter((m) => m.text.startsWith('Still unacknowledged'))).toEqual([]);
    const events = await pages();
    expect(events.map((e) => e.event_action)).toEqual(['trigger', 'acknowledge']);
    expect(events[1]!.dedup_key).toBe(events[0]!.dedup_key);
  });

  it('answers a malformed event at its PagerDuty stand-in with 400, as PagerDuty does, and records nothing', async () => {
    // Prepare
    const before = (await pages()).length;

    // Act
    const response = await fetch(`${stack.url}/pagerduty/v2/enqueue`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"event_action":"trigger"' });

    // Assess
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 'invalid event' });
    expect(await pages()).toHaveLength(before);
  });
});
