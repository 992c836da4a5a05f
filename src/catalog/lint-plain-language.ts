/** @module Catalog: plain-language lint of every text a non-technical reader sees (jargon and reading age). */
import retextEnglish from 'retext-english';
import retextReadability from 'retext-readability';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { CatalogProblem } from './catalog-problem.ts';
import { jargonIn, proseOf } from './plain-language-jargon.ts';
import { entryTexts } from './entry-texts.ts';
import type { LocatedEntry } from './load-catalog.ts';
import type { LocatedWindow } from './load-maintenance.ts';
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

// The word list lives apart from retext, so the interactions Lambda can check an engineer's update without loading it.
export { JARGON, jargonIn } from './plain-language-jargon.ts';

const processor = unified().use(retextEnglish).use(retextReadability, { age: TARGET_READING_AGE, minWords: MIN_WORDS, threshold: AGREEING_FORMULAS });

export function hardSentencesIn(text: string): string[] {
  const file = new VFile(proseOf(text));
  processor.runSync(processor.parse(file), file);
  return file.messages.map((m) => String(m.actual ?? m.reason));
}

/**
 * Warnings for texts a non-technical audience reads: entry-wide texts (title, impact, summary,
 * data) and comms for audiences rendered with the product-leads or local-office template.
 */
export function lintPlainLanguage(entries: readonly LocatedEntry[], config: ClarionConfig, windows: readonly LocatedWindow[] = []): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  // A maintenance window's title and message are read by everyone it tells, like comms.
  for (const located of windows) {
    for (const [key, text] of [['title', located.window.title], ['message', located.window.message]] as const) {
      if (text === undefined) continue;
      const at = (message: string) => located.source.problemAt(['maintenance', located.index, key], message, 'warning');
      for (const { word, instead } of jargonIn(text)) problems.push(at(`jargon "${word}" in text for non-technical readers; try ${instead}`));
      for (const sentence of hardSentencesIn(text)) {
        problems.push(at(`hard to read (above reading age ${TARGET_READING_AGE}): "${truncate(sentence, 80)}"; use shorter words and sentences`));
      }
    }
  }
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
