/** @module Pipeline: what every stage is given — the ports, the settings, and what one processor remembers between events. */
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import type { HistoryPort } from '../core/history.ts';
import type { LifecycleEvent, LifecyclePort, PagingPort, PlainTextPort, SlackPort, SloFiguresPort } from '../core/ports.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';
import type { FixPort } from '../core/fix-call.ts';
import type { StatePort } from '../state/state-port.ts';
import { createMessageSync } from './message-sync.ts';
import type { MessageSync } from './message-sync.ts';
import { DEFAULT_LIFECYCLE } from './plan-alert.ts';
import type { LifecycleSettings, PlanReason } from './plan-alert.ts';

export interface ProcessorLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** Counters the processor reports (EMF metrics on AWS). */
export type ProcessorMetric =
  | 'Signals'
  | 'SignalsIgnored'
  | 'DuplicateDeliveries'
  | 'AlertsOpened'
  | 'AlertsUpdated'
  | 'AlertsResolved'
  | 'SlackCalls'
  | 'StormGrouped';

/** The ports every way into the pipeline is given: the processor, the interactions, the composition root. */
export interface CorePorts {
  /** A function, so the local stack can swap the catalog when its YAML changes. */
  runtime: () => CatalogRuntime;
  state: StatePort;
  slack: SlackPort;
  lifecycle?: LifecyclePort;
  plainText?: PlainTextPort;
  /**
   * Where past incidents and what happened to them are kept (status page, report, recap). The
   * composition root wraps `state` so every alert record written is summed up here; other notes
   * (escalation steps, silences, planned work, clarity answers) are added by their owners.
   */
  history?: HistoryPort;
  now: () => Date;
}

export interface ProcessorDeps extends CorePorts {
  /** Puts a refresh request back on the queue after a delay (SQS DelaySeconds on AWS, at most 900). */
  scheduleRefresh?: (request: RefreshRequest, delaySeconds: number) => Promise<void>;
  settings?: LifecycleSettings;
  stage?: string;
  log?: ProcessorLog;
  count?: (metric: ProcessorMetric, value?: number) => void;
  /** The paging service escalation steps hand alerts to (PagerDuty); without it, `page` steps are skipped with a warning. */
  paging?: PagingPort;
  /** Reads the sums an SLO entry's figures come from (CloudWatch on AWS); without it, SLO alerts go out without figures. */
  sloFigures?: SloFiguresPort;
  /** Calls the services automatic fixes name (issue 14); without it, a fix request is refused and told so. */
  fixes?: FixPort;
}

/** What became of one signal (or one request), for the batch runner, logs and the local stack's terminal. */
export interface SignalResult {
  signalKey: string;
  eventId: string;
  catalogId: string | null;
  alertKey?: string;
  outcome: PlanReason | 'ignored' | 'duplicate' | 'refresh' | 'refresh-not-needed' | 'summary';
  detail?: string;
  /** Audiences not told now because they are out of office hours; the summary tells them. */
  held?: string[];
  /** The storm group whose message shows this alert, brought up to date by `flush`. */
  groupKey?: string;
}

export interface PipelineContext {
  deps: ProcessorDeps;
  settings: LifecycleSettings;
  count: (metric: ProcessorMetric, value?: number) => void;
  sync: MessageSync;
  /** Storm groups whose message is brought up to date at the end of the batch (one edit per group, not per alarm). */
  dirtyGroups: Set<string>;
  /**
   * Alerts (and audiences) with a missing-posts refresh already on the queue from this processor,
   * and until when: every event of a busy alarm would otherwise schedule one.
   */
  missingPending: Map<string, number>;
  publish(events: LifecycleEvent[]): Promise<void>;
}

/** The context of one event's run: the catalog as it is now, and one reading of the clock for every stage. */
export interface RunContext extends PipelineContext {
  runtime: CatalogRuntime;
  now: Date;
}

export function createPipelineContext(deps: ProcessorDeps): PipelineContext {
  return {
    deps,
    settings: deps.settings ?? DEFAULT_LIFECYCLE,
    count: deps.count ?? (() => {}),
    sync: createMessageSync(deps),
    dirtyGroups: new Set(),
    missingPending: new Map(),
    async publish(events) {
      if (events.length > 0 && deps.lifecycle) await deps.lifecycle.publish(events);
    },
  };
}

export function runContext(ctx: PipelineContext): RunContext {
  return { ...ctx, runtime: ctx.deps.runtime(), now: ctx.deps.now() };
}
