/** @module Slack interactivity: signs a request body the way Slack does (local preview UI, tests). */
import { createHmac } from 'node:crypto';
import { ClarionError } from '../core/clarion-error.ts';

/** The two headers Slack adds to every request it sends to an app. */
/** A type alias rather than an interface, so it can be passed wherever a header map is taken. */
export type SlackSignatureHeaders = {
  'x-slack-request-timestamp': string;
  'x-slack-signature': string;
};

/** Thrown when asked to sign without a secret: an empty key would produce a signature anyone can forge. */
export class SlackSigningError extends ClarionError {}

/**
 * `v0=` + hex(HMAC-SHA256(secret, `v0:<timestamp>:<raw body>`)). Shared with the verifier so both
 * sides build the base string the same way; the body is hashed as given, never re-serialised.
 */
export function computeSlackSignature(signingSecret: string, timestamp: string, rawBody: string | Uint8Array): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

/**
 * Returns the headers Slack would send with `rawBody`. `timestamp` is Unix seconds (a number or
 * its string form) or a Date.
 */
export function signSlackRequest({
  signingSecret,
  rawBody,
  timestamp,
}: {
  signingSecret: string;
  rawBody: string | Uint8Array;
  timestamp: number | string | Date;
}): SlackSignatureHeaders {
  if (!signingSecret) {
    throw new SlackSigningError('Refusing to sign with an empty Slack signing secret');
  }
  const seconds =
    timestamp instanceof Date ? String(Math.floor(timestamp.getTime() / 1000)) : String(timestamp);
  return {
    'x-slack-request-timestamp': seconds,
    'x-slack-signature': computeSlackSignature(signingSecret, seconds, rawBody),
  };
}
