/** @module Stage 3 of 9: enrich — a signal plus its catalog entry becomes an `Alert` with filled, escaped text. */
import { fillPlaceholders } from '../catalog/entry-texts.ts';
import type { CatalogEntry, PerStateText } from '../catalog/schema.ts';
import type { Alert, AlertPhase } from '../core/alert.ts';
import type { Signal } from '../core/signal.ts';
import { escapeMrkdwn } from '../slack/escape-mrkdwn.ts';
import { parseDuration } from './parse-duration.ts';

export type EnrichResult = { alert: Alert } | { ignored: string };

/** What a placeholder shows when the signal has no value for it, in words anyone understands. */
export const MISSING_VALUE = 'unknown';

export function enrichAlert(signal: Signal, entry: CatalogEntry | null, fallbackAudience: string): EnrichResult {
  if (signal.state === 'ignore') return { ignored: signal.ignoreReason ?? 'the event needs no alert' };
  const phase = phaseOf(signal, entry);
  if (phase === null) return { ignored: `no data, and ${entry?.id} says onNoData: ignore` };
  return { alert: entry ? fromEntry(signal, entry, phase) : uncatalogued(signal, phase, fallbackAudience) };
}

function phaseOf(signal: Signal, entry: CatalogEntry | null): AlertPhase | null {
  if (signal.state === 'resolved') return 'resolved';
  if (signal.state === 'info') return 'info';
  if (!signal.noData) return 'firing';
  const onNoData = entry?.onNoData ?? 'alert';
  if (onNoData === 'ignore') return null;
  return onNoData === 'resolve' ? 'resolved' : 'noData';
}

function fromEntry(signal: Signal, entry: CatalogEntry, phase: AlertPhase): Alert {
  const text = (t: string) => fillPlaceholders(t, (path) => escapeMrkdwn(valueText(signal.vars, path)));
  const url = (t: string) => fillPlaceholders(t, (path) => encodeURIComponent(valueText(signal.vars, path)));
  const comms: Record<string, string> = {};
  for (const [audience, perState] of Object.entries(entry.comms)) {
    const picked = pickState(perState, phase);
    if (picked !== undefined) comms[audience] = text(picked);
  }
  const summary = pickState(entry.summary, phase);
  return {
    catalogId: entry.id,
    alertKey: `${entry.id}|${signal.key}`,
    signal,
    phase,
    severity: entry.severity,
    // Header text is plain_text, so its placeholders are filled raw; templates escape it for mrkdwn.
    title: fillPlaceholders(entry.title, (path) => valueText(signal.vars, path)),
    impact: {
      level: entry.impact.level,
      summary: text(entry.impact.summary),
      ...(entry.impact.who ? { who: text(entry.impact.who) } : {}),
    },
    audiences: [...entry.audiences],
    ...(entry.runbook ? { runbook: url(entry.runbook) } : {}),
    fix: entry.fix.map(text),
    ...(summary !== undefined ? { summary: text(summary) } : {}),
    comms,
    data: entry.data.map((d) => ({ ...d, name: text(d.name), whenStale: text(d.whenStale) })),
    ...(entry.owner ? { owner: entry.owner } : {}),
    links: [...entry.links.map((l) => ({ label: text(l.label), url: url(l.url) })), ...signal.links],
    ...(entry.group ? { group: entry.group } : {}),
    quietPeriodSeconds: parseDuration(entry.quietPeriod),
    ...(entry.nextUpdate ? { nextUpdateSeconds: parseDuration(entry.nextUpdate) } : {}),
  };
}

function uncatalogued(signal: Signal, phase: AlertPhase, audience: string): Alert {
  return {
    catalogId: null,
    alertKey: `uncatalogued|${signal.key}`,
    signal,
    phase,
    severity: signal.severityHint ?? (signal.state === 'firing' ? 'medium' : 'info'),
    title: signal.title,
    impact: { level: 'none', summary: 'Not described yet: no catalog entry claims this signal.' },
    audiences: [audience],
    fix: [],
    comms: {},
    data: [],
    links: signal.links,
    quietPeriodSeconds: 0,
  };
}

/** Firing text doubles as no-data and info text when an entry gives no specific one. */
function pickState(text: PerStateText | undefined, phase: AlertPhase): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  if (phase === 'resolved') return text.resolved;
  if (phase === 'noData') return text.noData ?? text.firing;
  return text.firing;
}

/** Looks up `a.b.c` in the signal's vars and turns it into display text. */
export function valueText(vars: Record<string, unknown>, path: string): string {
  let value: unknown = vars;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return MISSING_VALUE;
    value = (value as Record<string, unknown>)[part];
  }
  return display(value);
}

function display(value: unknown): string {
  if (value === undefined || value === null || value === '') return MISSING_VALUE;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(display).join(', ');
  return JSON.stringify(value);
}
