/** @module Local stack: a stand-in for PagerDuty's Events API v2 — records what it is sent and answers as PagerDuty does (202, 400 on a malformed event, faults on request). */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One event the stand-in accepted, as sent, with when it came. */
export interface ReceivedPage {
  at: string;
  event_action: 'trigger' | 'acknowledge' | 'resolve';
  dedup_key: string;
  routing_key: string;
  payload?: { summary: string; source: string; severity: string; custom_details?: Record<string, unknown> };
}

export interface PagerDutyStandIn {
  /** Answers one POST of the Events API (`/v2/enqueue`). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** What it accepted, oldest first. */
  events(): ReceivedPage[];
  /** The next `times` requests are answered with `status` (429, 500 …) and not recorded. */
  failNext(status: number, times?: number): void;
  /** Forgets what it received and any faults. */
  clear(): void;
}

const ACTIONS = new Set(['trigger', 'acknowledge', 'resolve']);
const SEVERITIES = new Set(['critical', 'error', 'warning', 'info']);
const MAX_BODY_BYTES = 512 * 1024;

/** What is wrong with an event, in PagerDuty's manner (an empty list: nothing). */
function problemsOf(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['Event object is invalid'];
  const event = body as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof event['routing_key'] !== 'string' || event['routing_key'] === '') problems.push("'routing_key' is missing or blank");
  if (typeof event['event_action'] !== 'string' || !ACTIONS.has(event['event_action'])) problems.push("'event_action' is invalid (must be trigger, acknowledge or resolve)");
  const dedup = event['dedup_key'];
  if (dedup !== undefined && (typeof dedup !== 'string' || dedup.length > 255)) problems.push("'dedup_key' must be a string of at most 255 characters");
  if (event['event_action'] !== 'trigger') {
    if (typeof dedup !== 'string' || dedup === '') problems.push("'dedup_key' is required to acknowledge or resolve");
    return problems;
  }
  const payload = event['payload'] as Record<string, unknown> | undefined;
  if (typeof payload !== 'object' || payload === null) return [...problems, "'payload' is missing"];
  if (typeof payload['summary'] !== 'string' || payload['summary'] === '' || payload['summary'].length > 1024) problems.push("'payload.summary' is missing or longer than 1024 characters");
  if (typeof payload['source'] !== 'string' || payload['source'] === '') problems.push("'payload.source' is missing");
  if (typeof payload['severity'] !== 'string' || !SEVERITIES.has(payload['severity'])) problems.push("'payload.severity' must be critical, error, warning or info");
  return problems;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function createPagerDutyStandIn(options: { now?: () => Date } = {}): PagerDutyStandIn {
  const now = options.now ?? (() => new Date());
  const received: ReceivedPage[] = [];
  const faults: number[] = [];

  return {
    async handle(req, res) {
      if (req.method !== 'POST') {
        req.resume();
        return send(res, 405, { status: 'invalid request', message: 'POST events to /v2/enqueue' });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      }
      const fault = faults.shift();
      if (fault !== undefined) return send(res, fault, { status: 'error', message: fault === 429 ? 'Too many requests' : 'Internal server error' });
      let body: unknown;
      try {
        body = size > MAX_BODY_BYTES ? undefined : JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(res, 400, { status: 'invalid event', message: 'Event object is invalid', errors: ['Malformed JSON'] });
      }
      const problems = problemsOf(body);
      if (problems.length > 0) return send(res, 400, { status: 'invalid event', message: 'Event object is invalid', errors: problems });
      const event = body as Omit<ReceivedPage, 'at'>;
      const dedupKey = event.dedup_key || `standin-${received.length + 1}`;
      received.push({ ...event, dedup_key: dedupKey, at: now().toISOString() });
      send(res, 202, { status: 'success', message: 'Event processed', dedup_key: dedupKey });
    },
    events: () => [...received],
    failNext(status, times = 1) {
      for (let i = 0; i < times; i++) faults.push(status);
    },
    clear() {
      received.length = 0;
      faults.length = 0;
    },
  };
}

/** The stand-in on its own port (tests of the adapter); its Events API address is `url`. */
export async function listenPagerDutyStandIn(standIn = createPagerDutyStandIn()): Promise<{ url: string; standIn: PagerDutyStandIn; close(): Promise<void> }> {
  const server = createServer((req, res) => void standIn.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v2/enqueue`,
    standIn,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
