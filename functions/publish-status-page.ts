/** @module Lambda entry (status page publisher): a batch from the history table's stream → the status page rendered from the last 90 days and written to S3 for CloudFront. */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { Resource } from 'sst';
import { createDynamoHistory } from '../src/adapters/dynamo-history.ts';
import { linkedSettings, PublisherConfig, readConfig } from '../src/adapters/lambda-config.ts';
import { openBundledCatalog } from '../src/adapters/open-bundled-catalog.ts';
import { publishStatusFiles, statusKeyPrefix } from '../src/adapters/s3-status-page.ts';
import type { CatalogRuntime } from '../src/catalog/catalog-runtime.ts';
import type { HistoryPort } from '../src/core/history.ts';
import { buildStatusPage } from '../src/history/status-page.ts';

export interface PublisherWiring {
  history: HistoryPort;
  runtime: () => CatalogRuntime;
  now: () => Date;
  stage?: string;
  s3: S3Client;
  bucket: string;
  /** `''` or `<secret>/`. */
  prefix: string;
}

export interface PublishOutcome {
  published: boolean;
  /** Stream records in the batch (each batch renders the page once, however many changed). */
  records: number;
}

/*
 * The page is rendered whole from history on every batch rather than patched from the records:
 * the stream says that something changed, history says what the page is, so a lost or repeated
 * batch can never leave the page wrong — the next one rewrites it all. A failure throws, and the
 * stream retries the batch.
 */
export function createPublishHandler(options: { wiring: () => Promise<PublisherWiring>; logger?: Logger }) {
  const logger = options.logger ?? new Logger({ serviceName: 'clarion-status-page' });
  let wired: Promise<PublisherWiring> | undefined;
  const wiring = () => {
    wired ??= options.wiring().catch((error: unknown) => {
      // A failed read (a missing setting) is tried again on the next invocation.
      wired = undefined;
      throw error;
    });
    return wired;
  };
  const publish = async (event: DynamoDBStreamEvent): Promise<PublishOutcome> => {
    const w = await wiring();
    const files = await buildStatusPage({ history: w.history, runtime: w.runtime, now: w.now, ...(w.stage ? { stage: w.stage } : {}) });
    await publishStatusFiles({ s3: w.s3, bucket: w.bucket, prefix: w.prefix, files });
    const records = event.Records?.length ?? 0;
    logger.info('status page published', { records, state: files.model.overall.state });
    return { published: true, records };
  };
  return middy(publish).use(injectLambdaContext(logger));
}

async function awsWiring(): Promise<PublisherWiring> {
  const config = readConfig(PublisherConfig, linkedSettings(Resource, process.env));
  const runtime = await openBundledCatalog(config.CLARION_CATALOG_DIR);
  return {
    history: createDynamoHistory({ client: new DynamoDBClient({}), tableName: config.CLARION_HISTORY_TABLE }),
    runtime: () => runtime,
    now: () => new Date(),
    ...(config.CLARION_STAGE ? { stage: config.CLARION_STAGE } : {}),
    s3: new S3Client({}),
    bucket: config.CLARION_STATUS_BUCKET,
    prefix: statusKeyPrefix(config.CLARION_STATUS_PAGE_PATH),
  };
}

export const handler = createPublishHandler({ wiring: awsWiring });
