// Escalation through the real processor over dynalite and the Slack emulator, with a clock the test moves.
import { afterEach, describe, expect, it } from 'vitest';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import { createPagerDutyEvents } from '../../src/adapters/pagerduty-events.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import type { ClarionConfig } from '../../src/catalog/schema.ts';
import type { RefreshRequest } from '../../src/core/refresh-request.ts';
import { answerInteraction } from '../../src/interactions/answer-interaction.ts';
import { listenPagerDutyStandIn } from '../../src/local/pagerduty-stand-in.ts';
import { readEscalation } from '../../src/pipeline/escalation-state.ts';
import { addSilence } from '../../src/state/silence-store.ts';
import { createMemoryHistory } from '../../src/state/memory-history.ts';
import { signSlackRequest } from '../../src/slack/sign-slack-request.ts';
import { advance, elementOf, errorRateAlarm as errorRate, fireAppDown, okAppDown, startHarness } from '../integration/harness.ts';
import type { Harness } from '../integration/harness.ts';

const TECHIES = '#portal-alerts';
const OPENED = '2026-11-22T10:00:00Z';
const SECRET = 'test-signing-secret';

let h: Harness;
let pagerDuty: Awaited<ReturnType<typeof listenPagerDutyStandIn>> | undefined;

afterEach(async () => {
  await h.close();
  await pagerDuty?.close();
  pagerDuty = undefined;
});

const escalations = (request: RefreshRequest) => request.clarion === 'escalate';

/** Runs, once each, the escalation requests queued so far whose time has come (as SQS would deliver them), and returns what they said. */
const ran = new WeakSet<object>();
async function runDue(): Promise<string[]> {
  const details: string[] = [];
  for (const entry of h.escalations.filter((r) => escalations(r.request) && !ran.has(r))) {
    if (entry.request.clarion !== 'escalate' || Date.parse(entry.request.dueAt) > h.clock.now.getTime()) continue;
    ran.add(entry);
    for (const result of await h.processor.processMessage(entry.request)) details.push(result.detail ?? result.outcome);
  }
  return details;
}

/** The engineers' thread of the outage, as Slack shows it. */
function thread(): string[] {
  return (h.emulator.messages(TECHIES)[0]?.replies ?? []).map((reply) => reply.text);
}

/** Opens the shipped outage (critical: the shipped policy reminds after 5 minutes and mentions the on-call group after 15). */
async function openOutage(): Promise<string> {
  const [result] = await h.processor.processMessage(fireAppDown('alarm-1', OPENED));
  return result!.alertKey!;
}

function pressBody(actionId: string, user = 'U0ONCALL1'): { rawBody: string; headers: Record<string, string> } {
  const message = h.emulator.messages(TECHIES)[0]!;
  const payload = {
    type: 'block_actions',
    user: { id: user, username: 'oncall' },
    trigger_id: `${actionId}.trigger`,
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
    channel: { id: message.channel },
    message: { ts: message.ts, blocks: message.blocks },
    actions: [{ type: 'button', action_ts: `${Math.floor(h.clock.now.getTime() / 1000)}.000001`, ...elementOf(message, actionId), action_id: actionId }],
  };
  const rawBody = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return { rawBody, headers: signSlackRequest({ signingSecret: SECRET, rawBody, timestamp: Math.floor(h.clock.now.getTime() / 1000) }) };
}

async function pressButton(actionId: string): Promise<void> {
  const answer = await answerInteraction(pressBody(actionId), {
    signingSecret: SECRET,
    runtime: () => h.runtime,
    state: createDynamoState({ client: h.dynamo.client, tableName: h.dynamo.tableName }),
    slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl }),
    now: () => h.clock.now,
    scheduleRefresh: async (request, delaySeconds) => void h.escalations.push({ request, delaySeconds }),
  });
  expect(answer.statusCode).toBe(200);
}

