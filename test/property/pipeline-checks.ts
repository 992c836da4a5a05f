/** @module Test support: the properties every run of normalize → match → enrich → render must hold, for the property tests. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import type { RenderedEvent } from '../../src/pipeline/render-event.ts';
import { renderEvent } from '../../src/pipeline/render-event.ts';
import { findLimitViolations } from '../../src/slack/limits.ts';
import { MAX_KEY_BYTES } from '../../src/sources/bounded-key.ts';
import { unwrapEnvelope } from '../../src/sources/unwrap-envelope.ts';
import { jsonWithoutPlainText, mrkdwnProblems, mrkdwnTexts, plainTextProblems, textObjects } from '../templates/message-text.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const NOW = new Date('2026-11-22T10:00:00Z');

/** Cases per property: a quick run in `npm test`, more from the bench (`CLARION_PROPERTY_RUNS=5000`). */
export function propertyRuns(fallback = 100): number {
  const wanted = Number(process.env.CLARION_PROPERTY_RUNS);
  return Number.isInteger(wanted) && wanted > 0 ? wanted : fallback;
}

/** Text that tries every way to ping, link or format from inside an event. */
export const HOSTILE_TEXTS = [
  '<!channel>',
  '<!here>',
  '@here',
  '@channel please',
  '<@U024BE7LH>',
  '<#C123>',
  '<https://evil.example|click>',
  'https://evil.example/path',
  '*bold*',
  '_italic_',
  '~strike~',
  '`tick`',
  '```code```',
  '&amp; & < >',
  '\uD800',
  'a\uDC00b',
  '\uDBFF\uDBFF',
  '😀',
  '\u0000\u001F\u007F',
  '{{alarm.name}}',
  'x'.repeat(100_000),
] as const;

/** Link targets Clarion makes itself: AWS consoles and the shipped catalog's own links; never a host from an event. */
function isOurUrl(url: string): boolean {
  try {
    return !new URL(url).hostname.includes('evil');
  } catch {
    return false;
  }
}

const isWellFormed = (text: string): boolean => Buffer.from(text, 'utf8').toString('utf8') === text;

/** Every string in a value, keys included; events are at most a few dozen levels deep once normalized. */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      stringsIn(item, out);
    }
  }
  return out;
}

/** Everything that breaks a property for one rendered input, as readable lines (empty when all hold). */
export function pipelineProblems(raw: unknown, rendered: RenderedEvent): string[] {
  const problems: string[] = [];
  const events = unwrapEnvelope(raw).length;
  if (rendered.signals.length !== events) problems.push(`${events} events gave ${rendered.signals.length} signals`);
  if (rendered.outcomes.length !== rendered.signals.length) problems.push('a signal without an outcome');
  for (const outcome of rendered.outcomes) {
    if (outcome.ignored === undefined && outcome.phase === undefined) problems.push(`signal ${outcome.key} has neither an alert nor a reason`);
    if (outcome.ignored !== undefined && outcome.ignored.trim() === '') problems.push(`signal ${outcome.key} ignored without a reason`);
  }
  const routed = rendered.alerts.flatMap((a) => a.audiences).length;
  if (rendered.deliveries.length !== routed) problems.push(`${routed} routed audiences gave ${rendered.deliveries.length} messages`);
  for (const signal of rendered.signals) {
    for (const [what, id] of [['event id', signal.eventId], ['signal key', signal.key]] as const) {
      if (Buffer.byteLength(id) > MAX_KEY_BYTES || !isWellFormed(id)) problems.push(`${what} not bounded or not well-formed: ${id.slice(0, 80)}`);
    }
  }
  for (const alert of rendered.alerts) {
    if (Buffer.byteLength(`alert#${alert.alertKey}`) > 2_048 || !isWellFormed(alert.alertKey)) problems.push(`alert key too long or not well-formed: ${alert.alertKey.slice(0, 80)}`);
  }
  // Your own applications' `Clarion Alert` events may carry links by design (`detail.links`); only those may point anywhere.
  const appLinks = rendered.signals.filter((s) => s.family === 'clarion').flatMap((s) => s.links.map((l) => l.url));
  const withoutAppLinks = (text: string): string => appLinks.reduce((out, url) => out.replaceAll(url, 'https://app-link.example').replaceAll(url.replace(/&/g, '&amp;'), 'https://app-link.example'), text);
  for (const delivery of rendered.deliveries) {
    const { message } = delivery;
    problems.push(...findLimitViolations(message).map((v) => `${delivery.audience}: ${v}`));
    problems.push(...mrkdwnTexts(message).flatMap((t) => mrkdwnProblems(withoutAppLinks(t), isOurUrl)).map((p) => `${delivery.audience}: ${p}`));
    problems.push(...textObjects(message).filter((t) => t.type === 'plain_text').flatMap((t) => plainTextProblems(t.text)));
    if (/<https?:\/\/evil|<!(channel|here|everyone)|<@U/.test(withoutAppLinks(jsonWithoutPlainText(message)))) problems.push(`${delivery.audience}: control sequence in the serialized message`);
  }
  try {
    JSON.stringify(rendered);
  } catch (error) {
    problems.push(`output cannot be written as JSON: ${(error as Error).message}`);
  }
  const illFormed = stringsIn(rendered).filter((text) => !isWellFormed(text));
  if (illFormed.length > 0) problems.push(`${illFormed.length} strings with lone surrogates, e.g. ${JSON.stringify(illFormed[0]!.slice(0, 80))}`);
  return problems;
}

/** Renders and checks; an exception is a broken property too, reported with its message. */
export function checkPipeline(raw: unknown, runtime: CatalogRuntime): string[] {
  let rendered: RenderedEvent;
  try {
    rendered = renderEvent(raw, runtime, { now: NOW });
  } catch (error) {
    return [`threw: ${(error as Error).stack ?? String(error)}`];
  }
  return pipelineProblems(raw, rendered);
}

/** The shipped sample events, and the AWS reference samples when the shared folder is next to the clone. */
export function realEvents(): { samples: Array<[string, unknown]>; fixtures: Array<[string, unknown]> | null } {
  const read = (dir: string): Array<[string, unknown]> =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => [f, JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown]);
  const fixturesDir = path.resolve(ROOT, '../shared/fixtures/aws');
  return { samples: read(path.join(ROOT, 'alert-catalog', 'samples', 'events')), fixtures: existsSync(fixturesDir) ? read(fixturesDir) : null };
}
