/** @module Catalog: the names of an SLO entry's burn-rate alarms and the `match` that claims them, derived from the entry id alone. */
import type { Match } from './schema.ts';

/*
 * The loader generates an SLO entry's match before anything else reads the entry, and infra names
 * the alarms, so both read the names from here: they cannot drift apart. Only the entry id goes in,
 * because the `<app>-<stage>-` prefix is not known when the catalog is checked (hence the `*`).
 */

/** The two window pairs of the SRE workbook's multi-window, multi-burn-rate alert, long window first. */
export const SLO_PAIRS = [
  { pair: 'fast', burnRate: 14.4, long: { label: '1h', seconds: 3600 }, short: { label: '5m', seconds: 300 } },
  { pair: 'slow', burnRate: 6, long: { label: '6h', seconds: 21_600 }, short: { label: '30m', seconds: 1800 } },
] as const;
export type SloPairName = (typeof SLO_PAIRS)[number]['pair'];

/** CloudWatch's limit on an alarm name. */
export const ALARM_NAME_LIMIT = 255;
/** What the check leaves for `<app>-<stage>-` at load time; infra checks the real names at deploy. */
export const PREFIX_ALLOWANCE = 64;

/** `portal.page-speed` → `portal-page-speed`: alarm names keep to letters, digits and dashes. */
export function sloSlug(entryId: string): string {
  return entryId.replace(/[^a-z0-9-]/g, '-');
}

export interface SloAlarmNames {
  composite: string;
  long: string;
  short: string;
}

/** The three alarms of one pair: `<prefix>slo-<slug>-fast`, its `-fast-1h` and `-fast-5m` children. */
export function sloAlarmNames(prefix: string, entryId: string, pair: SloPairName): SloAlarmNames {
  const spec = SLO_PAIRS.find((p) => p.pair === pair)!;
  const composite = `${prefix}slo-${sloSlug(entryId)}-${pair}`;
  return { composite, long: `${composite}-${spec.long.label}`, short: `${composite}-${spec.short.label}` };
}

/**
 * Claims the two composites by name. A child's name ends in `-1h`, `-5m`, `-6h` or `-30m`, never in
 * `-fast` or `-slow`, so no glob here can claim one (they have no actions and never arrive anyway).
 */
export function sloMatch(entryId: string): Match {
  const slug = sloSlug(entryId);
  return { family: 'cloudwatch-alarm', glob: SLO_PAIRS.map((p) => `*-slo-${slug}-${p.pair}`) };
}

/** Which pair a composite alarm's name belongs to; null for any other name. */
export function sloPairOf(alarmName: string): SloPairName | null {
  if (alarmName.endsWith('-fast')) return 'fast';
  if (alarmName.endsWith('-slow')) return 'slow';
  return null;
}

/** The longest name of an entry's alarms, with `prefix` in front. */
export function longestSloAlarmName(prefix: string, entryId: string): string {
  return SLO_PAIRS.map((p) => sloAlarmNames(prefix, entryId, p.pair).short).reduce((a, b) => (b.length > a.length ? b : a));
}

/** The placeholders an SLO entry's texts may use, filled with the figures read when the alert fires. */
export const SLO_PLACEHOLDERS = ['slo.burnRate', 'slo.budgetLeft', 'slo.runsOutAt'] as const;
