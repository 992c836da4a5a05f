/** @module Adapter (stage 8, deliver): keeps Clarion inside Slack's rate limits before Slack has to refuse. */
import { DeliveryError } from '../core/delivery-error.ts';
import type { EphemeralArgs, FindPostedArgs, MessageRef, OpenViewArgs, SlackPort } from '../core/ports.ts';
import { TokenBucket } from '../slack/token-bucket.ts';

export interface SlackPacing {
  /** ms clock; simulated in benchmarks. */
  now: () => number;
  /** chat.postMessage: Slack allows 1 per second per channel with a short burst. */
  postsPerSecond?: number;
  postBurst?: number;
  /** chat.update is Tier 3 (50+ per minute per workspace); keep a margin under it. */
  updatesPerMinute?: number;
  updateBurst?: number;
  /**
   * Waits this long; when given, a short wait (up to `maxWaitMs`) is slept through instead of
   * failing the delivery, so a message with several audiences goes out whole rather than in
   * pieces that each retry must start again. Benchmarks pass one that moves simulated time.
   */
  sleep?: (ms: number) => Promise<void>;
  maxWaitMs?: number;
}

/*
 * Slack warns that apps which keep calling after 429s risk being disabled. So Clarion counts its
 * own calls and, when a bucket is empty, fails the delivery itself as rate-limited with the wait
 * as retry-after: the queue holds the record back for that long, and Slack never sees the excess.
 * Buckets live per Lambda container; the processor's reserved concurrency keeps that near-global.
 */
export function withSlackPacing(slack: SlackPort, pacing: SlackPacing): SlackPort {
  const postRate = pacing.postsPerSecond ?? 1;
  const postBurst = pacing.postBurst ?? 3;
  const updates = new TokenBucket(pacing.updateBurst ?? 20, (pacing.updatesPerMinute ?? 45) / 60, pacing.now());
  // conversations.history is Tier 3 too, with a budget of its own (Slack limits each method apart).
  const historyReads = new TokenBucket(pacing.updateBurst ?? 20, (pacing.updatesPerMinute ?? 45) / 60, pacing.now());
  const posts = new Map<string, TokenBucket>();
  /** Channels are configured by name but limited by id; learn the id from the first post. */
  const idOf = new Map<string, string>();

  const maxWaitMs = pacing.maxWaitMs ?? 3000;

  async function take(bucket: TokenBucket, what: string): Promise<void> {
    let decision = bucket.take(pacing.now());
    while (!decision.allowed && pacing.sleep && decision.retryAfterSeconds * 1000 <= maxWaitMs) {
      await pacing.sleep(decision.retryAfterSeconds * 1000);
      decision = bucket.take(pacing.now());
    }
    if (!decision.allowed) {
      throw new DeliveryError(`Clarion held back ${what} to stay inside Slack's rate limit`, {
        kind: 'rate-limited',
        code: 'client_rate_limit',
        retryAfterSeconds: decision.retryAfterSeconds,
      });
    }
  }

  function postBucket(channel: string): TokenBucket {
    const key = idOf.get(channel) ?? channel;
    let bucket = posts.get(key);
    if (!bucket) {
      bucket = new TokenBucket(postBurst, postRate, pacing.now());
      posts.set(key, bucket);
    }
    return bucket;
  }

  return {
    async post(args): Promise<MessageRef> {
      await take(postBucket(args.channel), `a message to ${args.channel}`);
      const ref = await slack.post(args);
      if (ref.channel !== args.channel && !idOf.has(args.channel)) {
        idOf.set(args.channel, ref.channel);
        // Calls made under the name before the id was known count against the id from now on.
        if (!posts.has(ref.channel)) posts.set(ref.channel, posts.get(args.channel)!);
      }
      return ref;
    },
    async update(args) {
      await take(updates, `an update of ${args.ref.channel}/${args.ref.ts}`);
      await slack.update(args);
    },
    ...(slack.findPosted
      ? {
          findPosted: async (args: FindPostedArgs) => {
            await take(historyReads, `a look at ${args.channel}'s history`);
            return slack.findPosted!({ ...args, channel: idOf.get(args.channel) ?? args.channel });
          },
        }
      : {}),
    // Not paced: views.open is Tier 4 and one per press, and its trigger expires before any wait would end.
    ...(slack.openView ? { openView: (args: OpenViewArgs) => slack.openView!(args) } : {}),
    // Not paced either: one per press, Tier 4, and seen by one person only.
    ...(slack.postEphemeral ? { postEphemeral: (args: EphemeralArgs) => slack.postEphemeral!(args) } : {}),
  };
}
