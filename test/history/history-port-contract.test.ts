import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoHistory } from '../../src/adapters/dynamo-history.ts';
import type { HistoryNote, HistoryPort, IncidentHistory } from '../../src/core/history.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import { createMemoryHistory } from '../../src/state/memory-history.ts';

/*
 * One contract, two stores: what the in-memory history lets a unit test rely on is what the
 * DynamoDB adapter does on dynalite. Each test uses its own days, so the stores are opened once.
 */
const STORES: Array<{ name: string; open: () => Promise<{ history: HistoryPort; close(): Promise<void> }> }> = [
  { name: 'in memory', open: async () => ({ history: createMemoryHistory(), close: async () => {} }) },
  {
    name: 'DynamoDB on dynalite',
    async open() {
      const dynamo = await startDynalite();
      return { history: createDynamoHistory({ client: dynamo.client, tableName: dynamo.historyTableName }), close: () => dynamo.close() };
    },
  },
];

function incident(alertKey: string, openedAt: string, overrides: Partial<IncidentHistory> = {}): IncidentHistory {
  return {
    kind: 'incident',
    scope: 'alarm',
    alertKey,
    catalogId: 'portal.app-down',
    severity: 'critical',
    title: 'The portal is down',
    status: 'open',
    openedAt,
    lastSeen: openedAt,
    occurrences: 1,
    reopenings: 0,
    recordVersion: 1,
    expiresAt: 1_900_000_000,
    ...overrides,
  };
}

function clarity(id: string, at: string, answer: 'yes' | 'no' = 'no'): Extract<HistoryNote, { type: 'clarity' }> {
  return { kind: 'note', type: 'clarity', id, at, expiresAt: 1_900_000_000, catalogId: 'portal.app-down', state: 'firing', audience: 'local-office', answer, comment: 'What is a 503?' };
}

describe.each(STORES)('History port contract: $name', ({ open }) => {
  let store: { history: HistoryPort; close(): Promise<void> };
  let history: HistoryPort;
  beforeAll(async () => {
    store = await open();
    history = store.history;
  });
  afterAll(() => store.close());

  it('reads back an incident filed under the day it opened', async () => {
    // Prepare
    await history.recordIncident(incident('a', '2026-01-05T10:00:00.000Z'));
    // Act
    const items = await history.read(new Date('2026-01-05T00:00:00Z'), new Date('2026-01-06T00:00:00Z'));
    // Assess
    expect(items).toEqual([incident('a', '2026-01-05T10:00:00.000Z')]);
  });

  it('keeps the incident from the newest record version when an older one is written after it', async () => {
    // Prepare
    await history.recordIncident(incident('b', '2026-01-07T10:00:00.000Z', { status: 'resolved', resolvedAt: '2026-01-07T11:00:00.000Z', recordVersion: 3 }));
    // Act
    await history.recordIncident(incident('b', '2026-01-07T10:00:00.000Z', { recordVersion: 2 }));
    // Assess
    const [stored] = await history.read(new Date('2026-01-07T00:00:00Z'), new Date('2026-01-08T00:00:00Z'));
    expect(stored).toMatchObject({ status: 'resolved', recordVersion: 3 });
  });

  it('replaces an incident with a newer record version of it', async () => {
    // Prepare
    await history.recordIncident(incident('c', '2026-01-09T10:00:00.000Z'));
    // Act
    await history.recordIncident(incident('c', '2026-01-09T10:00:00.000Z', { acknowledgedAt: '2026-01-09T10:03:00.000Z', acknowledgedBy: 'U1', recordVersion: 2 }));
    // Assess
    const items = await history.read(new Date('2026-01-09T00:00:00Z'), new Date('2026-01-10T00:00:00Z'));
    expect(items).toEqual([incident('c', '2026-01-09T10:00:00.000Z', { acknowledgedAt: '2026-01-09T10:03:00.000Z', acknowledgedBy: 'U1', recordVersion: 2 })]);
  });

  it('keeps two incidents of one alert that opened at different times apart', async () => {
    // Prepare
    await history.recordIncident(incident('d', '2026-01-11T10:00:00.000Z'));
    // Act
    await history.recordIncident(incident('d', '2026-01-11T15:00:00.000Z'));
    // Assess
    const items = await history.read(new Date('2026-01-11T00:00:00Z'), new Date('2026-01-12T00:00:00Z'));
    expect(items.map((item) => item.kind === 'incident' && item.openedAt)).toEqual(['2026-01-11T10:00:00.000Z', '2026-01-11T15:00:00.000Z']);
  });

  it('reads a period across days in time order, incidents and notes together, bounds excluded at the end', async () => {
    // Prepare
    await history.recordIncident(incident('e', '2026-02-02T23:59:00.000Z'));
    await history.addNote(clarity('n1', '2026-02-01T08:00:00.000Z'));
    await history.recordIncident(incident('f', '2026-02-01T07:00:00.000Z'));
    await history.recordIncident(incident('g', '2026-02-03T00:00:00.000Z'));
    // Act
    const items = await history.read(new Date('2026-02-01T07:30:00Z'), new Date('2026-02-03T00:00:00Z'));
    // Assess
    expect(items.map((item) => (item.kind === 'incident' ? item.alertKey : item.id))).toEqual(['n1', 'e']);
  });

  it('finds an incident still open however long ago it opened, and forgets it once resolved', async () => {
    // Prepare
    await history.recordIncident(incident('long', '2025-01-01T10:00:00.000Z'));
    await history.recordIncident(incident('short', '2025-01-02T10:00:00.000Z'));
    // Act
    await history.recordIncident(incident('short', '2025-01-02T10:00:00.000Z', { status: 'resolved', resolvedAt: '2025-01-02T11:00:00.000Z', recordVersion: 2 }));
    // Assess
    const open = (await history.readOpen()).map((i) => i.alertKey);
    expect([open.includes('long'), open.includes('short')]).toEqual([true, false]);
  });

  it('keeps a resolved incident out of the open ones when an older open version is written after it', async () => {
    // Prepare
    await history.recordIncident(incident('late', '2025-02-02T10:00:00.000Z', { status: 'resolved', resolvedAt: '2025-02-02T11:00:00.000Z', recordVersion: 4 }));
    // Act
    await history.recordIncident(incident('late', '2025-02-02T10:00:00.000Z', { recordVersion: 3 }));
    // Assess
    expect((await history.readOpen()).map((i) => i.alertKey)).not.toContain('late');
  });

  it('writes a note again under the same id as one note', async () => {
    // Prepare
    await history.addNote(clarity('n2', '2026-03-01T08:00:00.000Z'));
    // Act
    await history.addNote(clarity('n2', '2026-03-01T08:00:00.000Z', 'yes'));
    // Assess
    const items = await history.read(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-02T00:00:00Z'));
    expect(items).toEqual([clarity('n2', '2026-03-01T08:00:00.000Z', 'yes')]);
  });
});
