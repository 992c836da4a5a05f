// The Slack emulator's views.open, through the real WebClient over HTTP: what Slack checks, and what it keeps for the page.
import { WebClient } from '@slack/web-api';
import type { ModalView } from '@slack/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import type { SlackEmulator, SlackEmulatorViewEvent } from '../../src/local/slack-emulator.ts';
import { quietLogger } from '../support/quiet-slack-logger.ts';
import { slackClientFailure } from '../support/slack-client-failure.ts';

let emulator: SlackEmulator;
let client: WebClient;
let now: number;

beforeEach(async () => {
  now = 1_732_270_000_000;
  emulator = createSlackEmulator({ clock: () => now, limits: false });
  const { url } = await emulator.listen();
  client = new WebClient('xoxb-test', { slackApiUrl: url, retryConfig: { retries: 0 }, logger: quietLogger });
});
afterEach(() => emulator.close());

function modal(overrides: Partial<ModalView> = {}): ModalView {
  return {
    type: 'modal',
    callback_id: 'clarion.post-update',
    private_metadata: 'alert-key',
    title: { type: 'plain_text', text: 'Post an update' },
    submit: { type: 'plain_text', text: 'Post update' },
    blocks: [{ type: 'input', block_id: 'text', label: { type: 'plain_text', text: 'Update' }, element: { type: 'plain_text_input', action_id: 'text', multiline: true } }],
    ...overrides,
  };
}

describe('Slack emulator: views.open', () => {
  it('answers like Slack with the view, its id and hash', async () => {
    // Act
    const opened = await client.views.open({ trigger_id: emulator.issueTrigger('U0ONCALL1'), view: modal() });

    // Assess
    expect(opened).toMatchObject({ ok: true, view: { id: expect.stringMatching(/^V/), hash: expect.any(String), type: 'modal', callback_id: 'clarion.post-update', state: { values: {} } } });
  });

  it('keeps the open view, with the user the trigger was issued for', async () => {
    // Act
    const opened = await client.views.open({ trigger_id: emulator.issueTrigger('U0ONCALL1'), view: modal() });

    // Assess
    expect(emulator.views()).toEqual([expect.objectContaining({ id: opened.view?.id, user: 'U0ONCALL1', view: expect.objectContaining({ private_metadata: 'alert-key' }) })]);
  });

  it('tells listeners a view opened and closed', async () => {
    // Prepare
    const seen: SlackEmulatorViewEvent['kind'][] = [];
    emulator.on('view', (event) => seen.push(event.kind));
    const opened = await client.views.open({ trigger_id: emulator.issueTrigger(), view: modal() });

    // Act
    const closed = emulator.closeView(opened.view!.id!);

    // Assess
    expect([closed, seen, emulator.views()]).toEqual([true, ['view-opened', 'view-closed'], []]);
  });

  it('refuses a call without a trigger', async () => {
    // Act
    const failure = await slackClientFailure(client.views.open({ view: modal() } as never));

    // Assess
    expect(failure.data?.error).toBe('invalid_arguments');
  });

  it('refuses a trigger that is not in Slack’s form', async () => {
    // Act
    const failure = await slackClientFailure(client.views.open({ trigger_id: 'not a trigger', view: modal() }));

    // Assess
    expect(failure.data?.error).toBe('invalid_trigger_id');
  });

  it('refuses a trigger used once already', async () => {
    // Prepare
    const trigger = emulator.issueTrigger();
    await client.views.open({ trigger_id: trigger, view: modal() });

    // Act
    const failure = await slackClientFailure(client.views.open({ trigger_id: trigger, view: modal() }));

    // Assess
    expect(failure.data?.error).toBe('exchanged_trigger_id');
  });

  it('refuses a trigger more than 3 seconds old', async () => {
    // Prepare
    const trigger = emulator.issueTrigger();
    now += 3001;

    // Act
    const failure = await slackClientFailure(client.views.open({ trigger_id: trigger, view: modal() }));

    // Assess
    expect([failure.data?.error, emulator.views()]).toEqual(['expired_trigger_id', []]);
  });

  it('refuses a title longer than 24 characters, pointing at it', async () => {
    // Act
    const failure = await slackClientFailure(client.views.open({ trigger_id: emulator.issueTrigger(), view: modal({ title: { type: 'plain_text', text: 'Post an update to everyone' } }) }));

    // Assess
    expect([failure.data?.error, failure.data?.response_metadata?.messages]).toEqual(['invalid_arguments', ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]']]);
  });

  it('refuses a modal with an input and no submit button', async () => {
    // Act
    const failure = await slackClientFailure(client.views.open({ trigger_id: emulator.issueTrigger(), view: modal({ submit: undefined }) }));

    // Assess
    expect(failure.data?.response_metadata?.messages).toEqual(['[ERROR] submit is required when blocks contain an input block [json-pointer:/view/submit]']);
  });

  it('forgets open views on reset', async () => {
    // Prepare
    await client.views.open({ trigger_id: emulator.issueTrigger(), view: modal() });

    // Act
    emulator.reset();

    // Assess
    expect(emulator.views()).toEqual([]);
  });
});