/** The shipped configuration with a page to PagerDuty after 30 minutes. */
function withPaging(config: ClarionConfig): ClarionConfig {
  config.paging = { pagerduty: { url: 'https://events.pagerduty.com/v2/enqueue', routingKeyEnv: 'CLARION_PAGERDUTY_ROUTING_KEY' } };
  config.escalation!.policies['critical-on-call']!.steps.push({ after: '30m', page: 'pagerduty' });
  return config;
}

async function startWithPaging(): Promise<void> {
  pagerDuty = await listenPagerDutyStandIn();
  h = await startHarness(undefined, { tweakConfig: withPaging, paging: createPagerDutyEvents({ url: pagerDuty.url, routingKey: 'R0UTINGKEY' }) });
}

describe('escalation of an unacknowledged critical alert', () => {
  it('reminds the engineers after 5 minutes, then mentions the on-call group after 15', async () => {
    // Prepare
    h = await startHarness();
    await openOutage();

    // Act
    advance(h, 5 * 60);
    await runDue();
    const afterFive = thread();
    advance(h, 10 * 60);
    await runDue();

    // Assess
    expect(afterFive).toEqual(['Still unacknowledged after 5 minutes: The Trainee Portal is down']);
    expect(thread()).toEqual(['Still unacknowledged after 5 minutes: The Trainee Portal is down', '<!subteam^S0ONCALLPLACEHOLDER> Still unacknowledged after 15 minutes: The Trainee Portal is down']);
    const broadcast = h.emulator.messages(TECHIES)[0]!.replies.map((reply) => reply.reply_broadcast);
    expect(broadcast).toEqual([true, true]);
  });

  it('takes both steps at once when the clock moved past both', async () => {
    // Prepare
    h = await startHarness();
    await openOutage();

    // Act
    advance(h, 15 * 60);
    await runDue();

    // Assess
    expect(thread()).toHaveLength(2);
  });

  it('does nothing more once an engineer acknowledged', async () => {
    // Prepare
    h = await startHarness();
    await openOutage();
    advance(h, 5 * 60);
    await runDue();

    // Act
    await pressButton('clarion.acknowledge');
    advance(h, 10 * 60);
    const details = await runDue();

    // Assess
    expect(details).toEqual(['escalation stopped: acknowledged']);
    expect(thread()).toEqual(['Still unacknowledged after 5 minutes: The Trainee Portal is down']);
  });

  it('does nothing once the alarm resolved', async () => {
    // Prepare
    h = await startHarness();
    await openOutage();
    await h.processor.processMessage(okAppDown('ok-1', '2026-11-22T10:02:00Z'));

    // Act
    advance(h, 5 * 60);
    const details = await runDue();

    // Assess
    expect(details).toEqual(['escalation stopped: resolved']);
    expect(thread()).toEqual([expect.stringMatching(/^Resolved after/)]);
  });

  it('ignores a request of an older incident of the same alarm', async () => {
    // Prepare: it opens, resolves, and opens again long after (a new incident)
    h = await startHarness();
    const alertKey = await openOutage();
    const old = h.escalations.find((r) => escalations(r.request))!.request;
    await h.processor.processMessage(okAppDown('ok-1', '2026-11-22T10:01:00Z'));
    advance(h, 3600);
    await h.processor.processMessage(fireAppDown('alarm-2', '2026-11-22T11:00:00Z'));

    // Act
    const [result] = await h.processor.processMessage({ ...old, dueAt: OPENED });

    // Assess
    expect(result).toMatchObject({ alertKey, detail: 'escalation stopped: other-incident' });
    expect(h.emulator.messages(TECHIES).flatMap((m) => m.replies.map((r) => r.text)).filter((t) => t.startsWith('Still'))).toEqual([]);
  });

  it('takes each step once when the same request is delivered twice', async () => {
    // Prepare
    h = await startHarness();
    await openOutage();
    advance(h, 5 * 60);
    const first = h.escalations.find((r) => escalations(r.request))!.request;

    // Act
    await h.processor.processMessage(first);
    await h.processor.processMessage(first);

    // Assess
    expect(thread()).toEqual(['Still unacknowledged after 5 minutes: The Trainee Portal is down']);
    expect(h.escalations.filter((r) => r.request.clarion === 'escalate' && r.request.step === 1)).toHaveLength(1);
  });

  it('sends a request that came early on again, to arrive when it is due', async () => {
    // Prepare: a step 30 minutes on is more than SQS's 15-minute delay
    h = await startHarness(undefined, { tweakConfig: (config) => ((config.escalation!.policies['critical-on-call']!.steps = [{ after: '30m', remind: true }]), config) });
    await openOutage();
    const [queued] = h.escalations.filter((r) => escalations(r.request));

    // Act
    advance(h, 15 * 60);
    const [result] = await h.processor.processMessage(queued!.request);

    // Assess
    expect(queued!.delaySeconds).toBe(900);
    expect(result!.detail).toBe('escalation not due yet');
    expect(h.escalations.at(-1)).toMatchObject({ request: queued!.request, delaySeconds: 900 });
    expect(thread()).toEqual([]);
  });
});

