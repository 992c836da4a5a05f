/** @module CLI: `clarion preview` — one entry rendered for each audience: Block Kit Builder links, or a short line each and the links in a file. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withSampleSlo } from '../slo/sample-figures.ts';
import { sampleSignalFor } from '../catalog/sample-signal.ts';
import type { PreviewState } from '../catalog/sample-signal.ts';
import { enrichAlert } from '../pipeline/enrich-alert.ts';
import { renderAlert } from '../pipeline/render-event.ts';
import { blockKitBuilderUrl } from '../slack/block-kit-builder-url.ts';
import type { CliOptions } from './main.ts';
import type { Io } from './io.ts';
import { previewFileText } from './preview-file.ts';
import type { PreviewDocument } from './preview-file.ts';
import { loadRuntime } from './load-runtime.ts';
import { UsageError } from './usage-error.ts';

const STATES: readonly PreviewState[] = ['firing', 'resolved', 'noData'];

export async function runPreview(id: string | undefined, options: CliOptions, io: Io): Promise<number> {
  if (!id) throw new UsageError('preview needs an entry id, e.g. clarion preview portal.app-down');
  const state = (options.state ?? 'firing') as PreviewState;
  if (!STATES.includes(state)) throw new UsageError(`--state must be one of ${STATES.join(', ')}`);
  const opened = await loadRuntime(options.catalog, io);
  if (!opened) return 1;
  const { config, index } = opened.runtime;
  const entry = index.byId.get(id);
  if (!entry) throw new UsageError(`no catalog entry "${id}"; known: ${[...index.byId.keys()].join(', ')}`);
  if (options.audience && !config.audiences[options.audience]) {
    throw new UsageError(`unknown audience "${options.audience}"; configured: ${Object.keys(config.audiences).join(', ')}`);
  }
  const now = new Date();
  const enriched = enrichAlert(sampleSignalFor(entry, state, now), entry, config.uncatalogued.audience);
  if ('ignored' in enriched) {
    io.stderr(`${id} shows nothing in state ${state}: ${enriched.ignored}\n`);
    if (options.out) await writePreview(options.out, { id, state, ignored: enriched.ignored, messages: [] }, io);
    return 0;
  }
  // An SLO entry's figures are read when it fires; the preview shows example ones.
  const alert = withSampleSlo(enriched.alert, entry, now);
  // Previewing an audience the entry does not route to is allowed: authors try it before adding it.
  alert.audiences = options.audience ? [options.audience] : alert.audiences;
  const messages = renderAlert(alert, config, { now }).map((delivery) => ({
    audience: delivery.audience,
    channel: delivery.channel,
    text: delivery.message.text,
    blocks: delivery.message.blocks,
    builderUrl: blockKitBuilderUrl(delivery.message.blocks),
  }));
  if (!options.out) {
    for (const m of messages) io.stdout(`${m.audience} (${m.channel}): ${m.builderUrl}\n`);
    io.stderr('Block Kit Builder links are long: --out preview.html writes the messages and their links to a page.\n');
    return 0;
  }
  // The links run to thousands of characters: the terminal gets one line per message, the file the rest.
  for (const m of messages) io.stdout(`${m.audience} (${m.channel}): ${shorten(m.text, 100)}\n`);
  await writePreview(options.out, { id, state, messages }, io);
  return 0;
}

async function writePreview(out: string, preview: PreviewDocument, io: Io): Promise<void> {
  const target = path.resolve(io.cwd, out);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, previewFileText(target, preview));
  const links = preview.messages.length === 1 ? '1 Block Kit Builder link' : `${preview.messages.length} Block Kit Builder links`;
  io.stdout(`wrote ${path.relative(io.cwd, target) || target} (${links})\n`);
}

function shorten(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
