/** @module Local stack (authors' view): `GET /api/clarity` — what readers answered to *Was this clear?*, per entry, state and audience, from the stack's history. */
import type { HistoryPort } from '../../core/history.ts';
import { foundUnclear, tallyClarity } from '../../history/clarity-answers.ts';
import type { ClarityTally } from '../../history/clarity-answers.ts';
import { periodEndingAt } from '../../history/read-period.ts';
import { DurationError, parseDuration } from '../../pipeline/parse-duration.ts';
import { ClarionError } from '../../core/clarion-error.ts';

/** How far back answers are read unless the caller says (`?since=`). */
export const DEFAULT_CLARITY_SPAN = '90d';
/** History is read one day at a time; longer than any retention anyone sets is a mistake, not a question. */
const MAX_SPAN_SECONDS = 1000 * 86_400;

const CLOCK_SLACK_MS = 3_600_000;

export interface ClarityAnswers {
  since: string;
  until: string;
  /** One per entry, state and audience with answers, in that order; `unclear` when readers found it so (`foundUnclear`). */
  answers: Array<ClarityTally & { unclear: boolean }>;
}

export class ClaritySpanError extends ClarionError {}

/** The answers given in the `span` (a duration such as `90d`) up to `now`; ClaritySpanError for a span that is not one. */
export async function readClarityAnswers(history: HistoryPort, now: Date, span = DEFAULT_CLARITY_SPAN): Promise<ClarityAnswers> {
  let seconds: number;
  try {
    seconds = parseDuration(span);
  } catch (error) {
    if (error instanceof DurationError) throw new ClaritySpanError(`since: ${error.message}`, { cause: error });
    throw error;
  }
  if (seconds > MAX_SPAN_SECONDS) throw new ClaritySpanError(`since: at most ${MAX_SPAN_SECONDS / 86_400}d`);
  const { since, until } = periodEndingAt(now, span);
  // Answers are dated by their message's ts, which Slack's clock set: one a little ahead of ours still counts.
  const items = await history.read(since, new Date(until.getTime() + CLOCK_SLACK_MS));
  return { since: since.toISOString(), until: until.toISOString(), answers: tallyClarity(items).map((tally) => ({ ...tally, unclear: foundUnclear(tally) })) };
}