describe('a step to another channel', () => {
  it('posts there, naming the alert and the engineers’ channel', async () => {
    // Prepare
    h = await startHarness(undefined, { tweakConfig: (config) => ((config.escalation!.policies['critical-on-call']!.steps = [{ after: '30m', channel: '#portal-status' }]), config) });
    await openOutage();
    const engineers = h.emulator.messages(TECHIES)[0]!.channel;

    // Act
    for (let i = 0; i < 2; i++) {
      advance(h, 15 * 60);
      await runDue();
    }

    // Assess
    const posted = h.emulator.messages('#portal-status').filter((m) => m.text.startsWith('Still'));
    expect(posted.map((m) => m.text)).toEqual([`Still unacknowledged after 30 minutes: The Trainee Portal is down — see its message in <#${engineers}>`]);
  });
});

describe('repeat reminders', () => {
  it('remind the engineers of an alert still open, even acknowledged, every repeat interval', async () => {
    // Prepare
    h = await startHarness(undefined, { tweakConfig: (config) => ((config.escalation!.policies['critical-on-call']!.repeat = '4h'), config) });
    await openOutage();
    await pressButton('clarion.acknowledge');

    // Act: 15 minutes at a time, as SQS delays go, for 4 hours
    for (let i = 0; i < 16; i++) {
      advance(h, 900);
      await runDue();
    }

    // Assess
    expect(thread().filter((t) => t.startsWith('Still open'))).toEqual(['Still open after 4 hours (acknowledged): The Trainee Portal is down']);
  });
});

describe('planned work', () => {
  it('holds the steps of an alert that opened during planned work until the work ends, then takes them', async () => {
    // Prepare: Saturday 28 November 2026, 09:30 in London, within the shipped portal window (Saturdays 09:00–11:00)
    h = await startHarness(undefined, { now: new Date('2026-11-28T09:30:00Z') });
    await h.processor.processMessage(fireAppDown('alarm-1', '2026-11-28T09:30:00Z'));

    // Act
    advance(h, 15 * 60);
    const during = await runDue();
    const threadDuring = thread();
    advance(h, 75 * 60);
    await runDue();

    // Assess
    expect(during).toEqual(['escalation waits for the end of planned work (2026-11-28T11:00:00.000Z)']);
    expect(threadDuring).toEqual([]);
    expect(thread()).toHaveLength(2);
    // Taken late, they say how long it really was, not the steps' 5 and 15 minutes.
    expect(thread().every((text) => text.includes('after 1 hour 30 minutes'))).toBe(true);
  });
});

