import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoHistory } from '../../src/adapters/dynamo-history.ts';
import { historyChangesOf } from '../../src/adapters/history-stream.ts';
import type { IncidentHistory } from '../../src/core/history.ts';
import { HISTORY_METRICS, historyMetrics } from '../../src/history/history-metrics.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';

/*
 * The history metrics Lambda reads the history table's stream (INSERT and MODIFY, new and old
 * images). A stream holds one record per item written, so the records of a write are what the
 * table's items became: this test takes them by scanning the table after each write.
 */
type Image = Record<string, AttributeValue>;
const keyOf = (item: Image) => `${item.day?.S}|${item.sk?.S}`;

async function snapshot(dynamo: LocalDynamo): Promise<Map<string, Image>> {
  const out = await dynamo.client.send(new ScanCommand({ TableName: dynamo.historyTableName }));
  return new Map((out.Items ?? []).map((item) => [keyOf(item), item]));
}

function streamRecords(before: Map<string, Image>, after: Map<string, Image>): DynamoDBRecord[] {
  const records: DynamoDBRecord[] = [];
  for (const [key, image] of after) {
    const old = before.get(key);
    if (old && JSON.stringify(old) === JSON.stringify(image)) continue;
    records.push({ eventName: old ? 'MODIFY' : 'INSERT', dynamodb: { NewImage: image, ...(old ? { OldImage: old } : {}) } } as unknown as DynamoDBRecord);
  }
  return records;
}

function incident(overrides: Partial<IncidentHistory>): IncidentHistory {
  return {
    kind: 'incident', scope: 'alarm', alertKey: 'portal-5xx', catalogId: 'portal.app-down', severity: 'critical', title: 'The portal is down',
    status: 'open', openedAt: '2026-06-01T10:00:00.000Z', lastSeen: '2026-06-01T10:00:00.000Z', occurrences: 1, reopenings: 0, recordVersion: 1, expiresAt: 1_900_000_000,
    ...overrides,
  };
}

describe('History metrics from the history table stream', () => {
  let dynamo: LocalDynamo;
  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(() => dynamo.close());

  it('counts one incident opened, acknowledged and resolved once each, although history keeps an open copy of it', async () => {
    // Prepare
    const history = createDynamoHistory({ client: dynamo.client, tableName: dynamo.historyTableName });
    const writes = [
      incident({}),
      incident({ recordVersion: 2, acknowledgedAt: '2026-06-01T10:05:00.000Z', acknowledgedBy: 'U1' }),
      incident({ recordVersion: 3, acknowledgedAt: '2026-06-01T10:05:00.000Z', acknowledgedBy: 'U1', status: 'resolved', resolvedAt: '2026-06-01T11:00:00.000Z' }),
    ];
    const counts: Record<string, number> = {};
    // Act
    let before = await snapshot(dynamo);
    for (const write of writes) {
      await history.recordIncident(write);
      const after = await snapshot(dynamo);
      for (const change of historyChangesOf(streamRecords(before, after)).changes) {
        for (const metric of historyMetrics(change)) if (metric.unit === 'Count') counts[metric.name] = (counts[metric.name] ?? 0) + metric.value;
      }
      before = after;
    }
    // Assess
    expect(counts).toEqual({ [HISTORY_METRICS.opened]: 1, [HISTORY_METRICS.acknowledged]: 1, [HISTORY_METRICS.resolved]: 1 });
  });
});
