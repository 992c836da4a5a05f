// The local stack's fault-control contract over real HTTP: Slack faults, queue counts, dead letters and redrive, the clock.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshenEvent } from '../../src/local/server/freshen-event.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { allText, SAMPLES } from '../integration/harness.ts';
import { quietLogger } from '../support/quiet-slack-logger.ts';
import type { SlackClientError } from '../support/slack-client-failure.ts';
import { rawHttp } from './raw-http.ts';
import { eventually, startTestStack } from './stack-helpers.ts';

const alarm = readFileSync(path.join(SAMPLES, 'app-down-alarm.json'), 'utf8');
const DOWN = 'The Trainee Portal is down';

interface QueueCounts {
  depth: number;
  inFlight: number;
  delayed: number;
  deadLetters: number;
}

const json = { 'content-type': 'application/json' };

async function call(stack: LocalStack, method: string, route: string, body?: unknown): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(`${stack.url}${route}`, { method, headers: json, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text };
}

const queueCounts = async (stack: LocalStack) => (await call(stack, 'GET', '/api/queue')).body as QueueCounts;

/** A client that reports every failure as it comes, with no retries of its own. */
const clientFor = (stack: LocalStack) => new WebClient('xoxb-test', { slackApiUrl: stack.slackApiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, logger: quietLogger });

async function outcome(request: Promise<unknown>): Promise<string> {
  try {
    await request;
    return 'ok';
  } catch (error) {
    const e = error as SlackClientError & { retryAfter?: number };
    return [e.code, e.statusCode ?? e.data?.error, e.retryAfter].filter((part) => part !== undefined).join(' ');
  }
}

