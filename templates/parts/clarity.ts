/** @module Render (templates): the *Was this clear?* question under non-technical messages — a context line, Yes and No, and what their values carry for the interactions handler. */
import type { ActionsBlock, Button, ContextBlock, KnownBlock } from '@slack/types';
import * as z from 'zod';
import type { RenderInput } from '../../src/core/alert.ts';
import { SLACK_LIMITS } from '../../src/slack/limits.ts';
import { isPastTense } from './past-tense.ts';
import { mrkdwn, plain } from './text.ts';
import { startedAt } from './times.ts';

export const CLARITY_ACTION_IDS = {
  yes: 'clarion.clarity-yes',
  no: 'clarion.clarity-no',
} as const;

/** The block ids of the question: no other block of the two templates uses them. */
export const CLARITY_BLOCK_IDS = { question: 'clarion.clarity', actions: 'clarion.clarity-actions' } as const;

/** What readers see: firing (present tense), or fixed once the fix is confirmed and the message speaks in the past tense. */
export type ClarityState = 'firing' | 'fixed';

/** What an answer is about: the entry whose words were read, in which state, by which audience, in which incident. */
const ENTRY_MAX = 120;
const AUDIENCE_MAX = 300;

export const ClarityTarget = z.object({
  /** Catalog entry id (history keeps at most 120 characters of it). */
  entry: z.string().min(1).max(ENTRY_MAX),
  state: z.enum(['firing', 'fixed']),
  audience: z.string().min(1).max(AUDIENCE_MAX),
  /**
   * When the incident began, as the message says: answers are filed in history under it. It is the
   * same on every edit of the message, so a reader's second answer lands on their first and
   * replaces it (history files a note under its date: a later date would make a second note).
   */
  startedAt: z.iso.datetime(),
});
export type ClarityTarget = z.infer<typeof ClarityTarget>;

/**
 * The value both buttons carry. URI-encoded JSON, as alert keys are encoded: an audience name is
 * configuration, not event text, but nothing raw ever sits in a payload Slack shows back.
 */
export function encodeClarityTarget(target: ClarityTarget): string {
  return encodeURIComponent(JSON.stringify({ entry: target.entry, state: target.state, audience: target.audience, startedAt: target.startedAt }));
}

/** The target a button's value (or a modal's metadata) names; undefined when it is malformed, as a forged one may be. */
export function clarityTargetFrom(value: string | undefined): ClarityTarget | undefined {
  if (!value) return undefined;
  try {
    const parsed = ClarityTarget.safeParse(JSON.parse(decodeURIComponent(value)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The state a reader sees the message in: "fixed" only once it speaks of the problem as over. */
export function clarityState(input: RenderInput): ClarityState {
  return isPastTense(input) ? 'fixed' : 'firing';
}

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** `startedAt` as an ISO string; the record's first sighting is one already, so it is not parsed and printed again. */
function incidentStart(input: RenderInput): string | undefined {
  const firstSeen = input.lifecycle?.firstSeen;
  if (firstSeen !== undefined && ISO_UTC.test(firstSeen)) return firstSeen;
  return startedAt(input)?.toISOString();
}

function button(actionId: string, label: string, value: string, accessibility: string): Button {
  return { type: 'button', action_id: actionId, text: plain(label), value, accessibility_label: accessibility };
}

/**
 * The question and its two buttons, for a catalogued alert read by a non-technical audience; none
 * for engineers (they have their own buttons and wrote the words) or for an alert no entry claims
 * (nobody wrote its words, so nobody could act on the answer). A value too long for Slack (an
 * entry id or audience name far beyond what anyone writes) gets no question rather than a cut one.
 */
export function clarityBlocks(input: RenderInput): KnownBlock[] {
  const { catalogId } = input.alert;
  if (catalogId === null || input.template === 'techies') return [];
  const started = incidentStart(input);
  // The schema's bounds, checked by hand: a zod parse here cost more than the rest of a local-office render.
  if (!started || catalogId.length > ENTRY_MAX || input.audience.length === 0 || input.audience.length > AUDIENCE_MAX) return [];
  const value = encodeClarityTarget({ entry: catalogId, state: clarityState(input), audience: input.audience, startedAt: started });
  if (value.length > SLACK_LIMITS.buttonValue) return [];
  const question: ContextBlock = {
    type: 'context',
    block_id: CLARITY_BLOCK_IDS.question,
    elements: [mrkdwn('*Was this clear?* Your answer helps the people who write these messages.')],
  };
  const actions: ActionsBlock = {
    type: 'actions',
    block_id: CLARITY_BLOCK_IDS.actions,
    elements: [
      button(CLARITY_ACTION_IDS.yes, 'Yes', value, 'Yes, this message was clear'),
      button(CLARITY_ACTION_IDS.no, 'No', value, 'No, something in this message was unclear'),
    ],
  };
  return [question, actions];
}
