// Maintenance windows through the real processor, over the in-memory state port and the Slack emulator, with the shipped catalog's window (the Trainee Portal, Saturdays 09:00–11:00 London).
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import type { RefreshRequest } from '../../src/core/refresh-request.ts';
import { createSlackEmulator } from '../../src/local/slack-emulator.ts';
import type { SlackEmulator } from '../../src/local/slack-emulator.ts';
import { blocksToPlainText } from '../../src/slack/blocks-to-plain-text.ts';
import { createProcessor } from '../../src/processor/process-signals.ts';
import { createMemoryState } from '../../src/state/memory-state.ts';
import type { StatePort } from '../../src/state/state-port.ts';
import { alarmEvent, ROOT } from '../integration/harness.ts';

const WINDOW = 'portal.saturday-upgrade';
const SATURDAY = '2026-12-05T09:00:00.000Z';
const fire = (id: string, time: string, value: 'ALARM' | 'OK' = 'ALARM') => alarmEvent('app-down-alarm.json', { id, time, value });
const phase = (p: 'before' | 'start' | 'end', occurrence?: string): RefreshRequest => ({ clarion: 'maintenance', windowId: WINDOW, phase: p, ...(occurrence ? { occurrence } : {}) });

let emulator: SlackEmulator;
let slackApiUrl: string;
let runtime: CatalogRuntime;

