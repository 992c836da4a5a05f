// Review: every incident history writes must read back; DynamoDB's adapter drops an item its schema refuses, so an incident of a long entry id silently vanishes from the page, the report and the recap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoHistory } from '../../src/adapters/dynamo-history.ts';
import type { HistoryPort } from '../../src/core/history.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';
import { incidentOf } from '../../src/state/incident-of.ts';
import { alertRecord } from '../support/make-record.ts';

let dynamo: LocalDynamo;
let history: HistoryPort;

beforeAll(async () => {
  dynamo = await startDynalite();
  history = createDynamoHistory({ client: dynamo.client, tableName: dynamo.historyTableName });
});
afterAll(() => dynamo.close());

describe('review: history of an entry with a long id', () => {
  it('reads back the incident of an entry whose id is longer than 120 characters (the catalog allows any length)', async () => {
    // Prepare
    const catalogId = `team-placements.${'placement-details-out-of-date-'.repeat(4)}after-overnight-sync`;
    const base = alertRecord(`${catalogId}|cloudwatch-alarm:placements`);
    const incident = incidentOf({ ...base, catalogId, alert: { ...base.alert, catalogId } }, 1_900_000_000)!;
    await history.recordIncident(incident);

    // Act
    const items = await history.read(new Date(Date.parse(incident.openedAt) - 1000), new Date(Date.parse(incident.openedAt) + 1000));

    // Assess
    expect([catalogId.length > 120, items.length]).toEqual([true, 1]);
  });
});
