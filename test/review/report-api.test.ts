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
