/** @module Slack: a link that opens blocks in Slack's Block Kit Builder, for previews and bug reports. */
import type { KnownBlock } from '@slack/types';

/**
 * The payload sits in the URL fragment, so it never reaches a server and has no 414 limit; keep the
 * link out of Slack messages themselves, where URLs over 3000 characters break.
 */
export function blockKitBuilderUrl(blocks: KnownBlock[]): string {
  return `https://app.slack.com/block-kit-builder/#${encodeURIComponent(JSON.stringify({ blocks }))}`;
}
