/** @module Local stack: a small Slack Web API server with Slack's limits, rate limits, modals (views.open) and injectable faults. */
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KnownBlock, MessageMetadata } from '@slack/types';
import { jsonNestingDepth, MAX_JSON_DEPTH } from './server/json-nesting-depth.ts';
import { findBlockErrors, findViewErrors } from './slack-emulator-blocks.ts';
import { TokenBucket } from '../slack/token-bucket.ts';
import { ClarionError } from '../core/clarion-error.ts';

/*
 * The emulator speaks the Web API the way @slack/web-api 8 calls it: POST /api/<method>, a
 * form-encoded body whose `blocks`/`metadata`/`attachments` are JSON strings, the token in
 * `Authorization: Bearer`. Like Slack it answers HTTP 200 for every outcome except rate limits,
 * which get 429 + Retry-After, so the real client's error classes come out of tests unchanged.
 * Everything time-dependent (ts values, token buckets, outages) reads the injected clock.
 */

export interface SlackEmulatorOptions {
  /** Milliseconds since the epoch; default `Date.now`. */
  clock?: () => number;
  /** Enforce rate limits; default true. */
  limits?: boolean;
  /** chat.postMessage burst per channel (token bucket capacity, refilled 1 per second); default 3. */
  postBurst?: number;
  /** chat.update budget per workspace per minute (Tier 3); default 50. */
  updatePerMinute?: number;
  /** Channels that exist from the start (and again after `reset()`). */
  channels?: Array<{ id: string; name: string }>;
  /** Posting to an unknown channel creates it (default true); false answers `channel_not_found`. */
  autoCreateChannels?: boolean;
  /** Accepted bot token(s); default any `xoxb-` token. */
  token?: string | RegExp;
}

export interface EmulatedChannel {
  id: string;
  name: string;
  /** Unix seconds. */
  created: number;
}

/** A stored message as tests and the preview UI see it. */
export interface EmulatedMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: KnownBlock[];
  attachments?: unknown[];
  /** Set on replies (the parent's ts). */
  thread_ts?: string;
  reply_broadcast?: boolean;
  /** Replies, oldest first (always empty on a reply). */
  replies: EmulatedMessage[];
  edited?: { user: string; ts: string };
  /** How many chat.update calls changed this message. */
  updates: number;
  metadata?: MessageMetadata;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
}

export interface EmulatedEphemeral {
  channel: string;
  user: string;
  message_ts: string;
  text: string;
  blocks: KnownBlock[];
  thread_ts?: string;
}

/** What `on('message' | 'update')` listeners receive: plain data, safe to JSON-serialise. */
export interface SlackEmulatorEvent {
  kind: 'message' | 'reply' | 'ephemeral' | 'update';
  channel: string;
  channelName: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks: KnownBlock[];
  metadata?: MessageMetadata;
  /** Ephemeral messages only: who sees it. */
  user?: string;
  /** Updates only: how many times the message has been changed. */
  updates?: number;
}

export type SlackEmulatorEventName = 'message' | 'update';

/** A modal opened with views.open, as tests and the preview page see it. */
export interface EmulatedView {
  /** `V…`, as Slack answers it. */
  id: string;
  hash: string;
  /** The trigger it was opened with, and the user that trigger was issued for (unknown for triggers made elsewhere). */
  triggerId: string;
  user?: string;
  /** ms on the emulator's clock. */
  openedAt: number;
  /** The view as the app sent it (type, title, blocks, callback_id, private_metadata …). */
  view: Record<string, unknown>;
}

/** What `on('view')` listeners receive. */
export interface SlackEmulatorViewEvent {
  kind: 'view-opened' | 'view-closed';
  view: EmulatedView;
}

export interface SlackFault {
  /** Only this Web API method (e.g. `chat.postMessage`); default every method. */
  method?: string;
  /** Answer with this HTTP status (500, 503, 429 …). */
  status?: number;
  /** Answer HTTP 200 `{ ok: false, error }` (or use it as the body's error with `status`). */
  error?: string;
  /** Affect this many calls, then stop. */
  times?: number;
  /** Affect calls until the clock reaches this time (ms). */
  untilMs?: number;
  /** Affect calls for this long from now on the emulator's clock (sets `untilMs`). */
  forMs?: number;
  /**
   * Never answer, to exercise client timeouts: a held call is answered 503 once the fault's
   * `untilMs` passes, or on `clearFaults`/`reset`; `close` drops its connection. It never succeeds.
   */
  hang?: boolean;
  /**
   * Do the call (post, edit …), then lose the answer as `hang` does: what a client sees when Slack
   * did the work but the connection failed on the way back, so a retry must not post again.
   */
  loseAnswer?: boolean;
}

/** A fault as it is stored: `fail()` returns its id. */
export interface ActiveSlackFault extends Omit<SlackFault, 'forMs'> {
  id: string;
  /** Calls it may still affect, when it was given `times`. */
  remaining?: number;
}

export interface SlackEmulatorStats {
  calls: Record<string, number>;
  /** Every 429 sent, rate limits and injected 429 faults alike. */
  rateLimited: number;
  rateLimitedByChannel: Record<string, number>;
  /** Accepted chat.postMessage calls (top-level and replies). */
  postsByChannel: Record<string, number>;
}

