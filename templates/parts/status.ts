/** @module Render (templates): where the alert stands, in words for each kind of reader. */
import type { RenderInput } from '../../src/core/alert.ts';
import { SEVERITY_EMOJI, SEVERITY_WORDS } from './severity.ts';
import { resolvedAfter, snoozedUntil, isAcknowledged } from './times.ts';

/** "Critical · Firing", "Resolved after 12 minutes (was Critical)" … with no markup, for fallbacks. */
export function techStateWords(input: RenderInput): string {
  const { alert } = input;
  const severity = SEVERITY_WORDS[alert.severity];
  switch (alert.phase) {
    case 'resolved': {
      const after = resolvedAfter(input);
      return `Resolved${after ? ` after ${after}` : ''} (was ${severity})`;
    }
    case 'noData':
      return `${severity} · No data`;
    case 'info':
      return `${severity} · For information`;
    default:
      return `${severity} · Firing`;
  }
}

/** The techies' status line: severity and state in words, acknowledged / snoozed, emoji for a glance. */
export function techStatusLine(input: RenderInput): string {
  const { alert } = input;
  const severity = SEVERITY_WORDS[alert.severity];
  let line: string;
  switch (alert.phase) {
    case 'resolved': {
      const after = resolvedAfter(input);
      line = `:white_check_mark: *Resolved${after ? ` after ${after}` : ''}* · was ${severity}`;
      break;
    }
    case 'noData':
      line = `:grey_question: *${severity}* · No data: the metric stopped arriving, so its state is unknown`;
      break;
    case 'info':
      line = `${SEVERITY_EMOJI.info} *${severity}* · For information, nothing to fix`;
      break;
    default:
      line = `${SEVERITY_EMOJI[alert.severity]} *${severity}* · Firing`;
  }
  if (alert.phase === 'firing' || alert.phase === 'noData') {
    if (isAcknowledged(input)) line += ' · Acknowledged';
    // The lifecycle line says until when; the status line only needs the word.
    if (snoozedUntil(input)) line += ' · Snoozed';
  }
  return line;
}

/** Whether a non-technical reader may be told it is fixed. */
export type FixState = 'not-fixed' | 'no-data' | 'checking' | 'fixed' | 'info';

export function fixState(input: RenderInput): FixState {
  switch (input.alert.phase) {
    case 'resolved':
      return input.lifecycle?.fixConfirmed === false ? 'checking' : 'fixed';
    case 'noData':
      return 'no-data';
    case 'info':
      return 'info';
    default:
      return 'not-fixed';
  }
}
