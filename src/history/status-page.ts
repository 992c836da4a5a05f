/** @module History (status page): the three files of the page — index.html, status.json, feed.atom — built from the history port, the catalog and the clock. */
import { withOpenIncidents } from './with-open-incidents.ts';
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import type { HistoryPort } from '../core/history.ts';
import { periodEndingAt } from './read-period.ts';
import { escapeHtml, statusPageHtml, whenText } from './status-page-html.ts';
import { STATUS_DAYS, statusModel } from './status-model.ts';
import type { StatusModel } from './status-model.ts';

export const STATUS_FILES = {
  html: { name: 'index.html', contentType: 'text/html; charset=utf-8' },
  json: { name: 'status.json', contentType: 'application/json; charset=utf-8' },
  feed: { name: 'feed.atom', contentType: 'application/atom+xml; charset=utf-8' },
} as const;

export interface StatusPageFiles {
  model: StatusModel;
  html: string;
  json: string;
  feed: string;
}

/** Most entries a feed reader is given, newest first. */
export const FEED_ENTRIES = 50;

interface FeedEntry {
  id: string;
  title: string;
  updated: string;
  text: string;
}

/** One entry per change readers were told of: a problem starting, looking fixed, fixed; and planned work. */
function feedEntries(model: StatusModel): FeedEntry[] {
  const tz = model.timeZone;
  const entries: FeedEntry[] = [];
  for (const service of model.services) {
    for (const problem of service.problems) {
      entries.push({ id: `${problem.id}:started`, title: `${service.name}: ${problem.title}`, updated: problem.startedAt, text: `${problem.summary} Started ${whenText(problem.startedAt, tz)}.` });
    }
    for (const past of service.past) {
      entries.push({ id: `${past.id}:started`, title: `${service.name}: a problem started`, updated: past.startedAt, text: `${past.summary ?? ''} Started ${whenText(past.startedAt, tz)}.`.trim() });
      entries.push({ id: `${past.id}:fixed`, title: `${service.name}: ${past.title}`, updated: past.fixedAt, text: `Fixed ${whenText(past.fixedAt, tz)}.` });
    }
  }
  // Planned work is news once it starts; work ahead would be dated in the future.
  for (const work of model.plannedWork.filter((w) => w.now)) {
    entries.push({ id: `work:${work.id}`, title: work.title, updated: work.startsAt, text: `From ${whenText(work.startsAt, tz)} to ${whenText(work.endsAt, tz)}.${work.message ? ` ${work.message}` : ''}` });
  }
  return entries.sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id)).slice(0, FEED_ENTRIES);
}

/** Atom (RFC 4287): ids are tag URIs on opaque incident hashes, so they stay put across renders. */
export function statusFeed(model: StatusModel, links: { self?: string; page?: string }): string {
  const entries = feedEntries(model);
  // The newest change, not the render time: a feed re-rendered with no news reads as unchanged.
  const updated = entries[0]?.updated ?? model.generatedAt;
  const x = escapeHtml;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>tag:clarion,2026:status</id>
<title>${x(model.title)}</title>
<updated>${updated}</updated>
<author><name>${x(model.title)}</name></author>
${links.self ? `<link rel="self" href="${x(links.self)}"/>\n` : ''}${links.page ? `<link rel="alternate" type="text/html" href="${x(links.page)}"/>\n` : ''}${entries
    .map((entry) => `<entry><id>tag:clarion,2026:status:${x(entry.id)}</id><title>${x(entry.title)}</title><updated>${entry.updated}</updated>${links.page ? `<link rel="alternate" type="text/html" href="${x(links.page)}"/>` : ''}<content type="text">${x(entry.text)}</content></entry>`)
    .join('\n')}
</feed>
`;
}

/** The three files from a model; links are relative unless a base is given, so the page works under any prefix. */
export function renderStatusPage(model: StatusModel, base = ''): StatusPageFiles {
  const json = `${base}${STATUS_FILES.json.name}`;
  const feed = `${base}${STATUS_FILES.feed.name}`;
  return {
    model,
    html: statusPageHtml(model, { json, feed }),
    json: `${JSON.stringify(model, null, 2)}\n`,
    feed: statusFeed(model, base.startsWith('http') ? { self: feed, page: base } : {}),
  };
}

export interface StatusPageDeps {
  history: HistoryPort;
  runtime: () => CatalogRuntime;
  now: () => Date;
  stage?: string;
}

/** Reads the last 90 days of history, and what is open from before them, and renders the page as of now. */
export async function buildStatusPage(deps: StatusPageDeps, base = ''): Promise<StatusPageFiles> {
  const now = deps.now();
  const { since, until } = periodEndingAt(now, `${STATUS_DAYS}d`);
  // `until` is exclusive: an incident opened this very millisecond is still on the page.
  const items = withOpenIncidents(await deps.history.read(since, new Date(until.getTime() + 1)), await deps.history.readOpen());
  return renderStatusPage(statusModel({ runtime: deps.runtime(), items, now, ...(deps.stage ? { stage: deps.stage } : {}) }), base);
}
