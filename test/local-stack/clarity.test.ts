// The local server's side of *Was this clear?*: presses and the form through /api/press and /api/slack/views/submit, the answers from GET /api/clarity.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClarityAnswers } from '../../src/local/server/clarity-api.ts';
import type { EmulatedView } from '../../src/local/slack-emulator.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { SAMPLES } from '../integration/harness.ts';
import { startTestStack } from './stack-helpers.ts';

const alarm = readFileSync(path.join(SAMPLES, 'app-down-alarm.json'), 'utf8');

let stack: LocalStack;

beforeEach(async () => {
  // A Tuesday morning: outside the shipped maintenance window (Saturdays 09:00–11:00), which keeps the portal's alerts from product leads.
  stack = await startTestStack({ now: () => new Date('2026-11-24T10:00:00Z') });
  await fetch(`${stack.url}/events`, { method: 'POST', body: alarm });
  await stack.settled();
});
afterEach(() => stack.close());

const post = (route: string, body: unknown) => fetch(`${stack.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const answers = async (query = ''): Promise<ClarityAnswers> => (await (await fetch(`${stack.url}/api/clarity${query}`)).json()) as ClarityAnswers;

/** Presses Yes or No under the local offices' message, as the page does. */
async function press(actionId: 'clarion.clarity-yes' | 'clarion.clarity-no'): Promise<number> {
  const message = stack.emulator.messages('#portal-local-offices')[0]!;
  return (await post('/api/press', { channel: message.channel, ts: message.ts, actionId })).status;
}

describe('the local server: Was this clear?', () => {
  it('lists no answers before anyone answered', async () => {
    // Act
    const listed = await answers();

    // Assess
    expect(listed).toEqual({ since: '2026-08-26T10:00:00.000Z', until: '2026-11-24T10:00:00.000Z', answers: [] });
  });

  it('counts a Yes pressed on the page for the entry, state and audience', async () => {
    // Act
    const status = await press('clarion.clarity-yes');

    // Assess
    expect([status, (await answers()).answers]).toEqual([
      200,
      [{ catalogId: 'portal.app-down', state: 'firing', audience: 'local-office', yes: 1, no: 0, comments: [], unclear: false }],
    ]);
  });

  it('counts a No and its comment once the form the page shows is submitted', async () => {
    // Prepare
    await press('clarion.clarity-no');
    const { views } = (await (await fetch(`${stack.url}/api/slack/views`)).json()) as { views: EmulatedView[] };

    // Act
    const submitted = await post('/api/slack/views/submit', { viewId: views[0]!.id, values: { 'clarion.clarity-comment': 'Which users?' } });

    // Assess
    expect(submitted.status).toBe(200);
    expect((await answers()).answers).toEqual([expect.objectContaining({ audience: 'local-office', yes: 0, no: 1, comments: [{ at: expect.any(String), text: 'Which users?' }] })]);
  });

  it('refuses a period that is not a duration', async () => {
    // Act
    const response = await fetch(`${stack.url}/api/clarity?since=forever`);

    // Assess
    expect([response.status, await response.text()]).toEqual([400, expect.stringContaining('"forever" is not a duration')]);
  });
});
