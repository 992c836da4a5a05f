/** @module CLI: `clarion validate` — schema, cross-reference and plain-language checks of a catalog folder, and the entries readers found unclear. */
import type { CatalogProblem } from '../catalog/catalog-problem.ts';
import { formatProblem } from '../catalog/catalog-problem.ts';
import { lintPlainLanguage } from '../catalog/lint-plain-language.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import type { LocatedEntry } from '../catalog/load-catalog.ts';
import type { ClarityTally } from '../history/clarity-answers.ts';
import { foundUnclear } from '../history/clarity-answers.ts';
import { readCatalogSources } from '../adapters/read-catalog-dir.ts';
import type { ClaritySourceDeps } from './clarity-source.ts';
import type { CliOptions } from './main.ts';
import type { Io } from './io.ts';
import { resolveCatalogDir } from './resolve-catalog-dir.ts';

export async function runValidate(options: CliOptions, io: Io, deps?: ClaritySourceDeps): Promise<number> {
  const dir = await resolveCatalogDir(options.catalog, io);
  const loaded = loadCatalog(await readCatalogSources(dir, io.cwd));
  // Entries that failed the schema are linted too: one run reports every problem.
  const problems = [...loaded.problems, ...lintPlainLanguage(loaded.checked, loaded.config, loaded.maintenance)];
  // With --strict a warning fails the run, so it is reported as an error.
  const shown = options.strict ? problems.map((p) => ({ ...p, severity: 'error' as const })) : problems;
  // Readers' answers stay warnings even then: they are news for the author, not a fault in the files,
  // and a CI run must not pass or fail on what someone answered in Slack that day.
  const readers = await clarityWarnings(options, loaded.checked, io, deps);
  for (const problem of [...shown, ...readers]) io.stdout(`${formatProblem(problem)}\n`);
  const errors = shown.filter((p) => p.severity === 'error').length;
  const warnings = shown.length - errors + readers.length;
  const summary = `${loaded.entries.length} entries, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  io.stderr(errors > 0 ? `Catalog has problems: ${summary}\n` : `Catalog OK: ${summary}\n`);
  return errors > 0 ? 1 : 0;
}

/**
 * One warning at the entry's id for each state and audience readers found unclear, when answers
 * can be read (`--url`, `--history-table` or CLARION_HISTORY_TABLE); none otherwise, so validate
 * stays offline. Answers that cannot be read are a line on stderr, not a failure.
 */
async function clarityWarnings(options: CliOptions, entries: readonly LocatedEntry[], io: Io, given?: ClaritySourceDeps): Promise<CatalogProblem[]> {
  const env = given?.env ?? process.env;
  if (!options.url && !options['history-table'] && !env.CLARION_HISTORY_TABLE) return [];
  // Loaded only when asked: the DynamoDB client is not for an offline check.
  const { claritySourceOf, defaultClaritySourceDeps, describeSource, readClarityTallies, ClaritySourceError } = await import('./clarity-source.ts');
  const deps = given ?? defaultClaritySourceDeps();
  const source = claritySourceOf(options, deps.env);
  if (!source) return [];
  let tallies: ClarityTally[];
  try {
    tallies = await readClarityTallies(source, deps);
  } catch (error) {
    if (!(error instanceof ClaritySourceError)) throw error;
    io.stderr(`clarion: readers' answers not read from ${describeSource(source)}: ${error.message}\n`);
    return [];
  }
  const byId = new Map<string, LocatedEntry>();
  for (const located of entries) if (!byId.has(located.entry.id)) byId.set(located.entry.id, located);
  return tallies.flatMap((tally) => {
    const located = byId.get(tally.catalogId);
    if (!located || !foundUnclear(tally)) return [];
    return [located.source.problemAt(['entries', located.index, 'id'], unclearMessage(tally, source.since), 'warning')];
  });
}

function unclearMessage(tally: ClarityTally, since: string): string {
  const state = tally.state === 'fixed' ? 'once fixed' : 'while it was happening';
  const latest = tally.comments[0];
  // Readers' words, quoted as JSON: one line, and no terminal control characters get through.
  const comment = latest ? `; latest comment: ${JSON.stringify(latest.text)}` : '';
  return `readers found this unclear (${tally.audience}, ${state}): ${tally.no} of ${tally.yes + tally.no} said no in the last ${since}${comment}`;
}
