/** @module Stage 1, normalize: reads the time formats AWS events use and turns them into ISO 8601 UTC. */

/*
 * AWS mixes at least four formats: `…Z` (EventBridge envelopes), `…+0000` with no colon in the
 * offset (alarm states, SNS alarm messages), epoch milliseconds (Batch, Step Functions) and
 * RFC 1123 (`Fri, 27 Jan 2023 06:02:51 GMT`, Health). Node happens to parse `+0000`, but the
 * spec does not promise it, so the offset is rewritten to `+00:00` before parsing.
 */
const COLONLESS_OFFSET = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([+-])(\d{2})(\d{2})$/;
const ISO_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const RFC_1123 = /^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} (?:GMT|UTC|Z|[+-]\d{4})$/;
const DIGITS = /^\d{9,16}$/;

/** Below this an epoch number is taken as seconds, above it as milliseconds (year 5138 in seconds). */
const EPOCH_SECONDS_LIMIT = 1e11;

function fromEpoch(value: number): Date | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  const date = new Date(value < EPOCH_SECONDS_LIMIT ? value * 1000 : value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function fromString(text: string): Date | undefined {
  const value = text.trim();
  if (DIGITS.test(value)) return fromEpoch(Number(value));
  const colonless = COLONLESS_OFFSET.exec(value);
  const candidate = colonless ? `${colonless[1]}${colonless[2]}${colonless[3]}:${colonless[4]}` : value;
  let date: Date;
  if (ISO_LIKE.test(candidate)) {
    const iso = candidate.replace(' ', 'T');
    // A date-time without a zone is UTC in AWS payloads, not the machine's local time.
    date = new Date(/T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(iso) ? `${iso}Z` : iso);
  } else if (RFC_1123.test(value)) {
    date = new Date(value);
  } else {
    return undefined;
  }
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Parses an AWS timestamp in any of the formats above; `undefined` when it is not a time. */
export function parseAwsTime(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value === 'string') return fromString(value);
  return undefined;
}

/** The first candidate that parses, as ISO 8601 UTC (`toISOString()`), else `undefined`. */
export function firstAwsTime(...candidates: unknown[]): string | undefined {
  for (const candidate of candidates) {
    const date = parseAwsTime(candidate);
    if (date) return date.toISOString();
  }
  return undefined;
}
