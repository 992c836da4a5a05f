/** @module Pipeline (dry run, no I/O): one raw event through normalize → match → enrich → route → render, as the CLI and the preview page show it. */
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import type { MatchKind } from '../catalog/catalog-index.ts';
import type { ClarionConfig } from '../catalog/schema.ts';
import type { Alert, Delivery } from '../core/alert.ts';
import type { Signal } from '../core/signal.ts';
import type { SloFiguresPort } from '../core/ports.ts';
import { measureSlo } from './measure-slo.ts';
import { timeZoneFor } from './route-alert.ts';
import { matchSignal } from '../catalog/catalog-index.ts';
import { enrichAlert } from './enrich-alert.ts';
import { routeAlert } from './route-alert.ts';
import { normalize } from './stages/normalize.ts';
import { renderFor } from './stages/render.ts';

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
  const signals = normalize(raw, options.now);
  const result: RenderedEvent = { signals, outcomes: [], alerts: [], deliveries: [] };
  for (const signal of signals) renderSignal(signal, runtime, options, result);
  return result;
}

/** As `renderEvent`, with an SLO alert's figures read through `sloFigures` as the measure stage reads them (`clarion demo` reads a metric store). */
export async function renderEventMeasured(raw: unknown, runtime: CatalogRuntime, options: RenderOptions & { sloFigures: SloFiguresPort }): Promise<RenderedEvent> {
  const signals = normalize(raw, options.now);
  const result: RenderedEvent = { signals, outcomes: [], alerts: [], deliveries: [] };
  const timeZone = timeZoneFor(runtime.config, options.stage);
  for (const signal of signals) {
    const measured = await measureSlo(signal, matchSignal(runtime.index, signal)?.entry, { port: options.sloFigures, now: options.now, timeZone });
    renderSignal(measured.signal, runtime, options, result, measured.slo);
  }
  return result;
}

function renderSignal(signal: Signal, runtime: CatalogRuntime, options: RenderOptions, result: RenderedEvent, slo?: Alert['slo']): void {
  // The rules the match and enrich stages apply, without the stages' store and ports.
  const match = matchSignal(runtime.index, signal);
  const enriched = enrichAlert(signal, match?.entry ?? null, runtime.config.uncatalogued.audience);
  if (slo && 'alert' in enriched) enriched.alert = { ...enriched.alert, slo };
  const outcome: SignalOutcome = { key: signal.key, catalogId: match?.entry.id ?? null, matchedBy: match?.by ?? null };
  result.outcomes.push(outcome);
  if ('ignored' in enriched) {
    outcome.ignored = enriched.ignored;
    return;
  }
  outcome.phase = enriched.alert.phase;
  result.alerts.push(enriched.alert);
  result.deliveries.push(...renderAlert(enriched.alert, runtime.config, options));
}

/** Renders one alert for every audience it is routed to, exactly as Slack would get it when it opens. */
export function renderAlert(alert: Alert, config: ClarionConfig, options: RenderOptions): Delivery[] {
  return routeAlert(alert, config, options.stage).map((route) => ({
    audience: route.audience,
    channel: route.channel,
    catalogId: alert.catalogId,
    message: renderFor({ alert, audience: route.audience, template: route.template, config, ...(options.stage ? { stage: options.stage } : {}), now: options.now }),
  }));
}
