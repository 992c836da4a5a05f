/** @module Lambda entry (history metrics): the history table's stream → CloudWatch metrics (EMF through Powertools) for the dashboard. */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { Resource } from 'sst';
import { historyChangesOf } from '../src/adapters/history-stream.ts';
import { HistoryMetricsConfig, linkedSettings, readConfig } from '../src/adapters/lambda-config.ts';
import { openBundledCatalog } from '../src/adapters/open-bundled-catalog.ts';
import type { CatalogRuntime } from '../src/catalog/catalog-runtime.ts';
import { HISTORY_METRICS_SERVICE, historyMetrics } from '../src/history/history-metrics.ts';
import { officeHoursFor } from '../src/pipeline/office-hours.ts';

export interface HistoryMetricsWiring {
  runtime: CatalogRuntime;
  stage?: string;
}

export interface HistoryMetricsHandlerOptions {
  /** Read on the first invocation; a failed read is tried again on the next. */
  wiring: () => Promise<HistoryMetricsWiring>;
}

/** The middy handler Lambda runs on each batch of the history table's stream. */
export function createHistoryMetricsHandler(options: HistoryMetricsHandlerOptions) {
  const logger = new Logger({ serviceName: 'clarion-history-metrics' });
  const metrics = new Metrics({ namespace: 'Clarion', serviceName: HISTORY_METRICS_SERVICE });
  let wired: Promise<HistoryMetricsWiring> | undefined;

  return middy(async (event: DynamoDBStreamEvent, _context: Context): Promise<void> => {
    wired ??= options.wiring().catch((error: unknown) => {
      wired = undefined;
      throw error;
    });
    const { runtime, stage } = await wired;
    // Read at each batch: a deploy with new office hours replaces the function, but nothing here should outlive it.
    const officeHours = officeHoursFor(runtime.config, stage);
    const { changes, skipped } = historyChangesOf(event.Records ?? []);
    for (const record of skipped) logger.warn('history stream record skipped', { ...record });
    for (const change of changes) {
      for (const metric of historyMetrics(change, officeHours)) {
        const unit = MetricUnit[metric.unit];
        if (!metric.dimensions) {
          metrics.addMetric(metric.name, unit, metric.value);
          continue;
        }
        // A dimension set of its own: Powertools' dimensions otherwise apply to every metric of the flush.
        const single = metrics.singleMetric();
        for (const [name, value] of Object.entries(metric.dimensions)) single.addDimension(name, value);
        single.addMetric(metric.name, unit, metric.value);
      }
    }
  })
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(logMetrics(metrics));
}

async function awsWiring(): Promise<HistoryMetricsWiring> {
  const config = readConfig(HistoryMetricsConfig, linkedSettings(Resource, process.env));
  const runtime = await openBundledCatalog(config.CLARION_CATALOG_DIR);
  return { runtime, ...(config.CLARION_STAGE ? { stage: config.CLARION_STAGE } : {}) };
}

export const handler = createHistoryMetricsHandler({ wiring: awsWiring });
