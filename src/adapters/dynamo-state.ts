/** @module Adapter (state port): the state store on DynamoDB — one table, conditional writes, TTL, records parsed as they are read. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { AlertRecordSchema, GroupRecordSchema, parseRecord, SummaryRecordSchema } from '../state/record-schema.ts';
import type { StatePort } from '../state/state-port.ts';
import { ClarionError } from '../core/clarion-error.ts';

/*
 * Key design: one table, partition key `pk` (string) only, TTL attribute `expiresAt`.
 *   alert#<alertKey>  one item per alert (catalog id + signal key): lifecycle, Slack refs, version
 *   group#<group>     one item per storm group: window, members, the group messages
 *   event#<eventId>   one item per handled source event, for idempotency (expires after 2 days)
 *   <kind>#<key>      the later features' records (silences, maintenance, escalation, inhibition; see RecordKind)
 *   summary           what was held outside office hours for the next summary, and the one being posted
 * Every write that decides something is conditional on `version` (or on absence), so two
 * processors cannot both post for one alert, and an acknowledgement cannot be lost.
 */
export const TABLE_KEY = 'pk';
export const TTL_ATTRIBUTE = 'expiresAt';

export class StateStoreError extends ClarionError {}

export function createDynamoState(options: { client: DynamoDBClient; tableName: string }): StatePort {
  // Numbers beyond ±2^53 (an alarm's threshold can be anything) lost their precision when the
  // event's JSON was read; storing them as they are loses nothing more than that.
  const doc = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true, allowImpreciseNumbers: true } });
  const TableName = options.tableName;

  async function get(pk: string): Promise<Record<string, unknown> | null> {
    try {
      const result = await doc.send(new GetCommand({ TableName, Key: { pk }, ConsistentRead: true }));
      if (!result.Item) return null;
      const { pk: _pk, ...rest } = result.Item;
      return rest;
    } catch (error) {
      throw new StateStoreError(`could not read ${pk}`, { cause: error });
    }
  }

  /** A record as its schema says, or `StateRecordError`: an item edited by hand or by another version is never handed on half-formed. */
  async function getRecord<T>(pk: string, schema: z.ZodType<T>): Promise<T | null> {
    const item = await get(pk);
    return item === null ? null : parseRecord(schema, pk, item);
  }

  async function put(pk: string, item: { version: number }, expectedVersion: number | null): Promise<boolean> {
    try {
      await doc.send(
        new PutCommand({
          TableName,
          Item: { pk, ...item },
          ...(expectedVersion === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: '#v = :expected', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') return false;
      throw new StateStoreError(`could not write ${pk}`, { cause: error });
    }
  }

  return {
    getAlert: (alertKey) => getRecord(`alert#${alertKey}`, AlertRecordSchema),
    putAlert: (record, expectedVersion) => put(`alert#${record.alertKey}`, record, expectedVersion),
    getGroup: (groupKey) => getRecord(`group#${groupKey}`, GroupRecordSchema),
    putGroup: (record, expectedVersion) => put(`group#${record.groupKey}`, record, expectedVersion),
    // No TTL: it is emptied every morning, and expiring it would lose what it holds.
    getSummary: () => getRecord('summary', SummaryRecordSchema),
    putSummary: (record, expectedVersion) => put('summary', record, expectedVersion),
    getRecord: (kind, key, schema) => getRecord(`${kind}#${key}`, schema),
    putRecord: (kind, key, record, expectedVersion) => put(`${kind}#${key}`, record, expectedVersion),
    claimEvent: (eventId, expiresAt) => put(`event#${eventId}`, { version: 0, [TTL_ATTRIBUTE]: expiresAt } as { version: number }, null),
    async startEvent(eventId, until, now) {
      const pk = `event#${eventId}`;
      try {
        // DynamoDB's TTL deletes expired items up to days late: a claim past its time is free.
        await doc.send(
          new PutCommand({
            TableName,
            Item: { pk, version: 0, status: 'processing', [TTL_ATTRIBUTE]: until },
            ConditionExpression: 'attribute_not_exists(pk) OR #e < :now',
            ExpressionAttributeNames: { '#e': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':now': now },
          }),
        );
        return { outcome: 'claimed' };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException')) {
          throw new StateStoreError(`could not claim event ${eventId}`, { cause: error });
        }
      }
      // A claim item is not a record: anything but a running claim with its time reads as handled.
      const held = await get(pk);
      // Released between the two calls: free again, so come back at once rather than skip it.
      if (!held) return { outcome: 'busy', until: now + 1 };
      if (held.status === 'processing' && typeof held.expiresAt === 'number') return { outcome: 'busy', until: held.expiresAt };
      return { outcome: 'done' };
    },
    async finishEvent(eventId, expiresAt) {
      try {
        await doc.send(new PutCommand({ TableName, Item: { pk: `event#${eventId}`, version: 0, status: 'done', [TTL_ATTRIBUTE]: expiresAt } }));
      } catch (error) {
        throw new StateStoreError(`could not record event ${eventId} as handled`, { cause: error });
      }
    },
    async releaseEvent(eventId) {
      try {
        await doc.send(new DeleteCommand({ TableName, Key: { pk: `event#${eventId}` } }));
      } catch (error) {
        throw new StateStoreError(`could not release event ${eventId}`, { cause: error });
      }
    },
  };
}

/** The CreateTable input matching the key design, for dynalite and the local stack (SST declares its own). */
export function stateTableDefinition(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [{ AttributeName: TABLE_KEY, AttributeType: 'S' as const }],
    KeySchema: [{ AttributeName: TABLE_KEY, KeyType: 'HASH' as const }],
  };
}