beforeAll(async () => {
  runtime = (await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).runtime;
  emulator = createSlackEmulator({});
  slackApiUrl = (await emulator.listen()).url;
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

/** A processor whose clock a test sets. */
function processorOver(state: StatePort, clock: { now: Date }, scheduled: Array<[RefreshRequest, number]> = []) {
  return createProcessor({
    runtime: () => runtime,
    state,
    slack: createSlackWebApi({ token: 'xoxb-test', slackApiUrl, timeoutMs: 2000 }),
    now: () => clock.now,
    scheduleRefresh: async (request, delay) => void scheduled.push([request, delay]),
  });
}

/** Each channel's top-level messages as plain text. */
function channelTexts(): Record<string, string[]> {
  return Object.fromEntries(
    emulator
      .channels()
      .map((c) => [c.name, emulator.messages(c.id).map((m) => blocksToPlainText({ text: m.text, blocks: m.blocks }))] as const)
      .filter(([, texts]) => texts.length > 0),
  );
}

function channelId(name: string): string {
  return emulator.channels().find((c) => c.name === name)!.id;
}

describe('Maintenance: alerts during planned work', () => {
  it('tells only the engineers of an alert during the work, marked as during planned work', async () => {
    // Prepare
    const clock = { now: new Date('2026-12-05T10:00:00Z') };
    const processor = processorOver(createMemoryState(), clock);

    // Act
    await processor.processMessage(fire('e1', '2026-12-05T09:59:00Z'));

    // Assess
    const texts = channelTexts();
    expect(Object.keys(texts)).toEqual(['portal-alerts']);
    expect(texts['portal-alerts']![0]).toContain('During planned work: the Trainee Portal, until 11:00');
  });

  it('tells everyone of an alert still firing when the work ends, as it stands then', async () => {
    // Prepare
    const clock = { now: new Date('2026-12-05T10:00:00Z') };
    const processor = processorOver(createMemoryState(), clock);
    await processor.processMessage(fire('e1', '2026-12-05T09:59:00Z'));
    clock.now = new Date('2026-12-05T11:00:05Z');

    // Act
    await processor.processMessage(phase('end', SATURDAY));

    // Assess
    const texts = channelTexts();
    expect(Object.keys(texts).sort()).toEqual(['portal-alerts', 'portal-local-offices', 'portal-status']);
    expect(texts['portal-status']!.some((t) => t.includes('The Trainee Portal is down'))).toBe(true);
  });

  it('tells nobody else of an alert that was fixed during the work', async () => {
    // Prepare
    const clock = { now: new Date('2026-12-05T10:00:00Z') };
    const processor = processorOver(createMemoryState(), clock);
    await processor.processMessage(fire('e1', '2026-12-05T09:59:00Z'));
    await processor.processMessage(fire('e2', '2026-12-05T10:00:00Z', 'OK'));
    clock.now = new Date('2026-12-05T11:00:05Z');

    // Act
    await processor.processMessage(phase('end', SATURDAY));
    clock.now = new Date('2026-12-05T11:30:00Z');
    await processor.processMessage(fire('e3', '2026-12-05T10:00:00Z', 'OK'));

    // Assess: not even the notice of "end" (the shipped window tells those channels) carries the alert.
    const texts = channelTexts();
    expect(texts['portal-status']!.every((t) => t.includes('Planned work'))).toBe(true);
    expect(texts['portal-local-offices']!.every((t) => t.includes('Planned work'))).toBe(true);
  });

  it('tells everyone at once of an alert after the work is over', async () => {
    // Prepare
    const clock = { now: new Date('2026-12-05T11:10:00Z') };
    const processor = processorOver(createMemoryState(), clock);

    // Act
    await processor.processMessage(fire('e1', '2026-12-05T11:09:00Z'));

    // Assess
    expect(Object.keys(channelTexts()).sort()).toEqual(['portal-alerts', 'portal-local-offices', 'portal-status']);
  });
});

describe('Maintenance: notices of planned work', () => {
  it('tells each audience a day before, in plain words, with a text local offices can forward', async () => {
    // Prepare
    const clock = { now: new Date('2026-12-04T09:00:02Z') };
    const processor = processorOver(createMemoryState(), clock);

    // Act
    await processor.processMessage(phase('before'));

    // Assess
    const texts = channelTexts();
    expect(texts['portal-status']).toEqual([expect.stringContaining('The Trainee Portal will be unavailable on Saturday 5 December from 09:00 to 11:00 for planned work.')]);
    const office = emulator.messages(channelId('portal-local-offices'))[0]!;
    expect(office.blocks.map((b) => b.block_id)).toEqual(['clarion.maintenance', 'clarion.forward-intro', 'clarion.forward']);
    expect(blocksToPlainText({ text: office.text, blocks: office.blocks })).toContain('Please save your work before 09:00.');
    expect(texts['portal-alerts']).toEqual([expect.stringContaining('Planned work on the Trainee Portal on Saturday 5 December from 09:00 to 11:00')]);
  });

  it('posts each notice once however often its request comes', async () => {
    // Prepare
    const clock = { now: new Date('2026-12-04T09:00:02Z') };
    const processor = processorOver(createMemoryState(), clock);

    // Act
    await processor.processMessage(phase('before'));
    await processor.processMessage(phase('before'));

    // Assess
    expect(Object.values(channelTexts()).map((t) => t.length)).toEqual([1, 1, 1]);
  });

  it('answers the start and the end in the thread of the notice before, broadcast, the end in the past tense', async () => {
    // Prepare
    const clock = { now: new Date('2026-12-04T09:00:02Z') };
    const processor = processorOver(createMemoryState(), clock);
    await processor.processMessage(phase('before'));

    // Act
    clock.now = new Date('2026-12-05T09:00:02Z');
    await processor.processMessage(phase('start'));
    clock.now = new Date('2026-12-05T11:00:02Z');
    await processor.processMessage(phase('end'));

    // Assess
    const parent = emulator.messages(channelId('portal-status'))[0]!;
    const replies = emulator.replies(channelId('portal-status'), parent.ts);
    expect(replies.map((r) => [r.reply_broadcast, blocksToPlainText({ text: r.text, blocks: r.blocks })])).toEqual([
      [true, expect.stringContaining('Planned work on the Trainee Portal has started. It is expected to end at 11:00.')],
      [true, expect.stringContaining('Planned work on the Trainee Portal has finished. It was unavailable on Saturday 5 December from 09:00 to 11:00.')],
    ]);
  });

  it('does not post a notice that comes after its time: a "before" once the work has started', async () => {
    // Prepare
    const clock = { now: new Date('2026-12-05T09:30:00Z') };
    const processor = processorOver(createMemoryState(), clock);

    // Act
    const [result] = await processor.processMessage(phase('before', SATURDAY));

    // Assess
    expect([result?.outcome, channelTexts()]).toEqual(['refresh-not-needed', {}]);
  });

  it('does not post a start notice that comes once the work is over', async () => {
    // Prepare
    const clock = { now: new Date('2026-12-05T11:00:00Z') };
    const processor = processorOver(createMemoryState(), clock);

    // Act
    const [result] = await processor.processMessage(phase('start', SATURDAY));

    // Assess
    expect([result?.outcome, channelTexts()]).toEqual(['refresh-not-needed', {}]);
  });

  it('puts a notice that comes early back on the queue until its time', async () => {
    // Prepare
    const clock = { now: new Date('2026-12-05T08:55:00Z') };
    const scheduled: Array<[RefreshRequest, number]> = [];
    const processor = processorOver(createMemoryState(), clock, scheduled);

    // Act
    await processor.processMessage(phase('start', SATURDAY));

    // Assess
    expect([scheduled, channelTexts()]).toEqual([[[phase('start', SATURDAY), 300]], {}]);
  });
});
