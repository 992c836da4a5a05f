/** @module Pipeline errors: a delivery that failed, and whether trying again can help (stage 8, deliver). */
import { ClarionError } from './clarion-error.ts';

export type DeliveryErrorKind = 'rate-limited' | 'server' | 'network' | 'timeout' | 'platform' | 'config';

export class DeliveryError extends ClarionError {
  readonly kind: DeliveryErrorKind;
  /** 429, 5xx, network and timeouts are worth retrying; `ok:false` platform errors are final. */
  readonly retryable: boolean;
  /** From Slack's Retry-After, when it gave one. */
  readonly retryAfterSeconds?: number;
  /** Slack's error string (`channel_not_found`, `invalid_blocks` …) or the HTTP status. */
  readonly code: string;

  constructor(
    message: string,
    details: { kind: DeliveryErrorKind; code: string; retryAfterSeconds?: number; cause?: unknown },
  ) {
    super(message, { cause: details.cause });
    this.kind = details.kind;
    this.code = details.code;
    this.retryable = details.kind !== 'platform' && details.kind !== 'config';
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
  }
}
