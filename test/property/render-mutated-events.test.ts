import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import { HOSTILE_TEXTS, ROOT, checkPipeline, propertyRuns, realEvents } from './pipeline-checks.ts';

let runtime: CatalogRuntime;
beforeAll(async () => {
  runtime = (await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).runtime;
});

type Path = Array<string | number>;

/** Every place in a value that a mutation can change, text that holds JSON (an SNS `Message`) included. */
function pathsOf(value: unknown, here: Path = [], out: Path[] = []): Path[] {
  if (here.length > 0) out.push(here);
  // Inside a value a mutation nested deep, any place is as good as the next.
  if (here.length > 30) return out;
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
    try {
      pathsOf(JSON.parse(value), [...here, JSON_TEXT], out);
    } catch {
      // Text that only looks like JSON stays text.
    }
  } else if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...here, i], out));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) pathsOf(item, [...here, key], out);
  return out;
}

/** A path step that opens JSON held in text, changes it and writes it back. */
const JSON_TEXT = '\u0000json';

type Mutation = { kind: 'replace'; value: unknown } | { kind: 'delete' };

function mutate(value: unknown, at: Path, mutation: Mutation): unknown {
  if (at.length === 0) return mutation.kind === 'replace' ? mutation.value : null;
  const [step, ...rest] = at;
  if (step === JSON_TEXT && typeof value === 'string') return JSON.stringify(mutate(JSON.parse(value), rest, mutation));
  if (Array.isArray(value) && typeof step === 'number') {
    const copy = [...value];
    if (rest.length === 0 && mutation.kind === 'delete') copy.splice(step, 1);
    else copy[step] = mutate(copy[step], rest, mutation);
    return copy;
  }
  if (typeof value === 'object' && value !== null && typeof step === 'string') {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    if (rest.length === 0 && mutation.kind === 'delete') delete copy[step];
    else copy[step] = mutate(copy[step], rest, mutation);
    return copy;
  }
  return value;
}

const hostile = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXTS),
  fc.array(fc.constantFrom(...HOSTILE_TEXTS.filter((t) => t.length < 1_000)), { minLength: 2, maxLength: 6 }).map((parts) => parts.join(' ')),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: hostile.map((value) => ({ kind: 'replace' as const, value })) },
  { weight: 2, arbitrary: fc.jsonValue({ stringUnit: 'binary', maxDepth: 3 }).map((value) => ({ kind: 'replace' as const, value })) },
  { weight: 1, arbitrary: fc.integer({ min: 30, max: 1_000 }).map((depth) => ({ kind: 'replace' as const, value: JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'delete' as const }) },
);

/** Fields people read in messages: names, reasons, titles, messages; half the mutations aim at them. */
const SHOWN = /name|reason|title|message|subject|description|cause|error|status|arn|id$/i;

/** An event with one to six of its values replaced by hostile text or arbitrary JSON, or deleted. */
function mutated(events: Array<[string, unknown]>): fc.Arbitrary<[string, unknown]> {
  return fc
    .tuple(fc.constantFrom(...events), fc.array(fc.tuple(fc.nat(), fc.boolean(), mutation), { minLength: 1, maxLength: 6 }))
    .map(([[name, event], mutations]) => {
      let value = event;
      for (const [pick, aimed, change] of mutations) {
        const all = pathsOf(value);
        const shown = all.filter((p) => SHOWN.test(String(p[p.length - 1])));
        const paths = aimed && shown.length > 0 ? shown : all;
        if (paths.length === 0) break;
        value = mutate(value, paths[pick % paths.length]!, change);
      }
      return [name, value] as [string, unknown];
    });
}

const { samples, fixtures } = realEvents();

function holdsFor(events: Array<[string, unknown]>): void {
  fc.assert(
    fc.property(mutated(events), ([, raw]) => {
      expect(checkPipeline(raw, runtime)).toEqual([]);
    }),
    { numRuns: propertyRuns(150) },
  );
}

describe('Property: mutated real events through normalize → match → enrich → render', () => {
  it('holds for the shipped sample events, mutated', () => {
    // Act & Assess: fast-check runs every case and reports the smallest one that breaks a property
    holdsFor(samples);
  });

  it.skipIf(fixtures === null)('holds for the AWS reference samples in ../shared/fixtures, mutated', () => {
    // Act & Assess
    holdsFor(fixtures!);
  });

  it('holds for every shipped sample event as it is', () => {
    // Act
    const problems = samples.flatMap(([name, raw]) => checkPipeline(raw, runtime).map((p) => `${name}: ${p}`));

    // Assess
    expect(problems).toEqual([]);
  });
});
