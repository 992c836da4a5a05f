/** @module Infrastructure (compute): the processor behind the signal queue and the Slack interactions function. */
import { common } from './function-defaults.ts';
import { catalogEntries } from './catalog.ts';
import { clarionBus } from './bus.ts';
import { deadLetterQueue, PROCESSOR_TIMEOUT_SECONDS, signalQueue } from './queue.ts';
import { pagerDutyRoutingKey, slackBotToken, slackSigningSecret } from './secrets.ts';
import { settings } from './settings.ts';
import { historyTable, stateTable } from './storage.ts';
import { statusPage } from './status-page.ts';
import { autoFixPermissions } from './auto-fix-permissions.ts';

/*
 * Every function: Node.js 22 on Graviton (arm64: cheaper, and as fast for this work), bundled and
 * minified by SST's esbuild with code splitting, so clients only some paths need (SNS,
 * EventBridge, the processor's SQS) load when first used. The AWS SDK is bundled, not taken from
 * the runtime: the version is the one in package-lock.json that the tests ran against, not
 * whatever the runtime ships that week, and it starts faster. Leaving `@aws-sdk/*` external
 * (`nodejs.esbuild.external`) would take about 240 KB off each cold start bundle, but the
 * runtime's copy is CommonJS spread over many files: measured here (bench/bundle-bench.ts, which
 * then loads it from node_modules), each handler's import took about 50 ms longer.
 * The catalog ships next to the handler compiled to JSON (infra/catalog.ts), which the handlers
 * load before looking for the YAML folder.
 *
 * Permissions come from `link` only (SST grants each linked resource's actions on that resource's
 * ARN). The exceptions are sns:Publish on the topics audiences name in clarion.config.yaml, and the
 * processor's calls to the targets of automatic fixes (infra/auto-fix-permissions.ts), which are
 * not resources of this app.
 */

/** Audiences with `snsTopicArn` get a plain-text copy of what is posted to them, by the processor or by a press of *Tell local offices*. */
const plainTextStatements = settings.plainTextTopicArns.length > 0 ? [{ actions: ['sns:Publish'], resources: settings.plainTextTopicArns }] : [];
const plainTextPermissions = plainTextStatements.length > 0 ? { permissions: plainTextStatements } : {};

/**
 * SLO alerts read their burn rates when they fire (src/adapters/cloudwatch-slo-figures.ts). GetMetricData
 * has no resource-level permissions, so it is `*`, and only granted when the catalog has an objective.
 */
const sloStatements = catalogEntries.some((entry) => entry.slo) ? [{ actions: ['cloudwatch:GetMetricData'], resources: ['*'] }] : [];
/** Automatic fixes (issue 14): the processor may call exactly the targets the catalog's `autoFix` blocks name, nothing else. */
const processorStatements = [...plainTextStatements, ...sloStatements, ...autoFixPermissions(catalogEntries)];

export const processor = new sst.aws.Function('Processor', {
  ...common,
  handler: 'functions/process-signals.handler',
  description: 'Clarion: turns queued AWS events into Slack alerts',
  memory: '512 MB',
  timeout: `${PROCESSOR_TIMEOUT_SECONDS} seconds`,
  link: [stateTable, historyTable, signalQueue, deadLetterQueue, clarionBus, slackBotToken, pagerDutyRoutingKey, statusPage],
  ...(processorStatements.length > 0 ? { permissions: processorStatements } : {}),
});

/*
 * Batches: up to 10 records, gathered for up to 5 s. In a storm that lets one invocation see the
 * burst and fold it into one group message; at quiet times 5 s is the most an alert waits.
 * Partial batch responses: only failed records come back. At most 2 concurrent invocations
 * (the lowest SQS allows): the processor paces Slack calls per container (1 post/s/channel), so
 * fewer containers keep Slack's per-channel limit. This is the event source mapping's maximum
 * concurrency rather than reserved concurrency, which would throttle and needs spare account quota.
 */
export const BATCH = { size: 10, window: '5 seconds', partialResponses: true } as const;
export const MAXIMUM_CONCURRENCY = 2;

signalQueue.subscribe(processor.arn, {
  batch: BATCH,
  transform: { eventSourceMapping: { scalingConfig: { maximumConcurrency: MAXIMUM_CONCURRENCY } } },
});

/** Slack's interactivity request URL. Anyone can call it (auth NONE); the handler checks Slack's signature and age before anything else. */
export const interactions = new sst.aws.Function('Interactions', {
  ...common,
  handler: 'functions/slack-interactions.handler',
  description: 'Clarion: Slack button presses (acknowledge, snooze, tell local offices)',
  memory: '512 MB',
  // Slack gives up after 3 s; anything still running after 10 s is stuck.
  timeout: '10 seconds',
  url: { authorization: 'none', cors: false },
  // The signal queue: an acknowledgement asks the processor to acknowledge a page too, and a silence
  // made in Slack queues its quiet line and its end.
  link: [stateTable, historyTable, signalQueue, clarionBus, slackBotToken, slackSigningSecret, statusPage],
  ...plainTextPermissions,
});
