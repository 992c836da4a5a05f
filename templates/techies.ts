/** @module Render (templates): the on-call engineers' message: what fired, the evidence, what to do, and the buttons. */
import type { KnownBlock, SectionBlock } from '@slack/types';
import type { RenderInput, RenderedMessage } from '../src/core/alert.ts';
import { alsoAffectedBlock } from './parts/also-affected.ts';
import { techiesActions } from './parts/buttons.ts';
import { fallbackText } from './parts/fallback.ts';
import { headerBlock } from './parts/header.ts';
import { allLinks } from './parts/links.ts';
import { numberedList } from './parts/lists.ts';
import { plannedWorkBlock } from './parts/planned-work.ts';
import { techiesSloBlock } from './parts/slo-figures.ts';
import { IMPACT_WORDS } from './parts/severity.ts';
import { evidenceBlock, lifecycleBlock, linksBlock, nameBlock, reasonBlock } from './parts/signal-facts.ts';
import { techStateWords, techStatusLine } from './parts/status.ts';
import { code, esc, mrkdwn, oneLine } from './parts/text.ts';

/** Room for fix steps in one section, leaving Slack's 3000 for the heading and the "more" line. */
const FIX_BUDGET = 2800;

function section(blockId: string, text: string): SectionBlock {
  return { type: 'section', block_id: blockId, text: mrkdwn(text) };
}

/** The entry's summary for this phase and the impact; author text, already escaped where it holds values. */
function summaryText(input: RenderInput): string {
  const { alert } = input;
  const lines: string[] = [];
  if (alert.summary) lines.push(alert.summary);
  lines.push(`*Impact:* ${IMPACT_WORDS[alert.impact.level]}. ${alert.impact.summary}`);
  if (alert.impact.who) lines.push(`*Who is affected:* ${alert.impact.who}`);
  return lines.join('\n');
}

function fixBlock(input: RenderInput): SectionBlock | undefined {
  const { fix, runbook } = input.alert;
  if (fix.length === 0 || input.alert.phase === 'resolved') return undefined;
  return section('clarion.fix', `*What to do*\n${numberedList(fix, FIX_BUDGET, runbook ? 'in the runbook' : 'in the catalog entry')}`);
}

export function renderTechies(input: RenderInput): RenderedMessage {
  const { alert } = input;
  const blocks: Array<KnownBlock | undefined> = [
    headerBlock(alert.title),
    section('clarion.status', techStatusLine(input)),
    plannedWorkBlock(input),
    section('clarion.summary', summaryText(input)),
    techiesSloBlock(input),
    nameBlock(alert.signal),
    evidenceBlock(input, [['Owner', alert.owner]]),
    reasonBlock(alert.signal),
    alsoAffectedBlock(input),
    fixBlock(input),
    linksBlock(allLinks(alert)),
    lifecycleBlock(input),
    techiesActions(input),
    alert.catalogId
      ? { type: 'context', block_id: 'clarion.footer', elements: [mrkdwn(`Catalog entry ${code(alert.catalogId)}`)] }
      : undefined,
  ];
  return {
    text: fallbackText(techStateWords(input), esc(oneLine(alert.title)), alert.impact.summary),
    blocks: blocks.filter((b): b is KnownBlock => b !== undefined),
  };
}
