// The local server's modal API over real HTTP: a press opens the form in the emulator, the page's submission is signed and answered as Slack would.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatedView } from '../../src/local/slack-emulator.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { allText, SAMPLES } from '../integration/harness.ts';
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

/** Presses *Post an update* on the engineers' message as the page does, and returns the modal it opened. */
async function openForm(): Promise<EmulatedView> {
  const message = stack.emulator.messages('#portal-alerts')[0]!;
  await post('/api/press', { channel: message.channel, ts: message.ts, actionId: 'clarion.post-update' });
  const { views } = (await (await fetch(`${stack.url}/api/slack/views`)).json()) as { views: EmulatedView[] };
  return views[0]!;
}

const broadcasts = (channel: string) => stack.emulator.messages(channel).flatMap((m) => m.replies.filter((r) => r.reply_broadcast));

describe('the local server: Post an update', () => {
  it('lists the modal a press opened', async () => {
    // Act
    const view = await openForm();

    // Assess
    expect([view.view.callback_id, view.user]).toEqual(['clarion.post-update', 'U0PREVIEW']);
  });

  it('answers a submission with jargon with the errors, and keeps the modal open', async () => {
    // Prepare
    const view = await openForm();

    // Act
    const response = await post('/api/slack/views/submit', { viewId: view.id, values: { 'clarion.update-text': 'The API has a timeout.' } });

    // Assess
    expect([response.status, await response.json(), stack.emulator.views().length]).toEqual([
      200,
      { status: 200, errors: { 'clarion.update-text': expect.stringContaining('"API"') } },
      1,
    ]);
  });

  it('posts a plain submission and closes the modal', async () => {
    // Prepare
    const view = await openForm();

    // Act
    const response = await post('/api/slack/views/submit', { viewId: view.id, values: { 'clarion.update-text': 'Back by 11:00.', 'clarion.update-audiences': ['product-leads'] } });

    // Assess
    expect([await response.json(), stack.emulator.views().length, broadcasts('#portal-status').map(allText).join('')]).toEqual([{ status: 200 }, 0, expect.stringContaining('Back by 11:00.')]);
  });

  it('closes the modal on Cancel without posting', async () => {
    // Prepare
    const view = await openForm();

    // Act
    const response = await post('/api/slack/views/close', { viewId: view.id });

    // Assess
    expect([response.status, stack.emulator.views().length, broadcasts('#portal-status').length]).toEqual([200, 0, 0]);
  });

  it('answers 404 for a view that is not open', async () => {
    // Act
    const response = await post('/api/slack/views/submit', { viewId: 'VNOPE', values: {} });

    // Assess
    expect(response.status).toBe(404);
  });

  it('answers 400 for a value of an input the modal does not have', async () => {
    // Prepare
    const view = await openForm();

    // Act
    const response = await post('/api/slack/views/submit', { viewId: view.id, values: { 'no-such-block': 'x' } });

    // Assess
    expect([response.status, (await response.text()).trim()]).toEqual([400, 'the view has no input block "no-such-block"']);
  });
});
