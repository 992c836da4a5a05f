// Engineers resolve by hand what never sends an OK: a stopped task, a failed job, a custom event.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import { answerInteraction } from '../../src/interactions/answer-interaction.ts';
import type { InteractionDeps } from '../../src/interactions/handle-interaction.ts';
import { signSlackRequest } from '../../src/slack/sign-slack-request.ts';
import { allText, elementOf, fireAppDown, sample, startHarness } from './harness.ts';
import type { Harness, StoredMessage } from './harness.ts';
import { impactOf } from '../support/impact-records.ts';

const SECRET = 'test-signing-secret';
let h: Harness;
let deps: InteractionDeps & { signingSecret: string };
let presses = 0;

beforeEach(async () => {
  h = await startHarness();
  deps = {
    signingSecret: SECRET,
    runtime: () => h.runtime,
    state: createDynamoState({ client: h.dynamo.client, tableName: h.dynamo.tableName }),
    slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl, timeoutMs: 2000 }),
    lifecycle: { publish: async (events) => void h.lifecycle.push(...events) },
    now: () => h.clock.now,
  };
});
afterEach(() => h.close());

function pressResolve(message: StoredMessage, user = 'U0ONCALL1') {
  presses += 1;
  const payload = {
    type: 'block_actions',
    user: { id: user, username: 'oncall' },
    trigger_id: `${presses}.111.trigger`,
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
    channel: { id: message.channel },
    message: { ts: message.ts, blocks: message.blocks },
    actions: [{ type: 'button', action_ts: `1.${presses}`, action_id: 'clarion.resolve', value: elementOf(message, 'clarion.resolve').value }],
  };
  const rawBody = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return answerInteraction({ rawBody, headers: signSlackRequest({ signingSecret: SECRET, rawBody, timestamp: Math.floor(h.clock.now.getTime() / 1000) }) }, deps);
}

const broadcasts = (channel: string) => h.emulator.messages(channel).flatMap((m) => m.replies.filter((r) => r.reply_broadcast));

describe('Resolve by hand', () => {
  it('resolves a stopped task that no recovery event will ever resolve, on every message', async () => {
    // Prepare
    const [opened] = await h.processor.processMessage(sample('web-task-stopped.json'));
    const message = h.emulator.messages('#portal-alerts').at(-1)!;

    // Act
    const answer = await pressResolve(message);
    const record = await h.state.getAlert(opened!.alertKey!);
    const impact = await impactOf(h.state, opened!.alertKey!);

    // Assess: only engineers hear of a stopped task, so there is no impact to resolve
    expect([answer.result?.outcome, record?.status, record?.resolvedBy, h.lifecycle.at(-1)?.type, allText(h.emulator.messages('#portal-alerts').at(-1)!)]).toEqual([
      'resolved',
      'resolved',
      'U0ONCALL1',
      'Clarion Alert Resolved',
      expect.stringContaining('Resolved'),
    ]);
    expect(impact).toBeNull();
  });

  it('says in the engineers’ thread who resolved it, and tells the other audiences it is fixed', async () => {
    // Prepare
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T09:59:00Z'));
    const message = h.emulator.messages('#portal-alerts')[0]!;

    // Act
    await pressResolve(message);

    // Assess
    expect([
      h.emulator.messages('#portal-alerts')[0]!.replies.map((r) => r.text),
      broadcasts('#portal-status').length,
      broadcasts('#portal-local-offices').map(allText),
    ]).toEqual([['Resolved by hand by <@U0ONCALL1>.'], 1, [expect.stringContaining('The Trainee Portal is working again')]]);
  });

  it('changes nothing when it was already resolved', async () => {
    // Prepare
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T09:59:00Z'));
    const message = h.emulator.messages('#portal-alerts')[0]!;
    await pressResolve(message, 'U0FIRST');

    // Act
    const answer = await pressResolve(message, 'U0SECOND');

    // Assess
    expect([answer.result?.outcome, broadcasts('#portal-status').length]).toEqual(['already-resolved', 1]);
  });

  it('shows the entry’s resolved words, not the firing ones, under the resolved state', async () => {
    // Prepare
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T09:59:00Z'));

    // Act
    await pressResolve(h.emulator.messages('#portal-alerts')[0]!);

    // Assess
    const productLeads = allText(h.emulator.messages('#portal-status')[0]!);
    expect([productLeads.includes('The portal is working again for everyone.'), productLeads.includes('The portal is down for everyone.')]).toEqual([true, false]);
  });

  it('tells who was missed when the press is retried after Slack failed on the first try', async () => {
    // Prepare: the first notice is refused with a 503, so the press fails after the record was stored.
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T09:59:00Z'));
    const message = h.emulator.messages('#portal-alerts')[0]!;
    h.emulator.fail({ method: 'chat.postMessage', status: 503, times: 1 });
    const first = await pressResolve(message).then(
      () => 'answered',
      () => 'failed',
    );

    // Act
    const again = await pressResolve(message);

    // Assess
    expect([first, again.result?.outcome, broadcasts('#portal-status').length, broadcasts('#portal-local-offices').length]).toEqual(['failed', 'already-resolved', 1, 1]);
  });

  it('keeps an alarm event from before the press, delivered late, from reopening it', async () => {
    // Prepare
    const [opened] = await h.processor.processMessage(fireAppDown('e1', '2026-11-22T09:59:00Z'));
    await pressResolve(h.emulator.messages('#portal-alerts')[0]!);

    // Act: the ALARM of 09:59:30 comes back from a retry after the 10:00 press.
    const [late] = await h.processor.processMessage(fireAppDown('e2', '2026-11-22T09:59:30Z'));
    const record = await h.state.getAlert(opened!.alertKey!);
    const impact = await impactOf(h.state, opened!.alertKey!);

    // Assess: nor its impact
    expect([late!.outcome, record?.status, impact?.status]).toEqual(['stale-event', 'resolved', 'resolved']);
  });
});
