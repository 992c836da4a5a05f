// Engineers post a plain-language update to the other audiences: a modal (views.open on the Slack
// emulator over HTTP), its submission through the real interactions handler, posts in Slack.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import type { AlertRecord } from '../../src/core/alert-record.ts';
import { DeliveryError } from '../../src/core/delivery-error.ts';
import { impactKeyFor } from '../../src/core/impact-key.ts';
import { answerInteraction } from '../../src/interactions/answer-interaction.ts';
import type { InteractionDeps } from '../../src/interactions/handle-interaction.ts';
import type { EmulatedView } from '../../src/local/slack-emulator.ts';
import { viewSubmissionPayload } from '../../src/local/server/submit-view.ts';
import type { SubmittedValues } from '../../src/local/server/submit-view.ts';
import { signSlackRequest } from '../../src/slack/sign-slack-request.ts';
import { advance, allText, elementOf, fireAppDown, startHarness } from './harness.ts';
import type { Harness, StoredMessage } from './harness.ts';

const SECRET = 'test-signing-secret';
const TOPIC = 'arn:aws:sns:eu-west-2:111111111111:local-offices';
let h: Harness;
let deps: InteractionDeps & { signingSecret: string };
let mailed: Array<{ topicArn: string; subject: string; text: string }>;
let presses = 0;

beforeEach(async () => {
  h = await startHarness(undefined, {
    tweakConfig: (config) => {
      config.audiences['local-office']!.snsTopicArn = TOPIC;
      return config;
    },
  });
  mailed = [];
  deps = {
    signingSecret: SECRET,
    runtime: () => h.runtime,
    state: createDynamoState({ client: h.dynamo.client, tableName: h.dynamo.tableName }),
    slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl, timeoutMs: 2000 }),
    plainText: { send: async ({ topicArn, subject, text }) => void mailed.push({ topicArn, subject, text }) },
    now: () => h.clock.now,
  };
});
afterEach(() => h.close());

function signed(rawBody: string) {
  return { rawBody, headers: signSlackRequest({ signingSecret: SECRET, rawBody, timestamp: Math.floor(h.clock.now.getTime() / 1000) }) };
}

/** The outage open: its engineers' message, and its alert key. */
async function openOutage(): Promise<{ message: StoredMessage; alertKey: string }> {
  const [result] = await h.processor.processMessage(fireAppDown('e1', '2026-11-22T09:59:00Z'));
  return { message: h.emulator.messages('#portal-alerts')[0]!, alertKey: result!.alertKey! };
}

/** Presses *Post an update* with a trigger the emulator issued for this press. */
function pressPostUpdate(message: StoredMessage, user = 'U0ONCALL1') {
  presses += 1;
  const payload = {
    type: 'block_actions',
    user: { id: user, username: 'oncall' },
    trigger_id: h.emulator.issueTrigger(user),
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
    channel: { id: message.channel },
    message: { ts: message.ts, blocks: message.blocks },
    actions: [{ type: 'button', action_ts: `1.${presses}`, action_id: 'clarion.post-update', value: elementOf(message, 'clarion.post-update').value }],
  };
  return answerInteraction(signed(`payload=${encodeURIComponent(JSON.stringify(payload))}`), deps);
}

/** The form submitted with this text (and these audiences ticked; default all it offers). */
function submissionBody(view: EmulatedView, text: string, audiences?: string[], user = 'U0ONCALL1'): string {
  const values: SubmittedValues = { 'clarion.update-text': text };
  if (audiences) values['clarion.update-audiences'] = audiences;
  else values['clarion.update-audiences'] = offered(view);
  return `payload=${encodeURIComponent(JSON.stringify(viewSubmissionPayload(view, user, values, h.emulator.issueTrigger(user))))}`;
}

function offered(view: EmulatedView): string[] {
  const block = (view.view.blocks as Array<{ block_id?: string; element?: { options?: Array<{ value: string }> } }>).find((b) => b.block_id === 'clarion.update-audiences');
  return block?.element?.options?.map((o) => o.value) ?? [];
}

