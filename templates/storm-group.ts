/** @module Render (templates): one message per audience for a storm — many alerts of one catalog group at once. */
import type { KnownBlock } from '@slack/types';
import type { TemplateName } from '../src/catalog/schema.ts';
import type { RenderedMessage } from '../src/core/alert.ts';
import { memberCounts } from '../src/core/alert-record.ts';
import type { GroupRecord } from '../src/core/alert-record.ts';
import { fitMessage } from '../src/slack/limits.ts';
import { slackDate } from '../src/slack/format-time.ts';
import { fallbackText } from './parts/fallback.ts';
import { headerBlock } from './parts/header.ts';
import { code, esc, mrkdwn, oneLine } from './parts/text.ts';

export interface StormRenderInput {
  group: Pick<GroupRecord, 'groupKey' | 'members' | 'moreMembers' | 'windowStart'>;
  template: TemplateName;
  now: Date;
  timeZone: string;
  serviceName: string;
}

/*
 * Engineers get the list of alarms; everyone else gets one plain sentence, because a list of
 * twenty alarm titles tells a product lead or a local office nothing they can act on.
 */
export function renderStormGroup(input: StormRenderInput): RenderedMessage {
  const members = input.group.members;
  const { open, total } = memberCounts(input.group);
  const unlisted = total - members.length;
  const allResolved = open === 0;
  const footer: KnownBlock = {
    type: 'context',
    block_id: 'clarion.footer',
    elements: [mrkdwn(`${esc(input.serviceName)} · updated ${slackDate(input.now, input.timeZone, 'time')}`)],
  };
  if (input.template !== 'techies') {
    const status = allResolved
      ? 'These problems are fixed. Everything is working again.'
      : `Several parts of ${esc(input.serviceName)} are having problems. Engineers are working on it. We will post here when it is fixed.`;
    return fitMessage({
      text: fallbackText(allResolved ? 'Fixed' : 'Several problems', esc(input.serviceName), status),
      blocks: [
        headerBlock(allResolved ? `${input.serviceName} is working again` : `Several parts of ${input.serviceName} are having problems`),
        { type: 'section', block_id: 'clarion.status', text: mrkdwn(status) },
        footer,
      ],
    });
  }
  const lines = members.map(
    (m) => `• ${m.status === 'open' ? '*Firing*' : 'Resolved'} — ${esc(oneLine(m.title))}${m.catalogId ? ` (${code(m.catalogId)})` : ' (not in the catalog)'}`,
  );
  if (unlisted > 0) lines.push(`• …and ${unlisted} more, not listed here`);
  const summary = `*${open} of ${total}* alerts in group ${code(input.group.groupKey)} are firing; they are shown together here instead of one message each. Since ${slackDate(new Date(input.group.windowStart), input.timeZone, 'time')}.`;
  return fitMessage({
    text: fallbackText(allResolved ? 'Storm over' : 'Storm', `${open} of ${total} alerts firing in ${esc(input.group.groupKey)}`),
    blocks: [
      headerBlock(allResolved ? `Storm over: ${input.group.groupKey}` : `Storm: ${total} alerts in ${input.group.groupKey}`),
      { type: 'section', block_id: 'clarion.summary', text: mrkdwn(summary) },
      { type: 'section', block_id: 'clarion.members', text: mrkdwn(lines.join('\n') || 'No alerts.') },
      footer,
    ],
  });
}
