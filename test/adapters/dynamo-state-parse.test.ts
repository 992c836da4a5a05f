import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';
import { StateRecordError } from '../../src/state/record-schema.ts';
import type { StatePort } from '../../src/state/state-port.ts';
import { makeAlert, makeSignal } from '../support/make-alert.ts';
import { alertRecord } from '../support/make-record.ts';

/* Items here are written past the adapter, as a hand edit or another version of Clarion would. */

let dynamo: LocalDynamo;
let state: StatePort;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  dynamo = await startDynalite();
  state = createDynamoState({ client: dynamo.client, tableName: dynamo.tableName });
  documents = DynamoDBDocumentClient.from(dynamo.client, { marshallOptions: { allowImpreciseNumbers: true } });
});
afterAll(() => dynamo.close());

describe('Adapter: DynamoDB state store reading records back', () => {
  it('throws a StateRecordError naming the key and the problem for a malformed alert', async () => {
    // Prepare
    await dynamo.client.send(
      new PutItemCommand({
        TableName: dynamo.tableName,
        Item: { pk: { S: 'alert#hand|edited' }, alertKey: { S: 'hand|edited' }, status: { S: 'open' } },
      }),
    );

    // Act
    const read = state.getAlert('hand|edited');

    // Assess
    await expect(read).rejects.toBeInstanceOf(StateRecordError);
    await expect(read).rejects.toThrow(/^malformed state record alert#hand\|edited: catalogId: /);
  });

  it('keeps the zod error of a malformed record as its cause', async () => {
    // Prepare
    await dynamo.client.send(new PutItemCommand({ TableName: dynamo.tableName, Item: { pk: { S: 'summary' }, held: { L: [] }, version: { N: '1' } } }));

    // Act
    const failure = await state.getSummary().catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(StateRecordError);
    expect((failure as StateRecordError).cause).toBeInstanceOf(z.ZodError);
  });

  it('reads a record that carries a field it does not know, and keeps the field', async () => {
    // Prepare
    const written = { ...alertRecord('from|newer'), escalatedTo: 'U9' };
    await documents.send(new PutCommand({ TableName: dynamo.tableName, Item: { pk: 'alert#from|newer', ...written } }));

    // Act
    const read = await state.getAlert('from|newer');

    // Assess
    expect(read).toEqual(written);
  });

  it('reads an alarm threshold beyond 2^53 back as a number', async () => {
    // Prepare
    const signal = makeSignal();
    const alert = makeAlert({ signal: { ...signal, metric: { ...signal.metric!, threshold: 1e20 } } });
    await state.putAlert({ ...alertRecord('huge|threshold'), alert }, null);

    // Act
    const read = await state.getAlert('huge|threshold');

    // Assess
    expect(read?.alert.signal.metric?.threshold).toBe(1e20);
  });
});
