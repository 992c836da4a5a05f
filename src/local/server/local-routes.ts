/** @module Local stack (HTTP edge): the routes of the local server — events in, Slack in and out, and the preview page's JSON. */
import type { FixApi } from './fix-api.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyResultV2, LambdaFunctionURLEvent } from 'aws-lambda';
import type { AdvanceOutcome } from '../advance-clock.ts';
import { DurationError } from '../../pipeline/parse-duration.ts';
import { ReportSpanError } from '../../history/report.ts';
import type { DeadLetter } from '../in-process-queue.ts';
import type { SlackEmulator } from '../slack-emulator.ts';
import type { PagerDutyStandIn } from '../pagerduty-stand-in.ts';
import type { CatalogWatcher } from './catalog-watcher.ts';
import type { HostGuard } from './check-request-host.ts';
import { viewDeadLetter } from './describe-dead-letter.ts';
import type { EventStream } from './event-stream.ts';
import { functionUrlEvent, writeFunctionUrlResult } from './function-url-event.ts';
import { jsonNestingDepth, MAX_JSON_DEPTH } from './json-nesting-depth.ts';
import { isPreviewState, listEntries, previewEntry } from './preview-entry.ts';
import { readRawBody } from './read-raw-body.ts';
import type { UiHandler } from './serve-ui.ts';
import { FaultRequestError, parseFaultRequest, toEmulatorFault, viewFault } from './slack-fault-request.ts';
import { UnknownInputError } from './submit-view.ts';
import { UnknownActionError } from './press-button.ts';
import type { SubmissionOutcome, SubmittedValues } from './submit-view.ts';
import { ClarionError } from '../../core/clarion-error.ts';
import type { SilenceApi } from './silence-api.ts';
import type { HistoryPort } from '../../core/history.ts';
import { ClaritySpanError, readClarityAnswers } from './clarity-api.ts';
import type { InsightsApi } from './insights-api.ts';
import { MetricDataError } from '../metric-store.ts';
import type { MetricStore } from '../metric-store.ts';

/** EventBridge refuses entries over 256 KB; the local intake holds events to the same limit. */
export const MAX_EVENT_BYTES = 256 * 1024;
/** Slack interaction payloads are small; this only stops a runaway client. */
const MAX_INTERACTION_BYTES = 1024 * 1024;
const MAX_API_BYTES = MAX_EVENT_BYTES + 16 * 1024;
/** Fault and clock requests are a few fields. */
const MAX_CONTROL_BYTES = 16 * 1024;

export interface RouteContext {
  emulator: SlackEmulator;
  stream: EventStream;
  catalog: CatalogWatcher;
  ui: () => UiHandler | undefined;
  now: () => Date;
  /** Queues a raw event as SQS would receive it; returns its signal keys. */
  enqueue(raw: unknown): string[];
  /** The interactions Lambda, as its Function URL would invoke it. */
  interactions(event: LambdaFunctionURLEvent): Promise<APIGatewayProxyResultV2>;
  samples(): Promise<string[]>;
  /** Queues a shipped sample as a new event; null when there is no such sample. */
  fireSample(file: string): Promise<string[] | null>;
  /** A signed press of a button (or a select option) on a message in the emulator; returns the interaction's HTTP status. */
  press(args: { channel: string; ts: string; actionId: string; selectedValue?: string; user?: string }): Promise<number>;
  /** A signed submission of a modal open in the emulator; the interaction's HTTP status, and the errors that keep it open. */
  submitView(args: { viewId: string; values: SubmittedValues; user?: string }): Promise<SubmissionOutcome>;
  snapshot(): unknown;
  /** Office hours of the stage, whether they are on now, and how much is held for the summary. */
  officeHours(): Promise<unknown>;
  /** Maintenance windows with their current or next occurrence. */
  maintenance?(): unknown;
  /** Queues the summary of what was held, as the schedule does when office hours start. */
  requestSummary(): void;
  /** At least `{ depth, inFlight, delayed, deadLetters }` (numbers), as `GET /api/queue` documents them. */
  queueStatus(): Record<string, unknown>;
  /** Which requests this server answers (loopback Host names, its own Origin). */
  hostGuard: HostGuard;
  /** `slack` when messages go to a real workspace: the emulator's faults then change nothing that is delivered. */
  delivery: 'emulator' | 'slack';
  deadLetters(): readonly DeadLetter[];
  /** PagerDuty's stand-in: `POST /pagerduty/v2/enqueue` is its Events API, `GET /api/pagerduty` what it received. */
  pagerDuty: PagerDutyStandIn;
  /** Moves every dead letter back onto the queue and wakes the pump; returns how many moved. */
  redrive(): number;
  /** The stack's clock; `advance` moves every part of the stack forward together and resolves once the work that became due has run (RangeError: refused). */
  clock: { now(): Date; advance(seconds: number): Promise<AdvanceOutcome> };
  /** `POST`/`GET /api/silences`, `DELETE /api/silences/ID` (README, "Silences"). */
  silences?: SilenceApi;
  /** `GET /api/report?since=30d`: the report of the period ending now (README, "Report"); a bad span throws `DurationError`. */
  report?(since: string): Promise<unknown>;
  /** The stack's history store: `GET /api/clarity` reads readers' answers from it. */
  history?: HistoryPort;
  /** `GET /api/fixes`, `POST`/`DELETE /api/fixes/faults`: the automatic fixes' stand-in (README, "Automatic fixes"). */
  fixes?: FixApi;
  /** `GET /api/insights?since=30d` (README, "Insights"). */
  insights?: InsightsApi;
  /** The stakeholder status page, rendered from history on each request (`GET /status`, `/status/status.json`, `/status/feed.atom`). */
  statusPage?(): Promise<{ html: string; json: string; feed: string }>;
  /** CloudWatch's stand-in for SLO figures: `POST /api/metrics` (PutMetricData-like JSON), `GET` what it holds, `DELETE` forgets it (README, "SLO burn-rate alerts"). */
  metrics?: MetricStore;
}

