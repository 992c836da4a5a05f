// *Was this clear?* pressed and answered through the real answerer (composeInteractions): the Slack
// emulator over HTTP, dynalite for state and history, signed requests as Slack sends them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoHistory } from '../../src/adapters/dynamo-history.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import { composeInteractions } from '../../src/compose/compose-interactions.ts';
import type { InteractionAnswerer } from '../../src/compose/compose-interactions.ts';
import type { HistoryItem, HistoryPort } from '../../src/core/history.ts';
import type { EmulatedView } from '../../src/local/slack-emulator.ts';
import { viewSubmissionPayload } from '../../src/local/server/submit-view.ts';
import { signSlackRequest } from '../../src/slack/sign-slack-request.ts';
import { elementOf, fireAppDown, startHarness } from './harness.ts';
import type { Harness, StoredMessage } from './harness.ts';

const SECRET = 'clarity-signing-secret';
const READER = 'U0READER1';
let h: Harness;
let history: HistoryPort;
let presses = 0;

function answerer(withHistory = true): InteractionAnswerer {
  return composeInteractions(
    { signingSecret: SECRET },
    {
      runtime: () => h.runtime,
      state: h.state,
      ...(withHistory ? { history } : {}),
      slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl, timeoutMs: 2000 }),
      now: () => h.clock.now,
    },
  );
}

beforeEach(async () => {
  h = await startHarness();
  history = createDynamoHistory({ client: h.dynamo.client, tableName: h.dynamo.historyTableName });
});
afterEach(() => h.close());

function signed(rawBody: string) {
  return { rawBody, headers: signSlackRequest({ signingSecret: SECRET, rawBody, timestamp: Math.floor(h.clock.now.getTime() / 1000) }) };
}

/** The outage open; its product leads' message. */
async function productLeadsMessage(): Promise<StoredMessage> {
  await h.processor.processMessage(fireAppDown('e1', '2026-11-22T09:59:00Z'));
  return h.emulator.messages('#portal-status')[0]!;
}

