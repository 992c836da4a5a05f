import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signSlackRequest, SlackSigningError } from '../../src/slack/sign-slack-request.ts';
import {
  isValidSlackRequest,
  SlackRequestVerificationError,
  verifySlackRequest,
} from '../../src/slack/verify-slack-request.ts';
import type { VerifySlackRequestInput } from '../../src/slack/verify-slack-request.ts';

const SECRET = 'test-signing-secret-0123456789abcdef';
const NOW_SECONDS = 1_732_270_000;
const NOW = new Date(NOW_SECONDS * 1000);
const BODY = 'payload=%7B%22type%22%3A%22block_actions%22%7D';

function signedRequest(overrides: { timestamp?: number | string; rawBody?: string } = {}): VerifySlackRequestInput {
  const headers = signSlackRequest({
    signingSecret: SECRET,
    rawBody: overrides.rawBody ?? BODY,
    timestamp: overrides.timestamp ?? NOW_SECONDS,
  });
  return { signingSecret: SECRET, rawBody: BODY, headers: { ...headers }, now: NOW };
}

function reasonFor(input: VerifySlackRequestInput): string | undefined {
  try {
    verifySlackRequest(input);
    return undefined;
  } catch (error) {
    return error instanceof SlackRequestVerificationError ? error.reason : `unexpected: ${String(error)}`;
  }
}

