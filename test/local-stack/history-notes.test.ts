// Notes in history written by the real processor paths (escalation steps, a silence, planned work) in the local stack with its dynalite history, read back through `GET /api/report`; then the weekly recap when the clock passes Monday 09:00.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import type { Report } from '../../src/history/report.ts';
import { MAX_ADVANCE_SECONDS } from '../../src/local/stack-clock.ts';
import { startTestStack } from './stack-helpers.ts';

/** Tuesday 24 November 2026, 10:00 UTC (London time in winter). */
const START = new Date('2026-11-24T10:00:00Z');

let stack: LocalStack & { lines: string[] };

beforeAll(async () => {
  stack = await startTestStack({ now: () => START });
});
afterAll(() => stack.close());

async function post(route: string, body: unknown): Promise<Response> {
  return fetch(`${stack.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Moves the clock to `iso` a day at most at a time (the most one advance takes). */
async function advanceTo(iso: string): Promise<void> {
  for (;;) {
    const seconds = Math.ceil((Date.parse(iso) - stack.clock.now().getTime()) / 1000);
    if (seconds <= 0) break;
    expect((await post('/api/clock', { advanceSeconds: Math.min(seconds, MAX_ADVANCE_SECONDS) })).status).toBe(200);
  }
  await stack.settled();
}

const report = async (): Promise<Report> => (await (await fetch(`${stack.url}/api/report?since=30d`)).json()) as Report;

describe('local stack: what happened besides incidents is noted in history', () => {
  it('notes each escalation step once, with its action', async () => {
    // Prepare
    expect((await post('/api/samples/fire', { file: 'app-down-alarm.json' })).status).toBe(202);
    await stack.settled();
    // Act: 20 minutes on, the reminder (5 minutes) and the mention (15 minutes) were taken
    await advanceTo('2026-11-24T10:20:00Z');
    // Assess
    expect((await report()).escalations).toEqual({ total: 2, byAction: { remind: 1, mention: 1, channel: 0, page: 0 } });
  });

  it('notes a silence when it is added, and again when it ends with how many alerts it held', async () => {
    // Prepare
    const added = await post('/api/silences', { match: 'data.placements-stale', for: '30m', reason: 'Reloading placements', createdBy: 'ana' });
    expect(added.status).toBe(201);
    await advanceTo('2026-11-24T10:21:00Z');
    const whileOn = (await report()).silences;
    expect((await post('/api/samples/fire', { file: 'placements-stale-alarm.json' })).status).toBe(202);
    await stack.settled();
    // Act
    await advanceTo('2026-11-24T11:00:00Z');
    // Assess
    expect(whileOn).toEqual({ count: 1, totalSeconds: 60, held: 0 });
    expect((await report()).silences).toEqual({ count: 1, totalSeconds: 1800, held: 1 });
  });

  it('notes a maintenance occurrence at its end, with the alarms it held', async () => {
    // Act: past the Saturday upgrade (09:00–11:00 London)
    await advanceTo('2026-11-28T11:05:00Z');
    // Assess
    expect((await report()).maintenance).toEqual({ occurrences: 1, held: 0 });
  });

  it('posts the weekly recap once when the clock moves past Monday 09:00', async () => {
    // Prepare
    const recaps = (name: string) => {
      const channel = stack.emulator.channels().find((c) => c.name === name)!;
      return stack.emulator.messages(channel.id).filter((m) => m.text.startsWith('Weekly recap') || m.text.startsWith('This week'));
    };
    // Act
    await advanceTo('2026-11-30T09:05:00Z');
    await advanceTo('2026-11-30T12:00:00Z');
    // Assess
    expect(recaps('portal-alerts').map((m) => m.text)).toEqual([expect.stringMatching(/^Weekly recap 23 Nov 2026 to 30 Nov 2026: 2 incidents/)]);
    expect(recaps('portal-status')).toHaveLength(1);
  });
});
