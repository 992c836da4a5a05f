import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatJson, wellFormedJson } from '../../src/cli/format-json.ts';
import { SAMPLES } from './run-clarion.ts';

describe('formatJson', () => {
  it('writes exactly what JSON.stringify with an indent of 2 writes for every shipped sample event', () => {
    // Prepare
    const samples = readdirSync(SAMPLES).map((f) => JSON.parse(readFileSync(path.join(SAMPLES, f), 'utf8')) as unknown);

    // Act
    const written = samples.map((s) => formatJson(s));

    // Assess
    expect(written).toEqual(samples.map((s) => JSON.stringify(s, null, 2)));
  });

  it('follows JSON.stringify for undefined, functions, non-finite numbers and toJSON', () => {
    // Prepare
    const value = { skipped: undefined, list: [undefined, () => 1, Number.NaN, -0, 1e21], at: new Date(0), empty: {}, none: [] };

    // Act
    const written = formatJson(value);

    // Assess
    expect(written).toBe(JSON.stringify(value, null, 2));
  });

  it('writes a value nested 100,000 deep as JSON that parses back to the same value', () => {
    // Prepare
    const text = `${'{"a":['.repeat(100_000)}1${']}'.repeat(100_000)}`;
    const value = JSON.parse(text) as unknown;

    // Act
    const written = formatJson(value);

    // Assess
    expect(written.replace(/\s/g, '')).toBe(text);
  });

  it('replaces lone surrogates in keys and strings with U+FFFD and keeps proper pairs', () => {
    // Prepare
    const value = { ['k\uD800']: ['\uDC00x', 'ok \uD83D\uDE00'] };

    // Act
    const written = formatJson(value, { indent: 0 });

    // Assess
    expect(written).toBe('{"k\uFFFD":["\uFFFDx","ok \uD83D\uDE00"]}');
  });
});

describe('wellFormedJson', () => {
  it('copies a value nested 10,000 deep with its lone surrogates replaced', () => {
    // Prepare
    const value = JSON.parse(`${'['.repeat(10_000)}"\\ud800"${']'.repeat(10_000)}`) as unknown;

    // Act
    const copy = wellFormedJson(value);

    // Assess
    expect(formatJson(copy, { indent: 0 })).toBe(`${'['.repeat(10_000)}"\uFFFD"${']'.repeat(10_000)}`);
  });
});
