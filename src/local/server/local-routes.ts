/** @module Local stack (HTTP edge): the routes of the local server — events in, Slack in and out, and the preview page's JSON. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InteractionAnswer } from '../../slack/answer-interaction.ts';
import type { SlackEmulator } from '../slack-emulator.ts';
import type { CatalogWatcher } from './catalog-watcher.ts';
import type { EventStream } from './event-stream.ts';
import { isPreviewState, listEntries, previewEntry } from './preview-entry.ts';
import { readRawBody } from './read-raw-body.ts';
import type { UiHandler } from './serve-ui.ts';

/** EventBridge refuses entries over 256 KB; the local intake holds events to the same limit. */
export const MAX_EVENT_BYTES = 256 * 1024;
/** Slack interaction payloads are small; this only stops a runaway client. */
const MAX_INTERACTION_BYTES = 1024 * 1024;
const MAX_API_BYTES = MAX_EVENT_BYTES + 16 * 1024;

export interface RouteContext {
  emulator: SlackEmulator;
  stream: EventStream;
  catalog: CatalogWatcher;
  ui: () => UiHandler | undefined;
  now: () => Date;
  /** Queues a raw event as SQS would receive it; returns its signal keys. */
  enqueue(raw: unknown): string[];
  answerInteraction(rawBody: string, headers: IncomingMessage['headers']): Promise<InteractionAnswer>;
  samples(): Promise<string[]>;
  /** Queues a shipped sample as a new event; null when there is no such sample. */
  fireSample(file: string): Promise<string[] | null>;
  /** A signed press of a button (or a select option) on a message in the emulator; returns the interaction's HTTP status. */
  press(args: { channel: string; ts: string; actionId: string; selectedValue?: string; user?: string }): Promise<number>;
  snapshot(): unknown;
  /** Office hours of the stage, whether they are on now, and how much is held for the summary. */
  officeHours(): Promise<unknown>;
  /** Queues the summary of what was held, as the schedule does when office hours start. */
  requestSummary(): void;
  queueStatus(): unknown;
}

export class BadRequestError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BadRequestError';
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text.endsWith('\n') ? text : `${text}\n`);
}

/** Parses a JSON body, with one-line reasons a person can act on. */
async function readJson(req: IncomingMessage, limit: number, what: string): Promise<unknown> {
  const body = await readRawBody(req, limit);
  if (body.tooLarge) {
    throw new BadRequestError(`${what} is ${body.bytes} bytes; the limit is ${limit} bytes (256 KB, as EventBridge allows)`);
  }
  if (body.text.trim() === '') throw new BadRequestError(`${what} is empty; send JSON`);
  try {
    return JSON.parse(body.text) as unknown;
  } catch (error) {
    throw new BadRequestError(`${what} is not valid JSON: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}

function objectBody(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadRequestError('the body must be a JSON object');
  return value as Record<string, unknown>;
}

function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw new BadRequestError(`"${name}" is required`);
  return value;
}

export function createLocalRoutes(ctx: RouteContext) {
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const { pathname } = url;
    const method = req.method ?? 'GET';

    // A browser sends Origin on cross-site requests: another page the developer has open must not
    // be able to fire events or press buttons here (with SLACK_BOT_TOKEN set, that would reach real
    // Slack). Same-origin requests from the preview page, and non-browser clients, carry no foreign Origin.
    const origin = req.headers.origin;
    if (method !== 'GET' && origin && origin !== `http://${req.headers.host ?? ''}`) {
      return sendText(res, 403, 'cross-site requests are not accepted');
    }

    const slackApi = /^\/slack\/api\/([A-Za-z0-9_.]+)\/?$/.exec(pathname);
    if (slackApi?.[1]) return ctx.emulator.handle(req, res, slackApi[1]);

    if (pathname === '/events') {
      if (method !== 'POST') return sendText(res, 405, 'POST a raw AWS event as JSON to /events');
      const raw = await readJson(req, MAX_EVENT_BYTES, 'the event');
      return sendJson(res, 202, { queued: ctx.enqueue(raw) });
    }

    if (pathname === '/slack/interactions') {
      if (method !== 'POST') return sendText(res, 405, 'Slack posts interactions here');
      // Verified on the exact bytes received: nothing is parsed before the signature check.
      const body = await readRawBody(req, MAX_INTERACTION_BYTES);
      if (body.tooLarge) return sendText(res, 400, 'the interaction body is too large');
      const answer = await ctx.answerInteraction(body.text, req.headers);
      res.writeHead(answer.statusCode, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(answer.body);
      return;
    }

    if (pathname.startsWith('/api/')) return api(pathname.slice('/api/'.length), url, method, req, res);

    const ui = ctx.ui();
    if (ui && (method === 'GET' || method === 'HEAD')) return ui.handle(req, res);
    sendText(res, 404, 'not found');
  }

  async function api(name: string, url: URL, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const get = method === 'GET';
    switch (`${method} ${name}`) {
      case 'GET stream':
        ctx.stream.attach(req, res);
        return;
      case 'GET state':
        return sendJson(res, 200, ctx.snapshot());
      case 'GET queue':
        return sendJson(res, 200, ctx.queueStatus());
      case 'GET office-hours':
        return sendJson(res, 200, await ctx.officeHours());
      case 'POST summary':
        ctx.requestSummary();
        return sendJson(res, 202, { queued: ['summary'] });
      case 'GET samples':
        return sendJson(res, 200, { samples: await ctx.samples() });
      case 'POST samples/fire': {
        const file = requiredString(objectBody(await readJson(req, MAX_API_BYTES, 'the request')), 'file');
        const queued = await ctx.fireSample(file);
        if (!queued) return sendJson(res, 404, { error: `no sample named ${file}` });
        return sendJson(res, 202, { queued });
      }
      case 'GET catalog':
        return sendJson(res, 200, { status: ctx.catalog.status(), entries: listEntries(ctx.catalog.runtime()) });
      case 'GET preview': {
        const id = url.searchParams.get('id') ?? '';
        const state = url.searchParams.get('state') ?? 'firing';
        if (!isPreviewState(state)) throw new BadRequestError('state must be firing, resolved or noData');
        const preview = previewEntry(ctx.catalog.runtime(), id, state, ctx.now());
        if (!preview) return sendJson(res, 404, { error: `no catalog entry "${id}"` });
        return sendJson(res, 200, { ...preview, catalogVersion: ctx.catalog.status().version });
      }
      case 'POST press': {
        const body = objectBody(await readJson(req, MAX_API_BYTES, 'the request'));
        const selectedValue = typeof body.selectedValue === 'string' ? body.selectedValue : undefined;
        const user = typeof body.user === 'string' && /^[UW][A-Z0-9]{2,}$/.test(body.user) ? body.user : undefined;
        const status = await ctx.press({
          channel: requiredString(body, 'channel'),
          ts: requiredString(body, 'ts'),
          actionId: requiredString(body, 'actionId'),
          ...(selectedValue ? { selectedValue } : {}),
          ...(user ? { user } : {}),
        });
        return sendJson(res, status === 200 ? 200 : 502, { status });
      }
      default:
        return sendJson(res, get ? 404 : 405, { error: `no API ${method} /api/${name}` });
    }
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await route(req, res);
    } catch (error) {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (error instanceof BadRequestError) return sendText(res, 400, error.message);
      if (error instanceof NotFoundError) return sendJson(res, 404, { error: error.message });
      sendJson(res, 500, { error: (error as Error).message ?? String(error) });
    }
  };
}

export class NotFoundError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotFoundError';
  }
}
