/** @module Test support: reading rendered messages (text objects, blocks, action ids) in template tests. */
import type { KnownBlock } from '@slack/types';
import type { RenderedMessage } from '../../src/core/alert.ts';

export interface FoundText {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  verbatim?: boolean;
}

/** Every text object anywhere in the blocks (headers, sections, fields, contexts, buttons, options, confirms). */
export function textObjects(message: RenderedMessage): FoundText[] {
  const found: FoundText[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const obj = value as Record<string, unknown>;
      if ((obj.type === 'plain_text' || obj.type === 'mrkdwn') && typeof obj.text === 'string') {
        found.push(obj as unknown as FoundText);
      }
      Object.values(obj).forEach(walk);
    }
  };
  walk(message.blocks);
  return found;
}

/** What Slack interprets as mrkdwn: every mrkdwn text object and the top-level `text`. */
export function mrkdwnTexts(message: RenderedMessage): string[] {
  return [message.text, ...textObjects(message).filter((t) => t.type === 'mrkdwn').map((t) => t.text)];
}

/** Everything a reader can see, as one string. */
export function visibleText(message: RenderedMessage): string {
  return [message.text, ...textObjects(message).map((t) => t.text)].join('\n');
}

export function blockById(message: RenderedMessage, blockId: string): KnownBlock | undefined {
  return message.blocks.find((b) => b.block_id === blockId);
}

/** The text of a block (its text and fields / elements), for asserting on one part of a message. */
export function blockText(message: RenderedMessage, blockId: string): string {
  const block = blockById(message, blockId);
  return block ? textObjects({ text: '', blocks: [block] }).map((t) => t.text).join('\n') : '';
}

/** The header's text, as the reader sees it at the top of the message. */
export function headerText(message: RenderedMessage): string {
  const header = blockById(message, 'clarion.header');
  return header?.type === 'header' ? header.text.text : '';
}

export function actionIds(message: RenderedMessage): string[] {
  const actions = blockById(message, 'clarion.actions');
  if (!actions || actions.type !== 'actions') return [];
  return actions.elements.map((e) => ('action_id' in e && e.action_id ? e.action_id : ''));
}

/** The element with `actionId` in the actions block, loosely typed for assertions. */
export function actionElement(message: RenderedMessage, actionId: string): Record<string, unknown> | undefined {
  const actions = blockById(message, 'clarion.actions');
  if (!actions || actions.type !== 'actions') return undefined;
  return actions.elements.find((e) => 'action_id' in e && e.action_id === actionId) as Record<string, unknown> | undefined;
}

/** Words that must never reach non-technical readers through our fixed wording. */
export const JARGON = /\b(ARN|HTTP|HTTPS|5xx|4xx|latency|CPU|Lambda|ECS|RDS|threshold|alarms?|metrics?|CloudWatch|AWS|API|timeout|datapoints?)\b/i;

/** Code blocks and inline code spans, where Slack formats nothing (and, our mrkdwn being verbatim, links and mentions nothing bare). */
const CODE = /```[\s\S]*?```|`[^`\n]*`/g;

/**
 * Ways a mrkdwn string could still ping, link or format something it should not. `isOurUrl` says
 * which link targets Clarion itself put there; the hostile markers are those the hostile-input
 * tests feed in (`https://evil…`, `` `tick` ``). `<…>` sequences are live even inside code, so
 * only bare URLs and bare mentions are looked for outside it.
 */
export function mrkdwnProblems(text: string, isOurUrl: (url: string) => boolean): string[] {
  const problems: string[] = [];
  const outsideCode = text.replace(CODE, '');
  if (/<!(?!date\^)/.test(text)) problems.push('special mention <!…');
  if (text.includes('<@')) problems.push('user mention <@…');
  if (text.includes('<#')) problems.push('channel link <#…');
  for (const [, url] of text.matchAll(/<(https?:[^|>]*)/g)) {
    if (!isOurUrl(url!.replace(/&amp;/g, '&'))) problems.push(`foreign link <${url}`);
  }
  if (/&(?!amp;|lt;|gt;)/.test(text)) problems.push('unescaped &');
  if (/https?:\/\/evil/.test(outsideCode)) problems.push('bare URL');
  if (/@(channel|here|everyone)\b/i.test(outsideCode)) problems.push('bare @mention');
  if (text.includes('`tick`')) problems.push('backticks from the input');
  return problems;
}

/** Ways a plain_text string could still ping: Slack's mention syntax or a bare @here. */
export function plainTextProblems(text: string): string[] {
  return /<[!@#]|@(here|channel|everyone)\b/i.test(text) ? [`mention in plain text: ${text.slice(0, 80)}`] : [];
}

/**
 * The message as JSON with plain_text contents left out: Slack shows plain_text literally, and
 * names stay exact there by design (asserted separately).
 */
export function jsonWithoutPlainText(message: RenderedMessage): string {
  return JSON.stringify(message, (key, value: unknown) => {
    if (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'plain_text') {
      return { type: 'plain_text', text: '' };
    }
    return value;
  });
}
