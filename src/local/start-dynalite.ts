/** @module Local stack (I/O edge): DynamoDB on this machine — dynalite in memory or on disk, with Clarion's table. */
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { historyTableDefinition } from '../adapters/dynamo-history.ts';
import { stateTableDefinition } from '../adapters/dynamo-state.ts';

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  tableName: string;
  /** The history table (past incidents), beside the state table. */
  historyTableName: string;
  close(): Promise<void>;
}

/** Starts dynalite on a free loopback port and creates the state table (kept if it exists on disk). */
export async function startDynalite(options: { path?: string; tableName?: string } = {}): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(options.path ? { path: options.path } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const tableName = options.tableName ?? 'clarion-state';
  const historyTableName = `${tableName}-history`;
  for (const definition of [stateTableDefinition(tableName), historyTableDefinition(historyTableName)]) {
    try {
      await client.send(new CreateTableCommand(definition));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  return {
    endpoint,
    client,
    tableName,
    historyTableName,
    async close() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
