/** @module Catalog: compares a list of CloudWatch alarms with the entries that claim them. */
import { matchSignal } from './catalog-index.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { normalizeEvent } from '../sources/normalize-event.ts';

export interface CoverageReport {
  claimed: Array<{ alarm: string; catalogId: string }>;
  unclaimedAlarms: string[];
  /** cloudwatch-alarm entries that no listed alarm reaches. */
  unusedEntries: string[];
}

export function coverageReport(alarms: Array<{ name: string; arn?: string | undefined }>, index: CatalogIndex): CoverageReport {
  const claimed: CoverageReport['claimed'] = [];
  const unclaimedAlarms: string[] = [];
  const used = new Set<string>();
  for (const alarm of alarms) {
    // A synthetic state change runs the same normalizer and matcher a real alarm would.
    const [signal] = normalizeEvent({
      version: '0',
      id: `coverage-${alarm.name}`,
      'detail-type': 'CloudWatch Alarm State Change',
      source: 'aws.cloudwatch',
      time: new Date(0).toISOString(),
      resources: alarm.arn ? [alarm.arn] : [],
      detail: { alarmName: alarm.name, state: { value: 'ALARM', reason: '' }, configuration: {} },
    }, { receivedAt: new Date(0) });
    const match = signal ? matchSignal(index, signal) : null;
    if (match) {
      claimed.push({ alarm: alarm.name, catalogId: match.entry.id });
      used.add(match.entry.id);
    } else {
      unclaimedAlarms.push(alarm.name);
    }
  }
  const unusedEntries = [...index.byId.values()]
    .filter((entry) => entry.match.family === 'cloudwatch-alarm' && !used.has(entry.id))
    .map((entry) => entry.id);
  return { claimed, unclaimedAlarms, unusedEntries };
}
