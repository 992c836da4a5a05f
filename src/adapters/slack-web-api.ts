/** @module Adapters (stage 8, deliver): posts and edits Slack messages with @slack/web-api; every failure becomes a DeliveryError. */
import { WebClient } from '@slack/web-api';
import type { ChatPostMessageArguments, ChatUpdateArguments, Logger, RetryOptions, WebClientOptions } from '@slack/web-api';
import { DeliveryError } from '../core/delivery-error.ts';
import type { DeliveryErrorKind } from '../core/delivery-error.ts';
import type { EphemeralArgs, FindPostedArgs, MessageRef, OpenViewArgs, PostArgs, SlackPort, UpdateArgs } from '../core/ports.ts';

/*
 * The client's defaults suit a long-running bot, not a Lambda: ten retries over about thirty
 * minutes, no request timeout, and on a 429 it pauses every request of the client and sleeps for
 * Retry-After. Here a 429 is rejected at once (the queue redelivers later, after Retry-After), each
 * request has a timeout, and a 5xx or network failure is retried once after a short pause, which
 * rides out a blip without holding the invocation. Anything longer is the queue's job.
 */

/** One retry, 100 ms after the first failure (5xx, network, timeout); 429s are never retried here. */
export const oneQuickRetry: RetryOptions = { retries: 1, factor: 1, minTimeout: 100, maxTimeout: 500, randomize: false };

export const DEFAULT_SLACK_TIMEOUT_MS = 5000;

export interface SlackClientSettings {
  /** Default `https://slack.com/api/`; the Slack emulator's `listen()` gives one for local runs. */
  slackApiUrl?: string;
  /** Per request (each attempt); default 5000. */
  timeoutMs?: number;
  logger?: Logger;
}

/** The WebClient options Clarion uses everywhere, so every client fails fast in the same way. */
export function slackClientOptions(settings: SlackClientSettings = {}): WebClientOptions {
  return {
    rejectRateLimitedCalls: true,
    timeout: settings.timeoutMs ?? DEFAULT_SLACK_TIMEOUT_MS,
    retryConfig: oneQuickRetry,
    ...(settings.slackApiUrl ? { slackApiUrl: settings.slackApiUrl } : {}),
    ...(settings.logger ? { logger: settings.logger } : {}),
  };
}

export interface SlackWebApiOptions extends SlackClientSettings {
  token: string;
  /** A ready client (tests, or one shared with other callers); `token` and the settings are then unused. */
  client?: WebClient;
}

/** How many pages of channel history (200 messages each) `findPosted` reads at most. */
const FIND_POSTED_PAGES = 3;

export function createSlackWebApi(options: SlackWebApiOptions): SlackPort {
  const client = options.client ?? new WebClient(options.token, slackClientOptions(options));
  // A post is not retried inside the client: when the answer is lost (a timeout), Slack may have
  // posted it, and a blind retry would post it twice. The processor's retry asks `findPosted` first.
  const postClient = options.client ?? new WebClient(options.token, { ...slackClientOptions(options), retryConfig: { retries: 0 } });

  return {
    async post({ channel, message, threadTs, broadcast, metadata }: PostArgs): Promise<MessageRef> {
      const base = {
        channel,
        text: message.text,
        blocks: message.blocks,
        ...(metadata ? { metadata } : {}),
        // Runbook and console links would otherwise expand into previews that bury the alert.
        unfurl_links: false,
        unfurl_media: false,
      };
      const args: ChatPostMessageArguments = threadTs ? { ...base, thread_ts: threadTs, reply_broadcast: broadcast === true } : base;
      let result;
      try {
        // A thread reply ("Resolved after …") keeps the quick retry: a second copy of a reply is
        // noise, while a lost one is not planned again by the retry of its event.
        // A broadcast reply shows in the channel, where a second copy is not noise but a repeat: no blind retry.
        result = await (threadTs && !broadcast ? client : postClient).chat.postMessage(args);
      } catch (error) {
        throw classifySlackError(error, `chat.postMessage to ${channel}`);
      }
      if (!result.channel || !result.ts) {
        // Slack said ok, so the message probably exists: retrying would post it twice.
        throw new DeliveryError(`Slack chat.postMessage to ${channel} answered ok without a channel and ts`, {
          kind: 'platform',
          code: 'missing_message_ref',
        });
      }
      return { channel: result.channel, ts: result.ts };
    },

    async findPosted({ channel, alertKey, audience, openedAt, since }: FindPostedArgs): Promise<MessageRef | null> {
      let cursor: string | undefined;
      for (let page = 0; page < FIND_POSTED_PAGES; page++) {
        let result;
        try {
          result = await client.conversations.history({
            channel,
            oldest: (since.getTime() / 1000).toFixed(6),
            include_all_metadata: true,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          });
        } catch (error) {
          const failure = classifySlackError(error, `conversations.history of ${channel}`);
          // A channel configured by name (history needs its id), or an app without the history
          // scope: Clarion cannot tell, and posts as it would without the look.
          if (failure.kind === 'platform' || failure.code === 'missing_scope') return null;
          throw failure;
        }
        for (const message of result.messages ?? []) {
          const payload = message.metadata?.event_payload as { alert_key?: unknown; audience?: unknown; opened_at?: unknown } | undefined;
          const topLevel = !message.thread_ts || message.thread_ts === message.ts;
          const ours = payload?.alert_key === alertKey && payload.audience === audience && payload.opened_at === openedAt;
          if (topLevel && message.ts && message.metadata?.event_type === 'clarion_alert' && ours) {
            return { channel, ts: message.ts };
          }
        }
        cursor = result.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      return null;
    },

    async update({ ref, message, metadata }: UpdateArgs): Promise<void> {
      const args = {
        channel: ref.channel,
        ts: ref.ts,
        text: message.text,
        blocks: message.blocks,
        ...(metadata ? { metadata } : {}),
      } satisfies ChatUpdateArguments;
      try {
        await client.chat.update(args);
      } catch (error) {
        throw classifySlackError(error, `chat.update of ${ref.channel}/${ref.ts}`);
      }
    },

    async openView({ triggerId, view }: OpenViewArgs): Promise<{ viewId: string }> {
      let result;
      try {
        // The trigger is good for one exchange within 3 s: a retry after a lost answer only gets `exchanged_trigger_id`.
        result = await postClient.views.open({ trigger_id: triggerId, view });
      } catch (error) {
        throw classifySlackError(error, 'views.open');
      }
      if (!result.view?.id) throw new DeliveryError('Slack views.open answered ok without a view id', { kind: 'platform', code: 'missing_view_id' });
      return { viewId: result.view.id };
    },

    async postEphemeral({ channel, user, message }: EphemeralArgs): Promise<void> {
      try {
        // A lost answer retried shows the reader the same line twice, which does no harm.
        await client.chat.postEphemeral({ channel, user, text: message.text, blocks: message.blocks });
      } catch (error) {
        throw classifySlackError(error, `chat.postEphemeral to ${channel}`);
      }
    },
  };
}

/** `ok:false` errors that mean Slack itself is struggling: worth another try. */
const SERVER_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);
const RATE_LIMIT_ERRORS = new Set(['ratelimited', 'rate_limited']);
/** The token or the app's installation is wrong: no retry helps until someone changes the setup. */
const CONFIG_ERRORS = new Set([
  'not_authed',
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'missing_scope',
  'not_allowed_token_type',
  'team_access_not_granted',
]);

