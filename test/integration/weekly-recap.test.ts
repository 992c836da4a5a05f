// The weekly recap through the real processor: incidents recorded in dynalite history by real events, the recap posted to the Slack emulator over HTTP, once however often it is delivered.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoHistory } from '../../src/adapters/dynamo-history.ts';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import { jargonIn } from '../../src/catalog/plain-language-jargon.ts';
import { composeProcessor } from '../../src/compose/compose-processor.ts';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import type { SlackEmulator } from '../../src/local/slack-emulator.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';
import type { Processor } from '../../src/processor/process-signals.ts';
import { allText, fireAppDown, okAppDown, ROOT } from './harness.ts';

/** Monday 30 November 2026, 09:00 London (UTC in winter): the recap of the week before. */
const DUE = '2026-11-30T09:00:00.000Z';

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

/** The portal down for 40 minutes on Tuesday, then fixed. */
async function anOutage(): Promise<void> {
  clock.now = new Date('2026-11-24T10:00:00Z');
  await processor.processMessage(fireAppDown('down-1', clock.now.toISOString()));
  clock.now = new Date('2026-11-24T10:40:00Z');
  await processor.processMessage(okAppDown('ok-1', clock.now.toISOString()));
}

describe('Weekly recap', () => {
  it('posts the week’s figures to the engineers and a plain recap to product leads, once however often it is delivered', async () => {
    // Prepare
    await anOutage();
    clock.now = new Date(DUE);
    // Act
    await processor.processMessage({ clarion: 'recap', dueAt: DUE });
    await processor.processMessage({ clarion: 'recap', dueAt: DUE });
    // Assess
    const engineers = recaps('portal-alerts');
    const leads = recaps('portal-status');
    expect([engineers.length, leads.length, recaps('portal-data').length, recaps('portal-local-offices').length]).toEqual([1, 1, 1, 0]);
    expect(allText(engineers[0]!)).toContain('*Incidents*\n1');
    expect(allText(leads[0]!)).toContain('One problem affected people using the Trainee Portal this week, for 40 minutes in all. It is fixed.');
  });

  it('tells another product-leads audience only of the problems it heard of', async () => {
    // Prepare
    await anOutage();
    clock.now = new Date(DUE);
    // Act
    await processor.processMessage({ clarion: 'recap', dueAt: DUE });
    // Assess
    expect(allText(recaps('portal-data')[0]!)).toContain('No problems affected people using the Trainee Portal this week.');
  });

  it('speaks to product leads without the jargon the catalog lint refuses', async () => {
    // Prepare
    await anOutage();
    clock.now = new Date(DUE);
    // Act
    await processor.processMessage({ clarion: 'recap', dueAt: DUE });
    // Assess
    expect(jargonIn(allText(recaps('portal-status')[0]!))).toEqual([]);
  });

  it('waits for its time when it comes early', async () => {
    // Prepare
    clock.now = new Date('2026-11-30T08:00:00Z');
    // Act
    const [result] = await processor.processMessage({ clarion: 'recap', dueAt: DUE });
    // Assess
    expect([result?.outcome, recaps('portal-alerts').length]).toEqual(['refresh-not-needed', 0]);
  });
});

describe('Weekly recap and a problem older than the week', () => {
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

describe('Weekly recaps across summer time', () => {
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
