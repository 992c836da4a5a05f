/** @module Preview page: the local server's JSON endpoints and stream, typed. */
import { ClarionError } from '../../../core/clarion-error.ts';
import type { LifecycleEvent } from '../../../core/ports.ts';
import type { Insights } from '../../../history/insights.ts';
import type { CatalogStatus } from '../../server/catalog-watcher.ts';
import type { EntryPreview } from '../../server/preview-entry.ts';
import type { ClarityAnswers } from '../../server/clarity-api.ts';
import type { EmulatedEphemeral, EmulatedMessage, EmulatedView } from '../../slack-emulator.ts';

export type { CatalogStatus, ClarityAnswers, EntryPreview, EmulatedMessage, EmulatedView, LifecycleEvent };

export interface ChannelView {
  id: string;
  name: string;
  audiences: Array<{ name: string; template: string; description?: string }>;
  messages: EmulatedMessage[];
  /** Lines Clarion showed one reader only (`chat.postEphemeral`: "your answer was recorded"), oldest first. */
  ephemerals?: EmulatedEphemeral[];
}

export interface Snapshot {
  delivery: 'emulator' | 'slack';
  serviceName: string;
  previewUser: string;
  catalog: CatalogStatus;
  channels: ChannelView[];
  /** Modals open in the emulator (views.open), oldest first. */
  views: EmulatedView[];
}

/** Office hours of the stage the local stack runs as, and what waits for the summary. */
export interface OfficeHoursStatus {
  /** "Mon–Fri 09:00–17:30 Europe/London", or null when the stage has none (everyone is told at once). */
  officeHours: string | null;
  inOfficeHours: boolean;
  nextSummaryAt: string | null;
  /** Audiences that hold outside office hours. */
  holding: string[];
  /** Alerts and notices waiting for the summary. */
  held: number;
}

/** `POST /api/clock`'s answer: the new time, and `settled: false` with what is still due when the work took too long. */
export interface ClockAnswer {
  now: string;
  settled?: false;
  pending?: number;
}

/** `GET /api/insights`: the series of the last `span` (`30d`). */
export type InsightsAnswer = Insights & { span: string };

export interface CatalogListing {
  status: CatalogStatus;
  entries: Array<{ id: string; title: string; family: string; audiences: string[] }>;
}

export class ApiError extends ClarionError {
  constructor(
    message: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    // Named here too: the page's Vite bundle does not keep class names, so the base would see a minified one.
    this.name = 'ApiError';
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, init);
  const text = await response.text();
  if (!response.ok) {
    let message = text.trim();
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? message;
    } catch {
      // Plain-text reasons (400s from /events) are shown as they are.
    }
    throw new ApiError(message || `HTTP ${response.status}`, response.status);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

const postJson = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const api = {
  state: () => call<Snapshot>('/api/state'),
  samples: () => call<{ samples: string[] }>('/api/samples'),
  fireSample: (file: string) => call<{ queued: string[] }>('/api/samples/fire', postJson({ file })),
  sendEvent: (raw: string) => call<{ queued: string[] }>('/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw }),
  catalog: () => call<CatalogListing>('/api/catalog'),
  preview: (id: string, state: string) => call<EntryPreview & { catalogVersion: number }>(`/api/preview?id=${encodeURIComponent(id)}&state=${encodeURIComponent(state)}`),
  press: (args: { channel: string; ts: string; actionId: string; selectedValue?: string }) => call<{ status: number }>('/api/press', postJson(args)),
  submitView: (args: { viewId: string; values: Record<string, string | string[]> }) => call<{ status: number; errors?: Record<string, string> }>('/api/slack/views/submit', postJson(args)),
  closeView: (viewId: string) => call<{ closed: string }>('/api/slack/views/close', postJson({ viewId })),
  officeHours: () => call<OfficeHoursStatus>('/api/office-hours'),
  requestSummary: () => call<{ queued: string[] }>('/api/summary', postJson({})),
  clock: () => call<ClockAnswer>('/api/clock'),
  advanceClock: (advanceSeconds: number) => call<ClockAnswer>('/api/clock', postJson({ advanceSeconds })),
  clarity: () => call<ClarityAnswers>('/api/clarity'),
  insights: (since: string) => call<InsightsAnswer>(`/api/insights?since=${encodeURIComponent(since)}`),
};

export type StreamEvent = 'slack' | 'processed' | 'queued' | 'catalog' | 'lifecycle';

/** Subscribes to the server's event stream; returns the unsubscribe. EventSource reconnects on its own. */
export function subscribe(listener: (event: StreamEvent, data: unknown) => void): () => void {
  const source = new EventSource('/api/stream');
  const names: StreamEvent[] = ['slack', 'processed', 'queued', 'catalog', 'lifecycle'];
  const handlers = names.map((name) => {
    const handler = (e: MessageEvent<string>) => listener(name, JSON.parse(e.data) as unknown);
    source.addEventListener(name, handler);
    return handler;
  });
  return () => {
    names.forEach((name, i) => source.removeEventListener(name, handlers[i]!));
    source.close();
  };
}
