/** @module Local stack: a stand-in for CloudWatch metrics — takes PutMetricData-like JSON (`POST /api/metrics`) and answers the SLO figures port from what it holds. */
import * as z from 'zod';
import { ClarionError } from '../core/clarion-error.ts';
import type { SloFiguresPort, SloMetricRef, SloSums } from '../core/ports.ts';

/*
 * Enough of CloudWatch for an SLO's figures: each datapoint keeps its samples (a `Value`, or
 * `Values` with `Counts`), so the same store answers a good/total pair (sums) and a latency
 * threshold (samples at or under it, as `TC(:threshold)` counts them). Held in memory, bounded:
 * the oldest datapoints go first.
 */

/*
 * Counts and times only: a negative one would pass as a good/total pair whose bad events outnumber
 * its total, and CloudWatch itself refuses a value beyond 2^360 — past which sums stop being numbers.
 */
const NOT_NEGATIVE = 'must not be negative: an SLO counts events and times them, and neither goes below zero';
const MAX_VALUE = 2 ** 360;
const Sample = z.number().finite().nonnegative(NOT_NEGATIVE).max(MAX_VALUE, 'must be at most 2^360, as CloudWatch takes it');

const Dimension = z.object({ Name: z.string().min(1).max(255), Value: z.string().min(1).max(1024) }).strict();

const Datum = z
  .object({
    MetricName: z.string().min(1).max(255),
    Dimensions: z.array(Dimension).max(30).default([]),
    /** ISO time; default the stack's clock. */
    Timestamp: z.iso.datetime({ offset: true }).optional(),
    Value: Sample.optional(),
    Values: z.array(Sample).max(150).optional(),
    Counts: z.array(Sample).max(150).optional(),
    Unit: z.string().max(40).optional(),
  })
  .strict()
  .refine((d) => (d.Value !== undefined) !== (d.Values !== undefined), { message: 'needs either Value or Values' })
  .refine((d) => d.Counts === undefined || (d.Values !== undefined && d.Counts.length === d.Values.length), { message: 'Counts must be as long as Values' });

/** One request, as CloudWatch's PutMetricData takes it (JSON, not the query protocol). */
export const PutMetricDataRequest = z
  .object({
    Namespace: z.string().min(1).max(255),
    MetricData: z.array(Datum).min(1).max(1000),
  })
  .strict();
export type PutMetricDataRequest = z.infer<typeof PutMetricDataRequest>;

export class MetricDataError extends ClarionError {}

interface Point {
  at: number;
  values: number[];
  counts: number[];
}

/** What the store holds of one metric, for `GET /api/metrics`. */
export interface HeldMetric {
  namespace: string;
  metric: string;
  dimensions: Record<string, string>;
  datapoints: number;
  samples: number;
  first: string;
  last: string;
}

export interface MetricStore extends SloFiguresPort {
  /** Stores a request's datapoints; returns how many. Throws `MetricDataError` on a malformed one. */
  put(body: unknown): number;
  list(): HeldMetric[];
  clear(): void;
}

/** At most this many datapoints are held, across every metric. */
export const MAX_POINTS = 100_000;

function keyOf(namespace: string, metric: string, dimensions: Record<string, string>): string {
  const dims = Object.keys(dimensions)
    .sort()
    .map((k) => `${k}=${dimensions[k]}`)
    .join(',');
  return `${namespace}\0${metric}\0${dims}`;
}

/** The index of the first point at or after `at` in points sorted by time. */
function firstAtOrAfter(points: Point[], at: number): number {
  let [low, high] = [0, points.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (points[mid]!.at < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function createMetricStore(options: { now: () => Date }): MetricStore {
  const metrics = new Map<string, { ref: SloMetricRef; points: Point[] }>();
  let held = 0;

  function dropOldest(): void {
    let oldest: { points: Point[] } | undefined;
    for (const m of metrics.values()) if (m.points.length > 0 && (!oldest || m.points[0]!.at < oldest.points[0]!.at)) oldest = m;
    if (oldest) {
      oldest.points.shift();
      held--;
    }
  }

  function pointsIn(ref: SloMetricRef, from: Date, to: Date): Point[] {
    const m = metrics.get(keyOf(ref.namespace, ref.metric, ref.dimensions));
    if (!m) return [];
    // Points are kept in time order: two binary searches find the window.
    return m.points.slice(firstAtOrAfter(m.points, from.getTime()), firstAtOrAfter(m.points, to.getTime()));
  }

  const sumOf = (points: Point[]) => points.reduce((a, p) => a + p.values.reduce((s, v, i) => s + v * p.counts[i]!, 0), 0);
  const countOf = (points: Point[], keep: (v: number) => boolean = () => true) =>
    points.reduce((a, p) => a + p.values.reduce((s, v, i) => s + (keep(v) ? p.counts[i]! : 0), 0), 0);

  return {
    put(body) {
      const parsed = PutMetricDataRequest.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new MetricDataError(`${issue.path.join('.') || 'the request'}: ${issue.message}`);
      }
      const now = options.now().getTime();
      for (const datum of parsed.data.MetricData) {
        const dimensions = Object.fromEntries(datum.Dimensions.map((d) => [d.Name, d.Value]));
        const key = keyOf(parsed.data.Namespace, datum.MetricName, dimensions);
        let m = metrics.get(key);
        if (!m) metrics.set(key, (m = { ref: { namespace: parsed.data.Namespace, metric: datum.MetricName, dimensions }, points: [] }));
        const values = datum.Values ?? [datum.Value!];
        const point: Point = { at: datum.Timestamp ? Date.parse(datum.Timestamp) : now, values, counts: datum.Counts ?? values.map(() => 1) };
        // Kept in time order, so the oldest is always first; datapoints mostly arrive in order.
        let i = m.points.length;
        while (i > 0 && m.points[i - 1]!.at > point.at) i--;
        m.points.splice(i, 0, point);
        if (++held > MAX_POINTS) dropOldest();
      }
      return parsed.data.MetricData.length;
    },
    list() {
      return [...metrics.values()]
        .filter((m) => m.points.length > 0)
        .map((m) => ({
          namespace: m.ref.namespace,
          metric: m.ref.metric,
          dimensions: m.ref.dimensions,
          datapoints: m.points.length,
          samples: countOf(m.points),
          first: new Date(m.points[0]!.at).toISOString(),
          last: new Date(m.points.at(-1)!.at).toISOString(),
        }));
    },
    clear() {
      metrics.clear();
      held = 0;
    },
    async sums({ source, from, to }): Promise<SloSums> {
      if (source.kind === 'counts') return { good: sumOf(pointsIn(source.good, from, to)), total: sumOf(pointsIn(source.total, from, to)) };
      const points = pointsIn(source.latency, from, to);
      return { good: countOf(points, (v) => v <= source.threshold), total: countOf(points) };
    },
  };
}
