/** @module CLI: `clarion demo` — renders the project's own sample events through the catalog, for a first look (an SLO's figures read from a metric store fed with a burn). */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createMetricStore } from '../local/metric-store.ts';
import { burnMetrics } from '../local/server/demo-scenario.ts';
import { renderEventMeasured } from '../pipeline/render-event.ts';
import { blockKitBuilderUrl } from '../slack/block-kit-builder-url.ts';
import type { CliOptions } from './main.ts';
import type { Io } from './io.ts';
import { loadRuntime } from './load-runtime.ts';
import { resolveCatalogDir } from './resolve-catalog-dir.ts';
import { canPlayAutoFix, playAutoFix } from './demo-auto-fix.ts';

export const SAMPLES_DIR = path.join('samples', 'events');

export async function runDemo(options: CliOptions, io: Io): Promise<number> {
  const dir = await resolveCatalogDir(options.catalog, io);
  const opened = await loadRuntime(options.catalog, io);
  if (!opened) return 1;
  const samplesDir = path.join(dir, SAMPLES_DIR);
  const files = (await readdir(samplesDir).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();
  const now = new Date();
  io.stdout(
    `Clarion demo: ${opened.loaded.entries.length} catalog entries, ${files.length} sample events from ${path.relative(io.cwd, samplesDir)}\n` +
      `Each event is normalized, matched to its catalog entry and rendered for every audience it reaches.\n\n`,
  );
  // The SLO sample's figures come from page loads that burn the portal's budget 15× too fast, as the local stack's demo feeds them.
  const metrics = createMetricStore({ now: () => now });
  metrics.put(burnMetrics(now));
  let firstLink: string | undefined;
  for (const file of files) {
    const raw: unknown = JSON.parse(await readFile(path.join(samplesDir, file), 'utf8'));
    const rendered = await renderEventMeasured(raw, opened.runtime, { now, sloFigures: metrics });
    for (const outcome of rendered.outcomes) {
      const what = outcome.ignored ? `ignored (${outcome.ignored})` : `${outcome.phase}`;
      io.stdout(`▸ ${file}: ${outcome.catalogId ?? 'no catalog entry'} — ${what}\n`);
    }
    for (const delivery of rendered.deliveries) {
      io.stdout(`    ${delivery.audience.padEnd(14)} ${delivery.channel.padEnd(22)} ${oneLine(delivery.message.text)}\n`);
      firstLink ??= blockKitBuilderUrl(delivery.message.blocks);
    }
  }
  if (firstLink) io.stdout(`\nSee the first message as Slack draws it (Block Kit Builder):\n${firstLink}\n`);
  // The closing story: an automatic fix, from the failure to what each audience reads (issue 14).
  if (canPlayAutoFix(opened.runtime, files)) await playAutoFix(dir, io);
  io.stdout(`\nTry: npx clarion preview portal.app-down --audience local-office\n`);
  return 0;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 110 ? `${flat.slice(0, 109)}…` : flat;
}
