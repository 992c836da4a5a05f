// Edges of the staged processor found by review: a press for an audience named but differently rendered, an unreadable held alert, a request without a reason.
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, expect, it } from 'vitest';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import { answerInteraction } from '../../src/interactions/answer-interaction.ts';
import { signSlackRequest } from '../../src/slack/sign-slack-request.ts';
import { impactOf } from '../support/impact-records.ts';
import { allText, elementOf, fireAppDown, sample, startHarness, withOfficeHours } from './harness.ts';
import type { Harness, StoredMessage } from './harness.ts';

const SECRET = 'test-signing-secret';
let h: Harness;
afterEach(async () => h?.close());

async function press(message: StoredMessage, actionId: string, value: string | undefined) {
  const payload = {
    type: 'block_actions',
    user: { id: 'U0ONCALL1', username: 'oncall' },
    trigger_id: '1.111.trigger',
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
    channel: { id: message.channel },
    message: { ts: message.ts, blocks: message.blocks },
    actions: [{ type: 'button', action_ts: '1.000001', action_id: actionId, value }],
  };
  const rawBody = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const headers = signSlackRequest({ signingSecret: SECRET, rawBody, timestamp: Math.floor(h.clock.now.getTime() / 1000) });
  return answerInteraction(
    { rawBody, headers },
    {
      signingSecret: SECRET,
      runtime: () => h.runtime,
      state: createDynamoState({ client: h.dynamo.client, tableName: h.dynamo.tableName }),
      slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl, timeoutMs: 2000 }),
      now: () => h.clock.now,
    },
  );
}

it('tells the local-office audience on request when the configuration renders it with another template', async () => {
  // Prepare: the outage entry no longer routes local offices, who read the product leads' wording.
  h = await startHarness((entries) => entries.map((e) => ({ ...e, audiences: e.audiences.filter((a) => a !== 'local-office') })), {
    tweakConfig: (config) => {
      config.audiences['local-office']!.template = 'product-leads';
      return config;
    },
  });
  await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
  const message = h.emulator.messages('#portal-alerts')[0]!;

  // Act
  const answer = await press(message, 'clarion.tell-local-offices', elementOf(message, 'clarion.tell-local-offices').value);

  // Assess
  expect([answer.result?.outcome, h.emulator.messages('#portal-local-offices').length]).toEqual(['told-local-offices', 1]);
});

it('shows the engineers who told local offices and when, once their message went out', async () => {
  // Prepare: the outage entry does not route local offices, so the engineers' message offers to tell them.
  h = await startHarness((entries) => entries.map((e) => ({ ...e, audiences: e.audiences.filter((a) => a !== 'local-office') })));
  await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
  const message = h.emulator.messages('#portal-alerts')[0]!;

  // Act
  await press(message, 'clarion.tell-local-offices', elementOf(message, 'clarion.tell-local-offices').value);

  // Assess
  expect(allText(h.emulator.messages('#portal-alerts')[0]!)).toMatch(/Local offices told by <@U0ONCALL1> at <!date\^\d+\^\{time\}/);
});

it('posts the morning summary, leaving out a held alert whose stored record no longer reads', async () => {
  // Prepare: two impacts held at night (the portal's and the database's); then the database's impact record is written in a shape Clarion cannot read.
  h = await startHarness(undefined, { tweakConfig: withOfficeHours, now: new Date('2026-11-23T02:10:00Z') });
  await h.processor.processMessage(fireAppDown('e1', '2026-11-23T02:10:00Z'));
  const [alarm] = await h.processor.processMessage({ ...sample('db-low-storage.json'), id: 'e2', time: '2026-11-23T02:10:00Z' });
  const other = await impactOf(h.state, alarm!.alertKey!);
  const documents = DynamoDBDocumentClient.from(h.dynamo.client);
  const key = { pk: `alert#${other!.alertKey}` };
  const { Item } = await documents.send(new GetCommand({ TableName: h.dynamo.tableName, Key: key }));
  await documents.send(new PutCommand({ TableName: h.dynamo.tableName, Item: { ...Item, occurrences: 'one' } }));
  h.clock.now = new Date('2026-11-23T09:00:00Z');

  // Act
  const [result] = await h.processor.processMessage({ clarion: 'summary', trigger: 'schedule' });

  // Assess
  const summary = h.emulator.messages('#portal-status').find((m) => allText(m).includes('While you were away'));
  expect([summary !== undefined, result!.detail]).toEqual([true, expect.stringContaining(`refused for good: ${other!.alertKey}`)]);
});

it('takes a storm redraw request without a reason as a redraw, not as an event to post', async () => {
  // Prepare
  h = await startHarness();
  await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
  const before = h.emulator.messages('#portal-alerts').length;

  // Act
  const [result] = await h.processor.processMessage({ clarion: 'refresh-group', groupKey: 'portal-errors' });

  // Assess
  expect([result!.outcome, h.emulator.messages('#portal-alerts').length]).toEqual(['refresh', before]);
});
