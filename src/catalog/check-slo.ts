/** @module Catalog (load-time check): an `slo` entry's maths — a sensible window, alarm names CloudWatch accepts — reported with `file:line:col`. */
import type { CatalogProblem } from './catalog-problem.ts';
import type { LocatedEntry } from './load-catalog.ts';
import { ALARM_NAME_LIMIT, longestSloAlarmName, PREFIX_ALLOWANCE, SLO_PAIRS, sloAlarmNames, sloSlug } from './slo-names.ts';

/*
 * The schema checks each field on its own (objective strictly between 0 and 100, exactly one kind
 * of measure); what needs the fields together is checked here. The budget window must hold the
 * longest alarm window several times over, or "budget left" says nothing the 6 h alarm does not,
 * and each pair must fire before it has spent the whole budget: 6× over 6 h spends 36 h of it, so
 * over a day the slow alarm could fire only once the budget was gone. 90 days is the most
 * CloudWatch keeps at 1-minute granularity through its 5-minute and 1-hour roll-ups without a gap a
 * reader would notice.
 */

const DAY = 86_400;
export const MIN_WINDOW_SECONDS = DAY;
export const MAX_WINDOW_SECONDS = 90 * DAY;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: DAY };

function seconds(duration: string): number | undefined {
  const m = /^(\d+)(s|m|h|d)$/.exec(duration);
  return m ? Number(m[1]) * UNIT_SECONDS[m[2]!]! : undefined;
}

export function checkSlos(entries: LocatedEntry[]): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const longest = Math.max(...SLO_PAIRS.map((p) => p.long.seconds));
  // Alarm names keep only letters, digits and dashes, so two ids may name the same alarms: infra could create only one set.
  const bySlug = new Map<string, string>();
  for (const located of entries) {
    const slo = located.entry.slo;
    if (!slo) continue;
    const at = (path: Array<string | number>, message: string) => located.source.problemAt(['entries', located.index, ...path], message);
    const slug = sloSlug(located.entry.id);
    const first = bySlug.get(slug);
    if (first === undefined) bySlug.set(slug, located.entry.id);
    else if (first !== located.entry.id) {
      const names = sloAlarmNames('<app>-<stage>-', located.entry.id, 'fast');
      problems.push(at(['id'], `gives the same alarm names as "${first}" (${names.composite} and the rest): the ids of two SLO entries must differ in more than "." and "-"`));
    }
    const window = seconds(slo.window);
    const spender = SLO_PAIRS.map((p) => ({ ...p, spends: p.burnRate * p.long.seconds })).reduce((a, b) => (b.spends > a.spends ? b : a));
    if (window !== undefined && (window < MIN_WINDOW_SECONDS || window < longest * 4)) {
      problems.push(at(['slo', 'window'], `must be at least 1d: the budget is measured against the alarms' windows (up to 6h), and a window of ${slo.window} leaves the budget no room`));
    } else if (window !== undefined && window <= spender.spends) {
      const hours = spender.spends / 3600;
      problems.push(
        at(
          ['slo', 'window'],
          `must be longer than ${hours}h: the ${spender.pair} alarm fires after ${spender.burnRate}× the budget's pace over ${spender.long.label}, which spends ${hours}h of budget, ${Math.round((spender.spends / window) * 100)}% of ${slo.window}'s, so it could fire only once the budget is gone`,
        ),
      );
    } else if (window !== undefined && window > MAX_WINDOW_SECONDS) {
      problems.push(at(['slo', 'window'], `must be at most 90d: a longer window (${slo.window}) hides a burn the month already felt`));
    }
    const name = longestSloAlarmName('x'.repeat(PREFIX_ALLOWANCE), located.entry.id);
    if (name.length > ALARM_NAME_LIMIT) {
      problems.push(
        at(['id'], `is too long for an SLO: its alarm names would reach ${name.length} characters with a ${PREFIX_ALLOWANCE}-character <app>-<stage>- prefix, above CloudWatch's ${ALARM_NAME_LIMIT}`),
      );
    }
  }
  return problems;
}
