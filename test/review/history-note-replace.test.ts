// Review: an escalation step retaken after its claim was given back writes its note again; on DynamoDB that must stay one note (same id, filed under the incident's start).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoHistory } from '../../src/adapters/dynamo-history.ts';
import type { HistoryNote, HistoryPort } from '../../src/core/history.ts';
import { buildReport } from '../../src/history/report.ts';
import { buildCatalogIndex } from '../../src/catalog/catalog-index.ts';
import { ClarionConfig } from '../../src/catalog/schema.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';

let dynamo: LocalDynamo;
let history: HistoryPort;

beforeAll(async () => {
  dynamo = await startDynalite();
  history = createDynamoHistory({ client: dynamo.client, tableName: dynamo.historyTableName });
});
afterAll(() => dynamo.close());

const page = (at: string): HistoryNote => ({
  kind: 'note',
  type: 'escalation',
  id: 'escalation:4f1c0a',
  at,
  expiresAt: 1_900_000_000,
  alertKey: 'portal.app-down|web',
  catalogId: 'portal.app-down',
  incident: '2026-03-10T10:00:00.000Z',
  step: 1,
  action: 'page',
});

describe('review: a note written again under its id on DynamoDB', () => {
  it('keeps one escalation, and the report counts one page, when the same step is noted again a minute later under the same id and incident', async () => {
    // Prepare: the step paged at 10:15; its state write failed, the claim was given back, and the retry paged (same dedup key) and noted it again at 10:16, as escalate.ts files it: under the incident's start.
    await history.addNote(page('2026-03-10T10:00:00.000Z'));
    await history.addNote(page('2026-03-10T10:00:00.000Z'));

    // Act
    const items = await history.read(new Date('2026-03-10T00:00:00Z'), new Date('2026-03-11T00:00:00Z'));
    const report = buildReport({
      items,
      period: { since: new Date('2026-03-10T00:00:00Z'), until: new Date('2026-03-11T00:00:00Z') },
      runtime: { index: buildCatalogIndex([]), config: ClarionConfig.parse({ audiences: { techies: { template: 'techies', channel: '#t' } } }) },
    });

    // Assess
    expect([items.length, report.escalations.byAction.page]).toEqual([1, 1]);
  });
});
