/** @module SLO (pure): an `slo` entry's multi-window, multi-burn-rate alarms — two metric-math alarms and one composite per pair — as plain definitions infra and `clarion slo` read. */
import type { CatalogEntry } from '../catalog/schema.ts';
import { SLO_PAIRS, sloAlarmNames } from '../catalog/slo-names.ts';
import type { SloPairName } from '../catalog/slo-names.ts';
import { alarmQueries, burnRateExpression, plainNumber, sloSource } from './metric-queries.ts';
import type { MetricStatQuery } from './metric-queries.ts';

/*
 * As in the Google SRE workbook (chapter 5, "Alerting on SLOs", recipe 6): a pair fires only while
 * both its long window (is the burn significant?) and its short one (is it still going on?) burn
 * faster than its rate. 14.4× over an hour spends 2% of a 30-day budget; 6× over six hours, 5%.
 * The children carry no actions: only the composite tells Clarion, through the alarm topic.
 */

export interface BurnRateAlarm {
  name: string;
  description: string;
  /** `1h`, `5m`, `6h` or `30m`. */
  window: string;
  /** The window, which is also the alarm's period. */
  periodSeconds: number;
  threshold: number;
  comparison: 'GreaterThanThreshold';
  /** The two statistics (ReturnData false) the expression reads: two counts, or for latency a percentage and a count. */
  queries: [MetricStatQuery, MetricStatQuery];
  /** The burn rate (ReturnData true). */
  expression: string;
  tags: Record<string, string>;
}

export interface CompositeSloAlarm {
  name: string;
  description: string;
  rule: string;
  tags: Record<string, string>;
}

export interface SloAlarmPair {
  pair: SloPairName;
  burnRate: number;
  composite: CompositeSloAlarm;
  long: BurnRateAlarm;
  short: BurnRateAlarm;
}

/** The alarms of every pair of an entry with `slo`; none for another entry. `prefix` is `<app>-<stage>-`. */
export function burnRateAlarms(entry: CatalogEntry, prefix: string): SloAlarmPair[] {
  const slo = entry.slo;
  if (!slo) return [];
  const source = sloSource(slo);
  const expression = burnRateExpression(source, slo.objective);
  return SLO_PAIRS.map((spec) => {
    const names = sloAlarmNames(prefix, entry.id, spec.pair);
    const tags = { 'clarion:entry': entry.id, 'clarion:slo-window': spec.pair };
    const child = (name: string, window: { label: string; seconds: number }): BurnRateAlarm => ({
      name,
      description: `${entry.id}: the error budget of ${plainNumber(slo.objective)}% over ${slo.window} burns more than ${spec.burnRate}× too fast over ${window.label}. Part of ${names.composite}; no actions of its own.`,
      window: window.label,
      periodSeconds: window.seconds,
      threshold: spec.burnRate,
      comparison: 'GreaterThanThreshold',
      queries: alarmQueries(source, window.seconds),
      expression,
      tags,
    });
    return {
      pair: spec.pair,
      burnRate: spec.burnRate,
      composite: {
        name: names.composite,
        description: `${entry.title} (${entry.id}): the error budget of ${plainNumber(slo.objective)}% over ${slo.window} burns more than ${spec.burnRate}× too fast over both ${spec.long.label} and ${spec.short.label}.`,
        rule: `ALARM("${names.long}") AND ALARM("${names.short}")`,
        tags,
      },
      long: child(names.long, spec.long),
      short: child(names.short, spec.short),
    };
  });
}
