import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import type { SlackEmulator } from '../../src/local/slack-emulator.ts';
import { quietLogger } from '../support/quiet-slack-logger.ts';
import type { SlackClientError } from '../support/slack-client-failure.ts';

let emulator: SlackEmulator;
let client: WebClient;
let url: string;
let now: number;

function clientWith(options: { timeout?: number } = {}): WebClient {
  return new WebClient('xoxb-test', { slackApiUrl: url, rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, logger: quietLogger, ...options });
}

async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    const e = error as SlackClientError;
    return [e.code, e.statusCode ?? e.data?.error].filter(Boolean).join(' ');
  }
}

/** Resolves once the emulator has received `count` posts (a held call is received, not answered). */
async function received(count: number): Promise<void> {
  while ((emulator.stats().calls['chat.postMessage'] ?? 0) < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

const post = (text = 'x') => client.chat.postMessage({ channel: 'C0ALERTS01', text });

beforeEach(async () => {
  now = 1_732_270_000_000;
  emulator = createSlackEmulator({ clock: () => now, limits: false });
  ({ url } = await emulator.listen());
  client = clientWith();
});

afterEach(async () => {
  await emulator.close();
});

describe('Slack emulator fault injection', () => {
  it('answers HTTP 500 for the given number of calls, then recovers', async () => {
    // Prepare
    emulator.fail({ method: 'chat.postMessage', status: 500, times: 2 });

    // Act
    const results = [await outcome(post()), await outcome(post()), await outcome(post())];

    // Assess
    expect(results).toEqual(['slack_webapi_http_error 500', 'slack_webapi_http_error 500', 'ok']);
  });

  it('keeps failing until the clock passes the end of an outage', async () => {
    // Prepare
    emulator.fail({ status: 503, untilMs: now + 60_000 });
    const during = await outcome(post());

    // Act
    now += 60_000;
    const after = await outcome(post());

    // Assess
    expect([during, after]).toEqual(['slack_webapi_http_error 503', 'ok']);
  });

  it('answers ok:false with the injected platform error', async () => {
    // Prepare
    emulator.fail({ method: 'chat.postMessage', error: 'is_archived', times: 1 });

    // Act
    const result = await outcome(post());

    // Assess
    expect(result).toBe('slack_webapi_platform_error is_archived');
  });

  it('leaves other methods alone when a fault names a method', async () => {
    // Prepare
    emulator.fail({ method: 'chat.update', status: 500 });

    // Act
    const result = await outcome(post());

    // Assess
    expect(result).toBe('ok');
  });

  it('injects a 429 whose Retry-After runs to the end of the outage and counts it', async () => {
    // Prepare
    emulator.fail({ status: 429, untilMs: now + 4_500 });

    // Act
    const error = await post().catch((e: unknown) => e as SlackClientError);

    // Assess
    expect(error).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 5 });
    expect(emulator.stats().rateLimited).toBe(1);
  });

  it('hangs until the client times out, and answers again once faults are cleared', async () => {
    // Prepare
    emulator.fail({ hang: true, times: 1 });
    const impatient = clientWith({ timeout: 200 });
    const timedOut = await outcome(impatient.auth.test());

    // Act
    emulator.clearFaults();
    const after = await outcome(impatient.auth.test());

    // Assess
    expect([timedOut, after]).toEqual(['slack_webapi_request_error', 'ok']);
  });

  it('releases a hung call with a connection error when the emulator closes', async () => {
    // Prepare
    emulator.fail({ hang: true });
    const pending = outcome(post());

    // Act
    await emulator.close();

    // Assess
    expect(await pending).toBe('slack_webapi_request_error');
  });

  it('counts faulted calls in stats', async () => {
    // Prepare
    emulator.fail({ status: 500, times: 1 });

    // Act
    await outcome(post());

    // Assess
    expect(emulator.stats().calls).toEqual({ 'chat.postMessage': 1 });
  });

  it('stops failing after reset', async () => {
    // Prepare
    emulator.fail({ status: 500 });

    // Act
    emulator.reset();
    const result = await outcome(post());

    // Assess
    expect(result).toBe('ok');
  });

  it('lists a fault given for a duration with its id and the time it ends on the emulator clock', () => {
    // Prepare
    const id = emulator.fail({ method: 'chat.update', error: 'invalid_auth', forMs: 90_000 });

    // Act
    const listed = emulator.faults();

    // Assess
    expect(listed).toEqual([{ id, method: 'chat.update', error: 'invalid_auth', untilMs: now + 90_000 }]);
  });

  it('drops a fault from the list once its time is over', () => {
    // Prepare
    emulator.fail({ status: 503, forMs: 1_000 });

    // Act
    now += 1_000;

    // Assess
    expect(emulator.faults()).toEqual([]);
  });

  it('answers a held call 503 once its hang fault ends, never with success', async () => {
    // Prepare
    emulator.fail({ hang: true, forMs: 60_000 });
    const pending = outcome(post());
    await received(1);

    // Act
    now += 60_000;

    // Assess
    expect(await pending).toBe('slack_webapi_http_error 503');
    expect(emulator.messages('C0ALERTS01')).toEqual([]);
  });

  it('answers every held call 503 when faults are cleared, and says how many faults it removed', async () => {
    // Prepare
    emulator.fail({ hang: true, forMs: 600_000 });
    emulator.fail({ method: 'chat.update', status: 503, forMs: 600_000 });
    const pending = [outcome(post('one')), outcome(post('two'))];
    await received(2);

    // Act
    const cleared = emulator.clearFaults();

    // Assess
    expect(cleared).toBe(2);
    expect(await Promise.all(pending)).toEqual(['slack_webapi_http_error 503', 'slack_webapi_http_error 503']);
    expect(await outcome(post())).toBe('ok');
  });
});
