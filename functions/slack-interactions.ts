/** @module Lambda entry (interactions, behind a Function URL): Slack button presses and submitted forms → state, message updates and posts, as the composition root wires them; the local stack runs this handler too. */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import type { APIGatewayProxyResultV2, Context, LambdaFunctionURLEvent } from 'aws-lambda';
import { Resource } from 'sst';
import { createDynamoHistory } from '../src/adapters/dynamo-history.ts';
import { createDynamoState } from '../src/adapters/dynamo-state.ts';
import { InteractionsConfig, linkedSettings, readConfig } from '../src/adapters/lambda-config.ts';
import { openBundledCatalog } from '../src/adapters/open-bundled-catalog.ts';
import { withStatusPageUrl } from '../src/catalog/status-page-url.ts';
import { createSlackWebApi } from '../src/adapters/slack-web-api.ts';
import { lazyLifecycle, lazyPlainText, lazyRefreshQueue } from '../src/adapters/lazy-aws-ports.ts';
import { composeInteractions } from '../src/compose/compose-interactions.ts';
import type { InteractionAnswerer } from '../src/compose/compose-interactions.ts';
import type { ClarionLog, InteractionPorts, InteractionSettings } from '../src/compose/clarion-wiring.ts';

/** What the composition root is given, apart from where log lines go. */
export interface InteractionsWiring {
  settings: InteractionSettings;
  ports: Omit<InteractionPorts, 'log' | 'count'>;
}

export interface InteractionsHandlerOptions {
  /** Read on the first invocation, not at import; a failed read is tried again on the next invocation. */
  wiring: () => Promise<InteractionsWiring>;
  /** Where log lines go instead of Powertools' JSON lines on stdout (the local stack's terminal); the middleware still runs, over a logger kept quiet. */
  telemetry?: { log: ClarionLog };
  /**
   * Whether middy answers early when the invocation is about to time out (default true: Lambda
   * then stops the function). The local stack turns it off: nothing stops the work there, so an
   * early answer would leave it running beside the next batch, or after its press was answered.
   */
  earlyTimeout?: boolean;
}

/** The middy handler Lambda runs: Powertools logging around the interaction answer. */
export function createInteractionsHandler(options: InteractionsHandlerOptions) {
  const logger = new Logger({ serviceName: 'clarion-interactions', ...(options.telemetry ? { logLevel: 'SILENT' as const } : {}) });
  // Structured fields go in as one extra object, which Powertools merges into the log line.
  const log: ClarionLog = options.telemetry?.log ?? {
    info: (message, fields = {}) => logger.info(message, fields),
    warn: (message, fields = {}) => logger.warn(message, fields),
    error: (message, fields = {}) => logger.error(message, fields),
  };

  let answerer: Promise<InteractionAnswerer> | undefined;
  const build = async () => {
    const { settings, ports } = await options.wiring();
    return composeInteractions(settings, { ...ports, log });
  };

  return middy(
    async (event: LambdaFunctionURLEvent, _context: Context): Promise<APIGatewayProxyResultV2> => {
      answerer ??= build().catch((error: unknown) => {
        answerer = undefined;
        throw error;
      });
      // Signatures are over the exact bytes Slack sent, so the body is used as received.
      const rawBody = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
      const answer = await (await answerer)({ rawBody, headers: event.headers });
      if (answer.statusCode !== 200) log.warn('interaction refused', { statusCode: answer.statusCode, reason: answer.reason });
      return { statusCode: answer.statusCode, body: answer.body, ...(answer.headers ? { headers: answer.headers } : {}) };
    },
    options.earlyTimeout === false ? { timeoutEarlyInMillis: 0 } : {},
  ).use(injectLambdaContext(logger, { clearState: true }));
}

/** The settings and ports on AWS. */
async function awsWiring(): Promise<InteractionsWiring> {
  // Linked resources on AWS; environment variables of the same names locally and in tests.
  const config = readConfig(InteractionsConfig, linkedSettings(Resource, process.env));
  // Local-office messages link to the deployed status page unless the configuration names another.
  const runtime = withStatusPageUrl(await openBundledCatalog(config.CLARION_CATALOG_DIR), config.CLARION_STATUS_PAGE_URL);
  return {
    settings: { signingSecret: config.SLACK_SIGNING_SECRET, ...(config.CLARION_STAGE ? { stage: config.CLARION_STAGE } : {}) },
    ports: {
      runtime: () => runtime,
      state: createDynamoState({ client: new DynamoDBClient({}), tableName: config.CLARION_STATE_TABLE }),
      ...(config.CLARION_HISTORY_TABLE ? { history: createDynamoHistory({ client: new DynamoDBClient({}), tableName: config.CLARION_HISTORY_TABLE }) } : {}),
      // Slack waits 3 s for the answer, and the message update happens before it: keep calls short.
      slack: createSlackWebApi({ token: config.SLACK_BOT_TOKEN, timeoutMs: 2000, ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}) }),
      ...(config.CLARION_EVENT_BUS ? { lifecycle: lazyLifecycle(config.CLARION_EVENT_BUS) } : {}),
      // "Tell local offices" posts as the processor does, plain-text copy included for audiences with an SNS topic.
      plainText: lazyPlainText(),
      ...(config.CLARION_SIGNAL_QUEUE_URL ? { queue: lazyRefreshQueue(config.CLARION_SIGNAL_QUEUE_URL) } : {}),
      now: () => new Date(),
    },
  };
}

export const handler = createInteractionsHandler({ wiring: awsWiring });
