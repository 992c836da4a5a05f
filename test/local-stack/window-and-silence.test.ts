// an alert both in a maintenance window and silenced, through the local stack's HTTP API and /api/clock.
import { afterEach, describe, expect, it } from 'vitest';
import { alarmStateChange } from '../../bench/alarm-event.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import type { StoredMessage } from '../integration/harness.ts';
import { startTestStack } from './stack-helpers.ts';

let stack: (LocalStack & { lines: string[] }) | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function post(route: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${stack!.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}
async function advance(seconds: number): Promise<void> {
  await post('/api/clock', { advanceSeconds: seconds });
  await stack!.settled();
}
function channel(name: string): StoredMessage[] {
  const found = stack!.emulator.channels().find((c) => c.name === name);
  return found ? stack!.emulator.messages(found.id) : [];
}
const alerts = (name: string) => channel(name).filter((m) => m.metadata?.event_type === 'clarion_alert');

describe('local stack: a window and a silence over the same alert', () => {
  for (const [label, endsAt] of [
    ['the silence ends with the window', '2026-12-05T11:00:00Z'],
    ['the silence ends after the window', '2026-12-05T11:30:00Z'],
    ['the silence ends before the window', '2026-12-05T10:30:00Z'],
  ] as const) {
    it(`tells every audience once, after both are over, when ${label}`, async () => {
      // Prepare: in the middle of the Saturday work, the outage's entry is silenced too.
      const at = new Date('2026-12-05T10:00:00Z');
      stack = await startTestStack({ now: () => at });
      const added = await post('/api/silences', { match: 'portal.app-down', endsAt, reason: 'Upgrade' });
      expect(added.status).toBe(201);
      await post('/events', alarmStateChange('trainee-portal-prod-unhealthy-hosts', stack.clock.now().toISOString(), 'ALARM', 'both-1'));
      await stack.settled();
      const during = [alerts('portal-alerts').length, alerts('portal-status').length, alerts('portal-local-offices').length];

      // Act
      await advance(2 * 3600);

      // Assess
      if (process.env.REVIEW_DEBUG) console.log(stack.lines.join('\n'), stack.emulator.channels().map((c) => [c.name, stack!.emulator.messages(c.id).map((m) => m.text)]));
      expect(during).toEqual([0, 0, 0]);
      expect([alerts('portal-alerts').length, alerts('portal-status').length, alerts('portal-local-offices').length]).toEqual([1, 1, 1]);
      // Posted once the work is over, the engineers' message must not say it is during planned work.
      if (endsAt >= '2026-12-05T11:00:00Z') expect(JSON.stringify(alerts('portal-alerts')[0]!.blocks)).not.toContain('During planned work');
      // Nothing about the alert reaches the engineers before the alert itself (no escalation of a silenced alert).
      const texts = channel('portal-alerts').map((m) => m.text ?? '');
      expect(texts.findIndex((t) => t.includes('Still unacknowledged'))).toBe(-1);
    }, 60_000);
  }
});
