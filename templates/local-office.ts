/** @module Render (templates): the local offices' message: what users will notice, a message to forward to users, whether it is fixed; no technical words. */
import type { KnownBlock, SectionBlock } from '@slack/types';
import type { RenderInput, RenderedMessage } from '../src/core/alert.ts';
import { slackDate } from '../src/slack/format-time.ts';
import { clarityBlocks } from './parts/clarity.ts';
import { fallbackText } from './parts/fallback.ts';
import { headerBlock } from './parts/header.ts';
import { fallbackTitle, headerTitle, isPastTense, noticeLabel, noticeText, whoLabel, workingAgainText } from './parts/past-tense.ts';
import { localOfficeSloBlock } from './parts/slo-figures.ts';
import { fixState, type FixState } from './parts/status.ts';
import { statusLinkBlock } from './parts/status-link.ts';
import { capitalized, esc, mrkdwn, oneLine, quote } from './parts/text.ts';
import { isAcknowledged, resolvedAfter } from './parts/times.ts';

function section(blockId: string, text: string): SectionBlock {
  return { type: 'section', block_id: blockId, text: mrkdwn(text) };
}

const FIXED_SHORT: Record<FixState, string> = {
  'not-fixed': 'Not fixed yet',
  'no-data': 'Being checked',
  checking: 'Looks fixed',
  fixed: 'Fixed',
  info: 'For information',
};

function fixedText(input: RenderInput): string {
  switch (fixState(input)) {
    case 'not-fixed':
      // Who pressed Acknowledge is for engineers; local offices need to know someone has it.
      return isAcknowledged(input)
        ? '*Is it fixed?* Not yet. An engineer is working on it, and you will get another message here when it is fixed.'
        : '*Is it fixed?* Not yet. People are working on it, and you will get another message here when it is fixed.';
    case 'no-data':
      return '*Is it fixed?* We cannot tell at the moment whether it is working. People are checking.';
    case 'checking':
      return '*Is it fixed?* It looks fixed. We are checking that it stays fixed before we say so for certain.';
    case 'fixed': {
      const after = resolvedAfter(input);
      return `*Is it fixed?* Yes, it is fixed${after ? ` (it lasted ${after})` : ''}.`;
    }
    case 'info':
      return '*Is it fixed?* Nothing is broken. This is for your information.';
  }
}

/**
 * The message for end users: the catalog's text, or plain default wording that names the service,
 * while users are affected or once the fix is confirmed. Never "fixed" before it is confirmed.
 */
function forwardText(input: RenderInput): string | undefined {
  const { alert } = input;
  const state = fixState(input);
  if (state === 'checking') return undefined;
  const authored = alert.comms['local-office'];
  if (authored) return authored;
  const service = esc(input.serviceName);
  if (state === 'not-fixed' && alert.impact.level !== 'none') {
    return `Some parts of ${service} are not working properly at the moment. We are working on it and will let you know when it is fixed.`;
  }
  if (state === 'fixed' && alert.impact.level !== 'none') {
    return `${service} is working normally again. Thank you for your patience.`;
  }
  return undefined;
}

function forwardBlocks(input: RenderInput): SectionBlock[] {
  const text = forwardText(input);
  if (text === undefined) {
    if (fixState(input) !== 'checking') return [];
    return [section('clarion.forward-intro', 'We will give you a message for users once we are sure it stays fixed.')];
  }
  return [section('clarion.forward-intro', 'You can forward this to users:'), section('clarion.forward', quote(text))];
}

function dataBlock(input: RenderInput): SectionBlock | undefined {
  const { alert } = input;
  if (alert.data.length === 0 || (alert.phase !== 'firing' && alert.phase !== 'noData')) return undefined;
  const lines = alert.data.map((d) => `• *${d.name}:* ${d.whenStale}`);
  return section('clarion.data', `*Information that may be out of date*\n${lines.join('\n')}`);
}

/** What users will notice and who is affected; once the fix is confirmed, what they noticed and since when it works again. */
function noticeBlock(input: RenderInput): SectionBlock {
  const { alert } = input;
  const notice = [`*${noticeLabel(input)}*\n${noticeText(input)}`];
  const again = workingAgainText(input);
  if (again) notice.push(again);
  if (alert.impact.who) notice.push(`*${whoLabel(input)}:* ${alert.impact.who}`);
  return section('clarion.notice', notice.join('\n'));
}

/** The notification's detail: the all-clear once resolved, else what users notice; never a present-tense summary after the fix. */
function fallbackDetail(input: RenderInput): string | undefined {
  const { alert } = input;
  if (alert.phase !== 'resolved') return alert.impact.summary;
  const forward = forwardText(input);
  if (forward !== undefined) return forward;
  return isPastTense(input) ? alert.impact.summaryWhenFixed : alert.impact.summary;
}

export function renderLocalOffice(input: RenderInput): RenderedMessage {
  const blocks: Array<KnownBlock | undefined> = [
    headerBlock(headerTitle(input)),
    noticeBlock(input),
    localOfficeSloBlock(input),
    section('clarion.status', fixedText(input)),
    ...forwardBlocks(input),
    dataBlock(input),
    statusLinkBlock(input),
    {
      type: 'context',
      block_id: 'clarion.footer',
      elements: [mrkdwn(`${esc(capitalized(input.serviceName))} · updated ${slackDate(input.now, input.timeZone, 'time')}`)],
    },
    ...clarityBlocks(input),
  ];
  return {
    // After the fix, the news is the all-clear message, not what users noticed.
    text: fallbackText(FIXED_SHORT[fixState(input)], esc(oneLine(fallbackTitle(input))), fallbackDetail(input)),
    blocks: blocks.filter((b): b is KnownBlock => b !== undefined),
  };
}
