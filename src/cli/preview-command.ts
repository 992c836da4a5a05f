/** @module CLI: `clarion preview` — Block Kit Builder links for one entry, rendered for each audience. */
import { sampleSignalFor } from '../catalog/sample-signal.ts';
import type { PreviewState } from '../catalog/sample-signal.ts';
import { enrichAlert } from '../pipeline/enrich-alert.ts';
import { renderAlert } from '../pipeline/render-event.ts';
import { blockKitBuilderUrl } from '../slack/block-kit-builder-url.ts';
import type { CliOptions } from './main.ts';
import type { Io } from './io.ts';
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
    return 0;
  }
  const alert = enriched.alert;
  // Previewing an audience the entry does not route to is allowed: authors try it before adding it.
  alert.audiences = options.audience ? [options.audience] : alert.audiences;
  for (const delivery of renderAlert(alert, config, { now })) {
    io.stdout(`${delivery.audience} (${delivery.channel}): ${blockKitBuilderUrl(delivery.message.blocks)}\n`);
  }
  return 0;
}