export interface SlackEmulator {
  /** Answers one Web API call; lets a bigger server mount the emulator at `/slack/api/<method>`. */
  handle(req: IncomingMessage, res: ServerResponse, method: string): Promise<void>;
  /** Standalone server answering `POST /api/<method>`; `url` is the client's `slackApiUrl`. */
  listen(port?: number, host?: string): Promise<{ url: string }>;
  close(): Promise<void>;
  /** Channels, in creation order. */
  channels(): EmulatedChannel[];
  /** Top-level messages of a channel (id, name or #name), oldest first. */
  messages(channel: string): EmulatedMessage[];
  /** Replies in the thread under `ts`, oldest first (the parent is not included). */
  replies(channel: string, ts: string): EmulatedMessage[];
  ephemerals(channel: string): EmulatedEphemeral[];
  stats(): SlackEmulatorStats;
  /** Injects a fault; returns its id. */
  fail(fault: SlackFault): string;
  /** Faults still in force, oldest first. */
  faults(): ActiveSlackFault[];
  /** Removes every fault and answers every held call (503); returns how many faults were removed. */
  clearFaults(): number;
  /** Back to the initial channels, no messages, no views, no faults, fresh rate limits and stats. */
  reset(): void;
  /**
   * A trigger id for a press by `user`, as Slack puts one in every interaction payload: views.open
   * takes it once, within 3 s on the emulator's clock. Triggers made elsewhere in Slack's form
   * (`123.456.abc`) are taken too, without the expiry check, since their age is unknown.
   */
  issueTrigger(user?: string): string;
  /** Modals open now, oldest first. */
  views(): EmulatedView[];
  /** Closes a modal as Slack does once a submission is answered with no errors (or the user cancels); false when none was open. */
  closeView(id: string): boolean;
  on(event: SlackEmulatorEventName, listener: (event: SlackEmulatorEvent) => void): SlackEmulator;
  on(event: 'view', listener: (event: SlackEmulatorViewEvent) => void): SlackEmulator;
  off(event: SlackEmulatorEventName, listener: (event: SlackEmulatorEvent) => void): SlackEmulator;
  off(event: 'view', listener: (event: SlackEmulatorViewEvent) => void): SlackEmulator;
}

/** The emulated workspace and bot identity, as auth.test reports it. */
export const EMULATED_IDENTITY = {
  team: 'Clarion Local',
  team_id: 'T0CLARION0',
  user: 'clarion',
  user_id: 'U0CLARION0',
  bot_id: 'B0CLARION0',
  app_id: 'A0CLARION0',
} as const;

const POST_TEXT_MAX = 40_000;
/** "Pass a valid trigger_id within 3 seconds of receiving it" (docs.slack.dev, modals). */
const TRIGGER_TTL_MS = 3000;
/** Slack's trigger ids look like `12345.98765.abcd2358fdea`. */
const TRIGGER_ID = /^\d+\.\d+\.[0-9a-z]+$/i;
const UPDATE_TEXT_MAX = 4_000;
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

type Params = Record<string, unknown>;
type Json = Record<string, unknown>;

interface StoredMessage extends EmulatedMessage {
  replies: StoredMessage[];
  /** Which token posted it: only that token may update it. */
  token: string;
}

interface StoredChannel extends EmulatedChannel {
  messages: StoredMessage[];
  ephemerals: EmulatedEphemeral[];
}

interface Reply {
  status: number;
  body: Json;
  retryAfterSeconds?: number;
}

type ActiveFault = ActiveSlackFault;

/** How often a held call looks again at the clock, so an injected clock that jumps ahead releases it promptly. */
const HANG_RECHECK_MS = 250;

/** An `ok: false` answer; `messages` become `response_metadata.messages` as Slack sends them. */
class SlackPlatformError extends ClarionError {
  constructor(
    readonly error: string,
    readonly messages: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(error, options);
  }
}

/** A 429; carries what the stats need to attribute it. */
class SlackRateLimitedError extends ClarionError {
  constructor(
    readonly retryAfterSeconds: number,
    readonly channel: string,
    options?: { cause?: unknown },
  ) {
    super('ratelimited', options);
  }
}

