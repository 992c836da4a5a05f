/** @module Render (templates): the engineers' lines for alerts folded under a firing cause (inhibition) — "Also affected because of this". */
import type { SectionBlock } from '@slack/types';
import type { RenderInput } from '../../src/core/alert.ts';
import { code, esc, mrkdwn, oneLine } from './text.ts';

/** Room for the lines in one section, leaving Slack's 3000 for the heading and the "more" line. */
const LINES_BUDGET = 2600;
/** Alarm names can be long; the line keeps enough to tell them apart. */
const NAME_CHARS = 120;

/**
 * One line per folded alert: its entry's title and its alarm's own name (both escaped: the name
 * comes from the event). Lines beyond the budget are counted with the ones the record only counts.
 */
export function alsoAffectedBlock(input: RenderInput): SectionBlock | undefined {
  const folded = input.lifecycle?.alsoAffected;
  if (!folded || (folded.listed.length === 0 && folded.more === 0) || input.alert.phase === 'resolved') return undefined;
  const lines: string[] = [];
  let used = 0;
  let more = folded.more;
  for (const item of folded.listed) {
    const name = item.name ? ` (${code(item.name.length > NAME_CHARS ? `${item.name.slice(0, NAME_CHARS - 1)}…` : item.name)})` : '';
    const line = `• ${esc(oneLine(item.title))}${name}`;
    if (used + line.length + 1 > LINES_BUDGET) {
      more += 1;
      continue;
    }
    lines.push(line);
    used += line.length + 1;
  }
  if (more > 0) lines.push(`… and ${more} more`);
  return { type: 'section', block_id: 'clarion.also-affected', text: mrkdwn(`*Also affected because of this:*\n${lines.join('\n')}`) };
}
