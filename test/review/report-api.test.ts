// Review: GET /api/report with a span too large for a date answers 400, as the contract says for a bad span.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { startTestStack } from '../local-stack/stack-helpers.ts';

let stack: LocalStack & { lines: string[] };

beforeAll(async () => {
  stack = await startTestStack({ now: () => new Date('2026-11-24T10:00:00Z') });
});
afterAll(() => stack.close());

describe('review: /api/report input', () => {
  it('answers 400, not 500, for a span so long it is not a date', async () => {
    // Act
    const response = await fetch(`${stack.url}/api/report?since=99999999999999999999d`);

    // Assess
    expect(response.status).toBe(400);
  });
});

describe('review: clarion report --since on AWS', () => {
  it('names a span too long for a date with exit code 2, before reading the history table', async () => {
    // Prepare
    const { runReport } = await import('../../src/cli/report-command.ts');
    const { ROOT } = await import('../integration/harness.ts');
    const out = { stdout: '', stderr: '' };
    const io = { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), cwd: ROOT };

    // Act
    const code = await runReport(['--since', '99999999999999999999d', '--history-table', 'clarion-prod-HistoryTable', '--catalog', `${ROOT}/alert-catalog`], io, {
      env: {},
      dynamo: () => {
        throw new Error('DynamoDB is not reached for a bad span');
      },
      fetch: (...args) => fetch(...args),
      now: () => new Date('2026-11-24T10:00:00Z'),
    }).catch((error: unknown) => `threw ${(error as Error).name}: ${(error as Error).message}`);

    // Assess
    expect([code, out.stderr]).toEqual([2, expect.stringContaining('--since')]);
  });
});
