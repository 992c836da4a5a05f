/** @module Local stack: the stack clock's advances kept beside the state in `--data DIR`, so a second start resumes the time the state was written at. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ClarionError } from '../core/clarion-error.ts';

/*
 * State on disk holds times from the clock that wrote it: alerts' last events, escalation and
 * check deadlines, Slack message ts. After a `POST /api/clock` (the demo moves 16 minutes on), a
 * restart on the real clock alone would run behind its own state: every event older than the one
 * stored (stale), and the emulated Slack handing out ts values already stored for other messages.
 * So the advance is saved, and the clock starts from it again.
 */

const FILE = 'stack-clock.json';
const Saved = z.object({ offsetMs: z.number().int().nonnegative() });

export class SavedClockError extends ClarionError {}

/** The advance saved in `dir`: 0 when nothing was saved; a clear error for a file that is not one of ours. */
export function readSavedOffset(dir: string): number {
  const file = path.join(dir, FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw new SavedClockError(`${file}: cannot read it`, { cause: error });
  }
  try {
    return Saved.parse(JSON.parse(text)).offsetMs;
  } catch (error) {
    throw new SavedClockError(`${file}: not a saved stack clock (expected {"offsetMs": <ms>}); delete it to start on the real time`, { cause: error });
  }
}

/** Saves the advance; written whole and renamed, so a crash leaves the old file or the new one. */
export function saveOffset(dir: string, offsetMs: number): void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ offsetMs })}\n`);
  renameSync(`${file}.tmp`, file);
}
