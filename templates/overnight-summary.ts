/** @module Render (templates): the summary posted when office hours start — what happened while an audience that `hold`s was away. */
import type { KnownBlock } from '@slack/types';
import type { TemplateName } from '../src/catalog/schema.ts';
import type { RenderedMessage } from '../src/core/alert.ts';
import type { Severity } from '../src/core/signal.ts';
import { fitOwnMessage } from '../src/slack/limits.ts';
import { slackDate } from '../src/slack/format-time.ts';
import { fallbackText } from './parts/fallback.ts';
import { headerBlock } from './parts/header.ts';
import { SEVERITY_WORDS } from './parts/severity.ts';
import { code, esc, mrkdwn, oneLine } from './parts/text.ts';

/** How one held alert (or notice) stands when the summary is posted. */
export interface SummaryItem {
  title: string;
  /** `checking`: recovered, but not yet for the whole quiet period. */
  state: 'not-fixed' | 'checking' | 'fixed' | 'notice';
  startedAt: Date;
  resolvedAt?: Date;
  acknowledged: boolean;
  /** Author-written mrkdwn (placeholders already escaped). */
  impact?: string;
  catalogId: string | null;
  severity: Severity;
  /** Storm group: many held alerts of one group read as one line. */
  group?: string;
}

export interface SummaryRenderInput {
  items: SummaryItem[];
  /** Notices held beyond what the store keeps; counted, not listed. */
  moreNotices: number;
  template: TemplateName;
  now: Date;
  timeZone: string;
  serviceName: string;
  /** "Mon–Fri 09:00–17:30", when the stage has office hours; from validated configuration, so shown as it is. */
  officeHours?: string;
  /** Held alerts of one catalog group at least this many read as one line (the storm threshold). */
  foldAt: number;
  /** Posted by hand before office hours started, not by the schedule. */
  onRequest: boolean;
}

/** Lines listed before "and N more": a summary is read in a minute, not scrolled. */
const MAX_LINES = 15;

const ORDER: Record<SummaryItem['state'], number> = { 'not-fixed': 0, checking: 1, fixed: 2, notice: 3 };

function itemLine(item: SummaryItem, input: SummaryRenderInput): string {
  const tz = input.timeZone;
  const started = slackDate(item.startedAt, tz);
  const title = `*${esc(oneLine(item.title))}*${input.template === 'techies' ? ` · ${SEVERITY_WORDS[item.severity]}${item.catalogId ? ` · ${code(item.catalogId)}` : ''}` : ''}`;
  switch (item.state) {
    case 'fixed':
      return `:white_check_mark: *Fixed:* ${title}\nWent wrong at ${started} and was fixed at ${item.resolvedAt ? slackDate(item.resolvedAt, tz) : 'an unknown time'}. Nothing to do now.`;
    case 'checking':
      return `:large_yellow_circle: *Looks fixed:* ${title}\nWent wrong at ${started}. It has worked since ${item.resolvedAt ? slackDate(item.resolvedAt, tz) : 'an unknown time'}; we are checking that it stays fixed, and will say so in this channel.`;
    case 'notice':
      return `:information_source: *For information:* ${title} (${started})`;
    default:
      return `:red_circle: *Not fixed yet:* ${title}\nSince ${started}.${item.impact ? ` ${item.impact}` : ''} ${item.acknowledged ? 'An engineer is working on it.' : 'Engineers have been told.'} Updates follow in this channel.`;
  }
}

function foldedLine(group: string, items: SummaryItem[], input: SummaryRenderInput): string {
  const open = items.filter((i) => i.state !== 'fixed').length;
  const name = input.template === 'techies' ? ` in group ${code(group)}` : '';
  const since = slackDate(new Date(Math.min(...items.map((i) => i.startedAt.getTime()))), input.timeZone);
  return open === 0
    ? `:white_check_mark: *Fixed:* ${items.length} problems${name} at once, from ${since}. All fixed. Nothing to do now.`
    : `:red_circle: *Not fixed yet:* ${items.length} problems${name} at once, from ${since}; ${open} not fixed yet. Engineers have been told. Updates follow in this channel.`;
}

export function renderOvernightSummary(input: SummaryRenderInput): RenderedMessage {
  const groups = new Map<string, SummaryItem[]>();
  for (const item of input.items) if (item.group && item.state !== 'notice') groups.set(item.group, [...(groups.get(item.group) ?? []), item]);
  const lines: Array<{ order: number; at: number; text: string }> = [];
  for (const [group, items] of groups) {
    if (items.length < input.foldAt) continue;
    const open = items.some((i) => i.state !== 'fixed');
    lines.push({ order: open ? 0 : 2, at: Math.min(...items.map((i) => i.startedAt.getTime())), text: foldedLine(group, items, input) });
  }
  for (const item of input.items) {
    if (item.group && item.state !== 'notice' && (groups.get(item.group)?.length ?? 0) >= input.foldAt) continue;
    lines.push({ order: ORDER[item.state], at: item.startedAt.getTime(), text: itemLine(item, input) });
  }
  // What still needs attention first, then in the order it happened.
  lines.sort((a, b) => a.order - b.order || a.at - b.at);
  const shown = lines.slice(0, MAX_LINES);
  const notFixed = input.items.filter((i) => i.state === 'not-fixed').length;
  const more = lines.length - shown.length + input.moreNotices;
  const count = input.items.length + input.moreNotices;
  const headline =
    notFixed === 0
      ? `${count === 1 ? 'One thing' : `${count} things`} happened outside office hours. Everything is working now.`
      : `${count === 1 ? 'One thing' : `${count} things`} happened outside office hours. ${notFixed === 1 ? 'One is' : `${notFixed} are`} not fixed yet.`;
  const blocks: KnownBlock[] = [
    headerBlock(`While you were away: ${input.serviceName}`),
    { type: 'section', block_id: 'clarion.summary', text: mrkdwn(esc(headline)) },
    ...shown.map((line, i): KnownBlock => ({ type: 'section', block_id: `clarion.item.${i}`, text: mrkdwn(line.text) })),
  ];
  if (more > 0) blocks.push({ type: 'section', block_id: 'clarion.more', text: mrkdwn(`…and ${more} more.`) });
  blocks.push({
    type: 'context',
    block_id: 'clarion.footer',
    elements: [
      mrkdwn(
        `Held outside office hours${input.officeHours ? ` (${input.officeHours})` : ''} and posted ${input.onRequest ? 'early, on request, ' : ''}at ${slackDate(input.now, input.timeZone, 'time')}.`,
      ),
    ],
  });
  return fitOwnMessage({ text: fallbackText('While you were away', esc(input.serviceName), esc(headline)), blocks });
}
