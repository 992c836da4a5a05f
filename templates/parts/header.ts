/** @module Render (templates): the message header, the alert's title as plain text. */
import type { HeaderBlock } from '@slack/types';
import { oneLine, plain } from './text.ts';

export function headerBlock(title: string): HeaderBlock {
  return { type: 'header', block_id: 'clarion.header', text: plain(oneLine(title) || 'Alert') };
}