interface SlackErrorShape {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown; response_metadata?: { retryAfter?: unknown } };
  original?: unknown;
  name?: unknown;
  message?: unknown;
}

/**
 * Maps whatever the Slack client threw to a `DeliveryError`: 429s, 5xx, network failures and
 * timeouts are retryable; `ok:false` answers are final, except rate-limit and server-side ones.
 * `what` names the call in the message (never the token).
 */
export function classifySlackError(error: unknown, what = 'Slack call'): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SlackErrorShape;
  const make = (kind: DeliveryErrorKind, code: string, detail: string, retryAfterSeconds?: number): DeliveryError =>
    new DeliveryError(`Slack ${what} failed: ${detail}`, {
      kind,
      code,
      cause: error,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    });

  switch (e.code) {
    case 'slack_webapi_rate_limited_error': {
      const retryAfter = seconds(e.retryAfter);
      return make('rate-limited', 'ratelimited', `rate limited${retryAfter === undefined ? '' : `, retry after ${retryAfter} s`}`, retryAfter);
    }
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      if (status === 429) return make('rate-limited', '429', 'HTTP 429');
      if (status === 408) return make('timeout', '408', 'HTTP 408');
      if (status >= 500) return make('server', String(status), `HTTP ${status}`);
      // Slack answers only 200 and 429; anything else came from something in between.
      return make('network', String(status || 'http_error'), `HTTP ${status || 'error'}`);
    }
    case 'slack_webapi_platform_error': {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      if (RATE_LIMIT_ERRORS.has(code)) return make('rate-limited', code, code, seconds(e.data?.response_metadata?.retryAfter));
      if (SERVER_ERRORS.has(code)) return make('server', code, code);
      if (CONFIG_ERRORS.has(code)) return make('config', code, `${code} (check the bot token and its scopes)`);
      return make('platform', code, code);
    }
    case 'slack_webapi_request_error':
      return classifyRequestFailure(e.original, make);
  }
  // Thrown outside the client's own error classes: a raw abort, or a 429 the client could not parse.
  return classifyRequestFailure(error, make);
}

type Make = (kind: DeliveryErrorKind, code: string, detail: string, retryAfterSeconds?: number) => DeliveryError;

function classifyRequestFailure(original: unknown, make: Make): DeliveryError {
  const o = (typeof original === 'object' && original !== null ? original : {}) as SlackErrorShape & { cause?: { code?: unknown } };
  const message = typeof o.message === 'string' ? o.message : '';
  if (o.name === 'TimeoutError' || o.name === 'AbortError') return make('timeout', 'timeout', 'no answer in time');
  // A client built with rejectRateLimitedCalls:false slept through Retry-After and gave up with these.
  const slept = /A rate limit was exceeded .*retry-after: (\d+)/.exec(message);
  if (slept) return make('rate-limited', 'ratelimited', 'rate limited', seconds(Number(slept[1])));
  if (message.startsWith('Retry header did not contain a valid timeout')) return make('rate-limited', 'ratelimited', 'rate limited');
  // fetch puts the socket error (ECONNREFUSED, ECONNRESET, ENOTFOUND …) in `cause`.
  const errno = typeof o.cause?.code === 'string' ? o.cause.code : undefined;
  if (errno === 'UND_ERR_CONNECT_TIMEOUT' || errno === 'UND_ERR_HEADERS_TIMEOUT' || errno === 'ETIMEDOUT') {
    return make('timeout', errno, 'no answer in time');
  }
  return make('network', errno ?? 'network_error', errno ? `network error ${errno}` : 'network error');
}

function seconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
