// Review: a problem that began before the recap's week and is still going on is news of the week.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoHistory } from '../../src/adapters/dynamo-history.ts';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import { composeProcessor } from '../../src/compose/compose-processor.ts';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import type { SlackEmulator } from '../../src/local/slack-emulator.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';
import type { Processor } from '../../src/processor/process-signals.ts';
import { allText, fireAppDown, ROOT } from '../integration/harness.ts';


let dynamo: LocalDynamo;
let emulator: SlackEmulator;
let processor: Processor;
const clock = { now: new Date('2026-11-24T10:00:00Z') };

beforeEach(async () => {
  dynamo = await startDynalite();
  emulator = createSlackEmulator({ clock: () => clock.now.getTime() });
  const { url } = await emulator.listen();
  const runtime: CatalogRuntime = (await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).runtime;
  processor = composeProcessor(
    {},
    {
      runtime: () => runtime,
      state: createDynamoState({ client: dynamo.client, tableName: dynamo.tableName }),
      history: createDynamoHistory({ client: dynamo.client, tableName: dynamo.historyTableName }),
      slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl: url, timeoutMs: 2000 }),
      queue: { scheduleRefresh: async () => {} },
      now: () => clock.now,
    },
  );
});
afterEach(async () => {
  await emulator.close();
  await dynamo.close();
});

function recaps(channelName: string) {
  const channel = emulator.channels().find((c) => c.name === channelName);
  if (!channel) return [];
  return emulator.messages(channel.id).filter((m) => allText(m).includes('This week') || allText(m).includes('Weekly recap'));
}

describe('review: the weekly recap and a problem older than the week', () => {
  it('does not tell product leads no problems affected people while the portal has been down all week', async () => {
    // Prepare: the portal goes down on Sunday 22 November and is still down at the recap of Monday 30 November.
    clock.now = new Date('2026-11-22T20:00:00Z');
    await processor.processMessage(fireAppDown('down-1', clock.now.toISOString()));

    // Act
    clock.now = new Date('2026-11-30T09:00:00Z');
    await processor.processMessage({ clarion: 'recap', dueAt: '2026-11-30T09:00:00.000Z' });

    // Assess
    const [leads] = recaps('portal-status');
    expect(allText(leads!)).not.toContain('No problems affected people');
  });
});
