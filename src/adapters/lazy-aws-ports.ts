/** @module Lambda edge (shared by the entry points): ports whose AWS client loads on first use, not at cold start. */
import type { LifecyclePort, PlainTextPort, SloFiguresPort } from '../core/ports.ts';
import type { FixPort } from '../core/fix-call.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';

/*
 * Only some paths use these clients: SNS only for audiences that take plain text, EventBridge
 * only when an alert changes state. Loading an AWS SDK client costs milliseconds and tens of KB
 * at cold start, so each port imports its adapter the first time it is used, then keeps it for
 * the life of the container. SST's code splitting puts each adapter and its client in chunks of
 * their own, next to the shared SDK core the DynamoDB client has already loaded. The adapters
 * build their own client: importing `@aws-sdk/client-*` here would load the package's whole
 * namespace (every command, and a 13 KB export table), which esbuild cannot prune.
 * DynamoDB, Slack and Powertools serve every invocation and stay in the entry's static imports:
 * deferring them would only move their cost from the import into the first invocation.
 */

/** Runs `load` once, on first use; a failed load is forgotten so the next call tries again. */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
}

export function lazyLifecycle(busName: string): LifecyclePort {
  const port = onFirstUse(async () => (await import('./eventbridge-lifecycle.ts')).createEventBridgeLifecycle({ busName }));
  return { publish: async (events) => (await port()).publish(events) };
}

/** The signal queue, for the requests the interactions function queues (a silence's quiet line and end): SQS loads on the first. */
export function lazyRefreshQueue(queueUrl: string): { scheduleRefresh(request: RefreshRequest, delaySeconds: number): Promise<void> } {
  const port = onFirstUse(async () => (await import('./sqs-queue.ts')).createSqsQueue({ queueUrl, deadLetterQueueUrl: queueUrl }));
  return { scheduleRefresh: async (request, delaySeconds) => (await port()).scheduleRefresh(request, delaySeconds) };
}

export function lazyPlainText(): PlainTextPort {
  const port = onFirstUse(async () => (await import('./sns-plain-text.ts')).createSnsPlainText());
  return { send: async (args) => (await port()).send(args) };
}

/** CloudWatch loads on the first SLO alert: most events are not one. */
export function lazySloFigures(): SloFiguresPort {
  const port = onFirstUse(async () => (await import('./cloudwatch-slo-figures.ts')).createCloudWatchSloFigures());
  return { sums: async (args) => (await port()).sums(args) };
}

/** The automatic fixes' services (issue 14): their four clients load on the first fix, which most invocations never have. */
export function lazyFixes(defaultRegion: string | undefined): FixPort {
  const port = onFirstUse(async () => (await import('./aws-fix-runner.ts')).createAwsFixRunner(defaultRegion ? { defaultRegion } : {}));
  return {
    start: async (call, options) => (await port()).start(call, options),
    check: async (call, executionId) => (await port()).check(call, executionId),
  };
}
