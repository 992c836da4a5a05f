/** @module Infrastructure (state): the one DynamoDB table of alerts, storm groups and event claims. */
import { settings } from './settings.ts';

/*
 * Key design in src/adapters/dynamo-state.ts: partition key `pk` only, TTL on `expiresAt` (the
 * infrastructure test checks these names against that module, which is not imported here so the
 * deploy program does not load the DynamoDB client).
 * On demand, because alert traffic is idle for days and then a storm. Point-in-time recovery
 * costs money per GB-month, so only production keeps it.
 */
export const stateTable = new sst.aws.Dynamo('StateTable', {
  fields: { pk: 'string' },
  primaryIndex: { hashKey: 'pk' },
  ttl: 'expiresAt',
  transform: {
    table: {
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecovery: { enabled: settings.production },
      deletionProtectionEnabled: settings.production,
    },
  },
});

/*
 * Past incidents, escalations, silences, planned work and clarity answers, for the status page,
 * `clarion report` and the weekly recap. Key design in src/adapters/dynamo-history.ts: one
 * partition per day (`day`), sorted by time (`sk`), kept for the configuration's
 * `history.retention` through TTL. Its stream wakes the status page publisher and the history metrics.
 */
export const historyTable = new sst.aws.Dynamo('HistoryTable', {
  fields: { day: 'string', sk: 'string' },
  primaryIndex: { hashKey: 'day', rangeKey: 'sk' },
  ttl: 'expiresAt',
  stream: 'new-and-old-images',
  transform: { table: { billingMode: 'PAY_PER_REQUEST', deletionProtectionEnabled: settings.production } },
});
