/** @module Catalog: checks an entry's `autoFix` beyond its schema — placeholders its family can fill, a bounded input, a dry run only where the service has one — with `file:line:col`. */
import { canFill, FAMILY_PLACEHOLDERS } from '../sources/placeholders.ts';
import { DRY_RUN_KINDS } from './auto-fix-schema.ts';
import type { CatalogProblem } from './catalog-problem.ts';
import { hasUnfinishedPlaceholder, placeholdersIn, UNFINISHED_PLACEHOLDER } from './entry-texts.ts';
import type { LocatedEntry } from './load-catalog.ts';

/** At most this many placeholders in one fix's parameters: each fills at most 1 KB, so the call stays small. */
export const MAX_FIX_PLACEHOLDERS = 20;
/** The parameters as written, before filling (JSON characters). */
export const MAX_FIX_TEMPLATE_LENGTH = 8192;

/** Every string in the parameters, with its path below `autoFix.action`. */
function stringsIn(value: unknown, path: Array<string | number>): Array<{ path: Array<string | number>; text: string }> {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => stringsIn(item, [...path, key]));
  return [];
}

export function checkAutoFixes(entries: LocatedEntry[]): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  for (const located of entries) {
    const fix = located.entry.autoFix;
    if (!fix) continue;
    const at = (path: Array<string | number>, message: string) => located.source.problemAt(['entries', located.index, 'autoFix', ...path], message);
    const { action } = fix;
    const parameters = action.kind === 'step-functions' ? { input: action.input } : action.kind === 'lambda-invoke' ? { payload: action.payload } : action.kind === 'ssm-automation' ? { parameters: action.parameters } : {};
    const family = located.entry.match.family;
    let count = 0;
    // The title is the button's, the thread's and the confirm dialog's plain words: nothing fills it.
    if (placeholdersIn(fix.title).length > 0 || hasUnfinishedPlaceholder(fix.title)) problems.push(at(['title'], 'is plain words: placeholders are not filled in a fix title (put them in the action\'s parameters)'));
    for (const { path, text } of stringsIn(parameters, ['action'])) {
      if (hasUnfinishedPlaceholder(text)) problems.push(at(path, UNFINISHED_PLACEHOLDER));
      for (const placeholder of placeholdersIn(text)) {
        count += 1;
        if (canFill(family, placeholder)) continue;
        problems.push(at(path, `placeholder {{${placeholder}}} cannot be filled by any ${family} signal; available: ${FAMILY_PLACEHOLDERS[family].slice(0, 12).join(', ')}`));
      }
    }
    if (count > MAX_FIX_PLACEHOLDERS) problems.push(at(['action'], `uses ${count} placeholders; at most ${MAX_FIX_PLACEHOLDERS} (each fills up to 1 KB)`));
    if (JSON.stringify(parameters).length > MAX_FIX_TEMPLATE_LENGTH) problems.push(at(['action'], `parameters are longer than ${MAX_FIX_TEMPLATE_LENGTH} characters of JSON`));
    if (action.kind === 'ssm-automation' && !action.assumeRole) {
      // Without AutomationAssumeRole the steps run as the processor, whose generated IAM only starts and reads automations.
      problems.push(
        located.source.problemAt(
          ['entries', located.index, 'autoFix', 'action'],
          'runs the document as the processor, which may only start and read automations, so a step that calls AWS fails; name an assumeRole that holds what its steps need',
          'warning',
        ),
      );
    }
    if (fix.dryRun && !DRY_RUN_KINDS.has(action.kind)) {
      problems.push(at(['dryRun'], `${action.kind} has no dry run of its own; only ${[...DRY_RUN_KINDS].join(', ')} can rehearse (remove dryRun, or set it to false)`));
    }
  }
  return problems;
}
