/** @module Processor: notes in history (an escalation step, a silence, planned work) written beside the step they describe, with the configured retention. */
import { createHash } from 'node:crypto';
import type { HistoryNote } from '../core/history.ts';
import { historyText } from '../core/history.ts';
import type { ProcessorDeps } from '../pipeline/pipeline-context.ts';
import { parseDuration } from '../pipeline/parse-duration.ts';

type NoteDeps = Pick<ProcessorDeps, 'history' | 'runtime' | 'log'>;

/** A note without its store fields; `noteOf` adds them. */
type NoteBody = HistoryNote extends infer N ? (N extends HistoryNote ? Omit<N, 'kind' | 'expiresAt'> : never) : never;

/** Note ids stay short whatever the key they come from (an alert key may be 2 KB): a hash of it, with a readable prefix. */
export function noteId(prefix: string, key: string): string {
  return `${prefix}:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/** The note as stored: kept for the configured `history.retention` from `now`. */
export function noteOf(deps: Pick<NoteDeps, 'runtime'>, body: NoteBody, now: Date): HistoryNote {
  const expiresAt = Math.floor(now.getTime() / 1000) + parseDuration(deps.runtime().config.history.retention);
  return { ...body, kind: 'note', id: historyText(body.id), expiresAt } as HistoryNote;
}

/**
 * Writes a note whose step is idempotent (a silence's request, a maintenance phase): a failure
 * throws, the request is retried through the queue, and the step and its note are done again.
 */
export async function addNoteOrRetry(deps: NoteDeps, body: NoteBody, now: Date): Promise<void> {
  await deps.history?.addNote(noteOf(deps, body, now));
}

/**
 * Writes a note whose step is not idempotent (an escalation step posted to Slack or paged): a retry
 * would take the step again, so a failure is logged and the note lost rather than the step repeated.
 */
export async function addNoteOrLog(deps: NoteDeps, body: NoteBody, now: Date): Promise<void> {
  try {
    await deps.history?.addNote(noteOf(deps, body, now));
  } catch (error) {
    deps.log?.warn('could not note this in history; the step itself is done', { note: body.type, id: body.id, error: String(error) });
  }
}