/** Opens the form on the open outage and returns it as the emulator holds it. */
async function openForm(): Promise<{ view: EmulatedView; message: StoredMessage; alertKey: string }> {
  const { message, alertKey } = await openOutage();
  await pressPostUpdate(message);
  return { view: h.emulator.views()[0]!, message, alertKey };
}

const broadcasts = (channel: string) => h.emulator.messages(channel).flatMap((m) => m.replies.filter((r) => r.reply_broadcast));
const postCount = () => Object.values(h.emulator.stats().postsByChannel).reduce((a, b) => a + b, 0);

describe('Post an update: the form', () => {
  it('offers the button on the engineers’ message of an open catalogued alert', async () => {
    // Prepare, Act
    const { message } = await openOutage();

    // Assess
    expect(elementOf(message, 'clarion.post-update').value).toBeTruthy();
  });

  it('opens a modal through views.open with the alert, a text input and the audiences to tick', async () => {
    // Prepare
    const { message, alertKey } = await openOutage();

    // Act
    const answer = await pressPostUpdate(message);

    // Assess
    const [view] = h.emulator.views();
    const text = (view?.view.blocks as Array<{ block_id?: string; element?: { type?: string; multiline?: boolean } }>).find((b) => b.block_id === 'clarion.update-text');
    expect([
      answer.result,
      view?.view.type,
      view?.view.callback_id,
      decodeURIComponent(String(view?.view.private_metadata)),
      view?.user,
      text?.element,
      offered(view!),
    ]).toEqual([
      { outcome: 'update-form-opened', alertKey },
      'modal',
      'clarion.post-update',
      alertKey,
      'U0ONCALL1',
      expect.objectContaining({ type: 'plain_text_input', multiline: true }),
      ['product-leads', 'local-office'],
    ]);
  });

  it('opens nothing when the press reaches Clarion after its trigger expired', async () => {
    // Prepare: Slack's trigger is good for 3 s; this press is handled 4 s after it was made.
    const { message } = await openOutage();
    const trigger = h.emulator.issueTrigger('U0ONCALL1');
    advance(h, 4);
    const payload = {
      type: 'block_actions',
      user: { id: 'U0ONCALL1' },
      trigger_id: trigger,
      container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
      actions: [{ type: 'button', action_ts: '9.1', action_id: 'clarion.post-update', value: elementOf(message, 'clarion.post-update').value }],
    };

    // Act
    const answer = await answerInteraction(signed(`payload=${encodeURIComponent(JSON.stringify(payload))}`), deps);

    // Assess
    expect([answer.statusCode, answer.result?.outcome, h.emulator.views().length]).toEqual([200, 'update-form-not-opened', 0]);
  });
});

