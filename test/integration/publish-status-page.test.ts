// The status page publisher Lambda: a history stream batch → the page rendered from dynalite's history and written to (mocked) S3.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoHistory } from '../../src/adapters/dynamo-history.ts';
import { statusKeyPrefix, StatusPagePublishError } from '../../src/adapters/s3-status-page.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';
import { ROOT } from './harness.ts';

const s3 = mockClient(S3Client);
const SECRET = 'k3Lr9vQ2mX8pT4wZ';
let dynamo: LocalDynamo;
let handler: (event: DynamoDBStreamEvent, context: Context) => Promise<{ published: boolean; records: number }>;
const saved = { ...process.env };

const context = { functionName: 'clarion-status-page', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
const streamBatch = { Records: [{ eventName: 'MODIFY', dynamodb: { NewImage: { scope: { S: 'impact' } } } }] } as unknown as DynamoDBStreamEvent;

beforeAll(async () => {
  dynamo = await startDynalite({ tableName: 'clarion-publisher-test' });
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    CLARION_HISTORY_TABLE: dynamo.historyTableName,
    CLARION_STATUS_BUCKET: 'clarion-status-test',
    CLARION_STATUS_PAGE_PATH: SECRET,
    CLARION_CATALOG_DIR: `${ROOT}/alert-catalog`,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  await createDynamoHistory({ client: dynamo.client, tableName: dynamo.historyTableName }).recordIncident({
    kind: 'incident',
    scope: 'impact',
    alertKey: 'impact:group:trainee-portal',
    catalogId: 'portal.app-down',
    group: 'trainee-portal',
    severity: 'critical',
    title: 'trainee-portal-prod-unhealthy-hosts arn:aws:elasticloadbalancing:eu-west-2:111111111111:targetgroup/web',
    status: 'open',
    openedAt: new Date(Date.now() - 60_000).toISOString(),
    lastSeen: new Date().toISOString(),
    occurrences: 1,
    reopenings: 0,
    recordVersion: 1,
    expiresAt: Math.floor(Date.now() / 1000) + 86_400,
  });
  ({ handler } = (await import('../../functions/publish-status-page.ts')) as unknown as { handler: typeof handler });
});

afterAll(async () => {
  process.env = saved;
  await dynamo.close();
});

beforeEach(() => {
  s3.reset();
  s3.on(PutObjectCommand).resolves({ ETag: '"x"' });
});

describe('status page publisher (Lambda)', () => {
  it('writes the three files under the secret path with their types and a short cache lifetime', async () => {
    // Act
    await handler(streamBatch, context);

    // Assess
    const puts = s3.commandCalls(PutObjectCommand).map((call) => ({ key: call.args[0].input.Key, type: call.args[0].input.ContentType, cache: call.args[0].input.CacheControl, bucket: call.args[0].input.Bucket }));
    expect(puts).toEqual([
      { key: `${SECRET}/status.json`, type: 'application/json; charset=utf-8', cache: 'public, max-age=10, must-revalidate', bucket: 'clarion-status-test' },
      { key: `${SECRET}/feed.atom`, type: 'application/atom+xml; charset=utf-8', cache: 'public, max-age=10, must-revalidate', bucket: 'clarion-status-test' },
      { key: `${SECRET}/index.html`, type: 'text/html; charset=utf-8', cache: 'public, max-age=10, must-revalidate', bucket: 'clarion-status-test' },
    ]);
  });

  it('publishes what history says, in catalog words and without engineering detail', async () => {
    // Act
    await handler(streamBatch, context);

    // Assess
    const html = String(s3.commandCalls(PutObjectCommand).find((call) => call.args[0].input.Key?.endsWith('index.html'))!.args[0].input.Body);
    expect([html.includes('The Trainee Portal is down'), html.includes('Not working'), /unhealthy-hosts|arn:aws|111111111111/.test(html)]).toEqual([true, true, false]);
  });

  it('fails the batch when S3 refuses, so the stream retries it', async () => {
    // Prepare
    s3.on(PutObjectCommand).rejects(new Error('AccessDenied'));

    // Act
    const outcome = handler(streamBatch, context);

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(StatusPagePublishError);
  });

  it('refuses a secret path too short to be a secret', () => {
    // Act
    const short = () => statusKeyPrefix('abc');

    // Assess
    expect(short).toThrow(StatusPagePublishError);
  });

  it('puts the files at the bucket root when the secret path is its placeholder', () => {
    // Act
    const prefixes = [statusKeyPrefix('none'), statusKeyPrefix(undefined)];

    // Assess
    expect(prefixes).toEqual(['', '']);
  });
});
