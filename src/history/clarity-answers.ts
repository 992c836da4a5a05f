/** @module History: what readers answered to "Was this clear?", per catalog entry, state and audience. */
import type { HistoryItem, HistoryNote } from '../core/history.ts';

type ClarityNote = Extract<HistoryNote, { type: 'clarity' }>;

export interface ClarityTally {
  catalogId: string;
  state: ClarityNote['state'];
  audience: string;
  yes: number;
  no: number;
  /** What readers said was unclear, newest first (at most `MAX_COMMENTS`). */
  comments: Array<{ at: string; text: string }>;
}

export const MAX_COMMENTS = 5;

/** Tallies the clarity answers among `items`, in entry, state and audience order. */
export function tallyClarity(items: readonly HistoryItem[]): ClarityTally[] {
  const tallies = new Map<string, ClarityTally>();
  for (const item of items) {
    if (item.kind !== 'note' || item.type !== 'clarity') continue;
    const key = `${item.catalogId}\u0000${item.state}\u0000${item.audience}`;
    const tally = tallies.get(key) ?? { catalogId: item.catalogId, state: item.state, audience: item.audience, yes: 0, no: 0, comments: [] };
    tally[item.answer] += 1;
    if (item.comment) tally.comments.push({ at: item.answeredAt ?? item.at, text: item.comment });
    tallies.set(key, tally);
  }
  return [...tallies.values()]
    .map((tally) => ({ ...tally, comments: tally.comments.sort((a, b) => b.at.localeCompare(a.at)).slice(0, MAX_COMMENTS) }))
    .sort((a, b) => a.catalogId.localeCompare(b.catalogId) || a.state.localeCompare(b.state) || a.audience.localeCompare(b.audience));
}

/**
 * Whether readers found an entry's words unclear: at least `minimum` answers for one state and
 * audience, of which a third or more said no. A single "no" is a reader's bad day, not a verdict.
 */
export function foundUnclear(tally: Pick<ClarityTally, 'yes' | 'no'>, minimum = 3): boolean {
  const total = tally.yes + tally.no;
  return total >= minimum && tally.no * 3 >= total;
}
