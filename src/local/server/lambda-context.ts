/** @module Local stack (Lambda stand-in): the invocation context the Lambda runtime would pass the real handlers. */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/**
 * The handlers read the remaining time (the batch runner stops starting records, middy stops
 * waiting) and Powertools reads the identity for its log fields; the rest is for the type.
 * The deadline runs on the real clock, as Lambda's does: moving the stack's clock does not time out a batch.
 */
export function localLambdaContext(functionName: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: 'local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
