/** @module Benchmark check: how each impact must end — open when any alarm that feeds it ends firing — for the storm and soak loss counts. */
import { impactKeyFor } from '../src/core/impact-key.ts';
import type { StatePort } from '../src/state/state-port.ts';

/** Impact key → the state its message must show at the end, from each alarm's final event. */
export async function impactEnds(state: StatePort, finals: Array<{ alarm: string; state: 'ALARM' | 'OK' }>, keys: Map<string, string>): Promise<Map<string, 'open' | 'resolved'>> {
  const ends = new Map<string, 'open' | 'resolved'>();
  for (const final of finals) {
    const record = await state.getAlert(keys.get(final.alarm)!);
    const key = record ? impactKeyFor(record.alert) : null;
    if (key && ends.get(key) !== 'open') ends.set(key, final.state === 'OK' ? 'resolved' : 'open');
  }
  return ends;
}
