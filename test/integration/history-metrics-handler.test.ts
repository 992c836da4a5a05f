import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDynamoHistory } from '../../src/adapters/dynamo-history.ts';
import type { HistoryItem, IncidentHistory } from '../../src/core/history.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';
import { ROOT } from './harness.ts';

/*
 * The deployed handler, on stream records whose images are the items the real history adapter
 * wrote to dynalite (so the key attributes and the marshalling are the table's own), with the
 * shipped catalog's `prod` stage (Mon–Fri 09:00–17:30 London). Its EMF lines are read off stdout.
 */

let dynamo: LocalDynamo;
let handler: (event: DynamoDBStreamEvent, context: Context) => Promise<void>;
const saved = { ...process.env };
const context = {
  functionName: 'clarion-history-metrics',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-2:111111111111:function:clarion-history-metrics',
  memoryLimitInMB: '256',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

function incident(overrides: Partial<IncidentHistory> = {}): IncidentHistory {
  return {
    kind: 'incident',
    scope: 'alarm',
    alertKey: 'portal.app-down|web',
    catalogId: 'portal.app-down',
    severity: 'critical',
    title: 'web is down',
    status: 'open',
    // Saturday 28 November 2026, 08:00 in London: out of the prod stage's office hours.
    openedAt: '2026-11-28T08:00:00.000Z',
    lastSeen: '2026-11-28T08:00:00.000Z',
    occurrences: 1,
    reopenings: 0,
    recordVersion: 1,
    expiresAt: 1_900_000_000,
    ...overrides,
  };
}

/** The item as the table stores it, written by the history adapter and read back raw. */
async function storedImage(item: HistoryItem): Promise<Record<string, AttributeValue>> {
  const history = createDynamoHistory({ client: dynamo.client, tableName: dynamo.historyTableName });
  if (item.kind === 'incident') await history.recordIncident(item);
  else await history.addNote(item);
  const { Items = [] } = await dynamo.client.send(new ScanCommand({ TableName: dynamo.historyTableName }));
  const found = Items.find((raw) => raw['recordVersion']?.N === (item.kind === 'incident' ? String(item.recordVersion) : undefined) && raw['kind']?.S === item.kind);
  if (!found) throw new Error('the item was not stored');
  return found;
}

let sequence = 0;
function streamRecord(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', images: { old?: Record<string, unknown>; new?: Record<string, unknown> }): DynamoDBRecord {
  sequence += 1;
  return {
    eventID: `event-${sequence}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-west-2',
    eventSourceARN: 'arn:aws:dynamodb:eu-west-2:111111111111:table/clarion-prod-HistoryTable/stream/2026-11-28T00:00:00.000',
    dynamodb: {
      ApproximateCreationDateTime: 1_795_000_000,
      Keys: { day: { S: '2026-11-28' }, sk: { S: `x#${sequence}` } },
      ...(images.old ? { OldImage: images.old } : {}),
      ...(images.new ? { NewImage: images.new } : {}),
      SequenceNumber: String(sequence),
      SizeBytes: 512,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  } as DynamoDBRecord;
}

/** Runs the handler and returns the EMF documents and JSON log lines it printed. */
async function invoke(records: DynamoDBRecord[]): Promise<{ emf: Array<Record<string, unknown>>; logs: Array<Record<string, unknown>> }> {
  const lines: string[] = [];
  // Metrics go to stdout, warnings to stderr, as Lambda's log stream collects both.
  const capture = (chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  };
  const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(capture), vi.spyOn(process.stderr, 'write').mockImplementation(capture)];
  try {
    await handler({ Records: records }, context);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  const parsed = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
  return { emf: parsed.filter((p) => '_aws' in p), logs: parsed.filter((p) => !('_aws' in p)) };
}

/** Every metric value printed, as `name{dimension=value}` → values. */
function metricValues(emf: Array<Record<string, unknown>>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const doc of emf) {
    const meta = (doc['_aws'] as { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string }> }> }).CloudWatchMetrics[0]!;
    const dims = meta.Dimensions[0]!.filter((d) => d !== 'service').map((d) => `${d}=${String(doc[d])}`);
    for (const { Name } of meta.Metrics) {
      if (Name === 'ColdStart') continue;
      const key = `${meta.Namespace}/${Name}${dims.length ? `{${dims.join(',')}}` : ''}`;
      const value = doc[Name];
      (out[key] ??= []).push(...(Array.isArray(value) ? (value as number[]) : [value as number]));
    }
  }
  return out;
}

