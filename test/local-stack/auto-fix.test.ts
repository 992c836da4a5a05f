// Automatic fixes in the local stack, black-box over HTTP: the overnight sync fails, its restart runs automatically on the stand-in, and after the quiet period the product leads read that it was fixed automatically.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import type { StoredMessage } from '../integration/harness.ts';
import { eventually, startTestStack } from './stack-helpers.ts';

let stack: LocalStack & { lines: string[] };

beforeAll(async () => {
  stack = await startTestStack({ watchCatalog: false, now: () => new Date('2026-11-24T10:00:00Z') });
});
afterAll(async () => {
  await stack.close();
});

async function post(route: string, body: unknown): Promise<Response> {
  return fetch(`${stack.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function messageIn(channelName: string, text: string): StoredMessage | undefined {
  const channel = stack.emulator.channels().find((c) => c.name === channelName)!;
  return stack.emulator.messages(channel.id).find((m) => m.text.includes(text) || JSON.stringify(m.blocks).includes(text));
}

const SYNC = 'The overnight update of trainee records';
const thread = () => (messageIn('portal-alerts', SYNC)?.replies ?? []).map((reply) => reply.text);
const runs = async () => ((await (await fetch(`${stack.url}/api/fixes`)).json()) as { runs: Array<{ kind: string; target: string; input: Record<string, unknown>; state: string }> }).runs;

describe('local stack: an automatic fix', () => {
  it('restarts the overnight sync on its own, tells the engineers’ thread, and tells product leads it was fixed automatically once confirmed', async () => {
    // Prepare
    expect((await post('/api/samples/fire', { file: 'nightly-sync-glue-failed.json' })).status).toBe(202);
    await stack.settled();
    await eventually(() => messageIn('portal-alerts', SYNC), 'the engineers’ message');

    // Act: the fix request (1 s) runs, then a minute on its check finds the restart done; the job then succeeds, and the quiet period passes.
    await post('/api/clock', { advanceSeconds: 2 });
    await eventually(() => thread().some((text) => text.includes('It is running')), 'the thread told it runs');
    await post('/api/clock', { advanceSeconds: 60 });
    await eventually(() => thread().some((text) => text.includes('succeeded')), 'the thread told it succeeded');
    await post('/api/samples/fire', { file: 'nightly-sync-glue-succeeded.json' });
    await stack.settled();
    await post('/api/clock', { advanceSeconds: 11 * 60 });
    const leads = await eventually(() => messageIn('portal-status', 'fixed automatically'), 'the product leads’ past tense');
    const offices = messageIn('portal-local-offices', SYNC.replace('failed', ''));

    // Assess
    const [run] = await runs();
    expect(run).toMatchObject({ kind: 'step-functions', target: 'arn:aws:states:eu-west-2:123456789012:stateMachine:restart-overnight-sync', state: 'succeeded', input: { jobName: 'nightly-trainee-sync' } });
    expect(thread()).toEqual([
      expect.stringMatching(/^:wrench: Automatic fix \*Restart the overnight sync\*: Clarion ran it automatically\. It is running\. <https:\/\/eu-west-2\.console\.aws\.amazon\.com\/states\/home\?region=eu-west-2#\/v2\/executions\/details\/arn%3Aaws%3Astates%3A.+\|See it in the AWS console>$/),
      expect.stringMatching(/^:white_check_mark: Automatic fix \*Restart the overnight sync\* succeeded\. Clarion ran it automatically\./),
      expect.stringMatching(/^Resolved after/),
    ]);
    expect(JSON.stringify(leads.blocks)).toMatch(/It was fixed automatically at <!date\^\d+\^\{time\}\|10:01/);
    // In the order it happened: the fix, then working again.
    expect(JSON.stringify(offices?.blocks)).toMatch(/It was fixed automatically at <!date[^>]+>\. It has worked again since/);
    expect(JSON.stringify(offices?.blocks)).not.toContain('Restart');
  });

  it('does not run the fix a second time for the same incident when the failure repeats', async () => {
    // Prepare
    const before = (await runs()).length;

    // Act: the job fails again (a new incident, within the 6-hour limit of one run)
    await post('/api/samples/fire', { file: 'nightly-sync-glue-failed.json' });
    await stack.settled();
    await post('/api/clock', { advanceSeconds: 2 });
    await eventually(() => stack.emulator.channels().some((c) => stack.emulator.messages(c.id).some((m) => (m.replies ?? []).some((r) => r.text.includes('limit of 1 run in 6 h reached')))), 'the refusal told');

    // Assess
    expect((await runs()).length).toBe(before);
  });
});

describe('local stack: a suggested fix', () => {
  const EMAILS = 'Emails to trainees are not being sent';
  const emailThread = () => (messageIn('portal-alerts', EMAILS)?.replies ?? []).map((reply) => reply.text);

  it('shows a Run fix button with a confirm dialog naming what it will do, and runs it when an engineer presses it', async () => {
    // Prepare
    await post('/api/samples/fire', { file: 'notify-function-failed.json' });
    await stack.settled();
    const message = await eventually(() => messageIn('portal-alerts', EMAILS), 'the engineers’ message');
    const button = (message.blocks as Array<{ elements?: Array<{ action_id?: string; confirm?: { text: { text: string } } }> }>).flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'clarion.run-fix');

    // Act
    const pressed = await post('/api/press', { channel: message.channel, ts: message.ts, actionId: 'clarion.run-fix', user: 'U0ENGINEER' });
    await post('/api/clock', { advanceSeconds: 2 });
    await eventually(() => emailThread().length > 0, 'the thread told');

    // Assess
    expect(button?.confirm?.text.text).toBe("Clarion will invoke the Lambda function trainee-notify-resend, with values from this alert. It is told in this thread, and runs only within the entry's limit.");
    expect(pressed.status).toBe(200);
    expect(emailThread()).toEqual([expect.stringMatching(/^:white_check_mark: Fix \*Resend the failed emails\* succeeded\. <@U0ENGINEER> pressed \*Run fix\*\./)]);
    expect((await runs()).at(-1)).toMatchObject({ kind: 'lambda-invoke', state: 'succeeded' });
  });

  it('tells the thread when the function fails, quoting its error escaped', async () => {
    // Prepare
    const message = messageIn('portal-alerts', EMAILS)!;
    await post('/api/fixes/faults', { fault: 'fails', kind: 'lambda-invoke' });
    // A press within a minute of a run that succeeded is taken for the same intent, and held back.
    await post('/api/clock', { advanceSeconds: 61 });

    // Act
    await post('/api/press', { channel: message.channel, ts: message.ts, actionId: 'clarion.run-fix', user: 'U0ENGINEER' });
    await post('/api/clock', { advanceSeconds: 2 });
    await eventually(() => emailThread().length === 2, 'the failure told');

    // Assess
    expect(emailThread()[1]).toMatch(/^:x: Fix \*Resend the failed emails\* failed: Unhandled: the stand-in was told to fail this run\. <@U0ENGINEER> pressed \*Run fix\*\./);
  });

  it('retries a throttled call through the queue and runs it once', async () => {
    // Prepare
    const message = messageIn('portal-alerts', EMAILS)!;
    const before = (await runs()).length;
    await post('/api/fixes/faults', { fault: 'throttled', kind: 'lambda-invoke' });

    // Act
    await post('/api/press', { channel: message.channel, ts: message.ts, actionId: 'clarion.run-fix', user: 'U0ENGINEER' });
    await post('/api/clock', { advanceSeconds: 120 });
    await eventually(() => emailThread().length === 3, 'the retried run told');

    // Assess
    expect((await runs()).length).toBe(before + 1);
    expect(emailThread()[2]).toMatch(/succeeded/);
  });

  it('refuses a fourth run within the hour, and says so in the thread once', async () => {
    // Prepare
    const message = messageIn('portal-alerts', EMAILS)!;
    const before = (await runs()).length;
    await post('/api/clock', { advanceSeconds: 61 });

    // Act
    await post('/api/press', { channel: message.channel, ts: message.ts, actionId: 'clarion.run-fix', user: 'U0ENGINEER' });
    await post('/api/clock', { advanceSeconds: 2 });
    await eventually(() => emailThread().length === 4, 'the refusal told');

    // Assess
    expect(emailThread()[3]).toBe(':no_entry_sign: Fix *Resend the failed emails* not run: limit of 3 runs in 1 h reached. <@U0ENGINEER> pressed *Run fix*.');
    expect((await runs()).length).toBe(before);
  });
});

describe('local stack: an automatic fix through a Slack outage', () => {
  let own: LocalStack;

  beforeAll(async () => {
    own = await startTestStack({ watchCatalog: false });
  });
  afterAll(async () => {
    await own.close();
  });

  const send = (route: string, body: unknown) => fetch(`${own.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('tells the engineers’ thread how the run ended, once, when it ran and ended while Slack was down (not "It is running" after its end)', async () => {
    // Prepare: Slack answers 503 for 10 minutes; the sync fails twice in it, and its restart runs anyway.
    await send('/api/slack/faults', { fault: '503', forSeconds: 600 });
    await send('/api/samples/fire', { file: 'nightly-sync-glue-failed.json' });
    await own.settled();
    await send('/api/samples/fire', { file: 'nightly-sync-glue-failed.json' });
    await own.settled();

    // Act: the clock walks through the outage and the retries after it.
    for (let moved = 0; moved < 1200; moved += 150) await send('/api/clock', { advanceSeconds: 150 });
    await own.settled();

    // Assess
    const channel = own.emulator.channels().find((c) => c.name === 'portal-alerts')!;
    const message = own.emulator.messages(channel.id).find((m) => m.text.includes(SYNC));
    const replies = (message?.replies ?? []).map((reply) => reply.text.replace(/ <http.*$/, ''));
    const fixRuns = ((await (await fetch(`${own.url}/api/fixes`)).json()) as { runs: unknown[] }).runs;
    expect([fixRuns.length, replies]).toEqual([1, [':white_check_mark: Automatic fix *Restart the overnight sync* succeeded. Clarion ran it automatically.']]);
  });
});
