// The silence rules: what a silence covers, a lookup that stays flat with 1,000 silences, and the store's limits and expiry.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import { memberKey } from '../../src/pipeline/impact.ts';
import { buildSilenceIndex, resolveMatch, silenceFor, silenceForImpact, silenceSeconds, SilenceInputError } from '../../src/pipeline/silences.ts';
import { createMemoryState } from '../../src/state/memory-state.ts';
import { addSilence, endSilence, listActive, MAX_ACTIVE_SILENCES, noteHeld, readActive, readActiveQuickly, SilenceLimitError } from '../../src/state/silence-store.ts';
import type { StatePort } from '../../src/state/state-port.ts';
import type { ActiveSilences, SilenceRule } from '../../src/state/silence-store.ts';

const NOW = new Date('2026-11-22T10:00:00.000Z');
const LATER = '2026-11-22T12:00:00.000Z';
const APP_DOWN = { alertKey: 'portal.app-down|cloudwatch-alarm:arn:x', catalogId: 'portal.app-down', group: 'trainee-portal' };
const BACKUP = { alertKey: 'platform.backup-failed|backup:1', catalogId: 'platform.backup-failed' };

let runtime: CatalogRuntime;
beforeAll(async () => {
  runtime = (await openCatalog(path.resolve(import.meta.dirname, '../../alert-catalog'), { lint: false })).runtime;
});

function rule(id: string, match: string, kind: SilenceRule['kind'], endsAt = LATER): SilenceRule {
  return { id, match, kind, startsAt: NOW.toISOString(), endsAt };
}

describe('What a silence covers', () => {
  it('resolves an entry id, a group and a glob against the catalog', () => {
    // Act
    const kinds = ['portal.app-down', 'trainee-portal', 'portal.*'].map((m) => resolveMatch(m, runtime).kind);

    // Assess
    expect(kinds).toEqual(['entry', 'group', 'glob']);
  });

  it('refuses a name the catalog does not know, unless forced', () => {
    // Act
    const refused = () => resolveMatch('portal.no-such-thing', runtime);
    const forced = resolveMatch('portal.no-such-thing', runtime, true);

    // Assess
    expect(refused).toThrow(SilenceInputError);
    expect(forced.warning).toContain('no catalog entry');
  });

  it('warns of a glob that matches nothing yet', () => {
    // Act
    const { kind, warning } = resolveMatch('nothing.*', runtime);

    // Assess
    expect([kind, warning]).toEqual(['glob', expect.stringContaining('matches no catalog entry')]);
  });

  it('reads lengths such as 30m, 2h and 3d and refuses longer than 30 days', () => {
    // Act
    const seconds = ['30m', '2h', '3d'].map(silenceSeconds);

    // Assess
    expect(seconds).toEqual([1800, 7200, 259200]);
    expect(() => silenceSeconds('31d')).toThrow(SilenceInputError);
  });

  it('covers an alert by its key, its entry, its group or a glob over either', () => {
    // Prepare
    const cases: SilenceRule[] = [
      rule('a', APP_DOWN.alertKey, 'alarm'),
      rule('e', 'portal.app-down', 'entry'),
      rule('g', 'trainee-portal', 'group'),
      rule('x', 'portal.*', 'glob'),
      rule('y', 'trainee-*', 'glob'),
    ];

    // Act
    const found = cases.map((r) => silenceFor(buildSilenceIndex([r], runtime), APP_DOWN, NOW)?.id ?? null);
    const other = cases.map((r) => silenceFor(buildSilenceIndex([r], runtime), BACKUP, NOW)?.id ?? null);

    // Assess
    expect([found, other]).toEqual([['a', 'e', 'g', 'x', 'y'], [null, null, null, null, null]]);
  });

  it('covers nothing once the silence has ended', () => {
    // Prepare
    const index = buildSilenceIndex([rule('e', 'portal.app-down', 'entry', '2026-11-22T10:00:00.000Z')], runtime);

    // Act
    const found = silenceFor(index, APP_DOWN, NOW);

    // Assess
    expect(found).toBeUndefined();
  });

  it('looks at only the silences listed for the alert’s key, entry and group, however many others are active', () => {
    // Prepare: 999 silences over another entry, each counting how often a lookup reads it
    let reads = 0;
    const others = Array.from({ length: 999 }, (_, i) => {
      const r = rule(`o${i}`, 'platform.backup-failed', 'entry');
      return Object.defineProperty({ ...r }, 'endsAt', {
        get: () => {
          reads += 1;
          return LATER;
        },
        enumerable: true,
      }) as SilenceRule;
    });
    const index = buildSilenceIndex([...others, rule('mine', 'portal.app-down', 'entry')], runtime);
    reads = 0;

    // Act
    const found = silenceFor(index, APP_DOWN, NOW);

    // Assess
    expect([found?.id, reads]).toEqual(['mine', 0]);
  });

  it('silences an impact only while every firing member is silenced', () => {
    // Prepare
    const index = buildSilenceIndex([rule('a', APP_DOWN.alertKey, 'alarm')], runtime);
    const silencedMember = { status: 'open' as const, at: NOW.toISOString(), entry: 'portal.app-down' };
    const otherMember = { status: 'open' as const, at: NOW.toISOString(), entry: 'portal.error-rate' };

    // Act
    const alone = silenceForImpact(index, { [memberKey(APP_DOWN.alertKey)]: silencedMember }, APP_DOWN, NOW);
    const withOther = silenceForImpact(index, { [memberKey(APP_DOWN.alertKey)]: silencedMember, other: otherMember }, APP_DOWN, NOW);

    // Assess
    expect([alone?.id, withOther]).toEqual(['a', undefined]);
  });
});

