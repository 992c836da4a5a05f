import { describe, expect, it } from 'vitest';
import { buildCatalogIndex } from '../../src/catalog/catalog-index.ts';
import type { CatalogEntry } from '../../src/catalog/schema.ts';
import type { RefreshRequest } from '../../src/core/refresh-request.ts';
import { InhibitionRecordSchema, noteInhibition, withAlarm } from '../../src/pipeline/inhibition.ts';
import { DEFAULT_LIFECYCLE } from '../../src/pipeline/plan-alert.ts';
import { createMemoryState } from '../../src/state/memory-state.ts';
import { DEFAULT_CONFIG } from '../../src/catalog/default-config.ts';
import { makeAlert } from '../support/make-alert.ts';
import { alertRecord } from '../support/make-record.ts';

const NOW = new Date('2026-11-22T10:10:00.000Z');
const entry = (id: string, dependsOn?: string[]) => ({ id, match: { family: 'cloudwatch-alarm', name: id }, ...(dependsOn ? { dependsOn } : {}) }) as unknown as CatalogEntry;
const DEPENDANT = 'portal.error-rate|alarm-2';

/** A dependant's record stored (folded: no message), the cause's entry record as given, and what the writes queue. */
async function setUp(cause: 'open' | 'resolved') {
  const state = createMemoryState();
  const queued: RefreshRequest[] = [];
  const index = buildCatalogIndex([entry('portal.app-down'), entry('portal.error-rate', ['portal.app-down'])]);
  const ctx = {
    deps: { state, runtime: () => ({ config: DEFAULT_CONFIG, index }), slack: {} as never, now: () => NOW, scheduleRefresh: async (r: RefreshRequest) => void queued.push(r) },
    settings: DEFAULT_LIFECYCLE,
  };
  const record = { ...alertRecord(DEPENDANT), catalogId: 'portal.error-rate', messages: {}, alert: makeAlert({ alertKey: DEPENDANT, catalogId: 'portal.error-rate' }) };
  await state.putAlert(record, null);
  const causeRecord = withAlarm(null, 'portal.app-down', { alertKey: 'portal.app-down|alarm-1', status: cause, at: '2026-11-22T10:05:00.000Z' })!;
  await state.putRecord('inhibition', 'portal.app-down', { ...causeRecord, version: 1 }, null);
  return { ctx, state, queued, record };
}

describe('Inhibition records, written after the alert is stored', () => {
  it('delivers a dependant on its own when its cause was fixed between the mute stage and the write', async () => {
    // Prepare
    const { ctx, queued, record } = await setUp('resolved');

    // Act
    await noteInhibition(ctx, record, ['portal.app-down'], NOW);

    // Assess
    expect(queued).toEqual([{ clarion: 'inhibition', step: 'unfold', key: DEPENDANT }]);
  });

  it('lists a dependant under its cause while the cause fires, and asks for the cause\'s messages to be redrawn', async () => {
    // Prepare
    const { ctx, state, queued, record } = await setUp('open');

    // Act
    await noteInhibition(ctx, record, ['portal.app-down'], NOW);

    // Assess
    const cause = await state.getRecord('inhibition', 'portal.app-down', InhibitionRecordSchema);
    expect([Object.values(cause?.folded ?? {}).map((d) => d.alertKey), queued]).toEqual([[DEPENDANT], [{ clarion: 'inhibition', step: 'redraw', key: 'portal.app-down' }]]);
  });

  it('asks for a "probably caused by" note for a dependant told on its own while its cause fires (the cause started firing meanwhile)', async () => {
    // Prepare
    const { ctx, state, queued, record } = await setUp('open');
    const told = { ...record, messages: { techies: { channel: 'C1', ts: '1.000100' } } };
    await state.putAlert({ ...told, version: 2 }, 1);

    // Act
    await noteInhibition(ctx, told, [], NOW);

    // Assess
    expect(queued).toEqual([{ clarion: 'inhibition', step: 'note', key: DEPENDANT }]);
  });
});
