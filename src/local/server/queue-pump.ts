/** @module Local stack (buffer → processor): polls the in-process queue and runs each visible batch, as the SQS event source mapping does. */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { InProcessQueue } from '../in-process-queue.ts';

export interface QueuePump {
  /** Looks at the queue now rather than at the next poll (after a send). */
  wake(): void;
  /** Nothing running and nothing visible: every message sent so far has been handled or is waiting on a delay. */
  idle(): boolean;
  stop(): Promise<void>;
}

export interface QueuePumpOptions {
  queue: InProcessQueue;
  run: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
  now?: () => number;
  /** Longest sleep between looks at the queue; delays and visibility timeouts are honoured to this grain. */
  maxSleepMs?: number;
  onError?: (error: unknown) => void;
  /** The handler's answer failed the whole batch (an unknown or empty itemIdentifier), as Lambda would read it. */
  onWholeBatchFailed?: (reason: string, messageIds: string[]) => void;
}

/** What the Lambda runtime would pass; the batch utilities only read a few fields. */
function localContext(): Context {
  const deadline = Date.now() + 60_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'clarion-processor-local',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:clarion-processor-local',
    memoryLimitInMB: '512',
    awsRequestId: `local-${Date.now().toString(36)}`,
    logGroupName: 'local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

export function createQueuePump(options: QueuePumpOptions): QueuePump {
  const now = options.now ?? Date.now;
  const maxSleepMs = options.maxSleepMs ?? 1000;
  let running = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let loop: Promise<void> | undefined;

  const visibleNow = (): boolean => {
    const next = options.queue.nextVisibleAt();
    return next !== null && next <= now();
  };

  const schedule = (): void => {
    if (stopped) return;
    clearTimeout(timer);
    const next = options.queue.nextVisibleAt();
    const wait = next === null ? maxSleepMs : Math.min(maxSleepMs, Math.max(0, next - now()));
    timer = setTimeout(() => void drain(), wait);
  };

  const drain = async (): Promise<void> => {
    if (running || stopped) return;
    running = true;
    loop = (async () => {
      try {
        for (let event = options.queue.receive(); event && !stopped; event = options.queue.receive()) {
          let response: SQSBatchResponse | undefined;
          try {
            response = await options.run(event, localContext());
          } catch (error) {
            // A handler that throws fails the whole batch, as on Lambda: every record comes back.
            options.onError?.(error);
            response = { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
          }
          const settled = options.queue.settle(event, response);
          if (settled.wholeBatchFailed) options.onWholeBatchFailed?.(settled.wholeBatchFailed, event.Records.map((r) => r.messageId));
        }
      } finally {
        running = false;
        schedule();
      }
    })();
    await loop;
  };

  schedule();
  return {
    wake() {
      if (!running) setImmediate(() => void drain());
    },
    idle: () => !running && !visibleNow(),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await loop;
    },
  };
}
