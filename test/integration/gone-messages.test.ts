// Messages deleted in Slack (or forgotten by a restarted emulator): posted again once, recorded, where the audience reads now; and the local clock moved past office hours.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import type { DeliveryError } from '../../src/core/delivery-error.ts';
import type { InteractionDeps } from '../../src/interactions/handle-interaction.ts';
import { createProcessor } from '../../src/processor/process-signals.ts';
import { answerInteraction } from '../../src/interactions/answer-interaction.ts';
import { signSlackRequest } from '../../src/slack/sign-slack-request.ts';
import { eventually, startTestStack } from '../local-stack/stack-helpers.ts';
import { allText, elementOf, errorRateAlarm as errorRate, fireAppDown as fire, okAppDown as ok, sample, SAMPLES, startHarness, withOfficeHours } from './harness.ts';
import type { Harness, StoredMessage } from './harness.ts';

const APP_DOWN = 'app-down-alarm.json';
const TECHIES = '#portal-alerts';
const PRODUCT = '#portal-status';
const SECRET = 'test-signing-secret';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Clarion's own alert messages in a channel (they carry its metadata). */
const alertMessages = (channel: string) => h!.emulator.messages(channel).filter((m) => m.metadata);

async function deleteInSlack(channel: string, ts: string): Promise<void> {
  const id = h!.emulator.channels().find((c) => `#${c.name}` === channel)!.id;
  await new WebClient('xoxb-test', { slackApiUrl: h!.slackUrl }).chat.delete({ channel: id, ts });
}

function interactionDeps(): InteractionDeps & { signingSecret: string } {
  return {
    signingSecret: SECRET,
    runtime: () => h!.runtime,
    state: createDynamoState({ client: h!.dynamo.client, tableName: h!.dynamo.tableName }),
    slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h!.slackUrl }),
    now: () => h!.clock.now,
  };
}

let presses = 0;
function signedPress(message: StoredMessage, action: Record<string, unknown>, user: string) {
  presses += 1;
  const payload = {
    type: 'block_actions',
    user: { id: user, username: user },
    trigger_id: `${presses}.222.trigger`,
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
    channel: { id: message.channel },
    message: { ts: message.ts, blocks: message.blocks },
    actions: [{ type: 'button', action_ts: `${Math.floor(h!.clock.now.getTime() / 1000)}.${String(presses).padStart(6, '0')}`, ...action }],
  };
  const rawBody = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return { rawBody, headers: signSlackRequest({ signingSecret: SECRET, rawBody, timestamp: Math.floor(h!.clock.now.getTime() / 1000) }) };
}

