/** @module Interactions: *Post an update* — the press opens a form (a Slack modal); its submission is checked for jargon and posted to the non-technical audiences in their wording. */
import { createHash } from 'node:crypto';
import { runClaimed } from '../state/claimed-step.ts';
import type { AlertRecord } from '../core/alert-record.ts';
import { DeliveryError } from '../core/delivery-error.ts';
import { impactKeyFor } from '../core/impact-key.ts';
import type { MessageRef } from '../core/ports.ts';
import { jargonIn } from '../catalog/plain-language-jargon.ts';
import { blocksToPlainText } from '../slack/blocks-to-plain-text.ts';
import type { BlockAction, BlockActionsPayload, ViewSubmissionPayload } from '../slack/interaction-payload.ts';
import { postBroadcastNotice } from '../pipeline/broadcast-notice.ts';
import { channelFor, routeAlert } from '../pipeline/route-alert.ts';
import { templateInput } from '../pipeline/stages/render.ts';
import { esc } from '../../templates/parts/text.ts';
import { alertKeyFromValue } from '../../templates/parts/buttons.ts';
import { renderUpdateModal, UPDATE_TEXT_MAX, UPDATE_VIEW } from '../../templates/update-modal.ts';
import { renderUpdateNotice } from '../../templates/update-notice.ts';
import type { InteractionDeps, InteractionResult } from './handle-interaction.ts';

/** What Slack reads from the answer to a view_submission: errors keep the modal open beside the inputs they name; `clear` closes it. */
export type ViewSubmissionResponse = { response_action: 'errors'; errors: Record<string, string> } | { response_action: 'clear' };

export interface ViewSubmissionAnswer {
  result: InteractionResult;
  /** Absent: an empty 200, which closes the view. */
  response?: ViewSubmissionResponse;
}

/** The steps of a submission are remembered as long as a press is: longer than a replay of it can come (the signature window). */
const SUBMISSION_CLAIM_SECONDS = 11 * 60;
/** Slack shows an input's error under it; a long list of words would bury the form. */
const ERROR_MAX = 500;


/**
 * The non-technical audiences that have a message of this incident, each with that message: the
 * impact's message when the impact record has one (non-technical audiences hear one message per
 * impact), else the alert's own (messages posted before impacts existed). Engineers are left out:
 * they follow the incident in their own message and thread.
 */
async function nonTechnicalMessages(record: AlertRecord, deps: InteractionDeps): Promise<Map<string, MessageRef>> {
  const { config } = deps.runtime();
  const impactKey = impactKeyFor(record.alert);
  const impact = impactKey ? await deps.state.getAlert(impactKey) : null;
  const found = new Map<string, MessageRef>();
  for (const messages of [impact?.messages ?? {}, record.messages]) {
    for (const [audience, ref] of Object.entries(messages)) {
      if (found.has(audience) || (config.audiences[audience]?.template ?? 'techies') === 'techies') continue;
      found.set(audience, ref);
    }
  }
  return found;
}

/**
 * Opens the form for the engineer who pressed. Slack takes the press's trigger once, within 3 s, so
 * this reads the records and opens the modal and nothing more; the posting waits for the submission.
 */
export async function openUpdateForm(payload: BlockActionsPayload, action: BlockAction, deps: InteractionDeps): Promise<InteractionResult> {
  const alertKey = alertKeyFromValue(action.value);
  if (!alertKey) return { outcome: 'unknown-alert' };
  if (!deps.slack.openView || !payload.trigger_id) return { outcome: 'update-form-not-opened', alertKey };
  const record = await deps.state.getAlert(alertKey);
  if (!record) return { outcome: 'unknown-alert', alertKey };
  const { config } = deps.runtime();
  const audiences = [...(await nonTechnicalMessages(record, deps)).keys()].map((name) => ({
    name,
    ...(config.audiences[name]?.description ? { description: config.audiences[name].description } : {}),
  }));
  try {
    await deps.slack.openView({ triggerId: payload.trigger_id, view: renderUpdateModal({ alertKey, title: record.alert.title, audiences }) });
  } catch (error) {
    // Most likely the trigger expired (over 3 s since the press) or was used already: Slack shows nothing, so say it here.
    if (!(error instanceof DeliveryError)) throw error;
    deps.log?.info('could not open the update form', { alertKey, code: error.code });
    return { outcome: 'update-form-not-opened', alertKey };
  }
  return { outcome: 'update-form-opened', alertKey };
}

/** The id of one submission, the same for every delivery of it: Slack's view id and hash, and who submitted. */
export function submissionId(payload: ViewSubmissionPayload): string {
  const parts = [payload.user.id, payload.view.id, payload.view.hash ?? null];
  return `submission:${createHash('sha256').update(JSON.stringify(parts)).digest('base64url')}`;
}

/** Which words would puzzle a non-technical reader, and what to say instead, in one line under the input. */
function jargonError(found: Array<{ word: string; instead: string }>): string {
  const list = found.map(({ word, instead }) => `"${word}" (${instead.startsWith('"') ? `try ${instead}` : instead})`).join(', ');
  const text = `Product leads and local offices read this, and ${found.length === 1 ? 'this word is' : 'these words are'} jargon to them: ${list}.`;
  return text.length <= ERROR_MAX ? text : `${text.slice(0, ERROR_MAX - 1)}…`;
}

function refused(alertKey: string | undefined, errors: Record<string, string>): ViewSubmissionAnswer {
  return { result: { outcome: 'update-refused', ...(alertKey ? { alertKey } : {}) }, response: { response_action: 'errors', errors } };
}

