// `POST /api/clock` over real HTTP: it answers once the work that became due has run, steps through long chains in order, and refuses what it cannot do.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { alarmEvent, allText } from '../integration/harness.ts';
import type { StoredMessage } from '../integration/harness.ts';
import { copyCatalog, startTestStack } from './stack-helpers.ts';

/** Tuesday 24 November 2026, 10:00 UTC: the default stage has no office hours, so everyone is told at once. */
const START = new Date('2026-11-24T10:00:00Z');
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

type Stack = LocalStack & { lines: string[] };

async function call(stack: Stack, method: string, route: string, body?: unknown): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(`${stack.url}${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text };
}

const advance = (stack: Stack, advanceSeconds: unknown) => call(stack, 'POST', '/api/clock', { advanceSeconds });
const clockNow = async (stack: Stack) => Date.parse(((await call(stack, 'GET', '/api/clock')).body as { now: string }).now);

/** The app-down alarm (or its recovery) at the stack's time, as CloudWatch sends it. */
async function sendAppDown(stack: Stack, value: 'ALARM' | 'OK', id: string): Promise<void> {
  const response = await call(stack, 'POST', '/events', alarmEvent('app-down-alarm.json', { id, time: stack.clock.now().toISOString(), value }));
  expect(response.status).toBe(202);
  await stack.settled();
}

/** Broadcast replies in a channel (by name): the "fixed" news its readers see in the channel itself. */
function broadcasts(stack: Stack, name: string): StoredMessage[] {
  const channel = stack.emulator.channels().find((c) => c.name === name)!;
  return stack.emulator.messages(channel.id).flatMap((m) => m.replies.filter((r) => r.reply_broadcast));
}

/** Down at the stack's time, and OK five minutes later: the quiet period before "fixed" starts. */
async function downThenOk(stack: Stack, n: number): Promise<void> {
  await sendAppDown(stack, 'ALARM', `down-${n}`);
  expect((await advance(stack, 300)).status).toBe(200);
  await sendAppDown(stack, 'OK', `ok-${n}`);
}

describe('POST /api/clock answers once the work that became due has run', () => {
  let stack: Stack;
  let n = 0;

  beforeEach(async () => {
    n += 1;
    stack = await startTestStack({ now: () => START });
  });

  afterEach(() => stack.close());

  it('answers only once the fix confirmation that came due is in the product leads\' channel', async () => {
    // Prepare: the 10-minute quiet period has started.
    await downThenOk(stack, n);

    // Act: no waiting after the answer.
    const moved = await advance(stack, 15 * 60);
    const fixed = broadcasts(stack, 'portal-status').map(allText);

    // Assess
    expect(moved.status).toBe(200);
    expect(fixed).toEqual([expect.stringContaining('Fixed')]);
  });

  it('answers with the new time alone, without waiting for a confirmation due later', async () => {
    // Prepare
    await downThenOk(stack, n);
    const before = await clockNow(stack);

    // Act: one minute of a ten-minute quiet period.
    const moved = await advance(stack, 60);

    // Assess
    expect(moved).toMatchObject({ status: 200, body: { now: new Date(before + 60_000).toISOString() } });
    expect(Object.keys(moved.body as object)).toEqual(['now']);
    expect(broadcasts(stack, 'portal-status')).toHaveLength(0);
    expect(((await call(stack, 'GET', '/api/queue')).body as { delayed: number }).delayed).toBeGreaterThan(0);
  });

  it('runs two advances sent at once one after the other, ending at the sum of both', async () => {
    // Prepare
    const before = await clockNow(stack);

    // Act
    const answers = await Promise.all([advance(stack, 300), advance(stack, 600)]);

    // Assess
    const times = answers.map((a) => Date.parse((a.body as { now: string }).now)).sort((a, b) => a - b);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect([300_000, 600_000]).toContain(times[0]! - before);
    expect(times[1]! - before).toBe(900_000);
    expect(await clockNow(stack)).toBe(before + 900_000);
  });

  it('fires a schedule on the stack\'s list at its own time, after the messages due before it and before those due after', async () => {
    // Prepare: the fix is confirmed at 10:15 and told a second later.
    await downThenOk(stack, n);
    const seen: string[] = [];
    for (const minute of [12, 20]) {
      const at = new Date(START.getTime() + minute * 60_000);
      stack.schedules.add({
        name: `probe ${minute}`,
        nextDue: (after) => (after < at ? at : null),
        fire: (_due, now) => void seen.push(`${now.toISOString().slice(11, 19)}: ${broadcasts(stack, 'portal-status').length} fixed`),
      });
    }

    // Act
    await advance(stack, 30 * 60);

    // Assess
    expect(seen).toEqual(['10:12:00: 0 fixed', '10:20:00: 1 fixed']);
    expect(stack.lines).toContain('clock: probe 20 (due 2026-11-24T10:20:00.000Z)');
  });

  it('logs in the terminal what the advance ran', async () => {
    // Prepare
    await downThenOk(stack, n);
    const from = stack.lines.length;

    // Act
    await advance(stack, 15 * 60);

    // Assess
    const lines = stack.lines.slice(from).join('\n');
    expect(lines).toContain('clock: moving forward 900 s to 2026-11-24T10:20:00.000Z');
    expect(lines).toMatch(/portal\.app-down: refresh/);
    expect(lines).toMatch(/clock: now 2026-11-24T10:20:00\.000Z; [1-9]\d* queued messages? and 0 scheduled jobs ran/);
  });
});

describe('POST /api/clock over a day', () => {
  let stack: Stack;
  let catalog: Awaited<ReturnType<typeof copyCatalog>>;

  beforeAll(async () => {
    // A three-hour quiet period: its confirmation is re-sent every 15 minutes (SQS's longest delay) until it is due.
    catalog = await copyCatalog();
    const file = path.join(catalog.dir, 'portal.yaml');
    const yaml = await readFile(file, 'utf8');
    await writeFile(file, yaml.replace('quietPeriod: 10m', 'quietPeriod: 3h'));
    stack = await startTestStack({ catalogDir: catalog.dir, watchCatalog: false, now: () => START });
  });

  afterAll(async () => {
    await stack.close();
    await catalog.remove();
  });

  it('runs a chain of 15-minute re-sends link by link, so the fix is told three hours after the recovery, not a day', async () => {
    // Prepare
    await downThenOk(stack, 1);
    // The emulator's ts of the last post (the recovery's thread reply): Slack's clock, which the stack's clock moves.
    const okAt = Math.max(...stack.emulator.channels().flatMap((c) => stack.emulator.messages(c.id).flatMap((m) => [m, ...m.replies].map((r) => Number(r.ts)))));
    const from = stack.lines.length;

    // Act
    const moved = await advance(stack, 24 * 60 * 60);

    // Assess
    const [fixed] = broadcasts(stack, 'portal-status');
    const refreshes = stack.lines.slice(from).filter((line) => line.includes('portal.app-down: refresh'));
    expect(moved.body).toEqual({ now: '2026-11-25T10:05:00.000Z' });
    expect(allText(fixed!)).toContain('Fixed');
    // On the emulator's clock (Slack's ts): three hours after the recovery was posted, give or take the real seconds the test took.
    expect(Number(fixed!.ts) - okAt).toBeGreaterThanOrEqual(3 * 3600 - 1);
    expect(Number(fixed!.ts) - okAt).toBeLessThan(3 * 3600 + 60);
    // Eleven re-sends of 15 minutes, then the confirmation itself.
    expect(refreshes.length).toBeGreaterThanOrEqual(12);
  });
});

describe('POST /api/clock refuses what it cannot do', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startTestStack({ now: () => START });
  });

  afterAll(() => stack.close());

  it('answers 400 with a reason to an advance that is not a number, missing, or not a JSON object', async () => {
    // Act
    const responses = await Promise.all([advance(stack, 'ten'), call(stack, 'POST', '/api/clock', {}), call(stack, 'POST', '/api/clock', '[600]'), advance(stack, Number.NaN)]);

    // Assess
    expect(responses.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect(responses[0]!.text).toContain('"advanceSeconds" must be a number');
    expect(responses[2]!.text).toContain('JSON object');
  });

  it('leaves the clock where it was after a refused advance', async () => {
    // Prepare
    const before = await clockNow(stack);

    // Act
    const refused = await advance(stack, 86_401);

    // Assess
    expect(refused.status).toBe(400);
    expect(await clockNow(stack)).toBe(before);
  });

  it('answers GET with the stack\'s time alone, as an ISO 8601 instant', async () => {
    // Act
    const response = await call(stack, 'GET', '/api/clock');

    // Assess
    expect(response.status).toBe(200);
    expect(Object.keys(response.body as object)).toEqual(['now']);
    expect((response.body as { now: string }).now).toMatch(ISO);
  });

  it('answers GET with the time the last advance answered', async () => {
    // Prepare
    const moved = (await advance(stack, 90)).body as { now: string };

    // Act
    const read = (await call(stack, 'GET', '/api/clock')).body as { now: string };

    // Assess
    expect(read).toEqual(moved);
  });
});

describe('POST /api/clock through the start of office hours', () => {
  /** Monday 23 November 2026, 02:10 in London; the production stage holds product leads' news until 09:00. */
  const NIGHT = new Date('2026-11-23T02:10:00Z');
  let stack: Stack;

  beforeAll(async () => {
    stack = await startTestStack({ stage: 'prod', now: () => NIGHT });
  });

  afterAll(() => stack.close());

  it('fires the summary at 09:00 on the way through a day, and has posted it when it answers', async () => {
    // Prepare: held for the summary at night.
    await sendAppDown(stack, 'ALARM', 'night-1');
    const product = () => stack.emulator.messages('C0PORTALSTATUS').map(allText);
    const heldAtNight = product().length;

    // Act
    const moved = await advance(stack, 24 * 60 * 60);

    // Assess
    expect(moved.body).toEqual({ now: '2026-11-24T02:10:00.000Z' });
    expect(heldAtNight).toBe(0);
    expect(product()).toEqual(expect.arrayContaining([expect.stringContaining('While you were away')]));
    expect(stack.lines.filter((line) => line.startsWith('clock: office-hours summary'))).toEqual(['clock: office-hours summary (due 2026-11-23T09:00:00.000Z)']);
  });
});
