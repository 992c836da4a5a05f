/** @module Lambda entry (processor): SQS batches of raw events → the pipeline; thin wiring only. */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { Resource } from 'sst';
import { createDynamoState } from '../src/adapters/dynamo-state.ts';
import { linkedSettings, ProcessorConfig, readConfig } from '../src/adapters/lambda-config.ts';
import { openBundledCatalog } from '../src/adapters/open-bundled-catalog.ts';
import { withSlackPacing } from '../src/adapters/paced-slack.ts';
import { createSlackWebApi } from '../src/adapters/slack-web-api.ts';
import { createSignalBatchRunner } from '../src/adapters/sqs-signal-batch.ts';
import type { QueuePort } from '../src/adapters/sqs-queue.ts';
import { createProcessor } from '../src/processor/process-signals.ts';
import { lazyLifecycle, lazyPlainText, onFirstUse } from '../src/adapters/lazy-aws-ports.ts';

const logger = new Logger({ serviceName: 'clarion-processor' });
/** Structured fields go in as one extra object, which Powertools merges into the log line. */
const log = {
  info: (message: string, fields: Record<string, unknown> = {}) => logger.info(message, fields),
  warn: (message: string, fields: Record<string, unknown> = {}) => logger.warn(message, fields),
  error: (message: string, fields: Record<string, unknown> = {}) => logger.error(message, fields),
};
const metrics = new Metrics({ namespace: 'Clarion', serviceName: 'processor' });

/**
 * The queue's client loads on first use too (see lazy-aws-ports.ts): only holding back a failed
 * record, a follow-up after a resolve or for a storm group, and dead-lettering need it. It is
 * defined here because only the processor has a queue; in the shared module, esbuild would emit
 * its chunks in every function's bundle and pull a shared piece of them into their cold start.
 */
function lazyQueue(options: { queueUrl: string; deadLetterQueueUrl: string }): QueuePort {
  const port = onFirstUse(async () => (await import('../src/adapters/sqs-queue.ts')).createSqsQueue(options));
  return {
    delay: async (receiptHandle, seconds) => (await port()).delay(receiptHandle, seconds),
    scheduleRefresh: async (request, delaySeconds) => (await port()).scheduleRefresh(request, delaySeconds),
    requeue: async (body, delaySeconds) => (await port()).requeue(body, delaySeconds),
    deadLetter: async (body, reason) => (await port()).deadLetter(body, reason),
  };
}

async function build() {
  // Linked resources on AWS; environment variables of the same names locally and in tests.
  const config = readConfig(ProcessorConfig, linkedSettings(Resource, process.env));
  const runtime = await openBundledCatalog(config.CLARION_CATALOG_DIR);
  const state = createDynamoState({ client: new DynamoDBClient({}), tableName: config.CLARION_STATE_TABLE });
  const queue = lazyQueue({ queueUrl: config.CLARION_SIGNAL_QUEUE_URL, deadLetterQueueUrl: config.CLARION_DEAD_LETTER_QUEUE_URL });
  const count = (name: string, value = 1) => metrics.addMetric(name, MetricUnit.Count, value);
  const processor = createProcessor({
    runtime: () => runtime,
    state,
    // Clarion counts its own calls (per channel, and chat.update's tier) so Slack never has to say 429.
    slack: withSlackPacing(createSlackWebApi({ token: config.SLACK_BOT_TOKEN, ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}) }), {
      now: Date.now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    }),
    ...(config.CLARION_EVENT_BUS ? { lifecycle: lazyLifecycle(config.CLARION_EVENT_BUS) } : {}),
    plainText: lazyPlainText(),
    scheduleRefresh: (request, delay) => queue.scheduleRefresh(request, delay),
    now: () => new Date(),
    ...(config.CLARION_STAGE ? { stage: config.CLARION_STAGE } : {}),
    log,
    count,
  });
  return createSignalBatchRunner({ processor, queue, state, log, count });
}

let runner: ReturnType<typeof build> | undefined;

export const handler = middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  runner ??= build().catch((error: unknown) => {
    runner = undefined;
    throw error;
  });
  return (await runner)(event, context);
})
  .use(injectLambdaContext(logger, { clearState: true }))
  .use(logMetrics(metrics));