describe('fault control: the contract', () => {
  let stack: LocalStack;
  let client: WebClient;
  const post = () => client.chat.postMessage({ channel: '#portal-alerts', text: 'probe' });

  beforeAll(async () => {
    stack = await startTestStack();
    client = clientFor(stack);
  });

  afterEach(async () => {
    await call(stack, 'DELETE', '/api/slack/faults');
  });

  afterAll(async () => {
    await stack.close();
  });

  it('answers 201 with the fault as stored: its id, fault, method and end time', async () => {
    // Prepare
    const before = Date.parse(((await call(stack, 'GET', '/api/clock')).body as { now: string }).now);

    // Act
    const response = await call(stack, 'POST', '/api/slack/faults', { fault: '503', forSeconds: 60, method: 'chat.postMessage' });

    // Assess
    expect(response.status).toBe(201);
    const stored = response.body as { id: string; fault: string; method: string; until: string };
    expect(stored).toMatchObject({ fault: '503', method: 'chat.postMessage' });
    expect(stored.id).toMatch(/\S/);
    expect(Date.parse(stored.until) - before).toBeGreaterThanOrEqual(60_000);
  });

  it('makes the next post fail with HTTP 503 for a "503" fault', async () => {
    // Prepare
    await call(stack, 'POST', '/api/slack/faults', { fault: '503', forSeconds: 60 });

    // Act
    const result = await outcome(post());

    // Assess
    expect(result).toBe('slack_webapi_http_error 503');
  });

  it('makes the next post fail with HTTP 429 and a Retry-After that runs to the end of a "429" fault', async () => {
    // Prepare
    await call(stack, 'POST', '/api/slack/faults', { fault: '429', forSeconds: 30 });

    // Act
    const result = await outcome(post());

    // Assess
    expect(result).toBe('slack_webapi_rate_limited_error 30');
  });

  it('makes the next post answer ok:false with a Slack error code', async () => {
    // Prepare
    await call(stack, 'POST', '/api/slack/faults', { fault: 'invalid_auth', forSeconds: 60 });

    // Act
    const result = await outcome(post());

    // Assess
    expect(result).toBe('slack_webapi_platform_error invalid_auth');
  });

  it('limits a fault to the Web API method it names', async () => {
    // Prepare
    await call(stack, 'POST', '/api/slack/faults', { fault: 'channel_not_found', forSeconds: 60, method: 'chat.update' });

    // Act
    const result = await outcome(post());

    // Assess
    expect(result).toBe('ok');
  });

  it('holds a post during a "hang" fault, and clearing the faults answers it 503 without posting', async () => {
    // Prepare
    await call(stack, 'POST', '/api/slack/faults', { fault: 'hang', forSeconds: 600 });
    const calls = () => stack.emulator.stats().calls['chat.postMessage'] ?? 0;
    const before = calls();
    const pending = fetch(`${stack.slackApiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/json' },
      body: JSON.stringify({ channel: '#portal-alerts', text: 'held' }),
    });
    await eventually(() => calls() > before, 'the held post to reach the emulator');

    // Act
    const cleared = await call(stack, 'DELETE', '/api/slack/faults');
    const answer = await pending;

    // Assess
    expect(cleared).toMatchObject({ status: 200, body: { cleared: 1 } });
    expect(answer.status).toBe(503);
    expect(stack.emulator.messages('#portal-alerts').map((m) => m.text)).not.toContain('held');
  });

  it('lists the faults in force, and none once they are cleared', async () => {
    // Prepare
    await call(stack, 'POST', '/api/slack/faults', { fault: 'hang', forSeconds: 60, method: 'chat.update' });
    const listed = (await call(stack, 'GET', '/api/slack/faults')).body as { faults: unknown[] };

    // Act
    await call(stack, 'DELETE', '/api/slack/faults');
    const after = (await call(stack, 'GET', '/api/slack/faults')).body as { faults: unknown[] };

    // Assess
    expect(listed.faults).toMatchObject([{ fault: 'hang', method: 'chat.update' }]);
    expect(after.faults).toEqual([]);
  });

  it.each([
    ['an unknown fault', { fault: 'BOOM!', forSeconds: 10 }, /fault must be/],
    ['no duration', { fault: '503' }, /forSeconds/],
    ['a zero duration', { fault: '503', forSeconds: 0 }, /more than 0/],
    ['more than a day', { fault: '503', forSeconds: 86_401 }, /at most 86400/],
    ['a method that is not a Slack method', { fault: '503', forSeconds: 10, method: 'DROP TABLE' }, /Slack Web API method/],
    ['an unknown field', { fault: '503', forSeconds: 10, channel: 'C1' }, /unknown field "channel"/],
    ['a body that is not JSON', '{"fault":', /not valid JSON/],
  ])('answers 400 with a one-line reason for %s', async (_what, body, reason) => {
    // Act
    const response = await call(stack, 'POST', '/api/slack/faults', body);

    // Assess
    expect(response.status).toBe(400);
    expect(response.text.trim().split('\n')).toHaveLength(1);
    expect(response.text).toMatch(reason);
    expect(stack.emulator.faults()).toEqual([]);
  });

  it('reports the queue as four numbers: depth, in flight, delayed and dead letters', async () => {
    // Act
    const counts = await queueCounts(stack);

    // Assess
    expect(counts).toMatchObject({ depth: 0, inFlight: 0, delayed: 0, deadLetters: 0 });
  });

  it('answers 400 to a clock moved backward or by more than a day', async () => {
    // Act
    const responses = await Promise.all([-1, 0, 86_401].map((advanceSeconds) => call(stack, 'POST', '/api/clock', { advanceSeconds })));

    // Assess
    expect(responses.map((r) => r.status)).toEqual([400, 400, 400]);
  });

  it('refuses a cross-site page setting a fault', async () => {
    // Act
    const response = await rawHttp(stack.url, {
      method: 'POST',
      path: '/api/slack/faults',
      headers: { host: `evil.example:${stack.port}`, origin: `http://evil.example:${stack.port}`, 'content-type': 'application/json' },
      body: JSON.stringify({ fault: '503', forSeconds: 60 }),
    });

    // Assess
    expect(response.status).toBe(403);
    expect(stack.emulator.faults()).toEqual([]);
  });
});

