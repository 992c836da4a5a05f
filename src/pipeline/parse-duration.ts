/** @module Pipeline: reads catalog durations (`30s`, `10m`, `4h`, `2d`) as seconds. */

import { ClarionError } from '../core/clarion-error.ts';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

export class DurationError extends ClarionError {
  constructor(text: string, options?: { cause?: unknown }) {
    super(`"${text}" is not a duration such as 30s, 10m, 4h or 2d`, options);
  }
}

export function parseDuration(text: string): number {
  const match = /^(\d+)(s|m|h|d)$/.exec(text);
  if (!match) throw new DurationError(text);
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}
