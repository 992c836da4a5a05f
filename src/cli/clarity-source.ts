/** @module CLI: where `clarion validate` reads readers' *Was this clear?* answers — the running local stack (`GET /api/clarity`) or the history table on AWS. */
import * as z from 'zod';
import { createDynamoHistory } from '../adapters/dynamo-history.ts';
import { ClarionError } from '../core/clarion-error.ts';
import { HISTORY_TEXT_MAX } from '../core/history.ts';
import type { ClarityTally } from '../history/clarity-answers.ts';
import { ClaritySpanError, readClarityAnswers } from '../local/server/clarity-api.ts';
import { defaultHistorySourceDeps } from './history-source-deps.ts';
import type { HistorySourceDeps } from './history-source-deps.ts';

/** What the source is given besides the options, so tests can hand in dynalite and the stack's fetch. */
export type ClaritySourceDeps = HistorySourceDeps;
export const defaultClaritySourceDeps = defaultHistorySourceDeps;

/** The answers could not be read; validate says so and goes on, since the catalog itself was checked. */
export class ClaritySourceError extends ClarionError {}

/** The local stack's answer, checked at this boundary like any other input. */
const ClarityAnswersBody = z.object({
  answers: z.array(
    z.object({
      catalogId: z.string(),
      state: z.enum(['firing', 'fixed']),
      audience: z.string(),
      yes: z.number().int().nonnegative(),
      no: z.number().int().nonnegative(),
      comments: z.array(z.object({ at: z.string(), text: z.string().max(HISTORY_TEXT_MAX) })),
    }),
  ),
});

export interface ClaritySource {
  /** `--url`: the local stack. */
  url?: string;
  /** `--history-table`, else `CLARION_HISTORY_TABLE`: the history table on AWS. */
  historyTable?: string;
  /** How far back (`--since`, a duration). */
  since: string;
}

/** Where answers come from for these options, or null: with neither a URL nor a table, validate stays offline. */
export function claritySourceOf(options: { url?: string | undefined; 'history-table'?: string | undefined; since?: string | undefined }, env: Record<string, string | undefined>): ClaritySource | null {
  const since = options.since ?? '90d';
  if (options.url) return { url: options.url, since };
  const table = options['history-table'] ?? env.CLARION_HISTORY_TABLE;
  return table ? { historyTable: table, since } : null;
}

/** Describes the source for messages: the URL, or the table. */
export function describeSource(source: ClaritySource): string {
  return source.url ? source.url : `history table ${source.historyTable}`;
}

export async function readClarityTallies(source: ClaritySource, deps: ClaritySourceDeps): Promise<ClarityTally[]> {
  if (source.url) return fromLocalStack(source.url, source.since, deps);
  const history = createDynamoHistory({ client: deps.dynamo(), tableName: source.historyTable! });
  try {
    return (await readClarityAnswers(history, deps.now(), source.since)).answers;
  } catch (error) {
    throw new ClaritySourceError(error instanceof ClaritySpanError ? error.message : `${(error as Error).message}${causeOf(error)}`, { cause: error });
  }
}

async function fromLocalStack(url: string, since: string, deps: ClaritySourceDeps): Promise<ClarityTally[]> {
  const base = url.replace(/\/+$/, '');
  let response: Response;
  try {
    response = await deps.fetch(`${base}/api/clarity?since=${encodeURIComponent(since)}`);
  } catch (error) {
    throw new ClaritySourceError(`could not reach the local stack at ${base} (is \`clarion start\` running?): ${(error as Error).message}`, { cause: error });
  }
  const text = await response.text();
  if (response.status !== 200) throw new ClaritySourceError(`the local stack answered ${response.status}: ${text.trim().slice(0, 200)}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ClaritySourceError('the local stack did not answer with JSON', { cause: error });
  }
  const parsed = ClarityAnswersBody.safeParse(body);
  if (!parsed.success) throw new ClaritySourceError(`the local stack's answers are not in the expected shape: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  return parsed.data.answers;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `: ${cause.message}` : '';
}
