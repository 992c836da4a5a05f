/** @module Catalog: plain-language lint of every text a non-technical reader sees (jargon and reading age). */
import retextEnglish from 'retext-english';
import retextReadability from 'retext-readability';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { CatalogProblem } from './catalog-problem.ts';
import { entryTexts } from './entry-texts.ts';
import type { LocatedEntry } from './load-catalog.ts';
import type { ClarionConfig } from './schema.ts';

/** GOV.UK writes for a reading age of 9; so do we for local offices and product leads. */
export const TARGET_READING_AGE = 9;

/*
 * retext-readability scores each sentence with seven formulas. Those formulas were made for whole
 * texts and swing on one long word in a short sentence, so a sentence counts as hard only when six
 * of the seven agree it is above the target age, and sentences under ten words are left to the
 * jargon check. Measured on sample sentences: plain alert wording passes, officialese fails.
 */
const MIN_WORDS = 10;
const AGREEING_FORMULAS = 6 / 7;

/** Words that mean nothing to most end users; each with a plainer way to say it. */
export const JARGON: ReadonlyArray<{ term: RegExp; word: string; instead: string }> = [
  { term: /\bARNs?\b/, word: 'ARN', instead: 'name the thing people know' },
  { term: /\b[45]xx\b|\b[45]\d\d errors?\b/i, word: '5xx', instead: '"errors"' },
  { term: /\bHTTPS?\b/, word: 'HTTP', instead: 'leave it out' },
  { term: /\bECS\b/, word: 'ECS', instead: '"the service"' },
  { term: /\bEC2\b/, word: 'EC2', instead: '"a server"' },
  { term: /\bRDS\b/, word: 'RDS', instead: '"the database"' },
  { term: /\bLambdas?\b/, word: 'Lambda', instead: '"a background task"' },
  { term: /\bCPU\b/, word: 'CPU', instead: '"computer power"' },
  { term: /\blatency\b/i, word: 'latency', instead: '"slow"' },
  { term: /\bp\d{2,3}\b/i, word: 'p99', instead: '"for the slowest users"' },
  { term: /\bOOM\b|\bout of memory\b/i, word: 'OOM', instead: '"ran out of space to work"' },
  { term: /\bthresholds?\b/i, word: 'threshold', instead: '"limit"' },
  { term: /\bstack ?traces?\b/i, word: 'stack trace', instead: 'leave it out' },
  { term: /\bAPIs?\b/, word: 'API', instead: '"connection"' },
  { term: /\bDNS\b/, word: 'DNS', instead: 'leave it out' },
  { term: /\bSQS\b|\bSNS\b|\bDynamoDB\b|\bCloudWatch\b|\bEventBridge\b/, word: 'AWS service names', instead: 'say what it does' },
  { term: /\bmetrics?\b/i, word: 'metric', instead: '"measure"' },
  { term: /\balarms?\b/i, word: 'alarm', instead: '"warning" or "check"' },
  { term: /\bdeploy(ment|ed|s)?\b/i, word: 'deploy', instead: '"update"' },
  { term: /\bcontainers?\b/i, word: 'container', instead: '"part of the service"' },
  { term: /\btimeouts?\b|\btimed out\b/i, word: 'timeout', instead: '"took too long"' },
  { term: /\bexceptions?\b/i, word: 'exception', instead: '"error"' },
  { term: /\binstances?\b/i, word: 'instance', instead: '"server"' },
  { term: /\bendpoints?\b/i, word: 'endpoint', instead: '"address"' },
  { term: /\bfailover\b/i, word: 'failover', instead: '"switched to the backup"' },
  { term: /\bthrottl(ed|ing|e)\b/i, word: 'throttling', instead: '"slowed down"' },
  { term: /\bSLA\b|\bSLO\b/, word: 'SLA', instead: 'leave it out' },
  { term: /\bGlue\b|\bStep Functions?\b|\bBatch jobs?\b/, word: 'AWS job names', instead: '"the overnight update"' },
];

const processor = unified().use(retextEnglish).use(retextReadability, { age: TARGET_READING_AGE, minWords: MIN_WORDS, threshold: AGREEING_FORMULAS });

/** Strips what is not prose (placeholders, mrkdwn markers, links) before scoring. */
function proseOf(text: string): string {
  return text
    .replace(/\{\{[^}]*\}\}/g, 'it')
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<[^>]+>/g, '')
    .replace(/[*_~`>]/g, ' ');
}

export function jargonIn(text: string): Array<{ word: string; instead: string }> {
  const prose = proseOf(text);
  return JARGON.filter((j) => j.term.test(prose)).map(({ word, instead }) => ({ word, instead }));
}

export function hardSentencesIn(text: string): string[] {
  const file = new VFile(proseOf(text));
  processor.runSync(processor.parse(file), file);
  return file.messages.map((m) => String(m.actual ?? m.reason));
}

/**
 * Warnings for texts a non-technical audience reads: entry-wide texts (title, impact, summary,
 * data) and comms for audiences rendered with the product-leads or local-office template.
 */
export function lintPlainLanguage(entries: readonly LocatedEntry[], config: ClarionConfig): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const plainAudience = (name: string) => {
    const template = config.audiences[name]?.template;
    return template === 'product-leads' || template === 'local-office';
  };
  for (const located of entries) {
    const readsPlain = located.entry.audiences.some(plainAudience);
    for (const { path, text, readers, isUrl } of entryTexts(located.entry)) {
      if (isUrl || readers === 'techies') continue;
      if (readers === 'everyone' ? !readsPlain : !plainAudience(readers)) continue;
      const at = (message: string) =>
        located.source.problemAt(['entries', located.index, ...path], message, 'warning');
      for (const { word, instead } of jargonIn(text)) {
        problems.push(at(`jargon "${word}" in text for non-technical readers; try ${instead}`));
      }
      for (const sentence of hardSentencesIn(text)) {
        problems.push(
          at(`hard to read (above reading age ${TARGET_READING_AGE}): "${truncate(sentence, 80)}"; use shorter words and sentences`),
        );
      }
    }
  }
  return problems;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
