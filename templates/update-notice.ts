/** @module Render (templates, interactions): an engineer's update, told to a non-technical audience as a reply broadcast to its channel, in that audience's wording. */
import type { KnownBlock } from '@slack/types';
import type { RenderInput, RenderedMessage } from '../src/core/alert.ts';
import { fitOwnMessage } from '../src/slack/limits.ts';
import { plainDate, slackDate } from '../src/slack/format-time.ts';
import { fallbackText } from './parts/fallback.ts';
import { esc, mrkdwn, oneLine, quote } from './parts/text.ts';

export interface Update {
  /** What the engineer wrote: user text, escaped here like any event text. */
  text: string;
  /** When it was posted. */
  at: Date;
}

function localOffice(input: RenderInput, text: string, title: string, at: { rich: string; plain: string }): RenderedMessage {
  // What they pass on names the service, since users read it away from this channel.
  const forward = `An update about ${esc(input.serviceName)}: ${text}`;
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'clarion.update', text: mrkdwn(`:mega: *Update from the engineers* (${at.rich}):\n${text}\n_About:_ ${title}`) },
    { type: 'section', block_id: 'clarion.forward-intro', text: mrkdwn('You can forward this to users:') },
    { type: 'section', block_id: 'clarion.forward', text: mrkdwn(quote(forward)) },
  ];
  return { text: fallbackText(`Update from the engineers (${at.plain})`, title, text), blocks };
}

function productLeads(text: string, title: string, at: { rich: string; plain: string }): RenderedMessage {
  const blocks: KnownBlock[] = [{ type: 'section', block_id: 'clarion.update', text: mrkdwn(`:mega: *Update from the engineers* (${at.rich}): ${text}\n_About:_ ${title}`) }];
  return { text: fallbackText(`Update from the engineers (${at.plain})`, title, text), blocks };
}

/**
 * The notice for one audience, or undefined for the engineers' template: they get a note in their
 * own thread instead (who posted it), and uncatalogued alerts reach only them.
 */
export function renderUpdateNotice(input: RenderInput, update: Update): RenderedMessage | undefined {
  if (input.template === 'techies' || input.alert.catalogId === null) return undefined;
  // Escaped as untrusted: no pings, links or formatting from what was typed into the form.
  const text = esc(update.text.trim());
  const title = esc(oneLine(input.alert.title));
  const at = { rich: slackDate(update.at, input.timeZone, 'time'), plain: plainDate(update.at, input.timeZone, 'time') };
  return fitOwnMessage(input.template === 'local-office' ? localOffice(input, text, title, at) : productLeads(text, title, at));
}
