/** @module Infrastructure (buffer): the signal queue every source feeds, and its dead-letter queue. */

/*
 * Retention is SQS's maximum, 14 days, on both queues: a standard queue keeps a message's
 * original enqueue time when it moves to the dead-letter queue, so a shorter DLQ retention would
 * expire dead letters early. `clarion dlq` lists them and `clarion redrive` moves them back.
 */
const FOURTEEN_DAYS = 14 * 24 * 3600;

/** Dead letters: records that failed `RETRIES` times, records Slack refused for good (with ERROR_CODE), and events EventBridge could not deliver (with RULE_ARN). */
export const deadLetterQueue = new sst.aws.Queue('DeadLetterQueue', {
  transform: { queue: { messageRetentionSeconds: FOURTEEN_DAYS } },
});

/*
 * Receives before a record is dead-lettered. The processor fails records that Slack rate-limits
 * (hiding them for Retry-After) and lets SQS deliver them again, so in a long storm one record
 * can be received several times without anything being wrong; 10 rides that out.
 */
export const RETRIES = 10;

/** The processor's timeout; AWS wants a queue's visibility timeout at least that long, and advises six times. */
export const PROCESSOR_TIMEOUT_SECONDS = 60;

export const signalQueue = new sst.aws.Queue('SignalQueue', {
  visibilityTimeout: `${PROCESSOR_TIMEOUT_SECONDS * 6} seconds`,
  dlq: { queue: deadLetterQueue.arn, retry: RETRIES },
  transform: { queue: { messageRetentionSeconds: FOURTEEN_DAYS } },
});
