/** @module Benchmark (silences): the mute stage's silence lookup with 1 and with 1,000 active silences — it must stay flat. Not yet wired into `bench/run.ts`; `npx tsx bench/silence-bench.ts` runs it alone. */
import path from 'node:path';
import { openCatalog } from '../src/adapters/read-catalog-dir.ts';
import { buildSilenceIndex, silenceFor } from '../src/pipeline/silences.ts';
import type { SilenceRule } from '../src/state/silence-store.ts';

const NOW = new Date('2026-11-24T10:00:00Z');
const END = '2026-11-24T12:00:00.000Z';

function rules(n: number): SilenceRule[] {
  const kinds: Array<SilenceRule['kind']> = ['alarm', 'entry', 'group', 'glob'];
  return Array.from({ length: n }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    const match = kind === 'alarm' ? `other.entry-${i}|alarm-${i}` : kind === 'entry' ? `other.entry-${i}` : kind === 'group' ? `other-group-${i}` : `other-${i}.*`;
    return { id: `s${i}`, match, kind, startsAt: NOW.toISOString(), endsAt: END };
  });
}

/** Median µs per lookup of one alert against an index of `n` silences (none of which covers it, the common case). */
export async function runSilenceBench(lookups = 200_000): Promise<{ oneMicros: number; thousandMicros: number; ratio: number }> {
  const { runtime } = await openCatalog(path.resolve(import.meta.dirname, '../alert-catalog'), { lint: false });
  const alert = { alertKey: 'portal.app-down|cloudwatch-alarm:arn', catalogId: 'portal.app-down', group: 'trainee-portal' };
  const measure = (n: number): number => {
    const index = buildSilenceIndex(rules(n), runtime);
    const runs: number[] = [];
    for (let run = 0; run < 7; run++) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < lookups; i++) silenceFor(index, alert, NOW);
      runs.push(Number(process.hrtime.bigint() - started) / 1000 / lookups);
    }
    return runs.sort((a, b) => a - b)[3]!;
  };
  const oneMicros = measure(1);
  const thousandMicros = measure(1000);
  return { oneMicros: Math.round(oneMicros * 1000) / 1000, thousandMicros: Math.round(thousandMicros * 1000) / 1000, ratio: Math.round((thousandMicros / oneMicros) * 100) / 100 };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runSilenceBench());
