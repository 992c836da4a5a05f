/** @module Adapter (history port): incident history on DynamoDB — one partition per day, sorted by time, expired by TTL. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ClarionError } from '../core/clarion-error.ts';
import { HistoryItem, historyTime } from '../core/history.ts';
import type { HistoryPort, IncidentHistory } from '../core/history.ts';
import { incidentId } from '../state/incident-of.ts';

/*
 * Key design: partition key `day` (`YYYY-MM-DD`, UTC, of the item's time), sort key `sk`:
 *   <openedAt>#i#<hash of the alert key>   an incident, filed under the day it opened
 *   <at>#n#<note id>                       a note
 *   day `open#<0-9>`, sk i#<…>             a copy of each incident while it is open (sharded by its
 *                                          hash so a storm's writes spread), a short-lived tombstone
 *                                          once it is not, so an incident open for longer than any
 *                                          period read is still found (`readOpen`)
 * so a period is read as one query per day, already in time order, and an incident is found again
 * by its key alone when it changes (acknowledged, resolved days later). TTL on `expiresAt`.
 */
export const HISTORY_PARTITION_KEY = 'day';
export const HISTORY_SORT_KEY = 'sk';

export class HistoryStoreError extends ClarionError {}

const DAY_MS = 86_400_000;
const OPEN_SHARDS = 10;

function openKeyOf(incident: IncidentHistory): { day: string; sk: string } {
  const id = incidentId(incident);
  return { day: `open#${Number.parseInt(id.slice(-2), 16) % OPEN_SHARDS}`, sk: id };
}

function keyOf(item: HistoryItem): { day: string; sk: string } {
  const time = historyTime(item);
  return { day: time.slice(0, 10), sk: item.kind === 'incident' ? `${time}#${incidentId(item)}` : `${time}#n#${item.id}` };
}

export function createDynamoHistory(options: { client: DynamoDBClient; tableName: string; /** Days read at once. */ parallel?: number }): HistoryPort {
  const doc = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
  const TableName = options.tableName;
  const parallel = options.parallel ?? 8;

  async function readDay(day: string, from: string, to: string): Promise<HistoryItem[]> {
    const items: HistoryItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: '#d = :d AND #s BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#d': HISTORY_PARTITION_KEY, '#s': HISTORY_SORT_KEY },
          ExpressionAttributeValues: { ':d': day, ':from': from, ':to': `${to}\uffff` },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const raw of page.Items ?? []) {
        const { [HISTORY_PARTITION_KEY]: _day, [HISTORY_SORT_KEY]: _sk, ...rest } = raw;
        const parsed = HistoryItem.safeParse(rest);
        // An item this version cannot read (written by a newer one) is left out, not fatal to a report.
        if (parsed.success && historyTime(parsed.data) >= from && historyTime(parsed.data) < to) items.push(parsed.data);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** Writes the item unless the one stored under its key came from the same or a newer record version; false when it did. */
  async function putNewer(item: { day: string; sk: string } & IncidentHistory): Promise<boolean> {
    try {
      await doc.send(
        new PutCommand({
          TableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#s) OR recordVersion < :v',
          ExpressionAttributeNames: { '#s': HISTORY_SORT_KEY },
          ExpressionAttributeValues: { ':v': item.recordVersion },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  return {
    async recordIncident(incident) {
      try {
        if (!(await putNewer({ ...keyOf(incident), ...incident }))) return;
      } catch (error) {
        throw new HistoryStoreError(`could not record incident ${incident.alertKey}`, { cause: error });
      }
      // Only the write that won moves the open copy, and it carries the version too: a late write of
      // an older version cannot bring back a copy a newer one closed. A closed copy is a tombstone,
      // not a delete, for that reason; it is needed only for seconds, so it expires after a day.
      try {
        await putNewer({ ...openKeyOf(incident), ...incident, ...(incident.status === 'open' ? {} : { expiresAt: Math.floor(Date.now() / 1000) + 86_400 }) });
      } catch (error) {
        throw new HistoryStoreError(`could not note incident ${incident.alertKey} as ${incident.status}`, { cause: error });
      }
    },
    async addNote(note) {
      try {
        await doc.send(new PutCommand({ TableName, Item: { ...keyOf(note), ...note } }));
      } catch (error) {
        throw new HistoryStoreError(`could not record ${note.type} note ${note.id}`, { cause: error });
      }
    },
    async readOpen() {
      const open: IncidentHistory[] = [];
      try {
        for (let shard = 0; shard < OPEN_SHARDS; shard++) {
          let start: Record<string, unknown> | undefined;
          do {
            const page = await doc.send(
              new QueryCommand({ TableName, KeyConditionExpression: '#d = :d', ExpressionAttributeNames: { '#d': HISTORY_PARTITION_KEY }, ExpressionAttributeValues: { ':d': `open#${shard}` }, ...(start ? { ExclusiveStartKey: start } : {}) }),
            );
            for (const raw of page.Items ?? []) {
              const { [HISTORY_PARTITION_KEY]: _day, [HISTORY_SORT_KEY]: _sk, ...rest } = raw;
              const parsed = HistoryItem.safeParse(rest);
              if (parsed.success && parsed.data.kind === 'incident' && parsed.data.status === 'open') open.push(parsed.data);
            }
            start = page.LastEvaluatedKey;
          } while (start);
        }
      } catch (error) {
        throw new HistoryStoreError('could not read the open incidents', { cause: error });
      }
      return open;
    },
    async read(since, until) {
      const from = since.toISOString();
      const to = until.toISOString();
      const days: string[] = [];
      for (let t = Date.parse(`${from.slice(0, 10)}T00:00:00.000Z`); t < until.getTime(); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
      const out: HistoryItem[] = [];
      try {
        for (let i = 0; i < days.length; i += parallel) {
          const batch = await Promise.all(days.slice(i, i + parallel).map((day) => readDay(day, from, to)));
          for (const items of batch) out.push(...items);
        }
      } catch (error) {
        throw new HistoryStoreError(`could not read history from ${from} to ${to}`, { cause: error });
      }
      return out;
    },
  };
}

/** The CreateTable input matching the key design, for dynalite and the local stack (SST declares its own). */
export function historyTableDefinition(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      { AttributeName: HISTORY_PARTITION_KEY, AttributeType: 'S' as const },
      { AttributeName: HISTORY_SORT_KEY, AttributeType: 'S' as const },
    ],
    KeySchema: [
      { AttributeName: HISTORY_PARTITION_KEY, KeyType: 'HASH' as const },
      { AttributeName: HISTORY_SORT_KEY, KeyType: 'RANGE' as const },
    ],
  };
}
