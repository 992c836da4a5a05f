/** @module Interactions: *Was this clear?* — Yes records the answer, No opens "What was unclear?" and its submission records it; each answer is a clarity note in history. */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { DeliveryError } from '../core/delivery-error.ts';
import { historyText } from '../core/history.ts';
import type { HistoryNote } from '../core/history.ts';
import type { RenderedMessage } from '../core/alert.ts';
import type { BlockAction, BlockActionsPayload, ViewSubmissionPayload } from '../slack/interaction-payload.ts';
import { parseDuration } from '../pipeline/parse-duration.ts';
import { CLARITY_ACTION_IDS, ClarityTarget, clarityTargetFrom } from '../../templates/parts/clarity.ts';
import { CLARITY_VIEW, renderClarityModal, renderClarityNotRecorded, renderClarityThanks } from '../../templates/clarity-modal.ts';
import type { InteractionDeps, InteractionResult } from './handle-interaction.ts';
import type { ViewSubmissionAnswer } from './post-update.ts';

/** The answer's target and the message it was given on: what the "What was unclear?" form carries to its submission. */
const ClarityAbout = ClarityTarget.extend({
  channel: z.string().min(1).max(40),
  /** Slack's message ts (`1732442400.000100`): with the channel, which message. */
  ts: z.string().regex(/^\d{1,12}\.\d{1,6}$/),
});
type ClarityAbout = z.infer<typeof ClarityAbout>;

function encodeAbout(about: ClarityAbout): string {
  return encodeURIComponent(JSON.stringify(about));
}

function aboutFrom(value: string | undefined): ClarityAbout | undefined {
  if (!value) return undefined;
  try {
    const parsed = ClarityAbout.safeParse(JSON.parse(decodeURIComponent(value)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The message a press came from, as Slack names it in the payload; undefined when the payload does not say. */
function pressedMessage(payload: BlockActionsPayload): { channel: string; ts: string } | undefined {
  const channel = payload.container?.channel_id ?? payload.channel?.id;
  const ts = payload.container?.message_ts ?? payload.message?.ts;
  return channel && ts ? { channel, ts } : undefined;
}

/**
 * One answer per reader, message and state: a reader who changes their mind (Yes, then No with a
 * comment) replaces their answer, and each answer of the message in its other state stays. The
 * user id is hashed into the id and kept nowhere else, so history holds no names.
 */
export function clarityNoteId(user: string, about: Pick<ClarityAbout, 'channel' | 'ts' | 'state'>): string {
  return `clarity:${createHash('sha256').update(JSON.stringify([user, about.channel, about.ts, about.state])).digest('base64url').slice(0, 32)}`;
}

/**
 * The note, dated by the incident the message tells of, not by the press: history files a note
 * under its date, so the same id written again with a later date would be a second note, not a
 * replacement. (Slack's message ts would do too on AWS, but the local stack's Slack clock is not the
 * pipeline's, which tests pin.)
 */
function clarityNote(about: ClarityAbout, user: string, answer: 'yes' | 'no', comment: string | undefined, deps: InteractionDeps): HistoryNote {
  const retention = parseDuration(deps.runtime().config.history.retention);
  return {
    kind: 'note',
    type: 'clarity',
    id: clarityNoteId(user, about),
    at: about.startedAt,
    answeredAt: deps.now().toISOString(),
    expiresAt: Math.floor(deps.now().getTime() / 1000) + retention,
    catalogId: about.entry,
    state: about.state,
    audience: historyText(about.audience),
    answer,
    ...(comment ? { comment: historyText(comment) } : {}),
  };
}

/** Tells the reader alone; the answer stands whether or not Slack takes the line. */
async function tellReader(deps: InteractionDeps, channel: string, user: string, message: RenderedMessage): Promise<void> {
  if (!deps.slack.postEphemeral) return;
  try {
    await deps.slack.postEphemeral({ channel, user, message });
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    deps.log?.info('could not tell the reader their clarity answer was recorded', { channel, code: error.code });
  }
}

async function record(about: ClarityAbout, user: string, answer: 'yes' | 'no', comment: string | undefined, deps: InteractionDeps): Promise<InteractionResult> {
  await deps.history!.addNote(clarityNote(about, user, answer, comment, deps));
  deps.log?.info('clarity answer recorded', { catalogId: about.entry, state: about.state, audience: about.audience, answer, comment: comment !== undefined });
  await tellReader(deps, about.channel, user, renderClarityThanks(answer, comment));
  return { outcome: 'clarity-recorded' };
}

/**
 * A press of Yes or No under a message. Yes records at once; No opens the form (Slack takes the
 * trigger once, within 3 s, so nothing else happens first) and the submission records it. When the
 * form cannot open, the "no" is recorded without a comment rather than lost. Without a history
 * store the reader is told the answer cannot be kept.
 */
export async function answerClarity(payload: BlockActionsPayload, action: BlockAction, deps: InteractionDeps): Promise<InteractionResult> {
  const target = clarityTargetFrom(action.value);
  const message = pressedMessage(payload);
  const about = target && message ? ClarityAbout.safeParse({ ...target, ...message }) : undefined;
  const user = payload.user.id;
  if (!about?.success) {
    deps.log?.info('clarity press without a readable target or message; ignored', { actionId: action.action_id, user });
    return { outcome: 'clarity-not-recorded' };
  }
  if (!deps.history) {
    await tellReader(deps, about.data.channel, user, renderClarityNotRecorded());
    return { outcome: 'clarity-not-recorded' };
  }
  if (action.action_id === CLARITY_ACTION_IDS.yes) return record(about.data, user, 'yes', undefined, deps);
  if (deps.slack.openView && payload.trigger_id) {
    try {
      await deps.slack.openView({ triggerId: payload.trigger_id, view: renderClarityModal(encodeAbout(about.data)) });
      return { outcome: 'clarity-form-opened' };
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      deps.log?.info('could not open the clarity form; the answer is recorded without a comment', { code: error.code });
    }
  }
  return record(about.data, user, 'no', undefined, deps);
}

/**
 * The submitted "What was unclear?" form: a "no", with the comment when one was written (an empty
 * form is still a "no"). A submission delivered twice writes the same note twice, which is one note.
 * The empty answer closes the form.
 */
export async function handleClaritySubmission(payload: ViewSubmissionPayload, deps: InteractionDeps): Promise<ViewSubmissionAnswer> {
  const about = aboutFrom(payload.view.private_metadata);
  const user = payload.user.id;
  if (!about) {
    deps.log?.info('clarity form without a readable target; closed', { user });
    return { result: { outcome: 'clarity-not-recorded' } };
  }
  if (!deps.history) {
    await tellReader(deps, about.channel, user, renderClarityNotRecorded());
    return { result: { outcome: 'clarity-not-recorded' } };
  }
  const comment = (payload.view.state.values[CLARITY_VIEW.comment]?.[CLARITY_VIEW.comment]?.value ?? '').trim();
  return { result: await record(about, user, 'no', comment === '' ? undefined : comment, deps) };
}
