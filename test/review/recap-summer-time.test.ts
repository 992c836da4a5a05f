// Review: consecutive weekly recaps across a change of summer time must neither overlap nor leave a gap.
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
import { allText, fireAppDown, okAppDown, ROOT } from '../integration/harness.ts';


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

describe('review: weekly recaps across summer time', () => {
  it('counts an incident in one weekly recap only when the clocks went forward in between', async () => {
    // Prepare: the portal is down from 08:30 to 08:40 GMT on Monday 23 March 2026, before that day's 09:00 recap.
    clock.now = new Date('2026-03-23T08:30:00Z');
    await processor.processMessage(fireAppDown('down-1', clock.now.toISOString()));
    clock.now = new Date('2026-03-23T08:40:00Z');
    await processor.processMessage(okAppDown('ok-1', clock.now.toISOString()));

    // Act: the recap of Monday 23 March 09:00 GMT, then Monday 30 March 09:00 BST (08:00 UTC; clocks went forward on the 29th).
    clock.now = new Date('2026-03-23T09:00:00Z');
    await processor.processMessage({ clarion: 'recap', dueAt: '2026-03-23T09:00:00.000Z' });
    clock.now = new Date('2026-03-30T08:00:00Z');
    await processor.processMessage({ clarion: 'recap', dueAt: '2026-03-30T08:00:00.000Z' });

    // Assess
    const counts = recaps('portal-alerts').map((m) => /\*Incidents\*\n(\d+)/.exec(allText(m))?.[1]);
    expect(counts).toEqual(['1', '0']);
  });
});