describe('fault control: alerts through a Slack outage', () => {
  let stack: LocalStack;

  beforeEach(async () => {
    stack = await startTestStack();
  });

  afterEach(async () => {
    await stack.close();
  });

  const techiesText = () => stack.emulator.messages('#portal-alerts').map(allText).join('\n');

  it('counts the alert in flight while Slack hangs, and delivers it once the fault is cleared', async () => {
    // Prepare
    await call(stack, 'POST', '/api/slack/faults', { fault: 'hang', forSeconds: 600, method: 'chat.postMessage' });
    await call(stack, 'POST', '/events', alarm);
    const during = await eventually(async () => {
      const counts = await queueCounts(stack);
      return counts.inFlight === 1 && counts;
    }, 'the event to be in flight');

    // Act
    await call(stack, 'DELETE', '/api/slack/faults');

    // Assess
    expect(during).toMatchObject({ depth: 0, inFlight: 1, deadLetters: 0 });
    await eventually(() => techiesText().includes(DOWN), 'the alert to be posted');
    await stack.settled();
    expect(await queueCounts(stack)).toMatchObject({ depth: 0, inFlight: 0, deadLetters: 0 });
  });

  it('counts a record that failed on a 503 as delayed, and delivers it once the clock passes its retry', async () => {
    // Prepare
    await call(stack, 'POST', '/api/slack/faults', { fault: '503', forSeconds: 600, method: 'chat.postMessage' });
    await call(stack, 'POST', '/events', alarm);
    // Delayed: the failed record, and the first escalation step of the critical alert it opened (stored before the post failed).
    const during = await eventually(async () => {
      const counts = await queueCounts(stack);
      return counts.inFlight === 0 && counts.delayed === 2 && counts;
    }, 'the failed record to wait for its retry');

    // Act
    await call(stack, 'DELETE', '/api/slack/faults');
    const moved = await call(stack, 'POST', '/api/clock', { advanceSeconds: 120 });

    // Assess
    expect(during).toMatchObject({ depth: 0, inFlight: 0, delayed: 2, deadLetters: 0 });
    expect(moved.status).toBe(200);
    await eventually(() => techiesText().includes(DOWN), 'the alert to be posted after the retry');
  });

  it('rides out a 10-minute Slack outage as the deployed queue does, and every audience has its message after it, none dead-lettered', async () => {
    // Prepare
    await call(stack, 'POST', '/api/slack/faults', { fault: '503', forSeconds: 600 });
    await call(stack, 'POST', '/events', alarm);
    await stack.settled();

    // Act: the clock walks through the outage and past the longest backoff after it.
    for (let moved = 0; moved < 900; moved += 150) await call(stack, 'POST', '/api/clock', { advanceSeconds: 150 });
    await stack.settled();

    // Assess
    const channels = ['#portal-alerts', '#portal-status', '#portal-local-offices'].map((name) => stack.emulator.messages(name).map(allText).join('\n'));
    expect([(await queueCounts(stack)).deadLetters, channels.map((text) => text.length > 0)]).toEqual([0, [true, true, true]]);
  });

  it('dead-letters an alert that Slack refuses with channel_not_found, and lists it with its reason', async () => {
    // Prepare
    await call(stack, 'POST', '/api/slack/faults', { fault: 'channel_not_found', forSeconds: 600, method: 'chat.postMessage' });

    // Act
    await call(stack, 'POST', '/events', alarm);
    await eventually(async () => (await queueCounts(stack)).deadLetters === 1, 'the dead letter');

    // Assess
    const listed = (await call(stack, 'GET', '/api/dlq')).body as { deadLetters: Array<Record<string, unknown>> };
    expect(listed.deadLetters).toHaveLength(1);
    expect(listed.deadLetters[0]).toMatchObject({ reason: expect.stringContaining('channel_not_found') as unknown, receiveCount: expect.any(Number) as unknown });
    expect(listed.deadLetters[0]!.messageId).toMatch(/\S/);
    expect(listed.deadLetters[0]!.description).toMatch(/aws\.cloudwatch|CloudWatch/);
  });

  it('moves the dead letters back with a redrive, and the alert reaches the channel once Slack is fixed', async () => {
    // Prepare
    await call(stack, 'POST', '/api/slack/faults', { fault: 'channel_not_found', forSeconds: 600, method: 'chat.postMessage' });
    await call(stack, 'POST', '/events', alarm);
    await eventually(async () => (await queueCounts(stack)).deadLetters === 1, 'the dead letter');
    await stack.settled();
    await call(stack, 'DELETE', '/api/slack/faults');

    // Act
    const redrive = await call(stack, 'POST', '/api/dlq/redrive');

    // Assess
    expect(redrive).toMatchObject({ status: 200, body: { moved: 1 } });
    const client = new WebClient('xoxb-test', { slackApiUrl: stack.slackApiUrl, logger: quietLogger });
    const channel = stack.emulator.channels().find((c) => c.name === 'portal-alerts')!;
    const history = await eventually(async () => {
      const page = await client.conversations.history({ channel: channel.id });
      return page.messages?.some((m) => JSON.stringify(m).includes(DOWN)) && page;
    }, 'the redriven alert in conversations.history');
    expect(history.ok).toBe(true);
    expect((await queueCounts(stack)).deadLetters).toBe(0);
  });

  it('recovers an alarm whose first event was dead-lettered and whose next event came during the same outage', async () => {
    // Prepare
    const raw = JSON.parse(alarm) as unknown;
    const start = stack.clock.now().getTime();
    await call(stack, 'POST', '/api/slack/faults', { fault: 'channel_not_found', forSeconds: 600, method: 'chat.postMessage' });
    await call(stack, 'POST', '/events', freshenEvent(raw, new Date(start), 'first'));
    await eventually(async () => (await queueCounts(stack)).deadLetters >= 1, 'the first event in the dead letters');
    await call(stack, 'POST', '/events', freshenEvent(raw, new Date(start + 60_000), 'second'));
    await stack.settled();
    await call(stack, 'DELETE', '/api/slack/faults');

    // Act
    const redrive = await call(stack, 'POST', '/api/dlq/redrive');

    // Assess
    expect(redrive.status).toBe(200);
    await eventually(() => techiesText().includes(DOWN), 'the alert in the engineers\' channel after the redrive');
  });
});
