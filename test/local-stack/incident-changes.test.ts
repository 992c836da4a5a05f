// What a person sees in the local stack's Slack over one incident: down, fixed (told in the channel), broken again (told again).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { allText, SAMPLES } from '../integration/harness.ts';
import type { StoredMessage } from '../integration/harness.ts';
import { eventually, startTestStack } from './stack-helpers.ts';

const sample = (file: string) => JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8')) as Record<string, unknown>;

let stack: LocalStack & { lines: string[] };

beforeAll(async () => {
  stack = await startTestStack({ now: () => new Date('2026-11-24T10:00:00Z') });
});
afterAll(() => stack.close());

/** The same alarm event at another time, as CloudWatch sends its next transition. */
function at(file: string, id: string, time: Date): Record<string, unknown> {
  const event = sample(file) as { id: string; time: string; detail: { state: { timestamp: string } } };
  event.id = id;
  event.time = time.toISOString();
  event.detail.state.timestamp = time.toISOString().replace('Z', '+0000');
  return event as unknown as Record<string, unknown>;
}

async function send(body: unknown, route = '/events'): Promise<void> {
  const response = await fetch(`${stack.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBeLessThan(300);
}

/** Broadcast replies in a channel (by name), the news its readers see in the channel itself. */
function broadcasts(name: string): StoredMessage[] {
  const channel = stack.emulator.channels().find((c) => c.name === name)!;
  return stack.emulator.messages(channel.id).flatMap((m) => m.replies.filter((r) => r.reply_broadcast));
}

describe('local stack: an incident told as it happens', () => {
  it('tells local offices and product leads in their channels when the fix is confirmed, and again when it breaks again', async () => {
    // Prepare: down at 10:00, OK at 10:05.
    await send(at('app-down-alarm.json', 'down-1', stack.clock.now()));
    await stack.settled();
    await send({ advanceSeconds: 300 }, '/api/clock');
    await send(at('app-down-ok.json', 'ok-1', stack.clock.now()));
    await stack.settled();

    // Act: the 10-minute quiet period passes; then it fires again within the flap window.
    await send({ advanceSeconds: 660 }, '/api/clock');
    const fixed = await eventually(() => broadcasts('portal-local-offices').length === 1 && broadcasts('portal-status').length === 1, 'the fixed notices');
    await send({ advanceSeconds: 60 }, '/api/clock');
    await send(at('app-down-alarm.json', 'down-2', stack.clock.now()));
    await eventually(() => broadcasts('portal-local-offices').length === 2, 'the broken-again notice');

    // Assess
    expect([fixed, allText(broadcasts('portal-local-offices')[0]!), allText(broadcasts('portal-local-offices')[1]!), allText(broadcasts('portal-status')[1]!)]).toEqual([
      true,
      expect.stringContaining('Fixed.'),
      expect.stringContaining('Not working again'),
      expect.stringContaining('Broken again'),
    ]);
  });
});
