/** @module Render (templates): one message per audience for a storm — many alerts of one catalog group at once. */
import type { KnownBlock } from '@slack/types';
import type { TemplateName } from '../src/catalog/schema.ts';
import type { RenderedMessage } from '../src/core/alert.ts';
import { memberCounts } from '../src/core/alert-record.ts';
import type { GroupRecord } from '../src/core/alert-record.ts';
import { fitMessage } from '../src/slack/limits.ts';
import { slackDate } from '../src/slack/format-time.ts';
import { fallbackText } from './parts/fallback.ts';
import { stormActions } from './parts/buttons.ts';
import { headerBlock } from './parts/header.ts';
import { personMention } from './parts/people.ts';
import { capitalized, code, esc, mrkdwn, oneLine } from './parts/text.ts';
import { parseTime } from './parts/times.ts';

export interface StormRenderInput {
  group: Pick<GroupRecord, 'groupKey' | 'members' | 'moreMembers' | 'windowStart' | 'openedInWindow' | 'acknowledgedBy' | 'acknowledgedAt'>;
  template: TemplateName;
  now: Date;
  timeZone: string;
  serviceName: string;
  /** The runbook of the members' catalog entry (see `stormRunbook`); engineers get a button for it. */
  runbook?: string;
}

/*
 * Engineers get the list of alarms and their buttons; everyone else gets one plain sentence and no
 * buttons, because a list of twenty alarm titles tells a product lead or a local office nothing
 * they can act on.
 */
export function renderStormGroup(input: StormRenderInput): RenderedMessage {
  const members = input.group.members;
  const { open, total } = memberCounts(input.group);
  const unlisted = total - members.length;
  const allResolved = open === 0;
  const footer: KnownBlock = {
    type: 'context',
    block_id: 'clarion.footer',
    elements: [mrkdwn(`${esc(capitalized(input.serviceName))} · updated ${slackDate(input.now, input.timeZone, 'time')}`)],
  };
  if (input.template !== 'techies') {
    const status = allResolved
      ? 'These problems are fixed. Everything is working again.'
      : `Several parts of ${esc(input.serviceName)} are having problems. Engineers are working on it. We will post here when it is fixed.`;
    return fitMessage({
      text: fallbackText(allResolved ? 'Fixed' : 'Several problems', esc(input.serviceName), status),
      blocks: [
        headerBlock(allResolved ? `${capitalized(input.serviceName)} is working again` : `Several parts of ${input.serviceName} are having problems`),
        { type: 'section', block_id: 'clarion.status', text: mrkdwn(status) },
        footer,
      ],
    });
  }
  // Alarms of one entry share its title: the alarm's own name tells them apart.
  const lines = members.map(
    (m) =>
      `• ${m.status === 'open' ? '*Firing*' : 'Resolved'} — ${m.name ? `${code(m.name)} · ` : ''}${esc(oneLine(m.title))}${m.catalogId ? ` (${code(m.catalogId)})` : ' (not in the catalog)'}`,
  );
  if (unlisted > 0) lines.push(`• …and ${unlisted} more, not listed here`);
  // The alerts that opened first kept their own messages: the count says so, rather than reading as all there is.
  const own = input.group.openedInWindow.filter((key) => !members.some((m) => m.alertKey === key)).length;
  const before = own > 0 ? ` ${own} more of this group opened first and have messages of their own.` : '';
  const acknowledged = acknowledgedLine(input);
  const actions = stormActions(input.group, open, input.runbook);
  const summary = `*${open} of ${total}* alerts shown here are firing (group ${code(input.group.groupKey)}); they are shown together instead of one message each. Since ${slackDate(new Date(input.group.windowStart), input.timeZone, 'time')}.${before}`;
  return fitMessage({
    text: fallbackText(allResolved ? 'Storm over' : 'Storm', `${open} of ${total} alerts firing in ${esc(input.group.groupKey)}`),
    blocks: [
      headerBlock(allResolved ? `Storm over: ${input.group.groupKey}` : `Storm: ${total} alerts in ${input.group.groupKey}`),
      { type: 'section', block_id: 'clarion.summary', text: mrkdwn(summary) },
      { type: 'section', block_id: 'clarion.members', text: mrkdwn(lines.join('\n') || 'No alerts.') },
      ...(acknowledged ? [acknowledged] : []),
      ...(actions ? [actions] : []),
      footer,
    ],
  });
}

/** "Acknowledged by <@U…> at 10:40": the button is gone, so the message says who took the storm on. */
function acknowledgedLine(input: StormRenderInput): KnownBlock | undefined {
  const { acknowledgedBy, acknowledgedAt } = input.group;
  if (!acknowledgedBy) return undefined;
  const at = parseTime(acknowledgedAt);
  return {
    type: 'context',
    block_id: 'clarion.acknowledged',
    elements: [mrkdwn(`Acknowledged by ${personMention(acknowledgedBy)}${at ? ` at ${slackDate(at, input.timeZone, 'time')}` : ''}`)],
  };
}
