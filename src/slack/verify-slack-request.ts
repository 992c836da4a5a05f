/** @module Slack interactivity: checks that a request really came from Slack (signature and replay window). */
import { timingSafeEqual } from 'node:crypto';
import { computeSlackSignature } from './sign-slack-request.ts';
import { ClarionError } from '../core/clarion-error.ts';

/** Slack's replay window; applied both ways so a forged future timestamp cannot stay valid for long. */
export const SLACK_SIGNATURE_MAX_SKEW_MS = 5 * 60 * 1000;

/** Why a request was refused. */
export type SlackRequestVerificationReason =
  | 'missing-secret'
  | 'missing-headers'
  | 'malformed-timestamp'
  | 'stale'
  | 'future'
  | 'malformed-signature'
  | 'bad-signature';

export class SlackRequestVerificationError extends ClarionError {
  readonly reason: SlackRequestVerificationReason;

  constructor(reason: SlackRequestVerificationReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

export interface VerifySlackRequestInput {
  /** Undefined or empty is refused: a secret that failed to load must not let requests through. */
  signingSecret: string | undefined;
  /** The exact body bytes as received; a re-serialised body will not match. */
  rawBody: string | Uint8Array;
  /** Header names in any case (Node lowercases them; API Gateway may not). */
  headers: Record<string, string | string[] | undefined>;
  now: Date;
}

/** Throws `SlackRequestVerificationError` unless the request is signed with `signingSecret` and fresh. */
export function verifySlackRequest({ signingSecret, rawBody, headers, now }: VerifySlackRequestInput): void {
  if (!signingSecret) {
    throw new SlackRequestVerificationError('missing-secret', 'No Slack signing secret is configured');
  }

  const timestamp = headerValue(headers, 'x-slack-request-timestamp');
  const signature = headerValue(headers, 'x-slack-signature');
  if (!timestamp || !signature) {
    throw new SlackRequestVerificationError(
      'missing-headers',
      'The request lacks x-slack-request-timestamp or x-slack-signature',
    );
  }

  // Slack sends whole Unix seconds; anything else (decimals, signs, words) is not from Slack.
  if (!/^\d{1,12}$/.test(timestamp)) {
    throw new SlackRequestVerificationError('malformed-timestamp', `x-slack-request-timestamp is not Unix seconds: "${timestamp}"`);
  }
  const skewMs = now.getTime() - Number(timestamp) * 1000;
  if (skewMs > SLACK_SIGNATURE_MAX_SKEW_MS) {
    throw new SlackRequestVerificationError('stale', `The request timestamp is ${Math.round(skewMs / 1000)} s old`);
  }
  if (skewMs < -SLACK_SIGNATURE_MAX_SKEW_MS) {
    throw new SlackRequestVerificationError('future', `The request timestamp is ${Math.round(-skewMs / 1000)} s in the future`);
  }

  if (!signature.startsWith('v0=')) {
    throw new SlackRequestVerificationError('malformed-signature', 'x-slack-signature is not a v0 signature');
  }

  const expected = Buffer.from(computeSlackSignature(signingSecret, timestamp, rawBody), 'utf8');
  const received = Buffer.from(signature, 'utf8');
  // timingSafeEqual throws on unequal lengths; the length itself reveals nothing secret.
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) {
    throw new SlackRequestVerificationError('bad-signature', 'x-slack-signature does not match the request body');
  }
}

/** `verifySlackRequest` as a boolean, for callers that only answer 401. */
export function isValidSlackRequest(input: VerifySlackRequestInput): boolean {
  try {
    verifySlackRequest(input);
    return true;
  } catch (error) {
    if (error instanceof SlackRequestVerificationError) return false;
    throw error;
  }
}

/**
 * Finds a header regardless of case. A header sent more than once (multi-value arrays from API
 * Gateway) is refused rather than guessed at.
 */
function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    values.push(...(Array.isArray(value) ? value : [value]));
  }
  return values.length === 1 ? values[0]?.trim() : undefined;
}
