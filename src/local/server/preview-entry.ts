/** @module Local stack (catalog author's view): one entry in one state, rendered for every audience it reaches, with no state store. */
import type { KnownBlock } from '@slack/types';
import { withSampleSlo } from '../../slo/sample-figures.ts';
import { sampleSignalFor } from '../../catalog/sample-signal.ts';
import type { PreviewState } from '../../catalog/sample-signal.ts';
import { enrichAlert } from '../../pipeline/enrich-alert.ts';
import { renderAlert } from '../../pipeline/render-event.ts';
import type { CatalogRuntime } from '../../catalog/catalog-runtime.ts';
import { blockKitBuilderUrl } from '../../slack/block-kit-builder-url.ts';

export const PREVIEW_STATES: readonly PreviewState[] = ['firing', 'resolved', 'noData'];

export interface EntryPreview {
  id: string;
  state: PreviewState;
  /** Set when the entry shows nothing in this state (e.g. `noData: ignore`). */
  ignored?: string;
  deliveries: Array<{
    audience: string;
    channel: string;
    template: string;
    text: string;
    blocks: KnownBlock[];
    builderUrl: string;
  }>;
}

export function isPreviewState(value: unknown): value is PreviewState {
  return typeof value === 'string' && (PREVIEW_STATES as readonly string[]).includes(value);
}

/** Returns null when the catalog has no entry with this id. */
export function previewEntry(runtime: CatalogRuntime, id: string, state: PreviewState, now: Date): EntryPreview | null {
  const entry = runtime.index.byId.get(id);
  if (!entry) return null;
  const enriched = enrichAlert(sampleSignalFor(entry, state, now), entry, runtime.config.uncatalogued.audience);
  if ('ignored' in enriched) return { id, state, ignored: enriched.ignored, deliveries: [] };
  return {
    id,
    state,
    deliveries: renderAlert(withSampleSlo(enriched.alert, entry, now), runtime.config, { now }).map((d) => ({
      audience: d.audience,
      channel: d.channel,
      template: runtime.config.audiences[d.audience]?.template ?? d.audience,
      text: d.message.text,
      blocks: d.message.blocks,
      builderUrl: blockKitBuilderUrl(d.message.blocks),
    })),
  };
}

/** The entry list the page offers, in catalog order. */
export function listEntries(runtime: CatalogRuntime): Array<{ id: string; title: string; family: string; audiences: string[] }> {
  return [...runtime.index.byId.values()].map((e) => ({ id: e.id, title: e.title, family: e.match.family, audiences: [...(e.audiences ?? [])] }));
}
