/** @module Render (templates): the weekly recap — the week's figures for the engineers, and a short plain one for product leads. */
import type { KnownBlock } from '@slack/types';
import type { RenderedMessage } from '../src/core/alert.ts';
import { formatDuration, plainDate } from '../src/slack/format-time.ts';
import { fitOwnMessage, truncate } from '../src/slack/limits.ts';
import { code, esc, mrkdwn, oneLine, plain, plural } from './parts/text.ts';

/** Seconds, or null when nothing had one. */
type Seconds = number | null;

export interface EngineersRecapInput {
  since: Date;
  until: Date;
  timeZone: string;
  incidents: number;
  open: number;
  timeToAcknowledge: { median: Seconds; p90: Seconds };
  timeToResolve: { median: Seconds; p90: Seconds };
  outOfHours: number;
  /** The office hours out of hours is counted against, and whether they were assumed. */
  officeHours: { description: string; assumed: boolean };
  reFires: number;
  unacknowledged: number;
  /** Catalog entry ids (or a title for uncatalogued alarms), noisiest first. */
  noisiest: Array<{ name: string; incidents: number; eventsPerIncident: number }>;
  flapping: string[];
  uncatalogued: Array<{ name: string; incidents: number; suggestedId: string }>;
  escalations: { total: number; page: number };
  silences: { count: number; held: number };
  maintenance: { occurrences: number; held: number };
  /** Entries readers found unclear this week. */
  unclear: Array<{ catalogId: string; audience: string; no: number; total: number }>;
}

export interface ProductLeadsRecapInput {
  since: Date;
  until: Date;
  timeZone: string;
  /** What end users call the service (`serviceName`). */
  serviceName: string;
  problems: number;
  fixed: number;
  stillOpen: number;
  affectedSeconds: number;
  /** What was fixed, in the catalog's words for non-technical readers (its `titleWhenFixed`, else its title). */
  fixedList: Array<{ title: string; times: number; affectedSeconds: number }>;
}

/** How many rows each list shows; the figures above them count everything. */
const LIST_MAX = 5;

const day = (date: Date, timeZone: string) => plainDate(date, timeZone).replace(/ at .*$/, '');
const span = (since: Date, until: Date, timeZone: string) => `${day(since, timeZone)} to ${day(new Date(until.getTime() - 1), timeZone)}`;
const took = (value: Seconds) => (value === null ? '–' : formatDuration(value * 1000));

export function renderEngineersRecap(input: EngineersRecapInput): RenderedMessage {
  const period = span(input.since, input.until, input.timeZone);
  const blocks: KnownBlock[] = [
    { type: 'header', block_id: 'clarion.recap-header', text: plain(`📊 Weekly recap: ${period}`, true) },
    {
      type: 'section',
      block_id: 'clarion.recap-figures',
      fields: [
        mrkdwn(`*Incidents*\n${input.incidents}${input.open > 0 ? ` (${input.open} still open)` : ''}`),
        mrkdwn(`*Out of hours*\n${input.outOfHours}`),
        mrkdwn(`*Time to acknowledge*\nmedian ${took(input.timeToAcknowledge.median)}, p90 ${took(input.timeToAcknowledge.p90)}`),
        mrkdwn(`*Time to resolve*\nmedian ${took(input.timeToResolve.median)}, p90 ${took(input.timeToResolve.p90)}`),
        mrkdwn(`*Nobody acknowledged*\n${input.unacknowledged}`),
        mrkdwn(`*Re-fires*\n${input.reFires}`),
      ],
    },
  ];
  const lines: string[] = [];
  if (input.noisiest.length > 0) {
    const rows = input.noisiest.slice(0, LIST_MAX).map((n) => `• ${code(truncate(n.name, 120))}: ${plural(n.incidents, 'incident')}, ${n.incidents === 1 ? plural(n.eventsPerIncident, 'event') : `${plural(n.eventsPerIncident, 'event')} each`}`);
    lines.push(`*Noisiest*\n${rows.join('\n')}`);
  }
  if (input.flapping.length > 0) lines.push(`*Flapping* (3+ incidents in a day, or re-fires): ${input.flapping.slice(0, LIST_MAX).map((id) => code(truncate(id, 120))).join(', ')}${input.flapping.length > LIST_MAX ? ` and ${input.flapping.length - LIST_MAX} more` : ''}`);
  if (input.uncatalogued.length > 0) {
    const rows = input.uncatalogued.slice(0, LIST_MAX).map((u) => `• ${esc(oneLine(truncate(u.name, 150)))} (${plural(u.incidents, 'incident')}): write ${code(truncate(u.suggestedId, 80))}`);
    lines.push(`*Uncatalogued alarms*\n${rows.join('\n')}`);
  }
  if (input.unclear.length > 0) {
    const rows = input.unclear.slice(0, LIST_MAX).map((u) => `• ${code(truncate(u.catalogId, 120))} for ${esc(oneLine(truncate(u.audience, 60)))}: ${u.no} of ${u.total} said no`);
    lines.push(`*Readers found unclear*\n${rows.join('\n')}`);
  }
  for (const [i, text] of lines.entries()) blocks.push({ type: 'section', block_id: `clarion.recap-list-${i}`, text: mrkdwn(text) });
  blocks.push({
    type: 'context',
    block_id: 'clarion.recap-notes',
    elements: [
      mrkdwn(
        `Escalations ${input.escalations.total} (${plural(input.escalations.page, 'page')}) · silences ${input.silences.count} (${input.silences.held} held) · planned work ${input.maintenance.occurrences} (${input.maintenance.held} held) · out of hours means outside ${esc(input.officeHours.description)}${input.officeHours.assumed ? ' (assumed: none configured)' : ''} · \`clarion report --since 7d\` for more`,
      ),
    ],
  });
  const text = `Weekly recap ${period}: ${plural(input.incidents, 'incident')}, median time to acknowledge ${took(input.timeToAcknowledge.median)}`;
  return fitOwnMessage({ text: truncate(text, 300), blocks });
}

/** Counts as people say them: "once", "twice", "3 times". */
function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

export function renderProductLeadsRecap(input: ProductLeadsRecapInput): RenderedMessage {
  const period = span(input.since, input.until, input.timeZone);
  const service = esc(oneLine(truncate(input.serviceName, 150)));
  const headline =
    input.problems === 0
      ? `No problems affected people using ${service} this week.`
      : `${input.problems === 1 ? 'One problem' : `${input.problems} problems`} affected people using ${service} this week, for ${formatDuration(input.affectedSeconds * 1000)} in all. ${input.fixed === input.problems ? (input.problems === 1 ? 'It is fixed.' : 'All are fixed.') : `${input.fixed} ${input.fixed === 1 ? 'is' : 'are'} fixed; the team is still working on ${input.stillOpen === 1 ? 'one' : input.stillOpen}.`}`;
  const blocks: KnownBlock[] = [
    { type: 'header', block_id: 'clarion.recap-header', text: plain(`This week: ${period}`) },
    { type: 'section', block_id: 'clarion.recap-summary', text: mrkdwn(headline) },
  ];
  if (input.fixedList.length > 0) {
    const rows = input.fixedList.slice(0, LIST_MAX).map((f) => `• ${esc(oneLine(truncate(f.title, 150)))} (${times(f.times)}, ${formatDuration(f.affectedSeconds * 1000)})`);
    blocks.push({ type: 'section', block_id: 'clarion.recap-fixed', text: mrkdwn(`*What was fixed*\n${rows.join('\n')}`) });
  }
  return fitOwnMessage({ text: truncate(`This week: ${oneLine(headline)}`, 300), blocks });
}
