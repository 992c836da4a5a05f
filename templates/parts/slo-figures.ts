/** @module Render (templates): an SLO alert's figures per audience — burn rates and budget for engineers, the allowance in one sentence for product leads, the bar for everyone. */
import type { SectionBlock } from '@slack/types';
import type { RenderInput, SloView } from '../../src/core/alert.ts';
import { allowancePeriod, budgetBar, burnRateWords, whenWords } from '../../src/slo/figure-words.ts';
import { capitalized, code, mrkdwn } from './text.ts';

/*
 * Figures are shown only while the alarm fires: they were read when it fired, and a recovery has
 * nothing left to forecast. Every reader who sees figures gets the budget as a text bar whose
 * words carry the meaning (screen readers read "62% left", not the blocks).
 */

const WINDOW_WORDS: Record<string, string> = { '1h': 'the last hour', '5m': '5 minutes', '6h': 'the last 6 hours', '30m': '30 minutes' };

function windowWords(label: string): string {
  return WINDOW_WORDS[label] ?? label;
}

function section(blockId: string, text: string): SectionBlock {
  return { type: 'section', block_id: blockId, text: mrkdwn(text) };
}

function firingView(input: RenderInput): SloView | undefined {
  const slo = input.alert.slo;
  // Without data there is nothing to read figures from: engineers see the objective, the others no forecast.
  return slo && input.alert.phase === 'firing' ? slo : undefined;
}

/** "99% over 30d, measured as …": what engineers need to read the figures. */
function objectiveLine(slo: SloView): string {
  return `*Objective:* ${slo.objective}% over ${slo.window} · ${slo.measured}`;
}

/*
 * A message is drawn again long after its figures were read (a press, an update, a fix told): once
 * the forecast time has passed, it is told as of the reading, not as still to come — the alarm has
 * not said whether the burn went on.
 */
function forecastPassed(f: NonNullable<SloView['figures']>, input: RenderInput): boolean {
  return f.runsOutAt !== undefined && Date.parse(f.runsOutAt) <= input.now.getTime();
}

function runsOutWords(f: NonNullable<SloView['figures']>, input: RenderInput): string {
  const when = whenWords(new Date(f.runsOutAt!), input.now, input.timeZone);
  if (forecastPassed(f, input)) return `at the rate read at ${whenWords(new Date(f.readAt), input.now, input.timeZone)}, it would have run out at ${when}`;
  return `runs out at ${when} at this rate`;
}

/** Engineers: burn rates over both windows, budget left, and when it runs out at this rate. */
export function techiesSloBlock(input: RenderInput): SectionBlock | undefined {
  const slo = input.alert.slo;
  if (!slo) return undefined;
  const view = firingView(input);
  if (!view) return section('clarion.slo', objectiveLine(slo));
  const f = view.figures;
  if (!f) {
    return section('clarion.slo', `*Burn rate unknown:* the figures could not be read; the alarm itself fired${view.alarmsAt ? ` (it fires above ${view.alarmsAt}× over both windows)` : ''}.\n${objectiveLine(slo)}`);
  }
  const alarmAt = view.alarmsAt ? ` (alarm at ${view.alarmsAt}×)` : '';
  // Nothing counted (the metric stopped reporting): said so, not "unknown too fast". The long window holds the short one.
  const short = f.short.burnRate === null ? `nothing counted over ${windowWords(f.short.window)}` : `${burnRateWords(f.short.burnRate)} over ${windowWords(f.short.window)}`;
  const lines = [
    f.long.burnRate === null
      ? `*Burn rate unknown:* nothing was counted over ${windowWords(f.long.window)} nor over ${windowWords(f.short.window)}${alarmAt}.`
      : f.long.burnRate < 1
        ? // The alarm fired on data these figures do not show (late, or since changed): no "0.4× too fast".
          `*Burn rate:* ${burnRateWords(f.long.burnRate)} over ${windowWords(f.long.window)}, ${short}${alarmAt}: the figures read now show no burn faster than the budget allows.`
        : `*Burning the budget ${burnRateWords(f.long.burnRate)} too fast* over ${windowWords(f.long.window)}, ${short}${alarmAt}.`,
    `*Budget left:* ${code(budgetBar(f.budgetLeft))} of ${slo.window}` + (f.runsOutAt ? ` · ${runsOutWords(f, input)}` : ''),
    objectiveLine(slo),
  ];
  return section('clarion.slo', lines.join('\n'));
}

/** "At this rate we will use up this month's allowance for slow page loads by 14:00 GMT today." */
export function allowanceSentence(input: RenderInput): string | undefined {
  const view = firingView(input);
  const f = view?.figures;
  if (!view || !f || f.budgetLeft === null) return undefined;
  const allowance = `${allowancePeriod(view)} allowance for ${view.allowance}`;
  if (f.budgetLeft <= 0) return `We have used up ${allowance}.`;
  if (!f.runsOutAt) return undefined;
  const when = whenWords(new Date(f.runsOutAt), input.now, input.timeZone);
  if (forecastPassed(f, input)) return `At the rate read at ${whenWords(new Date(f.readAt), input.now, input.timeZone)}, we would have used up ${allowance} by ${when}.`;
  return `At this rate we will use up ${allowance} by ${when}.`;
}

/** Product leads: the sentence and the bar. */
export function productLeadsSloBlock(input: RenderInput): SectionBlock | undefined {
  const view = firingView(input);
  const f = view?.figures;
  if (!view || !f) return undefined;
  const sentence = allowanceSentence(input);
  const bar = `*${capitalized(allowancePeriod(view))} allowance for ${view.allowance}:* ${code(budgetBar(f.budgetLeft))}`;
  return section('clarion.slo', sentence ? `${sentence}\n${bar}` : bar);
}

/** Local offices: the bar alone, in plain words. */
export function localOfficeSloBlock(input: RenderInput): SectionBlock | undefined {
  const view = firingView(input);
  const f = view?.figures;
  if (!view || !f || f.budgetLeft === null) return undefined;
  return section('clarion.slo', `*${capitalized(allowancePeriod(view))} allowance for ${view.allowance}:* ${code(budgetBar(f.budgetLeft))}`);
}
