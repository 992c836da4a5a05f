/** @module Benchmark (report): what `clarion report` costs over 100,000 recorded incidents — reading them from the history store (in memory; dynalite for a smaller count) and computing and rendering the report. */
import path from 'node:path';
import { openCatalog } from '../src/adapters/read-catalog-dir.ts';
import { createDynamoHistory } from '../src/adapters/dynamo-history.ts';
import type { HistoryItem, HistoryPort, IncidentHistory } from '../src/core/history.ts';
import { buildReport } from '../src/history/report.ts';
import { renderReportText } from '../src/history/report-text.ts';
import { startDynalite } from '../src/local/start-dynalite.ts';
import { createMemoryHistory } from '../src/state/memory-history.ts';

const root = path.resolve(import.meta.dirname, '..');
const UNTIL = new Date('2026-12-01T00:00:00Z');
const SINCE = new Date(UNTIL.getTime() - 30 * 86_400_000);

export interface ReportFigures {
  incidents: number;
  /** Median ms to read the period from the in-memory history store. */
  memoryReadMs: number;
  /** Median ms to compute the report from the items read (one pass). */
  buildMs: number;
  /** Median ms to render it as terminal text. */
  renderMs: number;
  /** Incidents read from dynalite (fewer: it takes one PutItem each to seed). */
  dynaliteIncidents: number;
  /** Ms to read them from dynalite (one query per day, paged), and the rate. */
  dynaliteReadMs: number;
  dynaliteItemsPerSecond: number;
}

/** `n` incidents over the 30 days: 200 entries, one in twenty uncatalogued, one in five an impact, most acknowledged and resolved. */
function incidents(n: number, entries: string[]): IncidentHistory[] {
  const step = (UNTIL.getTime() - SINCE.getTime()) / n;
  return Array.from({ length: n }, (_, i) => {
    const opened = SINCE.getTime() + Math.floor(i * step);
    const uncatalogued = i % 20 === 0;
    const iso = (offsetMs: number) => new Date(opened + offsetMs).toISOString();
    return {
      kind: 'incident',
      scope: i % 5 === 0 ? 'impact' : 'alarm',
      alertKey: `bench:alarm-${i % 5000}`,
      catalogId: uncatalogued ? null : entries[i % entries.length]!,
      severity: 'high',
      title: `Bench alarm ${i % 5000}`,
      status: i % 50 === 0 ? 'open' : 'resolved',
      openedAt: iso(0),
      lastSeen: iso(60_000),
      ...(i % 7 === 0 ? {} : { acknowledgedAt: iso(30_000 + (i % 600) * 1000), acknowledgedBy: 'U0BENCH' }),
      ...(i % 50 === 0 ? {} : { resolvedAt: iso(600_000 + (i % 3600) * 1000) }),
      occurrences: 1 + (i % 9),
      reopenings: i % 31 === 0 ? 1 : 0,
      ...(uncatalogued ? { source: { family: 'cloudwatch-alarm', name: `Unknown alarm ${i % 40}` } } : {}),
      recordVersion: 1,
      expiresAt: 2_000_000_000,
    } satisfies IncidentHistory;
  });
}

async function median(rounds: number, run: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 10) / 10;
}

async function seed(history: HistoryPort, items: IncidentHistory[], parallel: number): Promise<void> {
  for (let i = 0; i < items.length; i += parallel) await Promise.all(items.slice(i, i + parallel).map((item) => history.recordIncident(item)));
}

export async function runReportBench(options: { incidents: number; dynaliteIncidents: number; rounds: number }): Promise<ReportFigures> {
  const { runtime } = await openCatalog(path.join(root, 'alert-catalog'), { lint: false });
  const entries = Array.from({ length: 200 }, (_, i) => [...runtime.index.byId.keys()][i] ?? `bench.entry-${i}`);
  const all = incidents(options.incidents, entries);

  const memory = createMemoryHistory();
  await seed(memory, all, 1000);
  let items: HistoryItem[] = [];
  const memoryReadMs = await median(options.rounds, async () => (items = await memory.read(SINCE, UNTIL)));
  const period = { since: SINCE, until: UNTIL };
  let report = buildReport({ items, period, runtime });
  const buildMs = await median(options.rounds, () => (report = buildReport({ items, period, runtime })));
  const renderMs = await median(options.rounds, () => renderReportText(report));

  const dynamo = await startDynalite();
  try {
    const stored = createDynamoHistory({ client: dynamo.client, tableName: dynamo.historyTableName });
    await seed(stored, incidents(options.dynaliteIncidents, entries), 25);
    const start = process.hrtime.bigint();
    const read = await stored.read(SINCE, UNTIL);
    const dynaliteReadMs = Math.round(Number(process.hrtime.bigint() - start) / 1e5) / 10;
    if (read.length !== options.dynaliteIncidents) throw new Error(`dynalite returned ${read.length} of ${options.dynaliteIncidents} incidents`);
    return {
      incidents: options.incidents,
      memoryReadMs,
      buildMs,
      renderMs,
      dynaliteIncidents: options.dynaliteIncidents,
      dynaliteReadMs,
      dynaliteItemsPerSecond: Math.round(options.dynaliteIncidents / (dynaliteReadMs / 1000)),
    };
  } finally {
    await dynamo.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await runReportBench({ incidents: 100_000, dynaliteIncidents: 10_000, rounds: 5 });
  console.log(JSON.stringify(figures, null, 2));
}