describe('The silence store', () => {
  const detail = (id: string, endsAt = LATER) => ({ id, match: 'portal.app-down', kind: 'entry' as const, startsAt: NOW.toISOString(), endsAt, reason: 'work', createdBy: 'ana' });

  it('stores a silence once however often it is added with the same id', async () => {
    // Prepare
    const state = createMemoryState();

    // Act
    const first = await addSilence(state, detail('s1'), NOW);
    const again = await addSilence(state, detail('s1'), NOW);

    // Assess
    expect([first.created, again.created, (await readActive(state))?.silences.length]).toEqual([true, false, 1]);
  });

  /** The memory store, counting reads of the active list. */
  function countingListReads(): { state: StatePort; listReads: () => number } {
    const inner = createMemoryState();
    let reads = 0;
    const state: StatePort = {
      ...inner,
      getRecord: (kind, key, schema) => {
        if (kind === 'silences' && key === 'active') reads += 1;
        return inner.getRecord(kind, key, schema);
      },
    };
    return { state, listReads: () => reads };
  }

  it('reads the active list again only when a silence was added or ended since', async () => {
    // Prepare
    const { state, listReads } = countingListReads();
    await addSilence(state, detail('s1'), NOW);
    await readActiveQuickly(state, NOW);
    const before = listReads();

    // Act
    const unchanged = await readActiveQuickly(state, NOW);
    const readsWhileUnchanged = listReads() - before;
    await addSilence(state, detail('s2'), NOW);
    const afterAdd = await readActiveQuickly(state, NOW);
    await endSilence(state, 's1', 'ana', NOW);
    const afterEnd = await readActiveQuickly(state, NOW);

    // Assess
    expect(readsWhileUnchanged).toBe(0);
    expect(unchanged?.silences.map((r) => r.id)).toEqual(['s1']);
    expect(afterAdd?.silences.map((r) => r.id)).toEqual(['s1', 's2']);
    expect(afterEnd?.silences.map((r) => r.id)).toEqual(['s2']);
  });

  it('reads the active list again after a minute even when its stamp did not move', async () => {
    // Prepare: the list written behind the stamp's back, as when the stamp's write failed
    const { state, listReads } = countingListReads();
    await addSilence(state, detail('s1'), NOW);
    await readActiveQuickly(state, NOW);
    const list = (await readActive(state))!;
    await state.putRecord('silences', 'active', { ...list, silences: [], version: list.version + 1 } as typeof list, list.version);
    const before = listReads();

    // Act
    const soon = await readActiveQuickly(state, new Date(NOW.getTime() + 30_000));
    const later = await readActiveQuickly(state, new Date(NOW.getTime() + 61_000));

    // Assess
    expect(soon?.silences).toHaveLength(1);
    expect(later?.silences).toHaveLength(0);
    expect(listReads() - before).toBe(1);
  });

  it(`refuses a silence beyond ${MAX_ACTIVE_SILENCES} active ones with a clear error`, async () => {
    // Prepare
    const state = createMemoryState();
    const rules = Array.from({ length: MAX_ACTIVE_SILENCES }, (_, i) => rule(`r${i}`, 'portal.app-down', 'entry'));
    const full: ActiveSilences = { silences: rules, version: 1 };
    await state.putRecord('silences', 'active', full, null);

    // Act
    const adding = addSilence(state, detail('one-more'), NOW);

    // Assess
    await expect(adding).rejects.toThrow(SilenceLimitError);
  });

  it('drops ended silences from the active list at the next write', async () => {
    // Prepare
    const state = createMemoryState();
    await addSilence(state, detail('short', '2026-11-22T10:30:00.000Z'), NOW);

    // Act
    await addSilence(state, detail('long'), new Date('2026-11-22T11:00:00.000Z'));

    // Assess
    expect((await readActive(state))?.silences.map((s) => s.id)).toEqual(['long']);
  });

  it('ends a silence once, taking it off the list', async () => {
    // Prepare
    const state = createMemoryState();
    await addSilence(state, detail('s1'), NOW);

    // Act
    const first = await endSilence(state, 's1', 'ana', NOW);
    const second = await endSilence(state, 's1', 'bo', NOW);

    // Assess
    expect([first?.ended, second?.ended, second?.detail.endedBy, await listActive(state, NOW)]).toEqual([true, false, 'ana', []]);
  });

  it('counts each held alert once and asks for one edit of the quiet line until it is shown', async () => {
    // Prepare
    const state = createMemoryState();
    await addSilence(state, detail('s1'), NOW);

    // Act
    const asks = [await noteHeld(state, 's1', 'k1', NOW), await noteHeld(state, 's1', 'k2', NOW), await noteHeld(state, 's1', 'k1', NOW)];

    // Assess
    const [listed] = await listActive(state, NOW);
    expect([asks.map((a) => a?.queueEdit), listed?.held.count, listed?.held.keys]).toEqual([[true, false, false], 2, ['k1', 'k2']]);
  });
});
