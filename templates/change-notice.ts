/** @module Render (templates): a change in an incident's life — fixed, or broken again — told to non-technical audiences as a reply broadcast to their channel. */
import type { KnownBlock } from '@slack/types';
import type { RenderInput, RenderedMessage } from '../src/core/alert.ts';
import type { IncidentChange } from '../src/core/alert-record.ts';
import { fitOwnMessage } from '../src/slack/limits.ts';
import { plainDate, slackDate } from '../src/slack/format-time.ts';
import { fallbackText } from './parts/fallback.ts';
import { esc, mrkdwn, oneLine, quote } from './parts/text.ts';
import { parseTime, resolvedAt } from './parts/times.ts';


/** When the change happened: the recovery, or the re-fire (the event that reopened the alert). */
function changedAt(input: RenderInput, change: IncidentChange): Date | undefined {
  return change === 'fixed' ? resolvedAt(input) : parseTime(input.alert.signal.time);
}

/** The notification's title: once fixed, the past tense where the entry has one ("Fixed since 15:20: The Trainee Portal was down"). */
function notificationTitle(input: RenderInput, change: IncidentChange, title: string): string {
  return change === 'fixed' && input.alert.titleWhenFixed ? esc(oneLine(input.alert.titleWhenFixed)) : title;
}

/** The text local offices forward to users: the author's words for this state, else plain words naming the service. */
function forwardText(input: RenderInput, change: IncidentChange): string {
  const authored = input.alert.comms['local-office'];
  if (authored) return authored;
  const service = esc(input.serviceName);
  return change === 'fixed'
    ? `${service} is working normally again. Thank you for your patience.`
    : `Some parts of ${service} are not working properly again. We are working on it and will let you know when it is fixed.`;
}

function localOffice(input: RenderInput, change: IncidentChange, title: string, at: { rich: string; plain: string }): RenderedMessage {
  const headline =
    change === 'fixed'
      ? `:white_check_mark: *Fixed.* It has worked again since ${at.rich}.\n_The problem was:_ ${title}`
      : `:rotating_light: *Not working again* since ${at.rich}. An engineer is working on it, and you will get another message here when it is fixed.\n_The problem:_ ${title}`;
  const forward = forwardText(input, change);
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'clarion.change', text: mrkdwn(headline) },
    { type: 'section', block_id: 'clarion.forward-intro', text: mrkdwn('You can forward this to users:') },
    { type: 'section', block_id: 'clarion.forward', text: mrkdwn(quote(forward)) },
  ];
  const status = change === 'fixed' ? `Fixed since ${at.plain}` : `Not working again since ${at.plain}`;
  return { text: fallbackText(status, notificationTitle(input, change, title), forward), blocks };
}

function productLeads(input: RenderInput, change: IncidentChange, title: string, at: { rich: string; plain: string }): RenderedMessage {
  const words = input.alert.comms[input.audience] ?? (change === 'fixed' ? undefined : input.alert.impact.summary);
  const headline =
    change === 'fixed'
      ? `:white_check_mark: *Fixed.* It has worked again since ${at.rich}.${words ? ` ${words}` : ''}\n_The problem was:_ ${title}`
      : `:rotating_light: *Broken again* since ${at.rich}, after it was fixed.${words ? ` ${words}` : ''}\n_The problem:_ ${title}`;
  const status = change === 'fixed' ? `Fixed since ${at.plain}` : `Broken again since ${at.plain}`;
  return { text: fallbackText(status, notificationTitle(input, change, title), words), blocks: [{ type: 'section', block_id: 'clarion.change', text: mrkdwn(headline) }] };
}

/*
 * The title names the problem in the present tense ("The Trainee Portal is down"), so the notice
 * leads with the news and names the problem after it, rather than under a contradictory header.
 */

/**
 * The notice for one audience, or undefined for the engineers' template: engineers follow every
 * step in their thread and on their own message, and uncatalogued alerts reach only them.
 */
export function renderChangeNotice(input: RenderInput, change: IncidentChange): RenderedMessage | undefined {
  if (input.template === 'techies' || input.alert.catalogId === null) return undefined;
  const title = esc(oneLine(input.alert.title));
  const when = changedAt(input, change);
  const at = when
    ? { rich: slackDate(when, input.timeZone, 'time'), plain: plainDate(when, input.timeZone, 'time') }
    : { rich: 'just now', plain: 'just now' };
  return fitOwnMessage(input.template === 'local-office' ? localOffice(input, change, title, at) : productLeads(input, change, title, at));
}
