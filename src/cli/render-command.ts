/** @module CLI: `clarion render` — what every audience would see for one raw event (or every record of a batch). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { renderEvent } from '../pipeline/render-event.ts';
import { unknownStage } from '../pipeline/route-alert.ts';
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import type { RenderedEvent, RenderOptions, SignalOutcome } from '../pipeline/render-event.ts';
import { formatJson, wellFormedJson } from './format-json.ts';
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
  const badStage = unknownStage(opened.runtime.config, options.stage);
  if (badStage) throw new UsageError(badStage);
  // Lone surrogates are legal in JSON text but not in Slack's UTF-8, so they become U+FFFD here, at the edge.
  const output = renderRecords(wellFormedJson(raw), opened.runtime, { now, ...(options.stage ? { stage: options.stage } : {}) });
  io.stdout(`${formatJson(output)}\n`);
  return 0;
}

/** An outcome for a record the pipeline could not handle: the reason instead of a crash. */
export interface FailedOutcome {
  key: string;
  catalogId: null;
  matchedBy: null;
  error: string;
}

export interface RenderOutput {
  signals: RenderedEvent['signals'];
  outcomes: Array<SignalOutcome | FailedOutcome>;
  deliveries: RenderedEvent['deliveries'];
}

/**
 * Renders the event, and when that throws, each record of its batch on its own, so one bad
 * record costs only its own output and the contract (exit 0 for any JSON) holds.
 */
export function renderRecords(raw: unknown, runtime: CatalogRuntime, options: RenderOptions, render = renderEvent, key = 'event'): RenderOutput {
  try {
    const { signals, outcomes, deliveries } = render(raw, runtime, options);
    return { signals, outcomes, deliveries };
  } catch (error) {
    const records = batchRecords(raw);
    if (records.length === 0) return { signals: [], outcomes: [failedOutcome(key, error)], deliveries: [] };
    const output: RenderOutput = { signals: [], outcomes: [], deliveries: [] };
    records.forEach((record, i) => {
      const one = renderRecords(record, runtime, options, render, `${key}.records[${i}]`);
      output.signals.push(...one.signals);
      output.outcomes.push(...one.outcomes);
      output.deliveries.push(...one.deliveries);
    });
    return output;
  }
}

/** The records of a batch (a JSON array, or Lambda's and SQS's `Records`), each still wrapped as it came. */
function batchRecords(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw.length > 1 ? raw : [];
  if (typeof raw !== 'object' || raw === null) return [];
  const records = (raw as { Records?: unknown }).Records;
  if (!Array.isArray(records) || records.length < 2) return [];
  return records.map((record) => ({ ...raw, Records: [record] }));
}

function failedOutcome(key: string, error: unknown): FailedOutcome {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { key, catalogId: null, matchedBy: null, error: `could not render this record: ${reason}` };
}

export function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--now must be an ISO-8601 time, got "${value}"`);
  return date;
}
