// A storm in the local stack, black-box over HTTP: alarms in on /events, Acknowledge all pressed through /api/press as the preview page does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { allText, errorRateAlarm } from '../integration/harness.ts';
import type { StoredMessage } from '../integration/harness.ts';
import { eventually, startTestStack } from './stack-helpers.ts';

/** One more than the shipped threshold of five: the sixth alarm and later are shown in the storm message. */
const ALARMS = 8;

let stack: LocalStack & { lines: string[] };

beforeAll(async () => {
  stack = await startTestStack({ now: () => new Date('2026-11-24T10:00:00Z') });
});
afterAll(() => stack.close());

async function post(route: string, body: unknown): Promise<Response> {
  return fetch(`${stack.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function engineers(): StoredMessage[] {
  const channel = stack.emulator.channels().find((c) => c.name === 'portal-alerts')!;
  return stack.emulator.messages(channel.id);
}

describe('local stack: Acknowledge all on a storm', () => {
  it('acknowledges the storm from the engineers\' storm message, which then says who and loses the button', async () => {
    // Prepare
    for (let i = 0; i < ALARMS; i++) {
      const response = await post('/events', errorRateAlarm(i, `local-storm-${i}`, stack.clock.now().toISOString()));
      expect(response.status).toBe(202);
    }
    await stack.settled();
    const storm = await eventually(() => engineers().find((m) => m.text.startsWith('Storm')), 'the storm message');

    // Act
    const response = await post('/api/press', { channel: storm.channel, ts: storm.ts, actionId: 'clarion.acknowledge-group' });

    // Assess
    expect(await response.json()).toEqual({ status: 200 });
    const shown = engineers().find((m) => m.ts === storm.ts)!;
    expect(allText(shown)).toContain('Acknowledged by <@U0PREVIEW>');
    expect(JSON.stringify(shown.blocks)).not.toContain('clarion.acknowledge-group');
    expect(engineers().filter((m) => m.ts !== storm.ts).map((m) => allText(m).includes('Acknowledged by <@U0PREVIEW>'))).toEqual([true, true, true, true, true]);
  });
});