/**
 * A submitted update form. Checked first (text present, no jargon; Slack shows what is wrong under
 * the input and keeps the form open), then posted step by step, each step claimed, so a submission
 * delivered twice posts once: a reply broadcast under each chosen audience's message in its
 * wording, a plain-text copy for audiences with an SNS topic, and a note in the engineers' thread.
 */
export async function handleViewSubmission(payload: ViewSubmissionPayload, deps: InteractionDeps): Promise<ViewSubmissionAnswer> {
  const { view } = payload;
  if (view.callback_id !== UPDATE_VIEW.callbackId) {
    deps.log?.info('unknown view submitted; closed', { callbackId: view.callback_id });
    return { result: { outcome: 'unknown-view' } };
  }
  const alertKey = alertKeyFromValue(view.private_metadata);
  const text = (view.state.values[UPDATE_VIEW.text]?.[UPDATE_VIEW.text]?.value ?? '').trim();
  const ticked = view.state.values[UPDATE_VIEW.audiences]?.[UPDATE_VIEW.audiences]?.selected_options?.map((o) => o.value);
  if (text === '') return refused(alertKey, { [UPDATE_VIEW.text]: 'Write the update first: what people notice, and what happens next.' });
  if (text.length > UPDATE_TEXT_MAX) return refused(alertKey, { [UPDATE_VIEW.text]: `Keep it under ${UPDATE_TEXT_MAX} characters.` });
  const jargon = jargonIn(text);
  if (jargon.length > 0) return refused(alertKey, { [UPDATE_VIEW.text]: jargonError(jargon) });
  if (ticked?.length === 0) return refused(alertKey, { [UPDATE_VIEW.audiences]: 'Tick at least one audience.' });

  const record = alertKey ? await deps.state.getAlert(alertKey) : null;
  if (!alertKey || !record) return refused(alertKey, { [UPDATE_VIEW.text]: 'Clarion no longer knows this alert, so nothing was posted.' });
  const targets = [...(await nonTechnicalMessages(record, deps))].filter(([audience]) => !ticked || ticked.includes(audience));
  if (targets.length === 0) return refused(alertKey, { [UPDATE_VIEW.text]: 'Nobody you ticked has a message about this alert yet, so nothing was posted.' });

  const told = await postUpdate(record, targets, text, payload.user.id, deps, submissionId(payload));
  if (told.length === 0) {
    deps.log?.info('update submitted again; ignored', { alertKey, user: payload.user.id });
    return { result: { outcome: 'duplicate-submission', alertKey }, response: { response_action: 'clear' } };
  }
  deps.log?.info('update posted', { alertKey, catalogId: record.catalogId, user: payload.user.id, audiences: told });
  return { result: { outcome: 'update-posted', alertKey }, response: { response_action: 'clear' } };
}

/**
 * Posts the update, each step claimed on its own (`<submission>:<audience>`, its SNS copy, the
 * engineers' note): a submission delivered twice finds every step claimed and posts nothing, and
 * one that failed half-way (Slack refused the second audience) tells, when submitted again, only
 * whoever it missed. A failed step gives its claim back; the others keep theirs. Returns the
 * audiences told now.
 */
async function postUpdate(record: AlertRecord, targets: Array<[string, MessageRef]>, text: string, user: string, deps: InteractionDeps, id: string): Promise<string[]> {
  const { config } = deps.runtime();
  const now = deps.now();
  const expiresAt = Math.floor(now.getTime() / 1000) + SUBMISSION_CLAIM_SECONDS;
  const routes = routeAlert(record.alert, config, deps.stage);
  const told: string[] = [];

  async function once(claim: string, step: () => Promise<void>): Promise<boolean> {
    // The step failed either way when its claim cannot be released: the claim lapses with its expiry instead.
    const done = await runClaimed(deps.state, claim, expiresAt, step, (releaseError) =>
      deps.log?.info('could not release the claim of a failed update step', { alertKey: record.alertKey, claim, error: String(releaseError) }),
    );
    return done !== undefined;
  }

  for (const [audience, ref] of targets) {
    const input = templateInput({ alert: record.alert, audience, config, ...(deps.stage ? { stage: deps.stage } : {}), now, record });
    const message = renderUpdateNotice(input, { text, at: now });
    if (!message) continue;
    const channel = routes.find((r) => r.audience === audience)?.channel ?? channelFor(config, audience, deps.stage) ?? ref.channel;
    if (await once(`${id}:${audience}`, async () => void (await postBroadcastNotice(deps.slack, ref, channel, message)))) told.push(audience);
    const topicArn = config.audiences[audience]?.snsTopicArn;
    const plainText = deps.plainText;
    if (topicArn && plainText) {
      await once(`${id}:${audience}:sns`, () => plainText.send({ topicArn, subject: message.text, text: blocksToPlainText(message), alertKey: record.alertKey }));
    }
  }
  // The news first: the engineers' thread note is the one step that may be lost without harm.
  const who = /^[UW][A-Z0-9]{2,}$/.test(user) ? `<@${user}>` : 'an engineer';
  for (const [audience, ref] of Object.entries(record.messages)) {
    if (config.audiences[audience]?.template !== 'techies') continue;
    try {
      await once(`${id}:${audience}`, async () => void (await deps.slack.post({ channel: ref.channel, threadTs: ref.ts, message: { text: `Update posted by ${who}: ${esc(text)}`, blocks: [] } })));
    } catch (error) {
      deps.log?.info('could not note the update in the engineers’ thread', { alertKey: record.alertKey, error: String(error) });
    }
  }
  return told;
}
