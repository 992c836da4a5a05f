/** @module Pipeline: normalize → match → enrich → route → render for one raw event, with no I/O (CLI, preview, tests). */
import type { ClarionConfig } from '../catalog/schema.ts';
import type { Alert, Delivery, RenderInput } from '../core/alert.ts';
import type { Signal } from '../core/signal.ts';
import { normalizeEvent } from '../sources/normalize-event.ts';
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import { renderMessage } from '../../templates/index.ts';
import { enrichAlert } from './enrich-alert.ts';
import { matchSignal } from '../catalog/catalog-index.ts';
import type { MatchKind } from '../catalog/catalog-index.ts';
import { routeAlert, timeZoneFor } from './route-alert.ts';
import { suggestEntry } from '../catalog/suggest-entry.ts';

export interface RenderOptions {
  now: Date;
  stage?: string;
}

/** What happened to one signal, for people reading the CLI output or logs. */
export interface SignalOutcome {
  key: string;
  catalogId: string | null;
  matchedBy: MatchKind | null;
  /** Set when the signal produced no alert. */
  ignored?: string;
  phase?: Alert['phase'];
}

export interface RenderedEvent {
  signals: Signal[];
  outcomes: SignalOutcome[];
  alerts: Alert[];
  deliveries: Delivery[];
}

export function renderEvent(raw: unknown, runtime: CatalogRuntime, options: RenderOptions): RenderedEvent {
  const signals = normalizeEvent(raw, { receivedAt: options.now });
  const result: RenderedEvent = { signals, outcomes: [], alerts: [], deliveries: [] };
  for (const signal of signals) {
    const match = matchSignal(runtime.index, signal);
    const enriched = enrichAlert(signal, match?.entry ?? null, runtime.config.uncatalogued.audience);
    const outcome: SignalOutcome = { key: signal.key, catalogId: match?.entry.id ?? null, matchedBy: match?.by ?? null };
    result.outcomes.push(outcome);
    if ('ignored' in enriched) {
      outcome.ignored = enriched.ignored;
      continue;
    }
    outcome.phase = enriched.alert.phase;
    result.alerts.push(enriched.alert);
    result.deliveries.push(...renderAlert(enriched.alert, runtime.config, options));
  }
  return result;
}

/** Renders one alert for every audience it is routed to. */
export function renderAlert(alert: Alert, config: ClarionConfig, options: RenderOptions): Delivery[] {
  const timeZone = timeZoneFor(config, options.stage);
  return routeAlert(alert, config, options.stage).map((route) => {
    const input: RenderInput = {
      alert,
      audience: route.audience,
      template: route.template,
      now: options.now,
      timeZone,
      serviceName: config.serviceName,
    };
    if (alert.catalogId === null) input.suggestedEntry = suggestEntry(alert.signal);
    return { audience: route.audience, channel: route.channel, catalogId: alert.catalogId, message: renderMessage(input) };
  });
}
