/** @module Adapter (stage 8, deliver): turns an AWS SDK error into a DeliveryError that says whether retrying can help. */
import { DeliveryError } from '../core/delivery-error.ts';
import type { DeliveryErrorKind } from '../core/delivery-error.ts';

interface AwsErrorShape {
  name?: unknown;
  Code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** Each service's own error codes (as the SDK names them, with any `Exception` suffix removed). */
export interface AwsErrorCodes {
  /** Setup problems: retrying will not help until the configuration changes. */
  config: ReadonlySet<string>;
  /** The request itself is wrong and fails the same way every time. */
  platform?: ReadonlySet<string>;
  throttled: ReadonlySet<string>;
  /** The service's own name for an internal failure, besides a 5xx or a server fault. */
  internal: string;
}

const TIMEOUTS = new Set(['TimeoutError', 'AbortError', 'RequestTimeout']);

/** `what` names the call for the message, e.g. "SNS Publish to arn:…"; anything unrecognised is a retryable network error. */
export function classifyAwsError(error: unknown, what: string, codes: AwsErrorCodes): DeliveryError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as AwsErrorShape;
  const name = typeof e.name === 'string' ? e.name : typeof e.Code === 'string' ? e.Code : 'UnknownError';
  const code = name.replace(/Exception$/, '');
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  let kind: DeliveryErrorKind;
  if (codes.config.has(code)) kind = 'config';
  else if (codes.platform?.has(code)) kind = 'platform';
  else if (codes.throttled.has(code)) kind = 'rate-limited';
  else if (TIMEOUTS.has(code)) kind = 'timeout';
  else if (e.$fault === 'server' || (status !== undefined && status >= 500) || code === codes.internal) kind = 'server';
  else kind = 'network';
  return new DeliveryError(`${what} failed: ${name}`, { kind, code: name, cause: error });
}
