// Inhibition in the local stack, seen from outside: events in over HTTP, what Slack shows read from /api/state.
import { afterEach, describe, expect, it } from 'vitest';
import { alarmStateChange } from '../../bench/alarm-event.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { allText } from '../integration/harness.ts';
import type { StoredMessage } from '../integration/harness.ts';
import { startTestStack } from './stack-helpers.ts';

let stack: (LocalStack & { lines: string[] }) | undefined;
afterEach(async () => stack?.close());

const OUTAGE = 'trainee-portal-prod-unhealthy-hosts';
const PAGE_ERRORS = 'trainee-portal-3-5xx-rate';

async function post(route: string, body: unknown): Promise<void> {
  const response = await fetch(`${stack!.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  expect(response.status).toBeLessThan(300);
}

let ids = 0;
/** An alarm changes state now; then the stack runs what became due, and a few seconds pass for inhibition's follow-ups. */
async function alarm(name: string, state: 'ALARM' | 'OK'): Promise<void> {
  await post('/events', alarmStateChange(name, stack!.clock.now().toISOString(), state, `inhibition-${++ids}`));
  await stack!.settled();
  await post('/api/clock', { advanceSeconds: 5 });
  await stack!.settled();
}

/** Clarion's alert messages in a channel, as GET /api/state shows them. */
async function messagesIn(name: string): Promise<StoredMessage[]> {
  const response = await fetch(`${stack!.url}/api/state`);
  const state = (await response.json()) as { channels: Array<{ name: string; messages: StoredMessage[] }> };
  return (state.channels.find((c) => c.name === name)?.messages ?? []).filter((m) => m.metadata?.event_type === 'clarion_alert');
}

describe('local stack: an alert folded under what it depends on', () => {
  it('shows page errors that start during an outage as a line in the outage\'s engineers\' message, not as a message of their own', async () => {
    // Prepare
    stack = await startTestStack({ now: () => new Date('2026-11-24T10:00:00Z') });
    await alarm(OUTAGE, 'ALARM');

    // Act
    await alarm(PAGE_ERRORS, 'ALARM');

    // Assess
    const engineers = await messagesIn('portal-alerts');
    expect(engineers).toHaveLength(1);
    expect(allText(engineers[0]!)).toContain(`Also affected because of this:*\n• Some pages of the Trainee Portal are failing (\`${PAGE_ERRORS}\`)`);
  });

  it('delivers the page errors on their own once the outage is fixed while they go on', async () => {
    // Prepare
    stack = await startTestStack({ now: () => new Date('2026-11-24T10:00:00Z') });
    await alarm(OUTAGE, 'ALARM');
    await alarm(PAGE_ERRORS, 'ALARM');

    // Act
    await alarm(OUTAGE, 'OK');

    // Assess
    const engineers = await messagesIn('portal-alerts');
    const productLeads = await messagesIn('portal-status');
    expect(engineers.map((m) => allText(m).includes(PAGE_ERRORS))).toEqual([false, true]);
    expect(allText(productLeads.at(-1)!)).toContain('error page');
  });

  it('delivers nothing of page errors that stopped while the outage went on', async () => {
    // Prepare
    stack = await startTestStack({ now: () => new Date('2026-11-24T10:00:00Z') });
    await alarm(OUTAGE, 'ALARM');
    await alarm(PAGE_ERRORS, 'ALARM');
    await alarm(PAGE_ERRORS, 'OK');

    // Act
    await alarm(OUTAGE, 'OK');

    // Assess
    const engineers = await messagesIn('portal-alerts');
    expect(engineers).toHaveLength(1);
    expect(allText(engineers[0]!)).not.toContain(PAGE_ERRORS);
  });
});
