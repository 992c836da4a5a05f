// The interaction payloads Clarion acts on, decoded from Slack's form body and validated with zod.
import { describe, expect, it } from 'vitest';
import { InteractionPayloadError, parseInteractionBody } from '../../src/slack/interaction-payload.ts';

const body = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

/** A view_submission as docs.slack.dev lists its fields (trimmed to what Clarion reads, plus some it does not). */
function submission(overrides: Record<string, unknown> = {}) {
  return {
    type: 'view_submission',
    team: { id: 'T0CLARION0', domain: 'clarion' },
    user: { id: 'U0ONCALL1', username: 'oncall' },
    api_app_id: 'A0CLARION0',
    trigger_id: '12345.98765.abcd2358fdea',
    view: {
      id: 'VMHU10V25',
      hash: '156663117.cd33ad1f',
      type: 'modal',
      callback_id: 'clarion.post-update',
      private_metadata: 'portal.app-down%7Cx',
      state: {
        values: {
          'clarion.update-text': { 'clarion.update-text': { type: 'plain_text_input', value: 'Back by 11:00.' } },
          'clarion.update-audiences': { 'clarion.update-audiences': { type: 'checkboxes', selected_options: [{ text: { type: 'plain_text', text: 'x' }, value: 'product-leads' }] } },
        },
      },
    },
    response_urls: [],
    ...overrides,
  };
}

describe('Interaction payloads: view_submission', () => {
  it('reads the view id, hash, callback id, metadata and what was typed and ticked', () => {
    // Act
    const parsed = parseInteractionBody(body(submission()));

    // Assess
    expect(parsed.type === 'view_submission' && parsed.payload.view).toMatchObject({
      id: 'VMHU10V25',
      hash: '156663117.cd33ad1f',
      callback_id: 'clarion.post-update',
      private_metadata: 'portal.app-down%7Cx',
      state: { values: { 'clarion.update-text': { 'clarion.update-text': { value: 'Back by 11:00.' } }, 'clarion.update-audiences': { 'clarion.update-audiences': { selected_options: [{ value: 'product-leads' }] } } } },
    });
  });

  it('takes a text input left empty, which Slack sends as null', () => {
    // Prepare
    const payload = submission();
    payload.view.state.values['clarion.update-text']['clarion.update-text'].value = null as unknown as string;

    // Act
    const parsed = parseInteractionBody(body(payload));

    // Assess
    expect(parsed.type === 'view_submission' && parsed.payload.view.state.values['clarion.update-text']?.['clarion.update-text']?.value).toBeNull();
  });

  it('refuses a submission without a view id, naming the field', () => {
    // Prepare
    const payload = submission();
    delete (payload.view as { id?: string }).id;

    // Act
    const parse = () => parseInteractionBody(body(payload));

    // Assess
    expect(parse).toThrow(new InteractionPayloadError('invalid view_submission payload: view.id: Invalid input: expected string, received undefined'));
  });

  it('refuses a submission whose state is not block → action → value', () => {
    // Prepare
    const payload = submission({ view: { ...submission().view, state: { values: { 'clarion.update-text': 'Back by 11:00.' } } } });

    // Act
    const parse = () => parseInteractionBody(body(payload));

    // Assess
    expect(parse).toThrow(InteractionPayloadError);
  });

  it('refuses a submission without a user', () => {
    // Prepare
    const payload = submission({ user: undefined });

    // Act
    const parse = () => parseInteractionBody(body(payload));

    // Assess
    expect(parse).toThrow(/invalid view_submission payload: user/);
  });

  it('passes other interaction types through by name, for the caller to acknowledge', () => {
    // Act
    const parsed = parseInteractionBody(body({ type: 'view_closed', view: {} }));

    // Assess
    expect(parsed).toMatchObject({ type: 'other', name: 'view_closed' });
  });
});
