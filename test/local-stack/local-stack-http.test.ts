// Contract tests of the local server over real HTTP: events in, Slack interactions, the emulated Web API.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActionsPayload, signedInteraction } from '../../src/local/server/press-button.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { allText, SAMPLES } from '../integration/harness.ts';
import { startTestStack } from './stack-helpers.ts';

const alarm = readFileSync(path.join(SAMPLES, 'app-down-alarm.json'), 'utf8');

describe('the local server', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startTestStack();
    await fetch(`${stack.url}/events`, { method: 'POST', body: alarm });
    await stack.settled();
  });

  afterAll(async () => {
    await stack.close();
  });

  const techiesMessage = () => stack.emulator.messages('#portal-alerts').find((m) => allText(m).includes('The Trainee Portal is down'));

  it('answers 202 with the signal keys when a raw event is posted', async () => {
    // Prepare
    const event = readFileSync(path.join(SAMPLES, 'nightly-sync-glue-failed.json'), 'utf8');

    // Act
    const response = await fetch(`${stack.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: event });

    // Assess
    expect(response.status).toBe(202);
    const body = (await response.json()) as { queued: string[] };
    expect(body.queued).toHaveLength(1);
    expect(body.queued[0]).toContain('nightly-trainee-sync');
  });

  it('refuses a cross-site POST from another page the developer has open', async () => {
    // Act
    const response = await fetch(`${stack.url}/events`, { method: 'POST', headers: { origin: 'https://evil.example' }, body: '{}' });

    // Assess
    expect(response.status).toBe(403);
  });

  it('answers 400 with a one-line reason when the body is not JSON', async () => {
    // Act
    const response = await fetch(`${stack.url}/events`, { method: 'POST', body: '{"detail-type": ' });

    // Assess
    expect(response.status).toBe(400);
    const text = (await response.text()).trim();
    expect(text).toMatch(/not valid JSON/);
    expect(text.split('\n')).toHaveLength(1);
  });

  it('answers 400 when the event is over EventBridge\'s 256 KB limit', async () => {
    // Prepare
    const big = JSON.stringify({ source: 'app', 'detail-type': 'Big', detail: { padding: 'x'.repeat(256 * 1024) } });

    // Act
    const response = await fetch(`${stack.url}/events`, { method: 'POST', body: big });

    // Assess
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/256 KB/);
  });

  it('lets a Slack Web API client read what was posted through conversations.history', async () => {
    // Prepare
    const client = new WebClient('xoxb-any-token', { slackApiUrl: `${stack.url}/slack/api/` });
    const channel = stack.emulator.channels().find((c) => c.name === 'portal-alerts')!;

    // Act
    const history = await client.conversations.history({ channel: channel.id });

    // Assess
    expect(history.ok).toBe(true);
    expect(history.messages?.some((m) => (m.text ?? '').includes('The Trainee Portal is down'))).toBe(true);
  });

  it('refuses an unsigned interaction with 401 and changes nothing', async () => {
    // Prepare
    const message = techiesMessage()!;
    const payload = blockActionsPayload({ user: 'U0INTRUDER', message: { ...message, channel: message.channel }, actionId: 'clarion.acknowledge' }, Date.now());
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

    // Act
    const response = await fetch(`${stack.url}/slack/interactions`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });

    // Assess
    expect(response.status).toBe(401);
    expect(allText(techiesMessage()!)).not.toContain('U0INTRUDER');
  });

  it('acknowledges the alert when a signed Acknowledge press arrives, and the message shows who', async () => {
    // Prepare
    const message = techiesMessage()!;
    const payload = blockActionsPayload({ user: 'U0TESTER', message, actionId: 'clarion.acknowledge' }, Date.now());
    const { body, headers } = signedInteraction(payload, 'test-signing-secret', Date.now());

    // Act
    const response = await fetch(`${stack.url}/slack/interactions`, { method: 'POST', headers, body });

    // Assess
    expect(response.status).toBe(200);
    const updated = techiesMessage()!;
    expect(updated.updates).toBeGreaterThan(message.updates);
    expect(allText(updated)).toContain('<@U0TESTER>');
  });

  it('snoozes the alert when the page presses a Snooze option, signing the request as Slack would', async () => {
    // Prepare
    const message = techiesMessage()!;

    // Act
    const response = await fetch(`${stack.url}/api/press`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: message.channel, ts: message.ts, actionId: 'clarion.snooze', selectedValue: '1h' }),
    });

    // Assess
    expect(await response.json()).toEqual({ status: 200 });
    expect(techiesMessage()!.updates).toBeGreaterThan(message.updates);
  });
});
