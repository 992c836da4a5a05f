import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AlarmDetailShape, AlarmMetricShape, ReasonDataShape } from '../../src/sources/alarm-shapes.ts';
import { EventBridgeEnvelope } from '../../src/sources/eventbridge-envelope.ts';
import { optionalNumber, parseLenient } from '../../src/sources/lenient-zod.ts';
import { loadSample, sampleNames } from './sample-events.ts';

/** Values that replace a field: each a type some AWS field might turn up as. */
const REPLACEMENTS: unknown[] = [null, undefined, 0, -1.5, '12', 'text', '', true, [], [1, 'a'], {}, { nested: 1 }, Number.NaN];

/** Deterministic variants of `value`: every field (at every depth) swapped for each replacement in turn. */
function* mutations(value: unknown, budget = { left: 400 }): Generator<unknown> {
  if (value === null || typeof value !== 'object' || budget.left <= 0) return;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  for (const [key, field] of entries) {
    for (const replacement of REPLACEMENTS) {
      if (budget.left-- <= 0) return;
      const copy = structuredClone(value) as Record<string | number, unknown>;
      copy[key] = replacement;
      yield copy;
    }
    for (const inner of mutations(field, budget)) {
      const copy = structuredClone(value) as Record<string | number, unknown>;
      copy[key] = inner;
      yield copy;
    }
  }
}

/** Equal as the pipeline sees it: key order and keys holding undefined do not matter. */
function sameValue(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}

function dataOf(result: { success: boolean }): unknown {
  return 'data' in result ? result.data : undefined;
}

const SCHEMAS: Array<[string, z.ZodType, (event: Record<string, unknown>) => unknown]> = [
  ['EventBridge envelope', EventBridgeEnvelope, (e) => e],
  ['alarm detail', AlarmDetailShape, (e) => e['detail']],
  ['alarm metric', AlarmMetricShape, (e) => ((e['detail'] as { configuration?: { metrics?: unknown[] } })?.configuration?.metrics ?? [])[0]],
  ['reasonData', ReasonDataShape, (e) => JSON.parse(String((e['detail'] as { state?: { reasonData?: string } })?.state?.reasonData ?? '{}'))],
];

describe('parseLenient: the fast path gives exactly what zod gives', () => {
  const alarmSamples = sampleNames().filter((n) => loadSample(n)['detail-type'] === 'CloudWatch Alarm State Change');

  it.each(SCHEMAS)('agrees with zod on the %s of every alarm sample and hundreds of mutations of it', (_name, schema, pick) => {
    // Prepare
    const inputs = alarmSamples.flatMap((name) => {
      const value = pick(loadSample(name));
      return [value, ...mutations(value)];
    });

    // Act
    const disagreements = inputs.filter((input) => {
      const fast = parseLenient(schema, input);
      const slow = schema.safeParse(input);
      return fast.success !== slow.success || !sameValue(dataOf(fast), slow.data);
    });

    // Assess
    expect(inputs.length).toBeGreaterThan(100);
    expect(disagreements).toEqual([]);
  });

  it('agrees with zod on numbers given as numbers, numeric strings and junk', () => {
    // Prepare
    const inputs = [undefined, 1, 1.5, -2e3, '12', '1e3', ' 1', 'x', Number.NaN, Infinity, null, {}, []];

    // Act
    const results = inputs.map((input) => [dataOf(parseLenient(optionalNumber, input)), optionalNumber.safeParse(input).data]);

    // Assess
    for (const [fast, slow] of results) expect(fast).toEqual(slow);
  });
});