describe('verifySlackRequest', () => {
  it('accepts a request signed with the same secret just now', () => {
    // Prepare
    const request = signedRequest();

    // Act
    const valid = isValidSlackRequest(request);

    // Assess
    expect(valid).toBe(true);
  });

  it('rejects a body changed after signing', () => {
    // Prepare
    const request = { ...signedRequest(), rawBody: `${BODY}&extra=1` };

    // Act
    const reason = reasonFor(request);

    // Assess
    expect(reason).toBe('bad-signature');
  });

  it('rejects a signature with one hex digit changed', () => {
    // Prepare
    const request = signedRequest();
    const signature = String(request.headers['x-slack-signature']);
    const lastDigit = signature.at(-1) === '0' ? '1' : '0';
    request.headers['x-slack-signature'] = signature.slice(0, -1) + lastDigit;

    // Act
    const reason = reasonFor(request);

    // Assess
    expect(reason).toBe('bad-signature');
  });

  it('rejects a request signed with a different secret', () => {
    // Prepare
    const request = { ...signedRequest(), signingSecret: 'another-secret' };

    // Act
    const reason = reasonFor(request);

    // Assess
    expect(reason).toBe('bad-signature');
  });

  it('rejects a request signed more than five minutes ago as stale', () => {
    // Prepare
    const request = signedRequest({ timestamp: NOW_SECONDS - 301 });

    // Act
    const reason = reasonFor(request);

    // Assess
    expect(reason).toBe('stale');
  });

  it('rejects a request dated more than five minutes ahead as future', () => {
    // Prepare
    const request = signedRequest({ timestamp: NOW_SECONDS + 301 });

    // Act
    const reason = reasonFor(request);

    // Assess
    expect(reason).toBe('future');
  });

  it('accepts a request exactly five minutes old', () => {
    // Prepare
    const request = signedRequest({ timestamp: NOW_SECONDS - 300 });

    // Act
    const valid = isValidSlackRequest(request);

    // Assess
    expect(valid).toBe(true);
  });

  it('accepts a request dated exactly five minutes ahead', () => {
    // Prepare
    const request = signedRequest({ timestamp: NOW_SECONDS + 300 });

    // Act
    const valid = isValidSlackRequest(request);

    // Assess
    expect(valid).toBe(true);
  });

  it('rejects a request without the signature header', () => {
    // Prepare
    const request = signedRequest();
    delete request.headers['x-slack-signature'];

    // Act
    const reason = reasonFor(request);

    // Assess
    expect(reason).toBe('missing-headers');
  });

  it('rejects a request without the timestamp header', () => {
    // Prepare
    const request = signedRequest();
    delete request.headers['x-slack-request-timestamp'];

    // Act
    const reason = reasonFor(request);

    // Assess
    expect(reason).toBe('missing-headers');
  });

  it('refuses to verify with an empty signing secret, even against an empty-key signature', () => {
    // Prepare: what an attacker could forge if an empty key were accepted
    const forged = signSlackRequestWithEmptyKey(BODY, NOW_SECONDS);
    const request = { signingSecret: '', rawBody: BODY, headers: forged, now: NOW };

    // Act
    const reason = reasonFor(request);

    // Assess
    expect(reason).toBe('missing-secret');
  });

  it('refuses to verify when the signing secret is undefined', () => {
    // Prepare
    const request = { ...signedRequest(), signingSecret: undefined };

    // Act
    const reason = reasonFor(request);

    // Assess
    expect(reason).toBe('missing-secret');
  });

  it('rejects a timestamp that is not whole Unix seconds', () => {
    // Prepare
    const request = signedRequest({ timestamp: 'now' });

    // Act
    const reason = reasonFor(request);

    // Assess
    expect(reason).toBe('malformed-timestamp');
  });

  it('rejects a signature with a v1= prefix even when the digest is right', () => {
    // Prepare
    const request = signedRequest();
    request.headers['x-slack-signature'] = String(request.headers['x-slack-signature']).replace(/^v0=/, 'v1=');

    // Act
    const reason = reasonFor(request);

    // Assess
    expect(reason).toBe('malformed-signature');
  });

  it('rejects a signature of a different length without throwing from the comparison', () => {
    // Prepare
    const request = signedRequest();
    request.headers['x-slack-signature'] = `${String(request.headers['x-slack-signature'])}00`;

    // Act
    const reason = reasonFor(request);

    // Assess
    expect(reason).toBe('bad-signature');
  });

  it('finds the headers whatever the case of their names', () => {
    // Prepare
    const request = signedRequest();
    const headers = {
      'X-Slack-Request-Timestamp': request.headers['x-slack-request-timestamp'],
      'X-SLACK-SIGNATURE': request.headers['x-slack-signature'],
    };

    // Act
    const valid = isValidSlackRequest({ ...request, headers });

    // Assess
    expect(valid).toBe(true);
  });

  it('accepts single-value header arrays as API Gateway multi-value headers send them', () => {
    // Prepare
    const request = signedRequest();
    const headers = {
      'x-slack-request-timestamp': [String(request.headers['x-slack-request-timestamp'])],
      'x-slack-signature': [String(request.headers['x-slack-signature'])],
    };

    // Act
    const valid = isValidSlackRequest({ ...request, headers });

    // Assess
    expect(valid).toBe(true);
  });

  it('rejects a signature header sent twice rather than picking one', () => {
    // Prepare
    const request = signedRequest();
    const signature = String(request.headers['x-slack-signature']);
    request.headers['x-slack-signature'] = [signature, signature];

    // Act
    const reason = reasonFor(request);

    // Assess
    expect(reason).toBe('missing-headers');
  });

  it('carries the reason and a readable message on the thrown error', () => {
    // Prepare
    const request = signedRequest({ timestamp: NOW_SECONDS - 3600 });

    // Act
    const thrown = (() => {
      try {
        verifySlackRequest(request);
        return undefined;
      } catch (error) {
        return error;
      }
    })();

    // Assess
    expect(thrown).toBeInstanceOf(SlackRequestVerificationError);
    expect(thrown).toMatchObject({ name: 'SlackRequestVerificationError', reason: 'stale', message: expect.stringContaining('3600') });
  });
});

describe('signSlackRequest', () => {
  it('takes a Date and signs with its whole seconds', () => {
    // Prepare
    const at = new Date(NOW_SECONDS * 1000 + 999);

    // Act
    const headers = signSlackRequest({ signingSecret: SECRET, rawBody: BODY, timestamp: at });

    // Assess
    expect(headers['x-slack-request-timestamp']).toBe(String(NOW_SECONDS));
    expect(isValidSlackRequest({ signingSecret: SECRET, rawBody: BODY, headers: { ...headers }, now: NOW })).toBe(true);
  });

  it('refuses to sign with an empty secret', () => {
    // Act
    const sign = () => signSlackRequest({ signingSecret: '', rawBody: BODY, timestamp: NOW_SECONDS });

    // Assess
    expect(sign).toThrow(SlackSigningError);
  });
});

/** The forgery an empty-secret bypass would allow (HMAC with a zero-length key). */
function signSlackRequestWithEmptyKey(rawBody: string, timestamp: number): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': forgeWithEmptyKey(`v0:${timestamp}:${rawBody}`),
  };
}

function forgeWithEmptyKey(base: string): string {
  return `v0=${createHmac('sha256', '').update(base).digest('hex')}`;
}
