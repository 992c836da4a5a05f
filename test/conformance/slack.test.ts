import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { InteractionDeps } from '../../src/interactions/handle-interaction.ts';
import { answerInteraction } from '../../src/interactions/answer-interaction.ts';
import { signSlackRequest } from '../../src/slack/sign-slack-request.ts';
import { isValidSlackRequest, verifySlackRequest } from '../../src/slack/verify-slack-request.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixturesDir = path.resolve(repoRoot, '../shared/fixtures/slack');
const present = existsSync(fixturesDir);
if (!present) console.info(`Slack conformance tests skipped: ${fixturesDir} is absent (it is not part of the repository).`);

interface SignatureVector {
  signingSecret: string;
  headers: Record<string, string>;
  rawBody: string;
}

function vectors(): { documentedVector: SignatureVector; blockActionsVector: SignatureVector } {
  return JSON.parse(readFileSync(path.join(fixturesDir, 'slack-request-signature-test-vectors.json'), 'utf8'));
}

function atTimestampOf(vector: SignatureVector): Date {
  return new Date(Number(vector.headers['X-Slack-Request-Timestamp']) * 1000);
}

describe.skipIf(!present)('Slack request signatures (shared fixtures)', () => {
  it("accepts Slack's documented test vector when now is the request time", () => {
    // Prepare
    const { documentedVector: vector } = vectors();

    // Act
    const valid = isValidSlackRequest({ ...vector, now: atTimestampOf(vector) });

    // Assess
    expect(valid).toBe(true);
  });

  it('reproduces the documented signature byte for byte', () => {
    // Prepare
    const { documentedVector: vector } = vectors();

    // Act
    const headers = signSlackRequest({
      signingSecret: vector.signingSecret,
      rawBody: vector.rawBody,
      timestamp: vector.headers['X-Slack-Request-Timestamp'] ?? '',
    });

    // Assess
    expect(headers['x-slack-signature']).toBe(vector.headers['X-Slack-Signature']);
  });

  it('rejects the documented vector as stale when checked years later', () => {
    // Prepare
    const { documentedVector: vector } = vectors();

    // Act
    const verify = () => verifySlackRequest({ ...vector, now: new Date(Date.UTC(2025, 0, 1)) });

    // Assess
    expect(verify).toThrow(expect.objectContaining({ reason: 'stale' }));
  });

  it('accepts the form-encoded block_actions vector', () => {
    // Prepare
    const { blockActionsVector: vector } = vectors();

    // Act
    const valid = isValidSlackRequest({ ...vector, now: atTimestampOf(vector) });

    // Assess
    expect(valid).toBe(true);
  });

  it("decodes the block_actions body's payload field to the fixture JSON with its action_id", () => {
    // Prepare
    const { blockActionsVector: vector } = vectors();
    const fixture = JSON.parse(
      readFileSync(path.join(fixturesDir, 'slack-block-actions-acknowledge-button-CONSTRUCTED.json'), 'utf8'),
    );

    // Act
    const payload = JSON.parse(new URLSearchParams(vector.rawBody).get('payload') ?? 'null');

    // Assess
    expect(payload.actions[0].action_id).toBe('alert_ack');
    expect(payload).toEqual(fixture);
  });
});

/** Ports that fail the test if touched: a refused or ignored request must change nothing. */
function untouchable(): InteractionDeps {
  const fail = () => {
    throw new Error('state or Slack was touched');
  };
  return {
    runtime: fail,
    state: { getAlert: fail, putAlert: fail, getGroup: fail, putGroup: fail, getSummary: fail, putSummary: fail, getRecord: fail, putRecord: fail, claimEvent: fail, startEvent: fail, finishEvent: fail, releaseEvent: fail },
    slack: { post: fail, update: fail },
    now: () => new Date(0),
  };
}

describe.skipIf(!present)('Slack interactions handler over the shared signed vectors', () => {
  it('accepts the signed block_actions vector and answers 200 without acting on a foreign action', async () => {
    // Prepare
    const { blockActionsVector: vector } = vectors();
    const deps = { ...untouchable(), signingSecret: vector.signingSecret, now: () => atTimestampOf(vector) };

    // Act
    const answer = await answerInteraction({ rawBody: vector.rawBody, headers: vector.headers }, deps);

    // Assess
    expect(answer).toMatchObject({ statusCode: 200, result: { outcome: 'unknown-action' } });
  });

  it('refuses the same vector six minutes later with 401', async () => {
    // Prepare
    const { blockActionsVector: vector } = vectors();
    const later = new Date(atTimestampOf(vector).getTime() + 6 * 60_000);
    const deps = { ...untouchable(), signingSecret: vector.signingSecret, now: () => later };

    // Act
    const answer = await answerInteraction({ rawBody: vector.rawBody, headers: vector.headers }, deps);

    // Assess
    expect(answer).toMatchObject({ statusCode: 401, reason: 'stale' });
  });

  it('answers the documented slash-command vector, which is signed but no interaction payload, with 400', async () => {
    // Prepare
    const { documentedVector: vector } = vectors();
    const deps = { ...untouchable(), signingSecret: vector.signingSecret, now: () => atTimestampOf(vector) };

    // Act
    const answer = await answerInteraction({ rawBody: vector.rawBody, headers: vector.headers }, deps);

    // Assess
    expect(answer).toMatchObject({ statusCode: 400, reason: 'the body has no payload field' });
  });
});
