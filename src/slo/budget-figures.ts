/** @module SLO (pure): burn rates, budget left and when it runs out, from the sums of good and total events the figures port reads. */
import type { SloFigures, SloView } from '../core/alert.ts';
import type { SloSums } from '../core/ports.ts';
import type { Slo } from '../catalog/schema.ts';
import { SLO_PAIRS } from '../catalog/slo-names.ts';
import type { SloPairName } from '../catalog/slo-names.ts';
import { escapeMrkdwn } from '../slack/escape-mrkdwn.ts';
import { budgetFraction } from './metric-queries.ts';

/*
 * burn rate = (bad / total) / (1 − objective): 1× spends the budget exactly over its window.
 * budget left = 1 − (bad / total over the window) / (1 − objective). It runs out after
 * left × window / burn rate, taken at the long window's rate: the short one is there to tell
 * whether the burn still goes on, and jumps too much to forecast from. A forecast past one window
 * is none: by then the window has rolled past the bad events that spent the budget so far.
 */

/** Below this, "budget left" is no longer news: a hundredfold overspend reads the same as a tenfold one. */
const LEAST_LEFT = -9.99;
const DAY = 86_400;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: DAY };

export function windowSeconds(window: string): number {
  const m = /^(\d+)(s|m|h|d)$/.exec(window);
  return m ? Number(m[1]) * UNIT_SECONDS[m[2]!]! : Number.NaN;
}

export function burnRate(sums: SloSums, objective: number): number | null {
  if (!(sums.total > 0)) return null;
  const bad = Math.min(Math.max(sums.total - sums.good, 0), sums.total);
  return bad / sums.total / budgetFraction(objective);
}

export function budgetLeft(sums: SloSums, objective: number): number | null {
  const rate = burnRate(sums, objective);
  return rate === null ? null : Math.max(LEAST_LEFT, Math.min(1, 1 - rate));
}

/** The windows to read for one alert: the pair's long and short ones, and the objective's, all ending `now`. */
export function figureWindows(slo: Slo, pair: SloPairName | null, now: Date): { long: Window; short: Window; budget: Window } {
  const spec = SLO_PAIRS.find((p) => p.pair === (pair ?? 'fast'))!;
  const before = (seconds: number, label: string): Window => ({ label, from: new Date(now.getTime() - seconds * 1000), to: now });
  return { long: before(spec.long.seconds, spec.long.label), short: before(spec.short.seconds, spec.short.label), budget: before(windowSeconds(slo.window), slo.window) };
}

export interface Window {
  label: string;
  from: Date;
  to: Date;
}

export function sloFigures(slo: Slo, windows: ReturnType<typeof figureWindows>, sums: { long: SloSums; short: SloSums; budget: SloSums }, now: Date): SloFigures {
  const long = burnRate(sums.long, slo.objective);
  const left = budgetLeft(sums.budget, slo.objective);
  const figures: SloFigures = {
    readAt: now.toISOString(),
    long: { window: windows.long.label, burnRate: long },
    short: { window: windows.short.label, burnRate: burnRate(sums.short, slo.objective) },
    budgetLeft: left,
  };
  if (left !== null && left > 0 && long !== null && long > 0) {
    const seconds = (left * windowSeconds(slo.window)) / long;
    // Past one window, the bad events counted now have left it before the rest is spent: no forecast holds (nor fits a Date).
    if (seconds <= windowSeconds(slo.window)) figures.runsOutAt = new Date(now.getTime() + seconds * 1000).toISOString();
  }
  return figures;
}

/** The objective as an alert shows it; the figures are added once read. */
export function sloView(slo: Slo, pair: SloPairName | null): SloView {
  const spec = SLO_PAIRS.find((p) => p.pair === pair);
  const view: SloView = {
    objective: slo.objective,
    window: slo.window,
    windowSeconds: windowSeconds(slo.window),
    allowance: slo.allowance,
    measured: measuredText(slo),
    pair,
  };
  if (spec) view.alarmsAt = spec.burnRate;
  return view;
}

/** What is measured, in the metric's own names (escaped: they end up in mrkdwn). */
export function measuredText(slo: Slo): string {
  const m = slo.measure;
  const name = (ref: { namespace: string; metric: string }) => `${ref.namespace} ${ref.metric}`;
  if (m.good && m.total) return escapeMrkdwn(`${name(m.good)} out of ${name(m.total)}`);
  return escapeMrkdwn(`${name(m.latency!)} at or under ${m.threshold}`);
}
