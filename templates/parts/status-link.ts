/** @module Render (templates): the line that points local offices at the live status page, so there is one place to send users. */
import type { ContextBlock } from '@slack/types';
import type { RenderInput } from '../../src/core/alert.ts';
import { mrkdwnLink, isLinkableUrl } from './links.ts';
import { mrkdwn } from './text.ts';

/** A context line linking the status page; none when no address is known or it could not be linked safely. */
export function statusLinkBlock(input: Pick<RenderInput, 'statusPageUrl'>): ContextBlock | undefined {
  const url = input.statusPageUrl;
  if (url === undefined || !isLinkableUrl(url)) return undefined;
  return {
    type: 'context',
    block_id: 'clarion.status-page',
    elements: [mrkdwn(`Users can follow the latest on the ${mrkdwnLink({ label: 'status page', url })}.`)],
  };
}
