/** @module Render (templates, issue 14): the one line non-technical readers hear of an automatic fix — "It was fixed automatically at 03:12." — once the fix is confirmed. */
import type { RenderInput } from '../../src/core/alert.ts';
import { slackDate } from '../../src/slack/format-time.ts';

/*
 * Product leads and local offices hear nothing of a fix run itself (it may fail, or be refused);
 * only that the problem they were told of was fixed by one, in the stage's time zone. The record
 * decides whether it applies (`lifecycleOf`: a run of this incident, started before it resolved).
 */
export function fixedAutomaticallyLine(input: RenderInput): string | undefined {
  const at = input.lifecycle?.fixedAutomaticallyAt;
  if (!at || input.lifecycle?.fixConfirmed !== true) return undefined;
  return `It was fixed automatically at ${slackDate(new Date(at), input.timeZone, 'time')}.`;
}
