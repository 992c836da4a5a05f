/** @module Render (templates, parts): the engineers' context line for an alert that fired during planned work. */
import type { ContextBlock } from '@slack/types';
import type { RenderInput } from '../../src/core/alert.ts';
import { clockWords } from '../maintenance-notice.ts';
import { esc, mrkdwn, oneLine } from './text.ts';

/** "🛠 During planned work: the Trainee Portal, until 11:00" — only engineers hear of it meanwhile. */
export function plannedWorkBlock(input: RenderInput): ContextBlock | undefined {
  const work = input.alert.plannedWork;
  if (!work) return undefined;
  const until = new Date(work.until);
  // Drawn again after the work is over (a silence outlasted it, or a later edit): no longer true.
  if (until.getTime() <= input.now.getTime()) return undefined;
  const when = Number.isNaN(until.getTime()) ? '' : `, until ${clockWords(until, input.timeZone)}`;
  return {
    type: 'context',
    block_id: 'clarion.planned-work',
    elements: [mrkdwn(`:hammer_and_wrench: During planned work: ${esc(oneLine(work.title))}${when}. Only engineers are told of this alert until the work is over.`)],
  };
}
