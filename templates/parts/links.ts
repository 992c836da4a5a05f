/** @module Render (templates): links as mrkdwn `<url|label>`, only for URLs that cannot break out of the link. */
import type { Alert } from '../../src/core/alert.ts';
import type { Link } from '../../src/core/signal.ts';
import { SLACK_LIMITS } from '../../src/slack/limits.ts';
import { esc, oneLine } from './text.ts';

/** Links longer than this would eat most of a section; they are named but not linked. */
const MAX_LINK_URL = 1000;

/** http(s) and free of the characters that end a Slack link (`|`, `>`) or open one (`<`). */
export function isLinkableUrl(url: string): boolean {
  return url.length <= MAX_LINK_URL && /^https?:\/\/[^\s|<>]+$/i.test(url);
}

/** Button URLs are not mrkdwn, so only the scheme and Slack's length limit matter. */
export function isButtonUrl(url: string | undefined): url is string {
  return url !== undefined && url.length <= SLACK_LIMITS.buttonUrl && /^https?:\/\/\S+$/i.test(url);
}

/** `<url|label>` with the label escaped; the label alone (marked) when the URL is unusable. */
export function mrkdwnLink(link: Link): string {
  const label = esc(oneLine(link.label)) || 'link';
  if (!isLinkableUrl(link.url)) return `${label} (link not shown)`;
  // Slack decodes &amp; inside link URLs too, so a query string's & must be escaped like any other.
  return `<${link.url.replace(/&/g, '&amp;')}|${label}>`;
}

/** The catalog entry's links first (chosen by its authors), then the signal's, each URL once. */
export function allLinks(alert: Alert): Link[] {
  const seen = new Set<string>();
  return [...alert.links, ...alert.signal.links].filter((link) => {
    if (seen.has(link.url)) return false;
    seen.add(link.url);
    return true;
  });
}

/** A bulleted list of at most `max` links, then how many more there are. */
export function linkList(links: Link[], max = 10): string {
  const shown = links.slice(0, max).map((link) => `• ${mrkdwnLink(link)}`);
  if (links.length > max) shown.push(`_…and ${links.length - max} more_`);
  return shown.join('\n');
}
