/** @module Catalog: a representative signal for an entry, so authors can preview it without a real event. */
import type { CatalogEntry } from './schema.ts';
import type { Signal } from '../core/signal.ts';
import { FAMILY_PLACEHOLDERS } from '../sources/placeholders.ts';
import { toList } from './to-list.ts';

export type PreviewState = 'firing' | 'resolved' | 'noData';

/** Example values by the last segment of a placeholder path; anything else reads "example <name>". */
const EXAMPLE_VALUES: Record<string, unknown> = {
  value: 42,
  threshold: 40,
  region: 'eu-west-2',
  account: '111111111111',
  time: '2026-11-22T09:30:00.000Z',
  state: 'ALARM',
  previousState: 'OK',
  recordsProcessed: 0,
};

/** Builds a signal that this entry matches, with every placeholder its family can fill set to an example. */
export function sampleSignalFor(entry: CatalogEntry, state: PreviewState, now: Date): Signal {
  const name = toList(entry.match.name)[0] ?? toList(entry.match.glob)[0]?.replace(/\*/g, 'example').replace(/\?/g, 'x') ?? 'example';
  const vars: Record<string, unknown> = {};
  for (const path of FAMILY_PLACEHOLDERS[entry.match.family]) {
    if (path.endsWith('.*')) continue;
    setPath(vars, path, EXAMPLE_VALUES[path.split('.').pop()!] ?? `example ${path.split('.').pop()}`);
  }
  setPath(vars, 'signal.name', name);
  const time = now.toISOString();
  const isAlarm = entry.match.family === 'cloudwatch-alarm';
  return {
    family: entry.match.family,
    kind: 'preview',
    name,
    key: `${entry.match.family}:preview:${name}`,
    eventId: `preview-${entry.id}-${state}`,
    state: state === 'resolved' ? 'resolved' : 'firing',
    noData: state === 'noData',
    title: name,
    reason: 'This is a preview with example values, not a real event.',
    resource: { type: 'example resource', name },
    account: '111111111111',
    region: 'eu-west-2',
    time,
    links: [{ label: 'View in console', url: 'https://console.aws.amazon.com/' }],
    ...(isAlarm
      ? {
          alarm: {
            name,
            type: 'metric' as const,
            value: state === 'resolved' ? ('OK' as const) : state === 'noData' ? ('INSUFFICIENT_DATA' as const) : ('ALARM' as const),
            tags: {},
          },
          metric: { namespace: 'Example', name: 'ExampleMetric', dimensions: {}, threshold: 40, recentValues: [42] },
        }
      : {}),
    event: { source: 'clarion.preview', 'detail-type': 'Preview', detail: vars['detail'] ?? {} },
    vars,
  };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}