describe('A message deleted in Slack', () => {
  it('posts a deleted engineers message again once when two presses find it gone one after the other', async () => {
    // Prepare: the alert is open; someone deletes the engineers' message
    h = await startHarness();
    const [opened] = await h.processor.processMessage(fire('e1', '2026-11-22T09:59:00Z'));
    const original = alertMessages(TECHIES)[0]!;
    await deleteInSlack(TECHIES, original.ts);
    const deps = interactionDeps();

    // Act: an acknowledgement, then a snooze pressed on the same (deleted) message before the record caught up
    const ack = await answerInteraction(signedPress(original, { action_id: 'clarion.acknowledge', value: elementOf(original, 'clarion.acknowledge').value }, 'U0ONE'), deps);
    const snooze = await answerInteraction(signedPress(original, { type: 'static_select', action_id: 'clarion.snooze', selected_option: { value: '1h' } }, 'U0TWO'), deps);
    h.clock.now = new Date(h.clock.now.getTime() + 120_000);
    await h.processor.processMessage(ok('e2', '2026-11-22T10:01:00Z'));

    // Assess: one new message, the one the record keeps, showing the whole story
    expect([ack.result?.outcome, snooze.result?.outcome]).toEqual(['acknowledged', 'snoozed']);
    const shown = alertMessages(TECHIES);
    expect(shown).toHaveLength(1);
    const record = await h.state.getAlert(opened!.alertKey!);
    expect(record!.messages['techies']!.ts).toBe(shown[0]!.ts);
    expect(allText(shown[0]!)).toMatch(/Resolved/);
  });

  it('finds a repost whose answer was lost instead of posting it a third time', async () => {
    // Prepare: a processor with a short Slack timeout; the alert is open, its engineers' message deleted
    h = await startHarness();
    const processor = createProcessor({ runtime: () => h!.runtime, state: h.state, slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl, timeoutMs: 200 }), now: () => h!.clock.now });
    await processor.processMessage(fire('e1', '2026-11-22T09:59:00Z'));
    await deleteInSlack(TECHIES, alertMessages(TECHIES)[0]!.ts);
    h.clock.now = new Date(h.clock.now.getTime() + 600_000);
    // Slack makes the repost, but its answer never comes back
    h.emulator.fail({ loseAnswer: true, method: 'chat.postMessage', times: 1 });
    const error = await processor.processMessage(ok('e2', '2026-11-22T10:09:00Z')).catch((e: unknown) => e);
    expect((error as DeliveryError).kind).toBe('timeout');
    h.clock.now = new Date(h.clock.now.getTime() + 30_000);

    // Act: SQS delivers the resolve again
    await processor.processMessage(ok('e2', '2026-11-22T10:09:00Z'));

    // Assess: one message, resolved (the retry only re-renders, so the "Resolved after" reply planned
    // by the failed delivery is not posted: a known limit of retries)
    const shown = alertMessages(TECHIES);
    expect(shown).toHaveLength(1);
    expect(allText(shown[0]!)).toMatch(/Resolved/);
  });

  it('records the engineers message Tell local offices posts again, so the next edit finds it', async () => {
    // Prepare: the error-rate alert, with a local-office text it does not route; engineers' message deleted
    h = await startHarness((entries) =>
      entries.map((e) => (e.id === 'portal.error-rate' ? { ...e, comms: { ...e.comms, 'local-office': 'Some pages may show an error. Please try again soon.' } } : e)),
    );
    const [opened] = await h.processor.processMessage(sample('error-rate-alarm.json'));
    const original = alertMessages(TECHIES).at(-1)!;
    await deleteInSlack(TECHIES, original.ts);
    const deps = interactionDeps();

    // Act: tell local offices, then acknowledge
    const told = await answerInteraction(signedPress(original, { action_id: 'clarion.tell-local-offices', value: elementOf(original, 'clarion.tell-local-offices').value }, 'U0ONE'), deps);
    const afterTell = await h.state.getAlert(opened!.alertKey!);
    await answerInteraction(signedPress(original, { action_id: 'clarion.acknowledge', value: elementOf(original, 'clarion.acknowledge').value }, 'U0ONE'), deps);

    // Assess
    expect(told.result?.outcome).toBe('told-local-offices');
    expect(afterTell!.messages['techies']!.ts).not.toBe(original.ts);
    expect(alertMessages(TECHIES)).toHaveLength(1);
  });

  it('holds a product-leads message deleted before the evening for the summary instead of posting it again at night', async () => {
    // Prepare: Friday 17:00 London, office hours Mon–Fri 09:00–17:30; product leads hold
    h = await startHarness(undefined, { tweakConfig: withOfficeHours, now: new Date('2026-11-20T17:00:00Z') });
    await h.processor.processMessage(fire('e1', '2026-11-20T16:59:00Z'));
    expect(alertMessages(PRODUCT)).toHaveLength(1);
    const original = alertMessages(PRODUCT)[0]!.ts;
    await deleteInSlack(PRODUCT, original);

    // Act: the alarm resolves at 23:00 (edits make no sound; a new post does)
    h.clock.now = new Date('2026-11-20T23:00:00Z');
    await h.processor.processMessage(ok('e2', '2026-11-20T22:59:00Z'));

    // Assess: nothing new at night; the morning summary and its follow-up tell the product leads
    expect(alertMessages(PRODUCT)).toHaveLength(0);
    h.clock.now = new Date('2026-11-23T09:00:00Z');
    await h.processor.processMessage({ clarion: 'summary', trigger: 'schedule' });
    expect(h.emulator.messages(PRODUCT).some((m) => allText(m).includes('While you were away'))).toBe(true);
  });
});

