/** @module Lambda entry (processor): SQS batches of raw events → the pipeline, as the composition root wires it, and direct invocations → the queue; the local stack runs this handler too. */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import type { Context, SQSBatchResponse } from 'aws-lambda';
import { Resource } from 'sst';
import { createDynamoHistory } from '../src/adapters/dynamo-history.ts';
import { createDynamoState } from '../src/adapters/dynamo-state.ts';
import { linkedSettings, ProcessorConfig, readConfig } from '../src/adapters/lambda-config.ts';
import { openBundledCatalog } from '../src/adapters/open-bundled-catalog.ts';
import { withStatusPageUrl } from '../src/catalog/status-page-url.ts';
import { withSlackPacing } from '../src/adapters/paced-slack.ts';
import { createSlackWebApi } from '../src/adapters/slack-web-api.ts';
import { pagerDutyFromSettings } from '../src/adapters/pagerduty-events.ts';
import type { QueuePort } from '../src/adapters/sqs-queue.ts';
import { describeBody, isSqsEvent } from '../src/adapters/sqs-signal-batch.ts';
import { lazyFixes, lazyLifecycle, lazyPlainText, lazySloFigures, onFirstUse } from '../src/adapters/lazy-aws-ports.ts';
import { composeSignalBatch } from '../src/compose/compose-processor.ts';
import type { SignalBatchRunner } from '../src/compose/compose-processor.ts';
import type { ClarionCount, ClarionLog, ClarionSettings, ProcessorPorts } from '../src/compose/clarion-wiring.ts';

/** What the composition root is given, apart from where log lines and counters go. */
export interface ProcessorWiring {
  settings: ClarionSettings;
  ports: Omit<ProcessorPorts, 'log' | 'count'> & { queue: QueuePort };
}

export interface ProcessorHandlerOptions {
  /** Read on the first invocation, not at import; a failed read is tried again on the next invocation. */
  wiring: () => Promise<ProcessorWiring>;
  /**
   * Where log lines and counters go instead of Powertools' JSON lines and EMF metrics on stdout
   * (the local stack's terminal). The middleware still runs, over a logger and metrics kept quiet.
   */
  telemetry?: { log: ClarionLog; count?: ClarionCount };
  /**
   * Whether middy answers early when the invocation is about to time out (default true: Lambda
   * then stops the function). The local stack turns it off: nothing stops the work there, so an
   * early answer would leave it running beside the next batch, or after its press was answered.
   */
  earlyTimeout?: boolean;
}

/** Powertools' own warnings (an empty metrics flush) are for CloudWatch, not a terminal. */
const QUIET = { debug() {}, info() {}, warn() {}, error() {} };

/** The middy handler Lambda runs: Powertools logging and metrics around the batch runner. */
export function createProcessorHandler(options: ProcessorHandlerOptions) {
  const quiet = options.telemetry !== undefined;
  const logger = new Logger({ serviceName: 'clarion-processor', ...(quiet ? { logLevel: 'SILENT' as const } : {}) });
  const metrics = new Metrics({ namespace: 'Clarion', serviceName: 'processor', ...(quiet ? { logger: QUIET } : {}) });
  const telemetry = options.telemetry ?? {
    // Structured fields go in as one extra object, which Powertools merges into the log line.
    log: {
      info: (message: string, fields: Record<string, unknown> = {}) => logger.info(message, fields),
      warn: (message: string, fields: Record<string, unknown> = {}) => logger.warn(message, fields),
      error: (message: string, fields: Record<string, unknown> = {}) => logger.error(message, fields),
    },
    count: (name: string, value = 1) => metrics.addMetric(name, MetricUnit.Count, value),
  };

  let built: Promise<{ runBatch: SignalBatchRunner; queue: QueuePort }> | undefined;
  const build = async () => {
    const { settings, ports } = await options.wiring();
    const { runBatch } = composeSignalBatch(settings, { ...ports, log: telemetry.log, ...(telemetry.count ? { count: telemetry.count } : {}) });
    return { runBatch, queue: ports.queue };
  };

  return middy(
    // An SQS batch, or whatever a direct invocation carries.
    async (event: unknown, context: Context): Promise<SQSBatchResponse> => {
      built ??= build().catch((error: unknown) => {
        built = undefined;
        throw error;
      });
      const { runBatch, queue } = await built;
      if (isSqsEvent(event)) return runBatch(event, context);
      /*
       * Anything else was invoked directly: a CloudWatch alarm's Lambda action, SNS, a test
       * invoke. Processed here, it would skip what the queue gives every other source (retries
       * with backoff, the dead-letter queue, one batch at a time within the concurrency cap that
       * keeps Slack's limits), so it goes onto the queue as it came and is processed from there.
       * A failed send fails the invocation, and the invoker retries (CloudWatch, SNS and Lambda's
       * asynchronous queue all do).
       */
      await queue.requeue(JSON.stringify(event ?? null), 0);
      telemetry.log.info('direct invocation put on the signal queue', { about: describeBody(event) });
      // Nothing failed; an asynchronous invoker does not read the answer.
      return { batchItemFailures: [] };
    },
    options.earlyTimeout === false ? { timeoutEarlyInMillis: 0 } : {},
  )
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(logMetrics(metrics));
}

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

/** The settings and ports on AWS. */
async function awsWiring(): Promise<ProcessorWiring> {
  // Linked resources on AWS; environment variables of the same names locally and in tests.
  const config = readConfig(ProcessorConfig, linkedSettings(Resource, process.env));
  // Local-office messages link to the deployed status page unless the configuration names another.
  const runtime = withStatusPageUrl(await openBundledCatalog(config.CLARION_CATALOG_DIR), config.CLARION_STATUS_PAGE_URL);
  return {
    settings: config.CLARION_STAGE ? { stage: config.CLARION_STAGE } : {},
    ports: {
      runtime: () => runtime,
      state: createDynamoState({ client: new DynamoDBClient({}), tableName: config.CLARION_STATE_TABLE }),
      ...(config.CLARION_HISTORY_TABLE ? { history: createDynamoHistory({ client: new DynamoDBClient({}), tableName: config.CLARION_HISTORY_TABLE }) } : {}),
      // Clarion counts its own calls (per channel, and chat.update's tier) so Slack never has to say 429.
      slack: withSlackPacing(createSlackWebApi({ token: config.SLACK_BOT_TOKEN, ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}) }), {
        now: Date.now,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      }),
      ...(config.CLARION_EVENT_BUS ? { lifecycle: lazyLifecycle(config.CLARION_EVENT_BUS) } : {}),
      plainText: lazyPlainText(),
      // SLO alerts read their burn rates from CloudWatch when they fire (needs cloudwatch:GetMetricData).
      sloFigures: lazySloFigures(),
      queue: lazyQueue({ queueUrl: config.CLARION_SIGNAL_QUEUE_URL, deadLetterQueueUrl: config.CLARION_DEAD_LETTER_QUEUE_URL }),
      // The routing key comes from the secret (its placeholder `unset` means none); the address from the configuration or CLARION_PAGERDUTY_URL.
      paging: pagerDutyFromSettings(() => runtime.config.paging, (name) => {
        const value = name === 'CLARION_PAGERDUTY_ROUTING_KEY' ? config.CLARION_PAGERDUTY_ROUTING_KEY : process.env[name];
        return value === 'unset' ? undefined : value;
      }),
      // Automatic fixes call their targets in the target's own region; an SSM document named without an ARN runs here.
      fixes: lazyFixes(process.env['AWS_REGION']),
      now: () => new Date(),
    },
  };
}

export const handler = createProcessorHandler({ wiring: awsWiring });