describe('silences', () => {
  it('holds the steps of a silenced alert until the silence ends, then takes them if it still fires', async () => {
    // Prepare
    h = await startHarness();
    await openOutage();
    await addSilence(h.state, { id: 'quiet-1', match: 'portal.app-down', kind: 'entry', startsAt: OPENED, endsAt: '2026-11-22T11:00:00.000Z', reason: 'moving the database', createdBy: 'U0ONCALL1' }, h.clock.now);

    // Act
    advance(h, 15 * 60);
    const during = await runDue();
    const threadDuring = thread();
    advance(h, 45 * 60);
    await runDue();

    // Assess
    expect(during).toEqual(['escalation waits for the end of a silence (2026-11-22T10:20:00.000Z)']);
    expect(threadDuring).toEqual([]);
    expect(thread()).toHaveLength(2);
  });
});

describe('inhibition', () => {
  it('does not remind the engineers of an alert folded under its firing cause', async () => {
    // Prepare: page errors escalate too; they depend on the outage, which the test leaves firing, then fixes
    h = await startHarness(undefined, { tweakConfig: (config) => ((config.escalation!.bySeverity = { ...config.escalation!.bySeverity, high: 'critical-on-call' }), config) });
    await h.processor.processMessage(fireAppDown('alarm-1', OPENED));
    await h.processor.processMessage(errorRate(0, 'errors-1', OPENED));
    const outageKey = h.escalations.find((e) => e.request.clarion === 'escalate' && e.request.alertKey.startsWith('portal.app-down'))!.request;
    await pressButton('clarion.acknowledge');

    // Act
    advance(h, 5 * 60);
    const whileFolded = (await runDue()).filter((d) => d.includes('folded'));
    const threadsWhileFolded = h.emulator.messages(TECHIES).flatMap((m) => m.replies.map((r) => r.text));

    // Assess
    expect(outageKey).toBeDefined();
    expect(whileFolded).toEqual(['escalation waits for the end of the cause it is folded under (2026-11-22T10:10:00.000Z)']);
    expect(threadsWhileFolded.filter((t) => t.includes('Still unacknowledged'))).toEqual([]);
  });
});

