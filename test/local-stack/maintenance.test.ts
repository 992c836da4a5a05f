// The shipped maintenance window (the Trainee Portal, Saturdays 09:00–11:00 London) in the local stack, driven through its HTTP API and /api/clock.
import { afterEach, describe, expect, it } from 'vitest';
import { alarmStateChange } from '../../bench/alarm-event.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { allText } from '../integration/harness.ts';
import type { StoredMessage } from '../integration/harness.ts';
import { eventually, startTestStack } from './stack-helpers.ts';

let stack: (LocalStack & { lines: string[] }) | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function start(now: string): Promise<LocalStack & { lines: string[] }> {
  const at = new Date(now);
  stack = await startTestStack({ now: () => at });
  return stack;
}

async function post(route: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${stack!.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  expect(response.status).toBeLessThan(300);
  return response.json();
}

async function advance(seconds: number): Promise<void> {
  await post('/api/clock', { advanceSeconds: seconds });
  await stack!.settled();
}

function channel(name: string): StoredMessage[] {
  const found = stack!.emulator.channels().find((c) => c.name === name);
  return found ? stack!.emulator.messages(found.id) : [];
}

/** The portal is down: the alarm of `portal.app-down` fires now. */
async function portalDown(id: string): Promise<void> {
  await post('/events', alarmStateChange('trainee-portal-prod-unhealthy-hosts', stack!.clock.now().toISOString(), 'ALARM', id));
  await stack!.settled();
}

describe('local stack: maintenance windows', () => {
  it('lists the windows with their next occurrence', async () => {
    // Prepare
    await start('2026-12-02T12:00:00Z');

    // Act
    const response = await fetch(`${stack!.url}/api/maintenance`);

    // Assess
    expect(await response.json()).toEqual({
      windows: [expect.objectContaining({ id: 'portal.saturday-upgrade', active: false, next: { noticeAt: '2026-12-04T09:00:00.000Z', start: '2026-12-05T09:00:00.000Z', end: '2026-12-05T11:00:00.000Z' } })],
    });
  });

  it('posts the notice a day before when the clock passes it, once', async () => {
    // Prepare
    await start('2026-12-04T08:59:00Z');

    // Act
    await advance(120);
    await advance(120);

    // Assess
    await eventually(() => channel('portal-status').length === 1, 'the notice to product leads');
    expect([channel('portal-status').length, channel('portal-local-offices').length, channel('portal-alerts').length]).toEqual([1, 1, 1]);
    expect(allText(channel('portal-status')[0]!)).toContain('will be unavailable on Saturday 5 December from 09:00 to 11:00 for planned work');
  });

  it('keeps an alert during the work from everyone but the engineers, and tells everyone when the work ends while it still fires', async () => {
    // Prepare: the day before; the notice goes out, then the work starts.
    await start('2026-12-04T08:59:00Z');
    await advance(120);
    await advance(86_400);
    await eventually(() => channel('portal-status')[0]?.replies.length === 1, 'the start notice in the thread');

    // Act: the portal goes down during the work, and the work ends with it still down.
    await portalDown('maint-down-1');
    const duringWork = [channel('portal-status').length, channel('portal-local-offices').length, allText(channel('portal-alerts').at(-1)!)];
    await advance(7200);
    await eventually(() => channel('portal-status').length === 2, 'the alert told to product leads after the work');

    // Assess
    expect(duringWork).toEqual([1, 1, expect.stringContaining('During planned work: the Trainee Portal, until 11:00')]);
    expect(allText(channel('portal-status')[1]!)).toContain('The Trainee Portal is down');
    expect(allText(channel('portal-status')[0]!.replies.at(-1)!)).toContain('Planned work on the Trainee Portal has finished');
  });

  it('applies the window to alerts when the stack starts in the middle of it', async () => {
    // Prepare
    await start('2026-12-05T10:00:00Z');

    // Act
    await portalDown('maint-down-2');

    // Assess
    expect([channel('portal-alerts').length, channel('portal-status').length, channel('portal-local-offices').length]).toEqual([1, 0, 0]);
  });
});
