/** @module Adapters (stage 2½, measure): reads an SLO's good and total counts over a window from CloudWatch GetMetricData. */
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { SloFiguresPort, SloSums } from '../core/ports.ts';
import { countQueries } from '../slo/metric-queries.ts';

/*
 * The same two counts the alarms' metric math reads (`countQueries`), one period the length of the
 * window, so the figures are the alarms' own numbers. CloudWatch may round the start down (to the
 * minute; to 5 minutes beyond 15 days, to the hour beyond 63), which can split the window into two
 * periods: every value returned is added up. The client gives up quickly: the alert must not wait
 * on figures (the measure stage sends it without them).
 */

const MINUTE = 60_000;

export interface CloudWatchSloFiguresOptions {
  /** Default: a client from the environment that gives up after 2 s and tries twice. */
  client?: CloudWatchClient;
}

export function createCloudWatchSloFigures(options: CloudWatchSloFiguresOptions = {}): SloFiguresPort {
  const client = options.client ?? new CloudWatchClient({ maxAttempts: 2, requestHandler: { requestTimeout: 2000, connectionTimeout: 1000 } });
  return {
    async sums({ source, from, to }): Promise<SloSums> {
      // Whole minutes: a period must be a multiple of 60 s, and the last, unfinished minute is not counted yet anyway.
      const end = new Date(Math.floor(to.getTime() / MINUTE) * MINUTE);
      // The window's length as asked, in whole minutes: the period, and how far back from `end` it starts.
      const span = Math.max(60, Math.round((to.getTime() - from.getTime()) / MINUTE) * 60);
      const start = new Date(end.getTime() - span * 1000);
      const queries: MetricDataQuery[] = countQueries(source, span).map((q) => ({
        Id: q.id,
        MetricStat: {
          Metric: { Namespace: q.namespace, MetricName: q.metricName, Dimensions: Object.entries(q.dimensions).map(([Name, Value]) => ({ Name, Value })) },
          Period: q.period,
          Stat: q.stat,
        },
        ReturnData: true,
      }));
      const sums: SloSums = { good: 0, total: 0 };
      let nextToken: string | undefined;
      do {
        const page = await client.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end, ScanBy: 'TimestampAscending', ...(nextToken ? { NextToken: nextToken } : {}) }));
        for (const result of page.MetricDataResults ?? []) {
          const id = result.Id === 'good' || result.Id === 'total' ? result.Id : undefined;
          if (id) sums[id] += (result.Values ?? []).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
        }
        nextToken = page.NextToken;
      } while (nextToken);
      return sums;
    },
  };
}
