/** @module Adapter (history table stream): DynamoDB stream records read back into history changes (old and new image), each checked against the history schema. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { HistoryItem } from '../core/history.ts';
import type { HistoryChange } from '../history/history-metrics.ts';

export interface SkippedRecord {
  eventID?: string;
  reason: string;
}

/** One image as history keeps it, or the reason it is not one (written by a newer version, or not by Clarion). */
function imageOf(image: Record<string, unknown> | undefined): { item?: HistoryItem; reason?: string } {
  if (!image) return {};
  let raw: Record<string, unknown>;
  try {
    raw = unmarshall(image as Record<string, AttributeValue>);
  } catch (error) {
    return { reason: `the image cannot be read: ${(error as Error).message}` };
  }
  // The key attributes (`day`, `sk`) are not the item's: the schema's objects leave out what they do not name.
  const parsed = HistoryItem.safeParse(raw);
  if (!parsed.success) return { reason: `not a history item: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`).slice(0, 3).join('; ')}` };
  return { item: parsed.data };
}

/**
 * The changes the records stand for, oldest first. A record whose image is not a history item is
 * skipped with its reason: one bad item must not hold up, or be retried forever with, the rest of
 * the shard.
 */
export function historyChangesOf(records: readonly DynamoDBRecord[]): { changes: HistoryChange[]; skipped: SkippedRecord[] } {
  const changes: HistoryChange[] = [];
  const skipped: SkippedRecord[] = [];
  for (const record of records) {
    const id = record.eventID ? { eventID: record.eventID } : {};
    if (!record.dynamodb) {
      skipped.push({ ...id, reason: 'the record has no images' });
      continue;
    }
    // The open copy of an incident (`open#<n>`, see dynamo-history.ts) is the same incident again: counting it would count it twice.
    const day = record.dynamodb.Keys?.['day']?.S ?? record.dynamodb.NewImage?.['day']?.S ?? record.dynamodb.OldImage?.['day']?.S;
    if (day?.startsWith('open#')) continue;
    const before = imageOf(record.dynamodb.OldImage);
    const after = imageOf(record.dynamodb.NewImage);
    const reason = after.reason ?? before.reason;
    if (reason) {
      skipped.push({ ...id, reason });
      continue;
    }
    changes.push({ ...(before.item ? { old: before.item } : {}), ...(after.item ? { new: after.item } : {}) });
  }
  return { changes, skipped };
}
