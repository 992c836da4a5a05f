// What product leads and local offices see in the local stack when many alarms of one service fire: one message per impact, told fixed once, when the last alarm is fixed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmStateChange } from '../../bench/alarm-event.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { allText } from '../integration/harness.ts';
import type { StoredMessage } from '../integration/harness.ts';
import { eventually, startTestStack } from './stack-helpers.ts';

let stack: LocalStack & { lines: string[] };

beforeAll(async () => {
  stack = await startTestStack({ now: () => new Date('2026-11-24T10:00:00Z') });
});
afterAll(() => stack.close());

async function post(route: string, body: unknown): Promise<void> {
  const response = await fetch(`${stack.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  expect(response.status).toBeLessThan(300);
}

/** One alarm of the Trainee Portal's error-rate entry changing state now. */
async function alarm(n: number, state: 'ALARM' | 'OK', id: string): Promise<void> {
  await post('/events', alarmStateChange(`trainee-portal-${n}-5xx-rate`, stack.clock.now().toISOString(), state, id));
}

function channel(name: string): StoredMessage[] {
  return stack.emulator.messages(stack.emulator.channels().find((c) => c.name === name)!.id);
}

function broadcasts(name: string): StoredMessage[] {
  return channel(name).flatMap((m) => m.replies.filter((r) => r.reply_broadcast));
}

describe('local stack: impacts, not alarms, for non-technical audiences', () => {
  it('gives product leads one message for eight alarms of one entry, and tells them fixed once, after the last alarm recovers', async () => {
    // Prepare: eight error-rate alarms fire within a minute (a storm for the engineers).
    for (let n = 0; n < 8; n++) await alarm(n, 'ALARM', `impact-down-${n}`);
    await stack.settled();
    const whileOpen = channel('portal-status').length;

    // Act: seven recover; the quiet period passes; then the last one recovers and the quiet period passes again.
    await post('/api/clock', { advanceSeconds: 60 });
    for (let n = 0; n < 7; n++) await alarm(n, 'OK', `impact-ok-${n}`);
    await stack.settled();
    await post('/api/clock', { advanceSeconds: 1200 });
    await stack.settled();
    const toldBeforeTheLast = broadcasts('portal-status').length;
    await alarm(7, 'OK', 'impact-ok-7');
    await stack.settled();
    await post('/api/clock', { advanceSeconds: 1200 });
    await eventually(() => broadcasts('portal-status').length === 1, 'the fixed notice');

    // Assess
    expect([whileOpen, channel('portal-status').length, toldBeforeTheLast, broadcasts('portal-status').length, allText(broadcasts('portal-status')[0]!)]).toEqual([
      1,
      1,
      0,
      1,
      expect.stringContaining('Fixed.'),
    ]);
    expect(channel('portal-alerts').length).toBeGreaterThan(1);
  });
});