describe('the policy’s own hours', () => {
  it('hold a step due outside them until they start', async () => {
    // Prepare: Sunday 22 November 2026 at 10:00 in London; the policy reaches people on weekdays 08:00–18:00
    h = await startHarness(undefined, { tweakConfig: (config) => ((config.escalation!.policies['critical-on-call']!.hours = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00', closed: [] }), config) });
    await openOutage();

    // Act
    advance(h, 5 * 60);
    const details = await runDue();

    // Assess
    expect(details).toEqual(["escalation waits for the policy's hours (2026-11-23T08:00:00.000Z)"]);
    expect(thread()).toEqual([]);
  });
});

describe('paging', () => {
  it('triggers PagerDuty after 30 minutes with a dedup key stable for the incident', async () => {
    // Prepare
    await startWithPaging();
    const alertKey = await openOutage();

    // Act
    for (let i = 0; i < 2; i++) {
      advance(h, 15 * 60);
      await runDue();
    }

    // Assess
    const [trigger] = pagerDuty!.standIn.events();
    expect(trigger).toMatchObject({ event_action: 'trigger', routing_key: 'R0UTINGKEY', payload: { severity: 'critical', summary: 'Unacknowledged after 30 minutes: The Trainee Portal is down' } });
    const stored = await readEscalation(h.state, alertKey);
    expect(Object.values(stored!.incidents)[0]!.page).toEqual({ service: 'pagerduty', dedupKey: trigger!.dedup_key, state: 'triggered' });
  });

  it('acknowledges the page when an engineer acknowledges, and resolves it when the alarm recovers', async () => {
    // Prepare
    await startWithPaging();
    await openOutage();
    for (let i = 0; i < 2; i++) {
      advance(h, 15 * 60);
      await runDue();
    }

    // Act
    await pressButton('clarion.acknowledge');
    await runDue();
    await h.processor.processMessage(okAppDown('ok-1', '2026-11-22T10:40:00Z'));
    await runDue();

    // Assess
    const events = pagerDuty!.standIn.events();
    expect(events.map((e) => e.event_action)).toEqual(['trigger', 'acknowledge', 'resolve']);
    expect(new Set(events.map((e) => e.dedup_key)).size).toBe(1);
  });

  it('resolves the page when an engineer resolves the alert by hand', async () => {
    // Prepare
    await startWithPaging();
    await openOutage();
    for (let i = 0; i < 2; i++) {
      advance(h, 15 * 60);
      await runDue();
    }

    // Act
    await pressButton('clarion.resolve');
    await runDue();

    // Assess
    expect(pagerDuty!.standIn.events().map((e) => e.event_action)).toEqual(['trigger', 'resolve']);
  });

  it('fails for good, for the dead-letter queue, when PagerDuty refuses the page (400)', async () => {
    // Prepare: a blank routing key is an event PagerDuty cannot take
    pagerDuty = await listenPagerDutyStandIn();
    h = await startHarness(undefined, { tweakConfig: withPaging, paging: createPagerDutyEvents({ url: pagerDuty.url, routingKey: '' }) });
    await openOutage();
    advance(h, 15 * 60);
    await runDue();
    advance(h, 15 * 60);
    const pageRequest = h.escalations.find((r) => r.request.clarion === 'escalate' && r.request.step === 2)!.request;

    // Act
    const failure = await h.processor.processMessage(pageRequest).catch((error: unknown) => error);

    // Assess
    expect(failure).toMatchObject({ retryable: false, code: 'pagerduty_400' });
    expect((failure as Error).message).toContain('routing_key');
  });

  it('retries a page PagerDuty answered with 429, and pages once', async () => {
    // Prepare
    await startWithPaging();
    await openOutage();
    advance(h, 15 * 60);
    await runDue();
    advance(h, 15 * 60);
    pagerDuty!.standIn.failNext(429);
    const pageRequest = h.escalations.find((r) => r.request.clarion === 'escalate' && r.request.step === 2)!.request;

    // Act
    const failure = await h.processor.processMessage(pageRequest).catch((error: unknown) => error);
    await h.processor.processMessage(pageRequest);

    // Assess
    expect(failure).toMatchObject({ retryable: true, code: 'pagerduty_429' });
    expect(pagerDuty!.standIn.events().map((e) => e.event_action)).toEqual(['trigger']);
  });
});

describe('Escalation steps in history', () => {
  it('notes a step once, and a redelivered request writes nothing more', async () => {
    // Prepare
    const history = createMemoryHistory();
    h = await startHarness(undefined, { now: new Date(OPENED), history });
    await openOutage();
    advance(h, 5 * 60);
    // Act
    await runDue();
    const [taken] = h.escalations.filter((r) => r.request.clarion === 'escalate' && r.request.step === 0);
    await h.processor.processMessage(taken!.request);
    // Assess
    const notes = (await history.read(new Date(OPENED), new Date(h.clock.now.getTime() + 1))).filter((item) => item.kind === 'note');
    expect(notes).toMatchObject([{ type: 'escalation', step: 0, action: 'remind', catalogId: 'portal.app-down', incident: new Date(OPENED).toISOString(), at: new Date(OPENED).toISOString() }]);
  });

  it('keeps the step when its note cannot be written, and does not take it again', async () => {
    // Prepare
    const history = { ...createMemoryHistory(), addNote: () => Promise.reject(new Error('history table unreachable')) };
    h = await startHarness(undefined, { now: new Date(OPENED), history });
    await openOutage();
    advance(h, 5 * 60);
    // Act
    const first = await runDue();
    const [taken] = h.escalations.filter((r) => r.request.clarion === 'escalate' && r.request.step === 0);
    const [again] = await h.processor.processMessage(taken!.request);
    // Assess
    expect(first).toEqual(['escalated: remind']);
    expect(again?.detail).toBe('escalation step already taken');
    expect(thread()).toEqual(['Still unacknowledged after 5 minutes: The Trainee Portal is down']);
  });
});
