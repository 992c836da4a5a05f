/** @module Render (templates): the plain message for a signal no catalog entry claims (techies only), inviting someone to write the entry. */
import type { KnownBlock, SectionBlock } from '@slack/types';
import type { RenderInput, RenderedMessage } from '../src/core/alert.ts';
import { genericActions } from './parts/buttons.ts';
import { fallbackText } from './parts/fallback.ts';
import { headerBlock } from './parts/header.ts';
import { allLinks } from './parts/links.ts';
import { evidenceBlock, lifecycleBlock, linksBlock, nameBlock, reasonBlock } from './parts/signal-facts.ts';
import { techStateWords, techStatusLine } from './parts/status.ts';
import { suggestedEntryYaml } from './parts/suggested-entry.ts';
import { escapeCode, esc, mrkdwn, oneLine } from './parts/text.ts';

function kindText(input: RenderInput): string {
  const { signal } = input.alert;
  const alarmState = signal.alarm ? ` · alarm state ${esc(signal.alarm.value)}` : '';
  return `${esc(signal.family)} / ${esc(oneLine(signal.kind))}${alarmState}`;
}

function invitationBlock(input: RenderInput): SectionBlock {
  const yaml = suggestedEntryYaml(input);
  const text =
    '*No catalog entry describes this yet.* Write one so that people know what it means, who it affects and ' +
    'what to do. A start for `alert-catalog/`:\n' +
    `\`\`\`${escapeCode(yaml)}\`\`\``;
  return { type: 'section', block_id: 'clarion.invitation', text: mrkdwn(text) };
}

export function renderGeneric(input: RenderInput): RenderedMessage {
  const { alert } = input;
  const status = techStatusLine(input);
  // Nobody wrote a title for it: the normalizer's title is the best there is.
  const title = alert.signal.title || alert.title;
  const blocks: Array<KnownBlock | undefined> = [
    headerBlock(title),
    { type: 'section', block_id: 'clarion.status', text: mrkdwn(`${status} · Not in the catalog`) },
    nameBlock(alert.signal),
    evidenceBlock(input, [['Kind', kindText(input)]]),
    reasonBlock(alert.signal),
    linksBlock(allLinks(alert)),
    lifecycleBlock(input),
    invitationBlock(input),
    genericActions(input),
  ];
  return {
    text: fallbackText(`${techStateWords(input)} (uncatalogued)`, esc(oneLine(title))),
    blocks: blocks.filter((b): b is KnownBlock => b !== undefined),
  };
}
