/** @module History: the period a report or a page covers, from a duration back to now (`30d`, `7d`, `90d`). */
import { parseDuration } from '../pipeline/parse-duration.ts';

export interface Period {
  since: Date;
  until: Date;
}

/** The `span` (a duration such as `30d`) that ends at `now`. */
export function periodEndingAt(now: Date, span: string): Period {
  return { since: new Date(now.getTime() - parseDuration(span) * 1000), until: now };
}
