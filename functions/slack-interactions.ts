/** @module Lambda entry (interactions, behind a Function URL): Slack button presses → state and message updates. */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import type { APIGatewayProxyResultV2, Context, LambdaFunctionURLEvent } from 'aws-lambda';
import { Resource } from 'sst';
import { createDynamoState } from '../src/adapters/dynamo-state.ts';
import { InteractionsConfig, linkedSettings, readConfig } from '../src/adapters/lambda-config.ts';
import { openBundledCatalog } from '../src/adapters/open-bundled-catalog.ts';
import { createSlackWebApi } from '../src/adapters/slack-web-api.ts';
import { answerInteraction } from '../src/interactions/answer-interaction.ts';
import { lazyLifecycle } from '../src/adapters/lazy-aws-ports.ts';

const logger = new Logger({ serviceName: 'clarion-interactions' });

async function build() {
  // Linked resources on AWS; environment variables of the same names locally and in tests.
  const config = readConfig(InteractionsConfig, linkedSettings(Resource, process.env));
  const runtime = await openBundledCatalog(config.CLARION_CATALOG_DIR);
  return {
    signingSecret: config.SLACK_SIGNING_SECRET,
    runtime: () => runtime,
    state: createDynamoState({ client: new DynamoDBClient({}), tableName: config.CLARION_STATE_TABLE }),
    // Slack waits 3 s for the answer, and the message update happens before it: keep calls short.
    slack: createSlackWebApi({ token: config.SLACK_BOT_TOKEN, timeoutMs: 2000, ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}) }),
    ...(config.CLARION_EVENT_BUS ? { lifecycle: lazyLifecycle(config.CLARION_EVENT_BUS) } : {}),
    now: () => new Date(),
    ...(config.CLARION_STAGE ? { stage: config.CLARION_STAGE } : {}),
    log: { info: (message: string, fields: Record<string, unknown> = {}) => logger.info(message, fields) },
  };
}

let deps: ReturnType<typeof build> | undefined;

export const handler = middy(async (event: LambdaFunctionURLEvent, _context: Context): Promise<APIGatewayProxyResultV2> => {
  deps ??= build().catch((error: unknown) => {
    deps = undefined;
    throw error;
  });
  // Signatures are over the exact bytes Slack sent, so the body is used as received.
  const rawBody = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  const answer = await answerInteraction({ rawBody, headers: event.headers }, await deps);
  if (answer.statusCode !== 200) logger.warn('interaction refused', { statusCode: answer.statusCode, reason: answer.reason });
  return { statusCode: answer.statusCode, body: answer.body };
}).use(injectLambdaContext(logger, { clearState: true }));