describe('Where a deleted message is posted again', () => {
  it('posts the message again in the channel the audience is routed to now', async () => {
    // Prepare: the product leads' message is posted in #portal-status, then deleted; the audience moves to another channel
    h = await startHarness();
    await h.processor.processMessage(fire('e1', '2026-11-22T09:59:00Z'));
    await deleteInSlack(PRODUCT, alertMessages(PRODUCT)[0]!.ts);
    h.runtime.config.audiences['product-leads']!.channel = '#portal-status-new';
    h.clock.now = new Date(h.clock.now.getTime() + 600_000);

    // Act
    await h.processor.processMessage(ok('e2', '2026-11-22T10:09:00Z'));

    // Assess
    expect(alertMessages(PRODUCT)).toHaveLength(0);
    expect(h.emulator.messages('#portal-status-new')).toHaveLength(1);
  });
});

describe('Storm group messages deleted in Slack', () => {
  it('posts a deleted group message again, with its new member', async () => {
    // Prepare: five alarms open, the sixth starts the group message; someone deletes the engineers' group message
    h = await startHarness();
    for (let i = 0; i < 6; i++) {
      await h.processor.processMessage(errorRate(i, `s${i}`, '2026-11-22T09:30:00Z'));
      h.clock.now = new Date(h.clock.now.getTime() + 3000);
    }
    await h.processor.flush();
    const group = await h.state.getGroup('trainee-portal');
    expect(group?.messages['techies']).toBeDefined();
    await deleteInSlack(TECHIES, group!.messages['techies']!.ts);

    // Act: another member joins (its flush waits for the render interval); then the group is refreshed three times over an hour
    await h.processor.processMessage(errorRate(6, 's6', '2026-11-22T09:31:00Z'));
    const failures = [...(await h.processor.flush())];
    for (let retry = 0; retry < 3; retry++) {
      h.clock.now = new Date(h.clock.now.getTime() + 20 * 60_000);
      await h.processor.processMessage({ clarion: 'refresh-group', groupKey: 'trainee-portal', reason: 'render-interval' });
      failures.push(...(await h.processor.flush()));
    }

    // Assess: no failure; the group points at the new message, which lists the new member
    expect(failures).toEqual([]);
    const now = (await h.state.getGroup('trainee-portal'))!.messages['techies']!;
    expect(now.ts).not.toBe(group!.messages['techies']!.ts);
    const shown = h.emulator.messages(TECHIES).find((m) => m.ts === now.ts)!;
    expect(h.emulator.messages(TECHIES).filter((m) => m.text.startsWith('Storm'))).toHaveLength(1);
    expect(shown.text).toMatch(/2 of 2 alerts firing/);
  });
});

describe('The local stack clock moved past a whole working day', () => {
  it('posts the summary on request when the clock lands after office hours, rather than holding it another day', async () => {
    const NIGHT = new Date('2026-11-23T02:10:00Z');
    const alarm = JSON.parse(readFileSync(path.join(SAMPLES, APP_DOWN), 'utf8')) as Record<string, unknown>;
    const stack = await startTestStack({ stage: 'prod', now: () => NIGHT });
    try {
      await fetch(`${stack.url}/events`, { method: 'POST', body: JSON.stringify({ ...alarm, time: NIGHT.toISOString() }) });
      await stack.settled();

      // Act: 02:10 → 18:00 on the same Monday (09:00 was skipped over)
      await fetch(`${stack.url}/api/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 15 * 3600 + 50 * 60 }) });
      await stack.settled();
      await eventually(() => stack.emulator.messages('C0PORTALSTATUS').length >= 1, 'the summary');
      await stack.settled();

      // Assess
      expect(allText(stack.emulator.messages('C0PORTALSTATUS')[0]!)).toContain('While you were away');
      const status = (await (await fetch(`${stack.url}/api/office-hours`)).json()) as { held: number };
      expect(status.held).toBe(0);
    } finally {
      await stack.close();
    }
  });
});
