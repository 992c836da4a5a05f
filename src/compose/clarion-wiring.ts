/** @module Composition root (shapes): the settings and ports Clarion is built from, on AWS, locally, in tests and in benches. */
import type { SignalBatchDeps } from '../adapters/sqs-signal-batch.ts';
import type { QueuePort } from '../adapters/sqs-queue.ts';
import type { PagingPort, SloFiguresPort } from '../core/ports.ts';
import type { FixPort } from '../core/fix-call.ts';
import type { CorePorts } from '../pipeline/pipeline-context.ts';
import type { LifecycleSettings } from '../pipeline/plan-alert.ts';
import type { ProcessorMetric, SignalResult } from '../processor/process-signals.ts';

/*
 * The Lambda handlers, the local stack (which runs those handlers), the integration harness and
 * the benches all build Clarion in src/compose, so what runs on a laptop or in a bench is what
 * runs on AWS, and a new dependency of the processor is wired in one place. What differs between
 * them is only what they hand in: these settings, and the ports (DynamoDB or dynalite, Slack or
 * its emulator, SQS or the in-process queue, the real clock or a simulated one).
 *
 * The processor side and the interactions side are composed in modules of their own: a module's
 * imports are evaluated whichever of its functions is used, so one module for both would put the
 * processor, the event normalizers and the batch utilities into the interactions Lambda's cold start.
 */

export interface ClarionSettings {
  /** The deployment stage, whose channels and office hours the catalog's configuration may name. */
  stage?: string;
  /** Flap window, storm threshold, leases and the like; default the pipeline's. */
  lifecycleSettings?: LifecycleSettings;
  /** ms of an invocation in which no new record is started (default the batch runner's 20 s). */
  batchReserveMs?: number;
  /** ms the measure stage waits for an SLO's figures before sending the alert without them (default 6 s). */
  sloFiguresDeadlineMs?: number;
}

/** Slack signs every interaction request with this secret: no answerer without it. */
export interface InteractionSettings extends ClarionSettings {
  signingSecret: string;
}

export interface ClarionLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Every counter Clarion reports: the processor's and the batch runner's. */
export type ClarionMetric = ProcessorMetric | Parameters<NonNullable<SignalBatchDeps['count']>>[0];
export type ClarionCount = (metric: ClarionMetric, value?: number) => void;

export interface ClarionPorts extends CorePorts {
  /** New unique ids (default random UUIDs). */
  newId?: () => string;
  /** Where requests for the processor go (the interactions side queues a silence's quiet line and end). */
  queue?: Pick<QueuePort, 'scheduleRefresh'>;
  log?: ClarionLog;
  count?: ClarionCount;
}

export interface ProcessorPorts extends ClarionPorts {
  /** Where "look again later" requests go; without it nothing is looked at again (benches, one-shot tests). */
  queue?: Pick<QueuePort, 'scheduleRefresh'>;
  /** Told what each queue message came to, once the processor is done with it (the local stack's terminal and page). */
  onProcessed?: (results: SignalResult[]) => void;
  /** The paging service escalation policies hand alerts to (PagerDuty, or the local stand-in). */
  paging?: PagingPort;
  /** Where SLO alerts read their figures (CloudWatch, or the local stack's metric store); without it they go out without figures. */
  sloFigures?: SloFiguresPort;
  /** Calls the services automatic fixes name (the AWS SDK, or the local stand-in). */
  fixes?: FixPort;
}

export interface InteractionPorts extends ClarionPorts {
  /** Where an acknowledgement or a resolve by hand asks for a page to be updated; without it, pages are updated only by the processor. */
  queue?: Pick<QueuePort, 'scheduleRefresh'>;
}
