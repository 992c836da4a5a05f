/** @module Slack: token buckets on an injected clock — the emulator's Slack-like limits and Clarion's own pacing of its calls. */

/** What a bucket says about one request. */
export type BucketDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A token bucket: `capacity` requests at once, refilled continuously at `refillPerSecond`. Time
 * comes from the caller so tests can step a fake clock instead of sleeping.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAtMs: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    nowMs: number,
  ) {
    this.tokens = capacity;
    this.updatedAtMs = nowMs;
  }

  /** Takes one token if there is one; otherwise says how long until there will be (whole seconds, ≥ 1). */
  take(nowMs: number): BucketDecision {
    this.refill(nowMs);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true };
    }
    const waitSeconds = (1 - this.tokens) / this.refillPerSecond;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitSeconds - 1e-9)) };
  }

  private refill(nowMs: number): void {
    // A clock that goes backwards (a test resetting it) must not mint or destroy tokens.
    const elapsedMs = Math.max(0, nowMs - this.updatedAtMs);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsedMs / 1000) * this.refillPerSecond);
    this.updatedAtMs = Math.max(this.updatedAtMs, nowMs);
  }
}
