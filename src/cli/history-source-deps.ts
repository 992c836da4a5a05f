/** @module CLI: what commands that read history are given — the running local stack's fetch or DynamoDB, the environment and the clock — so tests hand in dynalite and a fixed time. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface HistorySourceDeps {
  env: Record<string, string | undefined>;
  dynamo: () => DynamoDBClient;
  fetch: typeof fetch;
  now: () => Date;
}

export const defaultHistorySourceDeps = (): HistorySourceDeps => ({
  env: process.env,
  dynamo: () => new DynamoDBClient({}),
  fetch: (...args) => fetch(...args),
  now: () => new Date(),
});
