/** @module Local stack (Slack edge): a modal submitted as Slack would send it — the view_submission payload with what was typed and ticked. */
import { ClarionError } from '../../core/clarion-error.ts';
import { signedInteraction } from './press-button.ts';
import type { EmulatedView } from '../slack-emulator.ts';
import { EMULATED_IDENTITY } from '../slack-emulator.ts';

/** What the person entered: block id → a text input's text, or the values of the ticked options. */
export type SubmittedValues = Record<string, string | string[]>;

/** Thrown when a value names no input block of the view, or an option it does not offer. */
export class UnknownInputError extends ClarionError {}

interface InputBlock {
  block_id?: string;
  element?: { type?: string; action_id?: string; options?: Array<{ value: string }>; initial_option?: { value: string } };
}

/**
 * `view.state.values` as Slack fills it: every input block under its block id, then its element's
 * action id; a text input left empty has `value: null`, and checkboxes list the chosen options.
 */
function stateValues(view: EmulatedView, values: SubmittedValues): Record<string, Record<string, Record<string, unknown>>> {
  const blocks = (Array.isArray(view.view.blocks) ? view.view.blocks : []) as Array<InputBlock & { type?: string }>;
  const inputs = blocks.filter((b) => b.type === 'input' && b.block_id && b.element?.action_id);
  for (const blockId of Object.keys(values)) {
    if (!inputs.some((b) => b.block_id === blockId)) throw new UnknownInputError(`the view has no input block "${blockId}"`);
  }
  const state: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const block of inputs) {
    const element = block.element!;
    const given = values[block.block_id!];
    let value: Record<string, unknown>;
    if (element.type === 'checkboxes') {
      const chosen = given === undefined ? [] : Array.isArray(given) ? given : [given];
      const options = element.options ?? [];
      const missing = chosen.find((v) => !options.some((o) => o.value === v));
      if (missing !== undefined) throw new UnknownInputError(`"${block.block_id!}" offers no option "${missing}"`);
      value = { type: 'checkboxes', selected_options: options.filter((o) => chosen.includes(o.value)) };
    } else if (element.type === 'static_select' || element.type === 'radio_buttons') {
      // One choice: the one given, else the element's initial option, as Slack submits it untouched.
      const options = element.options ?? [];
      const chosen = given === undefined ? element.initial_option?.value : Array.isArray(given) ? given[0] : given;
      if (chosen !== undefined && !options.some((o) => o.value === chosen)) throw new UnknownInputError(`"${block.block_id!}" offers no option "${chosen}"`);
      value = { type: element.type, selected_option: chosen === undefined ? null : options.find((o) => o.value === chosen) };
    } else {
      const text = Array.isArray(given) ? given.join('\n') : given;
      value = { type: element.type, value: text === undefined || text === '' ? null : text };
    }
    state[block.block_id!] = { [element.action_id!]: value };
  }
  return state;
}

/** The `view_submission` payload Slack posts when someone presses the modal's submit button. */
export function viewSubmissionPayload(view: EmulatedView, user: string, values: SubmittedValues, triggerId: string): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: EMULATED_IDENTITY.team_id, domain: 'clarion-local' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: EMULATED_IDENTITY.team_id },
    api_app_id: EMULATED_IDENTITY.app_id,
    token: 'local-verification-token',
    trigger_id: triggerId,
    view: {
      ...view.view,
      id: view.id,
      team_id: EMULATED_IDENTITY.team_id,
      hash: view.hash,
      root_view_id: view.id,
      previous_view_id: null,
      app_id: EMULATED_IDENTITY.app_id,
      bot_id: EMULATED_IDENTITY.bot_id,
      state: { values: stateValues(view, values) },
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** What Slack made of the answer: `errors` keep the modal open beside their inputs; otherwise it closes. */
export interface SubmissionOutcome {
  status: number;
  errors?: Record<string, string>;
}

/** Sends a signed submission to an interactivity URL over HTTP and reads the answer as Slack does. */
export async function sendViewSubmission(url: string, payload: Record<string, unknown>, signingSecret: string, nowMs: number): Promise<SubmissionOutcome> {
  const { body, headers } = signedInteraction(payload, signingSecret, nowMs);
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  if (response.status !== 200 || !(response.headers.get('content-type') ?? '').includes('application/json')) return { status: response.status };
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return { status: response.status };
  }
  const { response_action: action, errors } = (answer ?? {}) as { response_action?: unknown; errors?: unknown };
  if (action === 'errors' && typeof errors === 'object' && errors !== null) {
    return { status: response.status, errors: Object.fromEntries(Object.entries(errors).map(([block, reason]) => [block, String(reason)])) };
  }
  return { status: response.status };
}
