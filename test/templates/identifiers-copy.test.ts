import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import type { Alert, RenderedMessage } from '../../src/core/alert.ts';
import { renderEvent } from '../../src/pipeline/render-event.ts';
import { renderFor } from '../../src/pipeline/stages/render.ts';
import { NOW, realEvents, ROOT } from '../property/pipeline-checks.ts';
import { textObjects } from './message-text.ts';

let runtime: CatalogRuntime;
beforeAll(async () => {
  runtime = (await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).runtime;
});

/** What someone gets by selecting a text in Slack and copying it: code spans lose their backticks, entities are decoded. */
function copied(message: RenderedMessage): string[] {
  return textObjects(message).map((t) =>
    t.type === 'plain_text'
      ? t.text
      : t.text
          .replace(/```([\s\S]*?)```|`([^`\n]*)`/g, (_, block: string | undefined, span: string | undefined) => block ?? span ?? '')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&'),
  );
}

/** The same text with look-alike characters turned back and invisible joiners taken out: what a reader would think it says. */
function asRead(text: string): string {
  return text.replace(/\u2217/g, '*').replace(/\u02CD/g, '_').replace(/\u223C/g, '~').replace(/\u02CB/g, '`').replace(/\u2060/g, '');
}

/** The identifiers of an alert that people paste into the console, the CLI or a log search. */
function identifiers(alert: Alert): string[] {
  const { signal } = alert;
  const ids = [
    signal.name,
    signal.resource.name,
    signal.resource.arn,
    signal.account,
    signal.region,
    signal.alarm?.name,
    signal.alarm?.arn,
    ...(signal.alarm?.triggeringAlarms ?? []),
    signal.metric?.name,
    signal.metric?.namespace,
    ...Object.entries(signal.metric?.dimensions ?? {}).flat(),
    alert.catalogId ?? undefined,
  ];
  // A backtick cannot sit in a code span, and mention syntax is broken on purpose (the hostile
  // sample has both): those are kept inert rather than exact, as the hostile-input tests check.
  return [...new Set(ids)].filter(
    (id): id is string => id !== undefined && id.trim() === id && id.length > 1 && !/`|<[!@#]|@(here|channel|everyone)\b/i.test(id),
  );
}

/** Every audience's message for every alert the event gives. */
function messages(raw: unknown): Array<{ alert: Alert; audience: string; message: RenderedMessage }> {
  const { alerts } = renderEvent(raw, runtime, { now: NOW });
  return alerts.flatMap((alert) =>
    Object.keys(runtime.config.audiences).map((audience) => ({ alert, audience, message: renderFor({ alert, audience, config: runtime.config, now: NOW }) })),
  );
}

/** Identifiers a reader sees in some text of a message but would not find by pasting that text. */
function altered(raw: unknown): string[] {
  return messages(raw).flatMap(({ alert, audience, message }) => {
    const texts = copied(message);
    return identifiers(alert)
      .filter((id) => texts.some((t) => asRead(t).includes(id) && !t.includes(id)))
      .map((id) => `${audience}: ${id}`);
  });
}

/** Identifiers found exactly in some message of the event (so the check above cannot pass by showing nothing). */
function shownExactly(raw: unknown): string[] {
  return messages(raw).flatMap(({ alert, message }) => identifiers(alert).filter((id) => copied(message).some((t) => t.includes(id))));
}

const { samples, fixtures } = realEvents();

describe('identifiers copy exactly', () => {
  it.each(samples)('every identifier shown for %s copies as itself', (_, raw) => {
    // Act
    const problems = altered(raw);

    // Assess
    expect(problems).toEqual([]);
  });

  it.skipIf(fixtures === null).each(fixtures ?? [])('every identifier shown for the AWS sample %s copies as itself', (_, raw) => {
    // Act
    const problems = altered(raw);

    // Assess
    expect(problems).toEqual([]);
  });

  it('shows identifiers of the samples that alert at all', () => {
    // Act
    const shown = samples.filter(([, raw]) => renderEvent(raw, runtime, { now: NOW }).alerts.length > 0).map(([file, raw]) => [file, shownExactly(raw).length > 0]);

    // Assess
    expect(shown.filter(([, any]) => !any)).toEqual([]);
  });

  it('copies an identifier with every marker Slack formats as itself', () => {
    // Prepare
    const [sample] = samples.filter(([file]) => file === 'app-down-alarm.json');
    const raw = structuredClone(sample![1]) as { resources: string[]; detail: { alarmName: string } };
    const name = 'room_bookings_prod *x* ~y~ a&b <c> https://x.example';
    raw.detail.alarmName = name;
    raw.resources = [`arn:aws:cloudwatch:eu-west-2:111111111111:alarm:${name}`];

    // Act
    const shown = messages(raw).filter((m) => m.audience === 'techies').flatMap((m) => copied(m.message));

    // Assess
    expect(shown.filter((t) => t.includes(`arn:aws:cloudwatch:eu-west-2:111111111111:alarm:${name}`))).not.toEqual([]);
  });
});