beforeAll(async () => {
  dynamo = await startDynalite({ tableName: 'clarion-history-metrics-test' });
  Object.assign(process.env, { AWS_REGION: 'eu-west-2', CLARION_STAGE: 'prod', CLARION_CATALOG_DIR: `${ROOT}/alert-catalog`, POWERTOOLS_METRICS_DISABLED: 'false' });
  delete process.env['POWERTOOLS_DEV'];
  ({ handler } = (await import('../../functions/history-metrics.ts')) as unknown as { handler: typeof handler });
});

afterAll(async () => {
  process.env = saved;
  await dynamo.close();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('The history metrics Lambda', () => {
  it('emits an opened incident by severity, and out of hours, in the Clarion namespace', async () => {
    // Prepare
    const image = await storedImage(incident({ recordVersion: 11 }));
    // Act
    const { emf } = await invoke([streamRecord('INSERT', { new: image })]);
    // Assess
    expect(metricValues(emf)).toMatchObject({ 'Clarion/IncidentsOpened{severity=critical}': [1], 'Clarion/IncidentsOpenedOutOfHours': [1] });
  });

  it('emits the time to acknowledge in seconds when an incident is acknowledged', async () => {
    // Prepare
    const before = await storedImage(incident({ recordVersion: 21 }));
    const after = await storedImage(incident({ recordVersion: 22, acknowledgedAt: '2026-11-28T08:03:00.000Z', acknowledgedBy: 'U1' }));
    // Act
    const { emf } = await invoke([streamRecord('MODIFY', { old: before, new: after })]);
    // Assess
    expect(metricValues(emf)).toEqual({ 'Clarion/IncidentsAcknowledged': [1], 'Clarion/TimeToAcknowledge': [180] });
    expect(JSON.stringify(emf)).toContain('"Unit":"Seconds"');
  });

  it('emits nothing for a repeat', async () => {
    // Prepare
    const before = await storedImage(incident({ recordVersion: 31 }));
    const after = await storedImage(incident({ recordVersion: 32, occurrences: 2, lastSeen: '2026-11-28T08:01:00.000Z' }));
    // Act
    const { emf } = await invoke([streamRecord('MODIFY', { old: before, new: after })]);
    // Assess
    expect(metricValues(emf)).toEqual({});
  });

  it('skips a record that is not a history item with a warning, and still counts the rest of the batch', async () => {
    // Prepare
    const good = await storedImage(incident({ recordVersion: 41, severity: 'low' }));
    const bad = { day: { S: '2026-11-28' }, sk: { S: 'x' }, kind: { S: 'incident' }, title: { N: '12' } };
    // Act
    const { emf, logs } = await invoke([streamRecord('INSERT', { new: bad }), streamRecord('INSERT', { new: good })]);
    // Assess
    expect(metricValues(emf)).toMatchObject({ 'Clarion/IncidentsOpened{severity=low}': [1] });
    expect(logs).toContainEqual(expect.objectContaining({ level: 'WARN', message: 'history stream record skipped' }));
  });

  it('emits nothing when an item expires', async () => {
    // Prepare
    const image = await storedImage(incident({ recordVersion: 51 }));
    // Act
    const { emf } = await invoke([streamRecord('REMOVE', { old: image })]);
    // Assess
    expect(metricValues(emf)).toEqual({});
  });
});
