/** @module Render (templates): the product leads' message: the user impact in one sentence, how bad, who is on it, when the next update comes. */
import type { KnownBlock, MrkdwnElement, SectionBlock } from '@slack/types';
import type { RenderInput, RenderedMessage } from '../src/core/alert.ts';
import { plainDate, slackDate } from '../src/slack/format-time.ts';
import { clarityBlocks } from './parts/clarity.ts';
import { fallbackText } from './parts/fallback.ts';
import { headerBlock } from './parts/header.ts';
import { fallbackTitle, headerTitle, isPastTense, noticeText, whoLabel, workingAgainText } from './parts/past-tense.ts';
import { fixedAutomaticallyLine } from './parts/fix-line.ts';
import { IMPACT_WORDS } from './parts/severity.ts';
import { allowanceSentence, productLeadsSloBlock } from './parts/slo-figures.ts';
import { fixState } from './parts/status.ts';
import { capitalized, esc, mrkdwn, oneLine } from './parts/text.ts';
import { nextUpdateBy, parseTime, resolvedAfter, resolvedAt, startedAt } from './parts/times.ts';

/** The status in words; "Fixed" only once the quiet period has confirmed it. */
function statusWords(input: RenderInput, rich: boolean): string {
  switch (fixState(input)) {
    case 'fixed': {
      const after = resolvedAfter(input);
      return `Fixed${after ? ` after ${after}` : ''}`;
    }
    case 'checking':
      return 'Looks fixed — checking it stays fixed';
    case 'info':
      return 'For your information — nothing needs doing';
    case 'no-data':
      return 'Investigating — we cannot currently see whether it is working';
    case 'not-fixed': {
      const lifecycle = input.lifecycle;
      if (!lifecycle?.acknowledgedBy) return 'Investigating';
      const at = parseTime(lifecycle.acknowledgedAt);
      if (!at) return 'An engineer is looking at this';
      // Date tokens do not render in notifications, so the fallback gets the plain time.
      const time = rich ? slackDate(at, input.timeZone, 'time') : plainDate(at, input.timeZone, 'time');
      return `An engineer is looking at this since ${time}`;
    }
  }
}

/**
 * Data people rely on that this alert leaves stale (the entry's `data`): since when, and what
 * they will notice; once resolved, that it is current again (or being checked).
 */
function dataBlock(input: RenderInput): SectionBlock | undefined {
  const { alert } = input;
  if (alert.data.length === 0 || alert.phase === 'info') return undefined;
  if (alert.phase === 'resolved') {
    const fixed = fixState(input) === 'fixed';
    const at = resolvedAt(input);
    const since = fixed && at ? ` since ${slackDate(at, input.timeZone, 'time')}` : '';
    // "Name: …", so the wording fits any data set's name, singular or plural.
    const lines = alert.data.map((d) => `• *${d.name}:* ${fixed ? `current again${since}` : 'should be current again; we are checking'}.`);
    return { type: 'section', block_id: 'clarion.data', text: mrkdwn(`*Data*\n${lines.join('\n')}`) };
  }
  const started = startedAt(input);
  const since = started ? ` since ${slackDate(started, input.timeZone, 'time')}` : '';
  const lines = alert.data.map((d) => `• *${d.name}:* may be out of date${since}. ${d.whenStale}`);
  return { type: 'section', block_id: 'clarion.data', text: mrkdwn(`*Data that may be out of date*\n${lines.join('\n')}`) };
}

/**
 * The impact in one sentence, and the shorter form for the notification. Each audience on this
 * template reads its own words for this state (data leads theirs), else the product leads', else
 * the entry's impact; once the fix is confirmed that impact is what users noticed, and since when
 * it works again.
 */
function impactWords(input: RenderInput): { text: string; detail: string | undefined } {
  const { alert } = input;
  const authored = alert.comms[input.audience] ?? alert.comms['product-leads'];
  if (authored !== undefined) {
    // The author's words say it is fixed; that a fix ran on its own is Clarion's to add (issue 14).
    const fixed = fixedAutomaticallyLine(input);
    return { text: fixed ? `${authored}\n${fixed}` : authored, detail: authored };
  }
  if (!isPastTense(input)) return { text: alert.impact.summary, detail: alert.impact.summary };
  const again = workingAgainText(input);
  return {
    text: `*What users noticed:* ${noticeText(input)}${again ? `\n${again}` : ''}`,
    // A present-tense summary would contradict the "Fixed" it follows in the notification.
    detail: alert.impact.summaryWhenFixed,
  };
}

export function renderProductLeads(input: RenderInput): RenderedMessage {
  const { alert } = input;
  const impact = impactWords(input);
  const resolved = alert.phase === 'resolved';
  const started = startedAt(input);
  const next = nextUpdateBy(input);
  const data = dataBlock(input);
  const slo = productLeadsSloBlock(input);
  const fields: Array<MrkdwnElement | undefined> = [
    mrkdwn(`*${resolved ? 'How bad it was' : 'How bad'}*\n${IMPACT_WORDS[alert.impact.level]}`),
    alert.impact.who ? mrkdwn(`*${whoLabel(input)}*\n${alert.impact.who}`) : undefined,
    mrkdwn(`*Status*\n${statusWords(input, true)}`),
    started ? mrkdwn(`*Started*\n${slackDate(started, input.timeZone)}`) : undefined,
    next ? mrkdwn(`*Next update by*\n${slackDate(next, input.timeZone, 'time')}`) : undefined,
  ];
  const blocks: KnownBlock[] = [
    headerBlock(headerTitle(input)),
    { type: 'section', block_id: 'clarion.impact', text: mrkdwn(impact.text) },
    ...(slo ? [slo] : []),
    {
      type: 'section',
      block_id: 'clarion.facts',
      fields: fields.filter((f): f is MrkdwnElement => f !== undefined),
    },
    ...(data ? [data] : []),
    {
      type: 'context',
      block_id: 'clarion.footer',
      elements: [mrkdwn(`${esc(capitalized(input.serviceName))} · updated ${slackDate(input.now, input.timeZone, 'time')}`)],
    },
    ...clarityBlocks(input),
  ];
  // Once resolved, how bad it was is history: the notification leads with the status alone.
  const status = resolved ? statusWords(input, false) : `${IMPACT_WORDS[alert.impact.level]} · ${statusWords(input, false)}`;
  // An SLO's forecast is the news for product leads: the notification carries it after the impact.
  const allowance = allowanceSentence(input);
  const detail = allowance ? [impact.detail, allowance].filter(Boolean).join(' ') : impact.detail;
  return { text: fallbackText(status, esc(oneLine(fallbackTitle(input))), detail), blocks };
}