function pressBody(message: StoredMessage, actionId: 'clarion.clarity-yes' | 'clarion.clarity-no', user = READER): string {
  presses += 1;
  const payload = {
    type: 'block_actions',
    user: { id: user },
    trigger_id: h.emulator.issueTrigger(user),
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
    channel: { id: message.channel },
    message: { ts: message.ts, blocks: message.blocks },
    actions: [{ type: 'button', action_ts: `2.${presses}`, action_id: actionId, value: elementOf(message, actionId).value }],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

function submissionBody(view: EmulatedView, comment: string, user = READER): string {
  return `payload=${encodeURIComponent(JSON.stringify(viewSubmissionPayload(view, user, { 'clarion.clarity-comment': comment }, h.emulator.issueTrigger(user))))}`;
}

const clarityNotes = async (): Promise<HistoryItem[]> =>
  (await history.read(new Date('2026-11-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'))).filter((i) => i.kind === 'note' && i.type === 'clarity');

/** Presses No and submits the form that opens with `comment`. */
async function answerNo(answer: InteractionAnswerer, message: StoredMessage, comment: string) {
  await answer(signed(pressBody(message, 'clarion.clarity-no')));
  const [view] = h.emulator.views();
  return answer(signed(submissionBody(view!, comment)));
}

describe('Was this clear?: pressing Yes', () => {
  it('records a yes for the entry, state and audience of the message', async () => {
    // Prepare
    const message = await productLeadsMessage();

    // Act
    const answer = await answerer()(signed(pressBody(message, 'clarion.clarity-yes')));

    // Assess
    expect([answer.statusCode, answer.result?.outcome]).toEqual([200, 'clarity-recorded']);
    expect(await clarityNotes()).toEqual([expect.objectContaining({ catalogId: 'portal.app-down', state: 'firing', audience: 'product-leads', answer: 'yes' })]);
  });

  it('keeps no user id in the note', async () => {
    // Prepare
    const message = await productLeadsMessage();

    // Act
    await answerer()(signed(pressBody(message, 'clarion.clarity-yes')));

    // Assess
    expect(JSON.stringify(await clarityNotes())).not.toContain(READER);
  });

  it('tells the reader alone that the answer was recorded, leaving the shared message as it was', async () => {
    // Prepare
    const message = await productLeadsMessage();

    // Act
    await answerer()(signed(pressBody(message, 'clarion.clarity-yes')));

    // Assess
    expect(h.emulator.ephemerals('#portal-status')).toEqual([expect.objectContaining({ user: READER, text: expect.stringContaining('was recorded') })]);
    expect(h.emulator.messages('#portal-status')[0]!.updates).toBe(message.updates);
  });
});

describe('Was this clear?: pressing No', () => {
  it('opens the "What was unclear?" form and records nothing yet', async () => {
    // Prepare
    const message = await productLeadsMessage();

    // Act
    const answer = await answerer()(signed(pressBody(message, 'clarion.clarity-no')));

    // Assess
    const [view] = h.emulator.views();
    expect([answer.result?.outcome, view?.view.callback_id, view?.user, await clarityNotes()]).toEqual(['clarity-form-opened', 'clarion.clarity', READER, []]);
  });

  it('records a no with the comment once the form is submitted, and closes it', async () => {
    // Prepare
    const message = await productLeadsMessage();
    const answer = answerer();

    // Act
    const submitted = await answerNo(answer, message, 'What does "degraded" mean for users?');

    // Assess
    expect([submitted.statusCode, submitted.body, submitted.result?.outcome]).toEqual([200, '', 'clarity-recorded']);
    expect(await clarityNotes()).toEqual([expect.objectContaining({ answer: 'no', comment: 'What does "degraded" mean for users?', audience: 'product-leads' })]);
  });

  it('still records a no from an empty form, without a comment', async () => {
    // Prepare
    const message = await productLeadsMessage();

    // Act
    await answerNo(answerer(), message, '');

    // Assess
    const notes = await clarityNotes();
    expect([notes.length, notes[0]?.kind === 'note' && notes[0].type === 'clarity' && notes[0].answer, 'comment' in notes[0]!]).toEqual([1, 'no', false]);
  });

  it('replaces the reader’s earlier yes on the same message when they change their mind', async () => {
    // Prepare
    const message = await productLeadsMessage();
    const answer = answerer();
    await answer(signed(pressBody(message, 'clarion.clarity-yes')));

    // Act
    await answerNo(answer, message, 'Too long');

    // Assess
    expect(await clarityNotes()).toEqual([expect.objectContaining({ answer: 'no', comment: 'Too long' })]);
  });

  it('keeps one answer per reader: two readers are two answers', async () => {
    // Prepare
    const message = await productLeadsMessage();
    const answer = answerer();

    // Act
    await answer(signed(pressBody(message, 'clarion.clarity-yes')));
    await answer(signed(pressBody(message, 'clarion.clarity-yes', 'U0READER2')));

    // Assess
    expect(await clarityNotes()).toHaveLength(2);
  });

  it('quotes a hostile comment back escaped in the reader’s private line, and keeps it as written', async () => {
    // Prepare
    const message = await productLeadsMessage();
    const hostile = '<!channel> *ping* <https://evil.example|click> <@U0BOSS>';

    // Act
    await answerNo(answerer(), message, hostile);

    // Assess
    const [thanks] = h.emulator.ephemerals('#portal-status');
    expect(thanks?.text).not.toMatch(/<!channel>|<https:|<@U0BOSS>/);
    expect(thanks?.text).toContain('&lt;!channel&gt;');
    expect(await clarityNotes()).toEqual([expect.objectContaining({ comment: hostile })]);
  });
});

describe('Was this clear?: requests that change nothing', () => {
  it('refuses an unsigned press with 401 and records nothing', async () => {
    // Prepare
    const message = await productLeadsMessage();

    // Act
    const answer = await answerer()({ rawBody: pressBody(message, 'clarion.clarity-yes'), headers: {} });

    // Assess
    expect([answer.statusCode, await clarityNotes(), h.emulator.ephemerals('#portal-status')]).toEqual([401, [], []]);
  });

  it('refuses a stale submission with 401 and records nothing', async () => {
    // Prepare
    const message = await productLeadsMessage();
    const answer = answerer();
    await answer(signed(pressBody(message, 'clarion.clarity-no')));
    const [view] = h.emulator.views();
    const rawBody = submissionBody(view!, 'late');
    const stale = signSlackRequest({ signingSecret: SECRET, rawBody, timestamp: Math.floor(h.clock.now.getTime() / 1000) - 600 });

    // Act
    const submitted = await answer({ rawBody, headers: stale });

    // Assess
    expect([submitted.statusCode, await clarityNotes()]).toEqual([401, []]);
  });

  it('tells the reader the answer cannot be kept when there is no history store, and opens no form', async () => {
    // Prepare
    const message = await productLeadsMessage();

    // Act
    const answer = await answerer(false)(signed(pressBody(message, 'clarion.clarity-no')));

    // Assess
    expect([answer.result?.outcome, h.emulator.views()]).toEqual(['clarity-not-recorded', []]);
    expect(h.emulator.ephemerals('#portal-status')).toEqual([expect.objectContaining({ user: READER, text: expect.stringContaining('could not be recorded') })]);
  });
});
