import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClarion, scratch } from './run-clarion.ts';

const NOW = '2026-11-22T10:00:00Z';
const DEPTH = 10_000;

function alarm(name: string, id: string) {
  return {
    version: '0',
    id,
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account: '111111111111',
    time: '2026-11-22T09:59:00Z',
    region: 'eu-west-2',
    resources: [`arn:aws:cloudwatch:eu-west-2:111111111111:alarm:${name}`],
    detail: { alarmName: name, state: { value: 'ALARM', reason: 'Threshold crossed', timestamp: '2026-11-22T09:59:00Z' }, configuration: {} },
  };
}

/** `{"a":{"a":…1…}}`, written as text because JSON.stringify itself cannot go this deep. */
function nestedObjects(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

// The lone surrogates are written as JSON escapes, exactly as a hostile sender would put them on the wire.
const FILES: Record<string, string> = {
  'deep-arrays.json': `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`,
  'deep-in-alarm.json': JSON.stringify(alarm('web', 'deep-1')).replace('"configuration":{}', `"configuration":${nestedObjects(DEPTH)}`),
  'lone-surrogate.json': String.raw`{"detail":{"alarmName":"\ud800x"}}`,
  'three-alarms.json': JSON.stringify([alarm('first', 'e-1'), alarm('second', 'e-2'), alarm('third', 'e-3')]).replace('"third"', String.raw`"third\udc00"`),
  'long-string.json': JSON.stringify(alarm('x'.repeat(256 * 1024), 'long-1')),
};

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await scratch(FILES));
});
afterAll(() => cleanup());

async function render(file: string) {
  const result = await runClarion(['render', '--event', path.join(dir, file), '--now', NOW]);
  return { ...result, output: JSON.parse(result.stdout) as { signals: unknown[]; outcomes: Array<Record<string, unknown>>; deliveries: unknown[] } };
}

const LONE_SURROGATE_ESCAPE = /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i;

describe('CLI: clarion render holds its contract (exit 0, JSON out) for hostile input', () => {
  it('exits 0 with JSON for arrays nested 10,000 deep', async () => {
    // Act
    const result = await render('deep-arrays.json');

    // Assess
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.output.outcomes).toHaveLength(1);
  });

  it('exits 0 with JSON for an alarm whose configuration nests 10,000 objects deep', async () => {
    // Act
    const result = await render('deep-in-alarm.json');

    // Assess
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.output.deliveries.length).toBeGreaterThan(0);
  });

  it('exits 0 with well-formed JSON for a name holding a lone surrogate', async () => {
    // Act
    const result = await render('lone-surrogate.json');

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(LONE_SURROGATE_ESCAPE);
    expect(result.stdout).not.toMatch(/[\uD800-\uDFFF]/);
  });

  it('renders every record of an array of three alarms, one with a lone surrogate in its name', async () => {
    // Act
    const result = await render('three-alarms.json');

    // Assess
    expect(result.code).toBe(0);
    expect(result.output.outcomes).toHaveLength(3);
    expect(result.stdout).toContain('third\uFFFD');
    expect(result.stdout).not.toMatch(LONE_SURROGATE_ESCAPE);
  });

  it('exits 0 with JSON for an alarm name of 256 KB', async () => {
    // Act
    const result = await render('long-string.json');

    // Assess
    expect(result.code).toBe(0);
    expect(result.output.outcomes).toHaveLength(1);
  });
});
