/** @module Render (templates): the header and "what users noticed" for non-technical readers once a fix is confirmed, in the past tense. */
import type { RenderInput } from '../../src/core/alert.ts';
import { slackDate } from '../../src/slack/format-time.ts';
import { fixState } from './status.ts';
import { resolvedAt } from './times.ts';
import { fixedAutomaticallyLine } from './fix-line.ts';

/*
 * A title and summary say the problem in the present tense ("The Trainee Portal is down"), which
 * contradicts "Fixed" beside them. Only a confirmed fix turns them: "looks fixed, checking" may
 * still fire again, and a re-fire is firing, so both keep the present tense.
 */

/** Whether the message speaks of the problem as over: the fix is confirmed. */
export function isPastTense(input: RenderInput): boolean {
  return fixState(input) === 'fixed';
}

/**
 * The header: the entry's past-tense title once fixed, else the title framed as fixed. "Fixed:"
 * reads as a label on what the problem was, as a mail subject or a status page does, so the
 * present-tense words under it do not claim it is still broken.
 */
export function headerTitle(input: RenderInput): string {
  const { alert } = input;
  if (!isPastTense(input)) return alert.title;
  return alert.titleWhenFixed ?? `Fixed: ${alert.title}`;
}

/**
 * The title for the one-line fallback, whose status already leads with "Fixed": the past-tense
 * title when there is one, else the title alone, so the line never says "Fixed: Fixed: …".
 */
export function fallbackTitle(input: RenderInput): string {
  return isPastTense(input) ? input.alert.titleWhenFixed ?? input.alert.title : input.alert.title;
}

/** What users notice (mrkdwn): the past-tense summary once fixed, else the summary. */
export function noticeText(input: RenderInput): string {
  const { impact } = input.alert;
  return isPastTense(input) ? impact.summaryWhenFixed ?? impact.summary : impact.summary;
}

/** The label over it: "What users will notice", or "What users noticed" once fixed. */
export function noticeLabel(input: RenderInput): string {
  return isPastTense(input) ? 'What users noticed' : 'What users will notice';
}

/** The label over who is affected, in the same tense. */
export function whoLabel(input: RenderInput): string {
  return isPastTense(input) ? 'Who was affected' : 'Who is affected';
}

/**
 * "It has worked again since 10:40." (the change notice's words), once fixed; undefined before.
 * When an automatic fix run fixed it, readers learn that first (`fixedAutomaticallyLine`).
 */
export function workingAgainText(input: RenderInput): string | undefined {
  if (!isPastTense(input)) return undefined;
  const at = resolvedAt(input);
  const again = at ? `It has worked again since ${slackDate(at, input.timeZone, 'time')}.` : 'It works again.';
  const fixed = fixedAutomaticallyLine(input);
  // In the order it happened: the fix ran, then it worked again.
  return fixed ? `${fixed} ${again}` : again;
}