describe('Post an update: the submission', () => {
  it('keeps the form open with the jargon named, and posts nothing', async () => {
    // Prepare
    const { view } = await openForm();
    const before = postCount();

    // Act
    const answer = await answerInteraction(signed(submissionBody(view, 'CPU is high and latency is up.')), deps);

    // Assess
    const response = JSON.parse(answer.body) as { response_action: string; errors: Record<string, string> };
    expect([answer.headers?.['content-type'], response.response_action, Object.keys(response.errors), postCount() - before]).toEqual(['application/json', 'errors', ['clarion.update-text'], 0]);
    expect(response.errors['clarion.update-text']).toMatch(/"CPU" \(try "computer power"\).*"latency" \(try "slow"\)/);
  });

  it('keeps the form open when the text is only blanks', async () => {
    // Prepare
    const { view } = await openForm();

    // Act
    const answer = await answerInteraction(signed(submissionBody(view, '   ')), deps);

    // Assess
    expect(JSON.parse(answer.body)).toEqual({ response_action: 'errors', errors: { 'clarion.update-text': expect.stringContaining('Write the update first') } });
  });

  it('replies in the product leads’ thread, broadcast to their channel, in their wording', async () => {
    // Prepare
    const { view } = await openForm();

    // Act
    const answer = await answerInteraction(signed(submissionBody(view, 'Some people cannot log in. We expect it to work again by 11:00.')), deps);

    // Assess
    const [reply] = broadcasts('#portal-status');
    expect([JSON.parse(answer.body), answer.result?.outcome, reply?.thread_ts, allText(reply!)]).toEqual([
      { response_action: 'clear' },
      'update-posted',
      h.emulator.messages('#portal-status')[0]!.ts,
      expect.stringContaining('*Update from the engineers* (<!date^'),
    ]);
    expect(allText(reply!)).toContain('Some people cannot log in. We expect it to work again by 11:00.');
  });

  it('gives local offices the update and a version to forward to users', async () => {
    // Prepare
    const { view } = await openForm();

    // Act
    await answerInteraction(signed(submissionBody(view, 'Some people cannot log in.')), deps);

    // Assess
    const [reply] = broadcasts('#portal-local-offices');
    expect([reply?.thread_ts, reply?.blocks.map((b) => b.block_id)]).toEqual([h.emulator.messages('#portal-local-offices')[0]!.ts, ['clarion.update', 'clarion.forward-intro', 'clarion.forward']]);
    expect(allText(reply!)).toContain('>An update about the Trainee Portal: Some people cannot log in.');
  });

  it('notes in the engineers’ thread who posted the update, and not in their channel', async () => {
    // Prepare
    const { view } = await openForm();

    // Act
    await answerInteraction(signed(submissionBody(view, 'Some people cannot log in.')), deps);

    // Assess
    const replies = h.emulator.messages('#portal-alerts')[0]!.replies;
    expect(replies.map((r) => [r.text, r.reply_broadcast ?? false])).toEqual([['Update posted by <@U0ONCALL1>: Some people cannot log in.', false]]);
  });

  it('sends the plain text to an audience’s SNS topic as well', async () => {
    // Prepare
    const { view } = await openForm();

    // Act
    await answerInteraction(signed(submissionBody(view, 'Some people cannot log in.')), deps);

    // Assess
    expect(mailed.map((m) => [m.topicArn, m.text.includes('An update about the Trainee Portal: Some people cannot log in.')])).toEqual([[TOPIC, true]]);
  });

  it('posts only to the audiences left ticked', async () => {
    // Prepare
    const { view } = await openForm();

    // Act
    await answerInteraction(signed(submissionBody(view, 'Some people cannot log in.', ['local-office'])), deps);

    // Assess
    expect([broadcasts('#portal-status').length, broadcasts('#portal-local-offices').length]).toEqual([0, 1]);
  });

  it('posts nothing more when the same submission is delivered again', async () => {
    // Prepare
    const { view } = await openForm();
    const body = submissionBody(view, 'Some people cannot log in.');
    await answerInteraction(signed(body), deps);
    const before = postCount();

    // Act
    const again = await answerInteraction(signed(body), deps);

    // Assess
    expect([again.result?.outcome, postCount() - before]).toEqual(['duplicate-submission', 0]);
  });

  it('tells only whoever it missed when a submission that failed half-way is submitted again', async () => {
    // Prepare: Slack refuses the local offices' reply once (503), after the product leads had theirs.
    const { view } = await openForm();
    const localOffices = h.emulator.messages('#portal-local-offices')[0]!.channel;
    const real = deps.slack;
    let refused = 0;
    deps = {
      ...deps,
      slack: {
        ...real,
        post: async (args) => {
          if (args.channel === localOffices && refused === 0) {
            refused += 1;
            throw new DeliveryError('Slack chat.postMessage failed: HTTP 503', { kind: 'server', code: '503' });
          }
          return real.post(args);
        },
      },
    };
    const body = submissionBody(view, 'Some people cannot log in.');
    const first = await answerInteraction(signed(body), deps).then(
      () => 'answered',
      () => 'failed',
    );

    // Act
    const again = await answerInteraction(signed(body), deps);

    // Assess
    expect([first, again.result?.outcome, broadcasts('#portal-status').length, broadcasts('#portal-local-offices').length, h.emulator.messages('#portal-alerts')[0]!.replies.length]).toEqual([
      'failed',
      'update-posted',
      1,
      1,
      1,
    ]);
  });

  it('makes pings, links and formatting in the text inert', async () => {
    // Prepare
    const { view } = await openForm();

    // Act
    await answerInteraction(signed(submissionBody(view, '<!channel> see <https://x.example|here> *now*')), deps);

    // Assess
    const texts = [...broadcasts('#portal-status'), ...broadcasts('#portal-local-offices'), ...h.emulator.messages('#portal-alerts')[0]!.replies].map(allText).join('\n');
    expect([texts.includes('<!channel>'), texts.includes('<https://x.example|here>'), texts.includes('*now*'), texts.includes('&lt;!channel&gt;')]).toEqual([false, false, false, true]);
  });

  it('refuses an unsigned submission before reading it', async () => {
    // Prepare
    const { view } = await openForm();
    const before = postCount();

    // Act
    const answer = await answerInteraction({ rawBody: submissionBody(view, 'Some people cannot log in.'), headers: {} }, deps);

    // Assess
    expect([answer.statusCode, postCount() - before]).toEqual([401, 0]);
  });
});

