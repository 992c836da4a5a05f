import { describe, expect, it } from 'vitest';
import type { HistoryNote } from '../../src/core/history.ts';
import { foundUnclear, tallyClarity } from '../../src/history/clarity-answers.ts';

function answer(id: string, answer: 'yes' | 'no', overrides: Partial<Extract<HistoryNote, { type: 'clarity' }>> = {}): HistoryNote {
  return { kind: 'note', type: 'clarity', id, at: `2026-11-0${id.length}T10:00:00.000Z`, expiresAt: 0, catalogId: 'portal.app-down', state: 'firing', audience: 'local-office', answer, ...overrides };
}

describe('Clarity answers', () => {
  it('counts answers per entry, state and audience', () => {
    // Act
    const tallies = tallyClarity([answer('a', 'yes'), answer('b', 'no'), answer('c', 'yes', { state: 'fixed' })]);
    // Assess
    expect(tallies.map(({ state, yes, no }) => ({ state, yes, no }))).toEqual([
      { state: 'firing', yes: 1, no: 1 },
      { state: 'fixed', yes: 1, no: 0 },
    ]);
  });

  it('keeps what readers said was unclear, newest first', () => {
    // Act
    const [tally] = tallyClarity([answer('a', 'no', { comment: 'old' }), answer('bbb', 'no', { comment: 'new' })]);
    // Assess
    expect(tally?.comments.map((c) => c.text)).toEqual(['new', 'old']);
  });

  it('calls an entry unclear when a third or more of enough answers say no', () => {
    // Assess
    expect(foundUnclear({ yes: 2, no: 1 })).toBe(true);
    expect(foundUnclear({ yes: 3, no: 1 })).toBe(false);
    expect(foundUnclear({ yes: 0, no: 2 })).toBe(false);
  });
});

describe('Clarity comments in time', () => {
  it('orders comments by when readers answered, not by the incident they were filed under', () => {
    // Act
    const [tally] = tallyClarity([
      answer('a', 'no', { comment: 'later', at: '2026-11-01T10:00:00.000Z', answeredAt: '2026-11-03T10:00:00.000Z' }),
      answer('b', 'no', { comment: 'earlier', at: '2026-11-02T10:00:00.000Z', answeredAt: '2026-11-02T11:00:00.000Z' }),
    ]);
    // Assess
    expect(tally?.comments.map((c) => c.text)).toEqual(['later', 'earlier']);
  });
});
