/** @module Local stack (buffer → processor): polls the in-process queue and runs each visible batch, as the SQS event source mapping does. */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { InProcessQueue } from '../in-process-queue.ts';
import { localLambdaContext } from './lambda-context.ts';

export interface QueuePump {
  /** Looks at the queue now rather than at the next poll (after a send). */
  wake(): void;
  /** Nothing running and nothing visible: every message sent so far has been handled or is waiting on a delay. */
  idle(): boolean;
  /** Records run so far (each delivery counts, retries included), for the terminal's account of a clock advance. */
  handled(): number;
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

/** The processor Lambda's timeout, as the handler sees it locally. */
const BATCH_TIMEOUT_MS = 60_000;

export function createQueuePump(options: QueuePumpOptions): QueuePump {
  const now = options.now ?? Date.now;
  const maxSleepMs = options.maxSleepMs ?? 1000;
  let running = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let loop: Promise<void> | undefined;
  let handled = 0;

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
            response = await options.run(event, localLambdaContext('clarion-processor-local', BATCH_TIMEOUT_MS));
          } catch (error) {
            // A handler that throws fails the whole batch, as on Lambda: every record comes back.
            options.onError?.(error);
            response = { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
          }
          handled += event.Records.length;
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
    handled: () => handled,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await loop;
    },
  };
}