const STATUS_PATHS: Record<string, { file: 'html' | 'json' | 'feed'; contentType: string }> = {
  '/status': { file: 'html', contentType: 'text/html; charset=utf-8' },
  '/status/': { file: 'html', contentType: 'text/html; charset=utf-8' },
  '/status/index.html': { file: 'html', contentType: 'text/html; charset=utf-8' },
  '/status/status.json': { file: 'json', contentType: 'application/json; charset=utf-8' },
  '/status/feed.atom': { file: 'feed', contentType: 'application/atom+xml; charset=utf-8' },
};

export class BadRequestError extends ClarionError {}

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
    const why = limit === MAX_EVENT_BYTES ? ' (256 KB, as EventBridge allows)' : '';
    throw new BadRequestError(`${what} is ${body.bytes} bytes; the limit is ${limit} bytes${why}`);
  }
  if (body.text.trim() === '') throw new BadRequestError(`${what} is empty; send JSON`);
  // Counted on the text, before JSON.parse and every later walk of the value can recurse on it.
  if (jsonNestingDepth(body.text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    const why = limit === MAX_EVENT_BYTES ? ' (real AWS events nest far less)' : '';
    throw new BadRequestError(`${what} nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels, the limit here${why}`);
  }
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

/** A number field, or a 400 that names it. */
function requiredNumber(body: Record<string, unknown>, name: string): number {
  const value = body[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new BadRequestError(`"${name}" must be a number`);
  return value;
}

/** `values` of a submission: block id → text, or a list of option values. */
function submittedValues(value: unknown): SubmittedValues {
  const values = objectBody(value ?? {});
  for (const [block, given] of Object.entries(values)) {
    const ok = typeof given === 'string' || (Array.isArray(given) && given.every((v) => typeof v === 'string'));
    if (!ok) throw new BadRequestError(`"values.${block}" must be a text or a list of option values`);
  }
  return values as SubmittedValues;
}

/** The request target as a URL; a target that is not a path (`http://[bad`) is the client's mistake. */
function requestUrl(req: IncomingMessage): URL {
  const target = req.url ?? '/';
  if (!target.startsWith('/')) throw new BadRequestError('the request target must be a path such as /events');
  try {
    return new URL(target, 'http://local');
  } catch (error) {
    throw new BadRequestError('the request target is not a valid path', { cause: error });
  }
}

/** True when every `%` in the path starts a valid UTF-8 escape, as the page's file handler decodes it. */
function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function createLocalRoutes(ctx: RouteContext) {
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';

    // DNS rebinding and cross-site requests: every route, reads included (/api/state shows every
    // message; with SLACK_BOT_TOKEN set, /events and presses reach real Slack).
    const refusal = ctx.hostGuard.refusal({ host: req.headers.host, origin: req.headers.origin }, method);
    if (refusal) {
      req.resume();
      return sendText(res, 403, refusal);
    }

    const url = requestUrl(req);
    const { pathname } = url;

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
      return writeFunctionUrlResult(res, await ctx.interactions(functionUrlEvent(req, body.text, ctx.now())));
    }

    if (pathname === '/pagerduty/v2/enqueue') return ctx.pagerDuty.handle(req, res);

    const status = ctx.statusPage ? STATUS_PATHS[pathname] : undefined;
    if (status && ctx.statusPage) {
      if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'the status page is read with GET');
      const files = await ctx.statusPage();
      res.writeHead(200, { 'content-type': status.contentType, 'cache-control': 'no-store' });
      res.end(method === 'HEAD' ? undefined : files[status.file]);
      return;
    }

    if (pathname.startsWith('/api/')) return api(pathname.slice('/api/'.length), url, method, req, res);

    const ui = ctx.ui();
    if (ui && (method === 'GET' || method === 'HEAD')) {
      if (!decodablePath(pathname)) throw new BadRequestError('the path has a malformed % escape');
      return ui.handle(req, res);
    }
    sendText(res, 404, 'not found');
  }

  async function api(name: string, url: URL, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const get = method === 'GET';
    if (ctx.silences && /^silences(\/|$)/.test(name)) return silenceRoutes(ctx.silences, name, url, method, req, res);
    if (ctx.fixes && /^fixes(\/|$)/.test(name)) return fixRoutes(ctx.fixes, name, method, req, res);
    switch (`${method} ${name}`) {
      case 'GET stream':
        ctx.stream.attach(req, res);
        return;
      case 'GET state':
        return sendJson(res, 200, ctx.snapshot());
      case 'GET queue':
        return sendJson(res, 200, ctx.queueStatus());
      case 'GET dlq':
        return sendJson(res, 200, { deadLetters: ctx.deadLetters().map(viewDeadLetter) });
      case 'POST dlq/redrive':
        req.resume();
        return sendJson(res, 200, { moved: ctx.redrive() });
      case 'GET slack/faults':
        return sendJson(res, 200, { faults: ctx.emulator.faults().map(viewFault) });
      case 'POST slack/faults': {
        if (ctx.delivery !== 'emulator') {
          req.resume();
          return sendJson(res, 409, { error: 'faults apply to the Slack emulator, and this stack delivers to real Slack (SLACK_BOT_TOKEN is set)' });
        }
        const request = parseFaultRequest(await readJson(req, MAX_CONTROL_BYTES, 'the fault'));
        const id = ctx.emulator.fail(toEmulatorFault(request));
        const stored = ctx.emulator.faults().find((f) => f.id === id);
        return sendJson(res, 201, stored ? viewFault(stored) : { id, fault: request.fault, until: null });
      }
      case 'DELETE slack/faults':
        req.resume();
        return sendJson(res, 200, { cleared: ctx.emulator.clearFaults() });
      case 'GET slack/views':
        return sendJson(res, 200, { views: ctx.emulator.views() });
      case 'POST slack/views/submit': {
        const body = objectBody(await readJson(req, MAX_API_BYTES, 'the request'));
        const user = typeof body.user === 'string' && /^[UW][A-Z0-9]{2,}$/.test(body.user) ? body.user : undefined;
        let outcome: SubmissionOutcome;
        try {
          outcome = await ctx.submitView({ viewId: requiredString(body, 'viewId'), values: submittedValues(body.values), ...(user ? { user } : {}) });
        } catch (error) {
          if (error instanceof UnknownInputError) throw new BadRequestError(error.message, { cause: error });
          throw error;
        }
        return sendJson(res, outcome.status === 200 ? 200 : 502, outcome);
      }
      case 'POST slack/views/close': {
        // The modal's Cancel: Slack closes it without telling the app (Clarion asks for no view_closed).
        const viewId = requiredString(objectBody(await readJson(req, MAX_CONTROL_BYTES, 'the request')), 'viewId');
        if (!ctx.emulator.closeView(viewId)) throw new NotFoundError(`no open view ${viewId}`);
        return sendJson(res, 200, { closed: viewId });
      }
      case 'GET clarity': {
        if (!ctx.history) return sendJson(res, 404, { error: 'this stack keeps no history' });
        try {
          return sendJson(res, 200, await readClarityAnswers(ctx.history, ctx.now(), url.searchParams.get('since') ?? undefined));
        } catch (error) {
          if (error instanceof ClaritySpanError) throw new BadRequestError(error.message, { cause: error });
          throw error;
        }
      }
      case 'GET insights': {
        if (!ctx.insights) return sendJson(res, 404, { error: 'this stack keeps no history' });
        const answer = await ctx.insights.get(url.searchParams);
        if (answer.status === 400) throw new BadRequestError(answer.reason);
        return sendJson(res, 200, answer.body);
      }
      case 'POST metrics': {
        if (!ctx.metrics) return sendJson(res, 404, { error: 'this stack keeps no metrics' });
        try {
          return sendJson(res, 201, { stored: ctx.metrics.put(await readJson(req, MAX_API_BYTES, 'the metric data')) });
        } catch (error) {
          if (error instanceof MetricDataError) throw new BadRequestError(error.message, { cause: error });
          throw error;
        }
      }
      case 'GET metrics':
        if (!ctx.metrics) return sendJson(res, 404, { error: 'this stack keeps no metrics' });
        return sendJson(res, 200, { metrics: ctx.metrics.list() });
      case 'DELETE metrics':
        req.resume();
        ctx.metrics?.clear();
        return sendJson(res, 200, { cleared: true });
      case 'GET pagerduty':
        return sendJson(res, 200, { events: ctx.pagerDuty.events() });
      case 'GET clock':
        return sendJson(res, 200, { now: ctx.clock.now().toISOString() });
      case 'GET report': {
        if (!ctx.report) return sendJson(res, 404, { error: 'this stack keeps no history' });
        try {
          return sendJson(res, 200, await ctx.report(url.searchParams.get('since') ?? '30d'));
        } catch (error) {
          if (error instanceof DurationError || error instanceof ReportSpanError) throw new BadRequestError(`since: ${error.message}`, { cause: error });
          throw error;
        }
      }
      case 'POST clock': {
        const seconds = requiredNumber(objectBody(await readJson(req, MAX_CONTROL_BYTES, 'the request')), 'advanceSeconds');
        let outcome: AdvanceOutcome;
        try {
          outcome = await ctx.clock.advance(seconds);
        } catch (error) {
          if (error instanceof RangeError) throw new BadRequestError(error.message, { cause: error });
          throw error;
        }
        // Settled: the contract's `{ now }`; out of time: the same `now`, and what is still due.
        return sendJson(res, 200, outcome.settled ? { now: outcome.now.toISOString() } : { now: outcome.now.toISOString(), settled: false, pending: outcome.pending });
      }
      case 'GET office-hours':
        return sendJson(res, 200, await ctx.officeHours());
      case 'GET maintenance':
        return sendJson(res, 200, { windows: ctx.maintenance?.() ?? [] });
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

  async function fixRoutes(fixes: FixApi, name: string, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    let answer;
    if (name === 'fixes' && method === 'GET') answer = fixes.list();
    else if (name === 'fixes/faults' && method === 'POST') answer = fixes.fail(await readJson(req, MAX_CONTROL_BYTES, 'the fault'));
    else if (name === 'fixes/faults' && method === 'DELETE') {
      req.resume();
      answer = fixes.clear();
    } else return sendJson(res, method === 'GET' ? 404 : 405, { error: `no API ${method} /api/${name}` });
    if ('reason' in answer) throw new BadRequestError(answer.reason);
    return sendJson(res, answer.status, answer.body);
  }

  async function silenceRoutes(silences: SilenceApi, name: string, url: URL, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = name.startsWith('silences/') ? decodeURIComponent(name.slice('silences/'.length)) : undefined;
    let answer;
    if (id === undefined && method === 'POST') answer = await silences.add(await readJson(req, MAX_CONTROL_BYTES, 'the silence'));
    else if (id === undefined && method === 'GET') answer = await silences.list();
    else if (id && method === 'DELETE') {
      req.resume();
      // `?by=NAME` says who ended it (the CLI's --by); without it, "local API".
      const by = url.searchParams.get('by')?.trim().slice(0, 200);
      answer = await silences.expire(id, by || undefined);
    } else return sendJson(res, 405, { error: `no API ${method} /api/${name}` });
    if (answer.status === 400) throw new BadRequestError(answer.reason);
    return sendJson(res, answer.status, answer.body);
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await route(req, res);
    } catch (error) {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (error instanceof BadRequestError || error instanceof FaultRequestError) return sendText(res, 400, error.message);
      if (error instanceof NotFoundError || error instanceof UnknownActionError) return sendJson(res, 404, { error: error.message });
      sendJson(res, 500, { error: (error as Error).message ?? String(error) });
    }
  };
}

export class NotFoundError extends ClarionError {}