export function createSlackEmulator(options: SlackEmulatorOptions = {}): SlackEmulator {
  const clock = options.clock ?? Date.now;
  const limitsOn = options.limits ?? true;
  const postBurst = options.postBurst ?? 3;
  const updatePerMinute = options.updatePerMinute ?? 50;
  const autoCreate = options.autoCreateChannels ?? true;
  const initialChannels = options.channels ?? [];
  const acceptsToken = tokenMatcher(options.token);

  const events = new EventEmitter();
  events.setMaxListeners(0);

  let channels = new Map<string, StoredChannel>();
  let faults: ActiveFault[] = [];
  let faultCount = 0;
  /** Held calls and the timer that looks at their fault's end. */
  const hanging = new Map<ServerResponse, NodeJS.Timeout | undefined>();
  let postBuckets = new Map<string, TokenBucket>();
  let updateBucket = new TokenBucket(updatePerMinute, updatePerMinute / 60, clock());
  let stats = emptyStats();
  let lastTsMicros = 0;
  let autoChannelCount = 0;
  let server: Server | undefined;
  /** Triggers issued here (with their user and time) and every trigger exchanged, whoever made it. */
  let triggers = new Map<string, { user?: string; issuedAt?: number; used: boolean }>();
  let triggerCount = 0;
  let openViews = new Map<string, EmulatedView>();
  let viewCount = 0;

  const seedChannels = (): void => {
    channels = new Map();
    for (const { id, name } of initialChannels) addChannel(id, name);
  };

  const addChannel = (id: string, name: string): StoredChannel => {
    const channel: StoredChannel = {
      id,
      name,
      created: Math.floor(clock() / 1000),
      messages: [],
      ephemerals: [],
    };
    channels.set(id, channel);
    return channel;
  };

  /** Finds a channel by id, `#name` or `name`. */
  const findChannel = (ref: string): StoredChannel | undefined => {
    const byId = channels.get(ref);
    if (byId) return byId;
    const name = ref.replace(/^#/, '');
    for (const channel of channels.values()) if (channel.name === name) return channel;
    return undefined;
  };

  /** chat.postMessage accepts names; unknown ones are created unless `autoCreateChannels` is off. */
  const channelForPost = (ref: string | undefined): StoredChannel => {
    if (!ref) throw new SlackPlatformError('channel_not_found');
    const found = findChannel(ref);
    if (found) return found;
    if (!autoCreate) throw new SlackPlatformError('channel_not_found');
    if (CHANNEL_ID.test(ref)) return addChannel(ref, ref.toLowerCase());
    autoChannelCount += 1;
    return addChannel(`CEMU${String(autoChannelCount).padStart(6, '0')}`, ref.replace(/^#/, ''));
  };

  /** Methods other than posting take an ID, as Slack requires. */
  const channelById = (ref: string | undefined): StoredChannel => {
    const channel = ref === undefined ? undefined : channels.get(ref);
    if (!channel) throw new SlackPlatformError('channel_not_found');
    return channel;
  };

  /** Unique, increasing ts values in Slack's `seconds.micros` form, driven by the clock. */
  const nextTs = (): string => {
    lastTsMicros = Math.max(Math.floor(clock()) * 1000, lastTsMicros + 100);
    return formatTs(lastTsMicros);
  };

  const emit = (name: SlackEmulatorEventName, event: SlackEmulatorEvent): void => {
    for (const listener of events.listeners(name)) {
      try {
        (listener as (e: SlackEmulatorEvent) => void)(structuredClone(event));
      } catch (error) {
        // A broken preview listener must not turn a good API call into a failed one.
        process.emitWarning(`Slack emulator '${name}' listener threw: ${String(error)}`);
      }
    }
  };

  const dropSpentFaults = (): void => {
    const now = clock();
    faults = faults.filter(
      (fault) => (fault.remaining === undefined || fault.remaining > 0) && (fault.untilMs === undefined || now < fault.untilMs),
    );
  };

  const takeFault = (method: string): ActiveFault | undefined => {
    dropSpentFaults();
    const fault = faults.find((candidate) => candidate.method === undefined || candidate.method === method);
    if (fault?.remaining !== undefined) fault.remaining -= 1;
    return fault;
  };

  /** Ends a held call as a failure: 503 when it can still be answered, a dropped connection otherwise. */
  const release = (res: ServerResponse, how: 'answer' | 'drop'): void => {
    clearTimeout(hanging.get(res));
    hanging.delete(res);
    if (how === 'answer' && !res.headersSent && !res.destroyed) {
      send(res, { status: 503, body: { ok: false, error: 'service_unavailable' } });
      return;
    }
    res.destroy();
  };

  const releaseHanging = (how: 'answer' | 'drop'): void => {
    for (const res of [...hanging.keys()]) release(res, how);
  };

  /** Holds a call; one with an end is answered 503 once the clock passes it (looked at on a short timer). */
  const hold = (res: ServerResponse, untilMs: number | undefined): void => {
    const look = (): void => {
      if (!hanging.has(res)) return;
      const left = untilMs === undefined ? Number.POSITIVE_INFINITY : untilMs - clock();
      if (left <= 0) return release(res, 'answer');
      const timer = setTimeout(look, Math.min(Math.max(left, 10), HANG_RECHECK_MS));
      timer.unref();
      hanging.set(res, timer);
    };
    hanging.set(res, undefined);
    res.on('close', () => {
      clearTimeout(hanging.get(res));
      hanging.delete(res);
    });
    if (untilMs !== undefined) look();
  };

  const rateLimit = (bucket: TokenBucket, channel: string): void => {
    if (!limitsOn) return;
    const decision = bucket.take(clock());
    if (!decision.allowed) throw new SlackRateLimitedError(decision.retryAfterSeconds, channel);
  };

  // ---- Web API methods -------------------------------------------------------------------

  const authTest = (): Json => ({ ok: true, url: 'https://clarion-local.slack.com/', ...EMULATED_IDENTITY, is_enterprise_install: false });

  /** What chat.postMessage and chat.postEphemeral both check: some content, text length, blocks. */
  const readPostContent = (params: Params) => {
    const content = readContent(params);
    if (!content.text && !content.blocks?.length && !content.attachments?.length) {
      throw new SlackPlatformError('no_text');
    }
    if ((content.text?.length ?? 0) > POST_TEXT_MAX) throw new SlackPlatformError('msg_too_long');
    checkBlocks(content.blocks);
    return content;
  };

  const postMessage = (params: Params, token: string): Json => {
    const channel = channelForPost(stringParam(params, 'channel'));
    let bucket = postBuckets.get(channel.id);
    if (!bucket) {
      bucket = new TokenBucket(postBurst, 1, clock());
      postBuckets.set(channel.id, bucket);
    }
    rateLimit(bucket, channel.id);

    const content = readPostContent(params);

    const threadTs = stringParam(params, 'thread_ts');
    let parent: StoredMessage | undefined;
    if (threadTs) {
      const target = findMessage(channel, threadTs);
      if (!target) throw new SlackPlatformError('thread_not_found');
      // Slack threads a reply-to-a-reply under the original parent.
      parent = target.parent ?? target.message;
    }

    const message: StoredMessage = {
      channel: channel.id,
      ts: nextTs(),
      text: content.text ?? '',
      blocks: content.blocks ?? [],
      ...(content.attachments ? { attachments: content.attachments } : {}),
      ...(parent ? { thread_ts: parent.ts } : {}),
      ...(parent && booleanParam(params, 'reply_broadcast') ? { reply_broadcast: true } : {}),
      replies: [],
      updates: 0,
      ...(content.metadata ? { metadata: content.metadata } : {}),
      ...optionalBoolean(params, 'unfurl_links'),
      ...optionalBoolean(params, 'unfurl_media'),
      token,
    };
    if (parent) parent.replies.push(message);
    else channel.messages.push(message);
    stats.postsByChannel[channel.id] = (stats.postsByChannel[channel.id] ?? 0) + 1;

    emit('message', toEvent(parent ? 'reply' : 'message', channel, message));
    return { ok: true, channel: channel.id, ts: message.ts, message: toApiMessage(message, { metadata: true }) };
  };

  /** chat.delete, as a person deleting the message in Slack does (the bot may delete its own). */
  const remove = (params: Params, token: string): Json => {
    const channel = channelById(stringParam(params, 'channel'));
    const ts = stringParam(params, 'ts');
    const found = ts ? findMessage(channel, ts) : undefined;
    if (!found) throw new SlackPlatformError('message_not_found');
    if (found.message.token !== token) throw new SlackPlatformError('cant_delete_message');
    if (found.parent) found.parent.replies = found.parent.replies.filter((r) => r !== found.message);
    else channel.messages = channel.messages.filter((m) => m !== found.message);
    return { ok: true, channel: channel.id, ts: found.message.ts };
  };

  const update = (params: Params, token: string): Json => {
    const channel = channelById(stringParam(params, 'channel'));
    rateLimit(updateBucket, channel.id);

    const ts = stringParam(params, 'ts');
    const found = ts ? findMessage(channel, ts) : undefined;
    if (!found) throw new SlackPlatformError('message_not_found');
    const message = found.message;
    if (message.token !== token) throw new SlackPlatformError('cant_update_message');

    const content = readContent(params);
    if (!content.text && content.blocks === undefined && content.attachments === undefined) {
      throw new SlackPlatformError('no_text');
    }
    if ((content.text?.length ?? 0) > UPDATE_TEXT_MAX) throw new SlackPlatformError('msg_too_long');
    checkBlocks(content.blocks);

    // Omitted fields keep their old values (Slack's documented chat.update behaviour); `metadata: {}` clears.
    if (content.text !== undefined) message.text = content.text;
    if (content.blocks !== undefined) message.blocks = content.blocks;
    if (content.attachments !== undefined) message.attachments = content.attachments;
    if (content.metadata) message.metadata = content.metadata;
    if (content.clearMetadata) delete message.metadata;
    message.edited = { user: EMULATED_IDENTITY.user_id, ts: nextTs() };
    message.updates += 1;

    emit('update', toEvent('update', channel, message));
    return {
      ok: true,
      channel: channel.id,
      ts: message.ts,
      text: message.text,
      message: toApiMessage(message, { metadata: true }),
    };
  };

  const postEphemeral = (params: Params): Json => {
    const channel = channelForPost(stringParam(params, 'channel'));
    const user = stringParam(params, 'user');
    if (!user) throw new SlackPlatformError('user_not_in_channel');
    const content = readPostContent(params);

    const threadTs = stringParam(params, 'thread_ts');
    const ephemeral: EmulatedEphemeral = {
      channel: channel.id,
      user,
      message_ts: nextTs(),
      text: content.text ?? '',
      blocks: content.blocks ?? [],
      ...(threadTs ? { thread_ts: threadTs } : {}),
    };
    channel.ephemerals.push(ephemeral);
    emit('message', {
      kind: 'ephemeral',
      channel: channel.id,
      channelName: channel.name,
      ts: ephemeral.message_ts,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      text: ephemeral.text,
      blocks: ephemeral.blocks,
      user,
    });
    return { ok: true, message_ts: ephemeral.message_ts };
  };

  const conversationsList = (params: Params): Json => {
    const all = [...channels.values()].map(toApiChannel);
    const page = paginate(all, params, 100, 1000);
    return { ok: true, channels: page.items, response_metadata: { next_cursor: page.nextCursor } };
  };

  const conversationsInfo = (params: Params): Json => {
    const channel = channelById(stringParam(params, 'channel'));
    return { ok: true, channel: toApiChannel(channel) };
  };

  const conversationsHistory = (params: Params): Json => {
    const channel = channelById(stringParam(params, 'channel'));
    const includeMetadata = booleanParam(params, 'include_all_metadata');
    const inWindow = timeWindow(params);
    // Broadcast replies show in the channel too, as Slack's thread_broadcast messages do.
    const visible = channel.messages
      .flatMap((message) => [message, ...message.replies.filter((reply) => reply.reply_broadcast)])
      .filter((message) => inWindow(message.ts))
      .sort((a, b) => compareTs(b.ts, a.ts));
    const page = paginate(visible, params, 100, 999);
    return {
      ok: true,
      messages: page.items.map((message) => toApiMessage(message, { metadata: includeMetadata })),
      has_more: page.nextCursor !== '',
      pin_count: 0,
      response_metadata: { next_cursor: page.nextCursor },
    };
  };

  const conversationsReplies = (params: Params): Json => {
    const channel = channelById(stringParam(params, 'channel'));
    const ts = stringParam(params, 'ts');
    const found = ts ? findMessage(channel, ts) : undefined;
    if (!found) throw new SlackPlatformError('thread_not_found');
    const parent = found.parent ?? found.message;
    const includeMetadata = booleanParam(params, 'include_all_metadata');
    const inWindow = timeWindow(params);
    const thread = [parent, ...parent.replies.filter((reply) => inWindow(reply.ts))];
    const page = paginate(thread, params, 1000, 1000);
    return {
      ok: true,
      messages: page.items.map((message) => toApiMessage(message, { metadata: includeMetadata })),
      has_more: page.nextCursor !== '',
      response_metadata: { next_cursor: page.nextCursor },
    };
  };

  const emitView = (kind: SlackEmulatorViewEvent['kind'], view: EmulatedView): void => {
    for (const listener of events.listeners('view')) {
      try {
        (listener as (e: SlackEmulatorViewEvent) => void)(structuredClone({ kind, view }));
      } catch (error) {
        process.emitWarning(`Slack emulator 'view' listener threw: ${String(error)}`);
      }
    }
  };

  /** views.open: one exchange per trigger, within 3 s of a trigger issued here, and a modal Slack would accept. */
  const viewsOpen = (params: Params): Json => {
    const triggerId = stringParam(params, 'trigger_id');
    if (!triggerId) throw new SlackPlatformError('invalid_arguments', ['[ERROR] missing required field: trigger_id']);
    if (!TRIGGER_ID.test(triggerId)) throw new SlackPlatformError('invalid_trigger_id');
    const trigger = triggers.get(triggerId) ?? { used: false };
    if (trigger.used) throw new SlackPlatformError('exchanged_trigger_id');
    if (trigger.issuedAt !== undefined && clock() - trigger.issuedAt > TRIGGER_TTL_MS) throw new SlackPlatformError('expired_trigger_id');
    const view = jsonParam(params, 'view', 'invalid_arguments');
    if (view === undefined) throw new SlackPlatformError('invalid_arguments', ['[ERROR] missing required field: view']);
    const problems = findViewErrors(view);
    if (problems.length > 0) throw new SlackPlatformError('invalid_arguments', problems);
    triggers.set(triggerId, { ...trigger, used: true });
    viewCount += 1;
    const opened: EmulatedView = {
      id: `VEMU${String(viewCount).padStart(6, '0')}`,
      hash: `${Math.floor(clock() / 1000)}.${viewCount.toString(16).padStart(8, '0')}`,
      triggerId,
      ...(trigger.user ? { user: trigger.user } : {}),
      openedAt: clock(),
      view: view as Record<string, unknown>,
    };
    openViews.set(opened.id, opened);
    emitView('view-opened', opened);
    return {
      ok: true,
      view: {
        ...(view as Json),
        id: opened.id,
        team_id: EMULATED_IDENTITY.team_id,
        state: { values: {} },
        hash: opened.hash,
        root_view_id: opened.id,
        previous_view_id: null,
        app_id: EMULATED_IDENTITY.app_id,
        bot_id: EMULATED_IDENTITY.bot_id,
      },
    };
  };

  const methods: Record<string, (params: Params, token: string) => Json> = {
    'auth.test': authTest,
    'chat.postMessage': postMessage,
    'chat.update': update,
    'chat.delete': remove,
    'chat.postEphemeral': postEphemeral,
    'conversations.list': conversationsList,
    'conversations.info': conversationsInfo,
    'conversations.history': conversationsHistory,
    'conversations.replies': conversationsReplies,
    'views.open': viewsOpen,
  };

  const answer = (method: string, params: Params, token: string | undefined): Reply => {
    if (!token) return platformError('not_authed');
    if (!acceptsToken(token)) return platformError('invalid_auth');
    const run = methods[method];
    if (!run) return platformError('unknown_method');
    try {
      return { status: 200, body: run(params, token) };
    } catch (error) {
      if (error instanceof SlackRateLimitedError) {
        stats.rateLimited += 1;
        stats.rateLimitedByChannel[error.channel] = (stats.rateLimitedByChannel[error.channel] ?? 0) + 1;
        return { status: 429, body: { ok: false, error: 'ratelimited' }, retryAfterSeconds: error.retryAfterSeconds };
      }
      if (error instanceof SlackPlatformError) return platformError(error.error, error.messages);
      throw error;
    }
  };

  const faultReply = (fault: ActiveFault): Reply => {
    const status = fault.status ?? (fault.error ? 200 : 500);
    const error = fault.error ?? (status === 429 ? 'ratelimited' : status === 503 ? 'service_unavailable' : 'fatal_error');
    if (status !== 429) return { status, body: { ok: false, error } };
    stats.rateLimited += 1;
    const waitMs = fault.untilMs === undefined ? 1000 : fault.untilMs - clock();
    return { status, body: { ok: false, error }, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, method: string): Promise<void> => {
    let params: Params;
    try {
      params = await readParams(req);
    } catch (error) {
      if (error instanceof SlackPlatformError) {
        send(res, platformError(error.error, error.messages));
        return;
      }
      throw error;
    }
    stats.calls[method] = (stats.calls[method] ?? 0) + 1;

    const fault = takeFault(method);
    if (fault?.loseAnswer) {
      answer(method, params, bearerToken(req) ?? stringParam(params, 'token'));
      hold(res, fault.untilMs);
      return;
    }
    if (fault?.hang) {
      hold(res, fault.untilMs);
      return;
    }
    if (fault) {
      send(res, faultReply(fault));
      return;
    }
    send(res, answer(method, params, bearerToken(req) ?? stringParam(params, 'token')));
  };

  const emulator: SlackEmulator = {
    handle,
    async listen(port = 0, host = '127.0.0.1') {
      if (server) throw new Error('The Slack emulator is already listening');
      const created = createServer((req, res) => {
        const match = /^\/api\/([A-Za-z0-9_.]+)\/?(?:\?.*)?$/.exec(req.url ?? '');
        if (!match?.[1]) {
          send(res, { status: 404, body: { ok: false, error: 'not_found' } });
          return;
        }
        handle(req, res, match[1]).catch((error: unknown) => {
          if (!res.headersSent) send(res, { status: 500, body: { ok: false, error: 'fatal_error', detail: String(error) } });
        });
      });
      server = created;
      await new Promise<void>((resolve, reject) => {
        created.once('error', reject);
        created.listen(port, host, () => {
          created.off('error', reject);
          resolve();
        });
      });
      const address = created.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return { url: `http://${shownHost}:${address.port}/api/` };
    },
    async close() {
      releaseHanging('drop');
      const running = server;
      server = undefined;
      if (!running) return;
      await new Promise<void>((resolve, reject) => {
        running.close((error) => (error ? reject(error) : resolve()));
        running.closeAllConnections();
      });
    },
    channels: () => [...channels.values()].map(({ id, name, created }) => ({ id, name, created })),
    messages(ref) {
      const channel = findChannel(ref);
      return channel ? channel.messages.map(toEmulatedMessage) : [];
    },
    replies(ref, ts) {
      const channel = findChannel(ref);
      const found = channel ? findMessage(channel, ts) : undefined;
      const parent = found ? (found.parent ?? found.message) : undefined;
      return parent ? parent.replies.map(toEmulatedMessage) : [];
    },
    ephemerals(ref) {
      return structuredClone(findChannel(ref)?.ephemerals ?? []);
    },
    stats: () => structuredClone(stats),
    issueTrigger(user) {
      triggerCount += 1;
      const id = `${Math.floor(clock() / 1000)}.${triggerCount}.${(triggerCount * 2654435761 >>> 0).toString(16)}`;
      triggers.set(id, { ...(user ? { user } : {}), issuedAt: clock(), used: false });
      return id;
    },
    views: () => structuredClone([...openViews.values()]),
    closeView(id) {
      const view = openViews.get(id);
      if (!view) return false;
      openViews.delete(id);
      emitView('view-closed', view);
      return true;
    },
    fail(fault) {
      faultCount += 1;
      const id = `fault-${faultCount}`;
      const { forMs, ...rest } = fault;
      faults.push({
        ...rest,
        id,
        ...(forMs !== undefined ? { untilMs: clock() + forMs } : {}),
        ...(fault.times !== undefined ? { remaining: fault.times } : {}),
      });
      return id;
    },
    faults() {
      dropSpentFaults();
      return structuredClone(faults);
    },
    clearFaults() {
      dropSpentFaults();
      const cleared = faults.length;
      faults = [];
      releaseHanging('answer');
      return cleared;
    },
    reset() {
      faults = [];
      releaseHanging('answer');
      seedChannels();
      postBuckets = new Map();
      updateBucket = new TokenBucket(updatePerMinute, updatePerMinute / 60, clock());
      stats = emptyStats();
      autoChannelCount = 0;
      triggers = new Map();
      openViews = new Map();
    },
    on(event: SlackEmulatorEventName | 'view', listener: (event: never) => void) {
      events.on(event, listener as (...args: unknown[]) => void);
      return emulator;
    },
    off(event: SlackEmulatorEventName | 'view', listener: (event: never) => void) {
      events.off(event, listener as (...args: unknown[]) => void);
      return emulator;
    },
  };

  seedChannels();
  return emulator;
}

// ---- helpers (no emulator state) ---------------------------------------------------------

function emptyStats(): SlackEmulatorStats {
  return { calls: {}, rateLimited: 0, rateLimitedByChannel: {}, postsByChannel: {} };
}

function tokenMatcher(accepted: string | RegExp | undefined): (token: string) => boolean {
  if (typeof accepted === 'string') return (token) => token === accepted;
  const pattern = accepted ? new RegExp(accepted.source, accepted.flags.replace(/[gy]/g, '')) : /^xoxb-\S+$/;
  return (token) => pattern.test(token);
}

function platformError(error: string, messages: string[] = []): Reply {
  return {
    status: 200,
    body: { ok: false, error, ...(messages.length > 0 ? { response_metadata: { messages } } : {}) },
  };
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (reply.retryAfterSeconds !== undefined) headers['retry-after'] = String(reply.retryAfterSeconds);
  res.writeHead(reply.status, headers);
  res.end(JSON.stringify(reply.body));
}

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** Form or JSON body merged over the query string, as Slack accepts both. */
async function readParams(req: IncomingMessage): Promise<Params> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');

  const query = Object.fromEntries(new URL(req.url ?? '/', 'http://emulator').searchParams);
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.includes('application/json')) {
    if (raw.trim() === '') return query;
    if (tooDeep(raw)) throw new SlackPlatformError('invalid_json', [NESTED_TOO_DEEPLY]);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch (error) {
      throw new SlackPlatformError('invalid_json', [String(error)]);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new SlackPlatformError('invalid_json');
    return { ...query, ...(body as Params) };
  }
  return { ...query, ...Object.fromEntries(new URLSearchParams(raw)) };
}

/*
 * Real Block Kit, metadata and attachments nest a handful of levels. Anything far deeper is refused
 * up front, so no later walk (block checks, cloning for listeners, the JSON answer) can overflow
 * the stack and turn a bad call into a broken answer.
 */
const NESTED_TOO_DEEPLY = `[ERROR] nested deeper than ${MAX_JSON_DEPTH} levels`;

function tooDeep(json: string): boolean {
  return jsonNestingDepth(json, MAX_JSON_DEPTH) > MAX_JSON_DEPTH;
}

function stringParam(params: Params, name: string): string | undefined {
  const value = params[name];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Form bodies carry booleans as "true"/"false" (and Slack also takes "1"); JSON bodies as booleans. */
function booleanParam(params: Params, name: string): boolean {
  const value = params[name];
  return value === true || value === 'true' || value === '1' || value === 1;
}

function optionalBoolean(params: Params, name: 'unfurl_links' | 'unfurl_media'): Partial<Record<typeof name, boolean>> {
  return params[name] === undefined ? {} : { [name]: booleanParam(params, name) };
}

/** A field that the client JSON-stringifies into a form field, or sends as-is in a JSON body. */
function jsonParam(params: Params, name: string, invalid: string): unknown {
  const value = params[name];
  if (typeof value !== 'string') return value;
  if (value === '') return undefined;
  if (tooDeep(value)) throw new SlackPlatformError(invalid, [`${NESTED_TOO_DEEPLY} [json-pointer:/${name}]`]);
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new SlackPlatformError(invalid, [`[ERROR] ${name} is not valid JSON: ${String(error)}`]);
  }
}

interface Content {
  text?: string;
  blocks?: KnownBlock[];
  attachments?: unknown[];
  metadata?: MessageMetadata;
  /** `metadata: {}` was sent: chat.update clears the old metadata. */
  clearMetadata?: boolean;
}

function readContent(params: Params): Content {
  const rawText = params.text;
  const text = typeof rawText === 'string' ? rawText : typeof rawText === 'number' ? String(rawText) : undefined;

  const blocks = jsonParam(params, 'blocks', 'invalid_blocks_format');
  if (blocks !== undefined && !Array.isArray(blocks)) {
    throw new SlackPlatformError('invalid_blocks_format', ['[ERROR] must be an array [json-pointer:/blocks]']);
  }
  const attachments = jsonParam(params, 'attachments', 'invalid_attachments');
  if (attachments !== undefined && !Array.isArray(attachments)) throw new SlackPlatformError('invalid_attachments');
  if (Array.isArray(attachments) && attachments.length > 100) throw new SlackPlatformError('too_many_attachments');

  const metadata = jsonParam(params, 'metadata', 'invalid_metadata_format');
  const checkedMetadata = metadata === undefined ? undefined : checkMetadata(metadata);

  return {
    ...(text !== undefined ? { text } : {}),
    ...(blocks !== undefined ? { blocks: blocks as KnownBlock[] } : {}),
    ...(attachments !== undefined ? { attachments: attachments as unknown[] } : {}),
    ...(checkedMetadata === 'empty' ? { clearMetadata: true } : checkedMetadata ? { metadata: checkedMetadata } : {}),
  };
}

function checkBlocks(blocks: KnownBlock[] | undefined): void {
  if (blocks === undefined) return;
  const problems = findBlockErrors(blocks);
  if (problems.length > 0) throw new SlackPlatformError('invalid_blocks', problems);
}

/** `{}` (clears on update) or `{ event_type: string, event_payload: object }`. */
function checkMetadata(metadata: unknown): MessageMetadata | 'empty' {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new SlackPlatformError('invalid_metadata_format');
  }
  const { event_type: eventType, event_payload: payload } = metadata as Json;
  if (Object.keys(metadata).length === 0) return 'empty';
  if (typeof eventType !== 'string' || eventType === '' || typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new SlackPlatformError('invalid_metadata_schema', ['[ERROR] metadata needs event_type (string) and event_payload (object)']);
  }
  return metadata as MessageMetadata;
}

function findMessage(
  channel: StoredChannel,
  ts: string,
): { message: StoredMessage; parent?: StoredMessage } | undefined {
  for (const message of channel.messages) {
    if (message.ts === ts) return { message };
    const reply = message.replies.find((candidate) => candidate.ts === ts);
    if (reply) return { message: reply, parent: message };
  }
  return undefined;
}

function formatTs(micros: number): string {
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

/** ts strings compared numerically; both sides may omit or shorten the fraction (`oldest=0`). */
function tsToMicros(ts: string): number | undefined {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(ts.trim());
  if (!match?.[1]) return undefined;
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? '').padEnd(6, '0'));
}

function compareTs(a: string, b: string): number {
  return (tsToMicros(a) ?? 0) - (tsToMicros(b) ?? 0);
}

/** conversations.history/replies `oldest`/`latest`, exclusive unless `inclusive` is true. */
function timeWindow(params: Params): (ts: string) => boolean {
  const oldest = tsToMicros(stringParam(params, 'oldest') ?? '');
  const latest = tsToMicros(stringParam(params, 'latest') ?? '');
  const inclusive = booleanParam(params, 'inclusive');
  return (ts) => {
    const at = tsToMicros(ts) ?? 0;
    if (oldest !== undefined && (inclusive ? at < oldest : at <= oldest)) return false;
    if (latest !== undefined && (inclusive ? at > latest : at >= latest)) return false;
    return true;
  };
}

/** Cursor pagination with Slack-looking opaque cursors (base64 of an offset). */
function paginate<T>(items: T[], params: Params, defaultLimit: number, maxLimit: number): { items: T[]; nextCursor: string } {
  const requested = Number(stringParam(params, 'limit') ?? defaultLimit);
  const limit = Number.isFinite(requested) && requested > 0 ? Math.min(Math.floor(requested), maxLimit) : defaultLimit;
  const cursor = stringParam(params, 'cursor');
  const decoded = cursor ? Number(Buffer.from(cursor, 'base64').toString('utf8').replace(/^offset:/, '')) : 0;
  const offset = Number.isFinite(decoded) && decoded > 0 ? decoded : 0;
  const end = offset + limit;
  return {
    items: items.slice(offset, end),
    nextCursor: end < items.length ? Buffer.from(`offset:${end}`).toString('base64') : '',
  };
}

function toApiChannel(channel: StoredChannel): Json {
  return {
    id: channel.id,
    name: channel.name,
    name_normalized: channel.name,
    is_channel: true,
    is_private: false,
    is_archived: false,
    is_member: true,
    created: channel.created,
    num_members: 1,
  };
}

/** A message as the Web API returns it (thread fields only where Slack sets them). */
function toApiMessage(message: StoredMessage, { metadata }: { metadata: boolean }): Json {
  const latestReply = message.replies.at(-1);
  return {
    type: 'message',
    ...(message.reply_broadcast ? { subtype: 'thread_broadcast' } : {}),
    user: EMULATED_IDENTITY.user_id,
    bot_id: EMULATED_IDENTITY.bot_id,
    app_id: EMULATED_IDENTITY.app_id,
    team: EMULATED_IDENTITY.team_id,
    text: message.text,
    ts: message.ts,
    ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
    ...(message.attachments ? { attachments: message.attachments } : {}),
    ...(message.thread_ts ? { thread_ts: message.thread_ts, parent_user_id: EMULATED_IDENTITY.user_id } : {}),
    ...(latestReply
      ? {
          thread_ts: message.ts,
          reply_count: message.replies.length,
          reply_users_count: 1,
          reply_users: [EMULATED_IDENTITY.user_id],
          latest_reply: latestReply.ts,
        }
      : {}),
    ...(message.edited ? { edited: message.edited } : {}),
    ...(metadata && message.metadata ? { metadata: message.metadata } : {}),
  };
}

function toEmulatedMessage(message: StoredMessage): EmulatedMessage {
  const { token: _token, replies, ...rest } = message;
  return structuredClone({ ...rest, replies: replies.map(toEmulatedMessage) });
}

function toEvent(kind: SlackEmulatorEvent['kind'], channel: StoredChannel, message: StoredMessage): SlackEmulatorEvent {
  return {
    kind,
    channel: channel.id,
    channelName: channel.name,
    ts: message.ts,
    ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    text: message.text,
    blocks: message.blocks,
    ...(message.metadata ? { metadata: message.metadata } : {}),
    ...(kind === 'update' ? { updates: message.updates } : {}),
  };
}
