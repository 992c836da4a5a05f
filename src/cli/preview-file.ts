/** @module CLI: what `clarion preview --out FILE` writes — the messages of one entry with their Block Kit Builder links, as JSON or an HTML page. */
import type { KnownBlock } from '@slack/types';
import { blocksToPlainText } from '../slack/blocks-to-plain-text.ts';

export interface PreviewMessage {
  audience: string;
  channel: string;
  /** Slack's fallback text: one line that says what the message is. */
  text: string;
  blocks: KnownBlock[];
  builderUrl: string;
}

export interface PreviewDocument {
  id: string;
  state: string;
  /** Set when the entry shows nothing in this state. */
  ignored?: string;
  messages: PreviewMessage[];
}

/** An `.html` or `.htm` file gets a page; any other name the JSON, which scripts and editors can read. */
export function previewFileText(file: string, preview: PreviewDocument): string {
  return /\.html?$/i.test(file) ? previewPage(preview) : `${JSON.stringify(preview, null, 2)}\n`;
}

function previewPage(preview: PreviewDocument): string {
  const sections = preview.messages.map(
    (m) => `<section>
<h2>${escapeHtml(m.audience)} <small>${escapeHtml(m.channel)}</small></h2>
<p><a href="${escapeHtml(m.builderUrl)}">Open in Block Kit Builder</a></p>
<pre>${escapeHtml(blocksToPlainText({ text: m.text, blocks: m.blocks }))}</pre>
</section>`,
  );
  const body = preview.ignored ? `<p>Nothing is shown in this state: ${escapeHtml(preview.ignored)}</p>` : sections.join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Preview of ${escapeHtml(preview.id)} (${escapeHtml(preview.state)})</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}small{color:#666;font-weight:normal}</style>
</head>
<body>
<h1>Preview of ${escapeHtml(preview.id)} (${escapeHtml(preview.state)})</h1>
<p>Rendered from a realistic sample event; the links open each message in Slack's Block Kit Builder.</p>
${body}
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
