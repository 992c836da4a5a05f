// History through the composed processor, on dynalite: each item expires by the configured retention (DynamoDB TTL), and stays small however big the event.
import path from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoHistory } from '../../src/adapters/dynamo-history.ts';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import { composeProcessor } from '../../src/compose/compose-processor.ts';
import type { ClarionPorts } from '../../src/compose/clarion-wiring.ts';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import type { SlackEmulator } from '../../src/local/slack-emulator.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';
import { ROOT, sample } from '../integration/harness.ts';

const NOW = new Date('2026-11-22T10:00:00Z');
let shipped: CatalogRuntime;
let dynamo: LocalDynamo;
let emulator: SlackEmulator;

beforeAll(async () => {
  shipped = (await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).runtime;
});

beforeEach(async () => {
  dynamo = await startDynalite();
  emulator = createSlackEmulator({ clock: () => NOW.getTime() });
});

afterEach(async () => {
  await emulator.close();
  await dynamo.close();
});

async function processorWith(retention?: string) {
  const { url } = await emulator.listen();
  const runtime: CatalogRuntime = retention ? { ...shipped, config: { ...shipped.config, history: { retention } } } : shipped;
  const ports: ClarionPorts = {
    runtime: () => runtime,
    state: createDynamoState({ client: dynamo.client, tableName: dynamo.tableName }),
    history: createDynamoHistory({ client: dynamo.client, tableName: dynamo.historyTableName }),
    slack: createSlackWebApi({ token: 'xoxb-retention', slackApiUrl: url, timeoutMs: 2000 }),
    now: () => NOW,
  };
  return composeProcessor({}, ports);
}

/** The history table's items as DynamoDB stores them. */
async function storedItems(): Promise<Array<Record<string, unknown>>> {
  const { Items = [] } = await dynamo.client.send(new ScanCommand({ TableName: dynamo.historyTableName }));
  return Items.map((item) => unmarshall(item));
}

describe('History kept by the composed processor', () => {
  it('expires each incident item after the configured retention', async () => {
    // Prepare
    const processor = await processorWith('30d');
    // Act
    await processor.processMessage(sample('app-down-alarm.json'));
    // Assess
    const items = await storedItems();
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((item) => item['expiresAt'])).toEqual(items.map(() => NOW.getTime() / 1000 + 30 * 86_400));
  });

  it('keeps history 400 days when the configuration says nothing', async () => {
    // Prepare
    const processor = await processorWith();
    // Act
    await processor.processMessage(sample('app-down-alarm.json'));
    // Assess
    const [item] = await storedItems();
    expect(item?.['expiresAt']).toBe(NOW.getTime() / 1000 + 400 * 86_400);
  });

  it('keeps an incident item under 2 KB however long the alarm\'s name and description', async () => {
    // Prepare: an alarm no entry claims, named and described at length.
    const processor = await processorWith();
    const event = sample('hostile-alarm.json') as { resources: string[]; detail: { alarmName: string; configuration: { description: string } } };
    const name = `trainee-portal-${'x'.repeat(20_000)}`;
    event.detail.alarmName = name;
    event.resources = [`arn:aws:cloudwatch:eu-west-2:111111111111:alarm:${name}`];
    event.detail.configuration.description = 'y'.repeat(50_000);
    // Act
    const [result] = await processor.processMessage(event);
    // Assess
    const items = await storedItems();
    expect(result?.outcome).toBe('opened');
    expect(items.filter((item) => item['kind'] === 'incident')).not.toEqual([]);
    for (const item of items) expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(2048);
  });
});