describe('Post an update: impacts', () => {
  /** The outage's impact record (the processor opened it) with these audiences' messages added, posted here as the processor would. */
  async function storeImpact(alertKey: string, audiences: Record<string, string>): Promise<Record<string, { channel: string; ts: string }>> {
    const record = (await h.state.getAlert(alertKey))!;
    const stored = (await h.state.getAlert(impactKeyFor(record.alert)!))!;
    const messages: Record<string, { channel: string; ts: string }> = { ...stored.messages };
    for (const [audience, channel] of Object.entries(audiences)) {
      messages[audience] = await deps.slack.post({ channel, message: { text: `The portal is down (${audience})`, blocks: [] } });
    }
    const impact: AlertRecord = { ...stored, messages, version: stored.version + 1 };
    expect(await h.state.putAlert(impact, stored.version)).toBe(true);
    return messages;
  }

  it('replies under the impact’s message of an audience rather than the alert’s own', async () => {
    // Prepare: the processor gave product leads the impact's message; an older alert record also holds one of its own.
    const { message, alertKey } = await openOutage();
    const impact = await storeImpact(alertKey, {});
    const record = (await h.state.getAlert(alertKey))!;
    const own = await deps.slack.post({ channel: '#portal-status', message: { text: 'The portal is down (the alert’s own)', blocks: [] } });
    expect(await h.state.putAlert({ ...record, messages: { ...record.messages, 'product-leads': own }, version: record.version + 1 }, record.version)).toBe(true);
    await pressPostUpdate(message);

    // Act
    await answerInteraction(signed(submissionBody(h.emulator.views()[0]!, 'Some people cannot log in.')), deps);

    // Assess
    expect(broadcasts('#portal-status').map((r) => r.thread_ts)).toEqual([impact['product-leads']!.ts]);
  });

  it('tells an audience that heard of the incident only through its impact, in the product leads’ wording', async () => {
    // Prepare: data leads have a message of the trainee-portal impact, not of this alert.
    const { message, alertKey } = await openOutage();
    const impact = await storeImpact(alertKey, { 'data-leads': '#portal-data' });
    await pressPostUpdate(message);

    // Act
    await answerInteraction(signed(submissionBody(h.emulator.views()[0]!, 'Some people cannot log in.')), deps);

    // Assess
    const [reply] = broadcasts('#portal-data');
    expect([reply?.thread_ts, allText(reply!).includes('*Update from the engineers*'), reply?.blocks.length]).toEqual([impact['data-leads']!.ts, true, 1]);
  });
});
