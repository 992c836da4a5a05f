/** @module CLI: `clarion render` — what every audience would see for one raw event (or every record of a batch). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { renderEvent } from '../pipeline/render-event.ts';
import type { CliOptions } from './main.ts';
import type { Io } from './io.ts';
import { loadRuntime } from './load-runtime.ts';
import { UsageError } from './usage-error.ts';

export async function runRender(options: CliOptions, io: Io): Promise<number> {
  if (!options.event) throw new UsageError('render needs --event FILE');
  const now = parseNow(options.now);
  let text: string;
  try {
    text = await readFile(path.resolve(io.cwd, options.event), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${options.event}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${options.event} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const opened = await loadRuntime(options.catalog, io);
  if (!opened) return 1;
  const rendered = renderEvent(raw, opened.runtime, { now, ...(options.stage ? { stage: options.stage } : {}) });
  const output = {
    signals: rendered.signals,
    outcomes: rendered.outcomes,
    deliveries: rendered.deliveries,
  };
  io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  return 0;
}

export function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--now must be an ISO-8601 time, got "${value}"`);
  return date;
}
