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
