/** @module Composition root (processor side): the only place the processor and the SQS batch runner that feeds it are wired. */
import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { withFiguresDeadline } from '../adapters/slo-figures-deadline.ts';
import { createSignalBatchRunner } from '../adapters/sqs-signal-batch.ts';
import type { QueuePort } from '../adapters/sqs-queue.ts';
import { createProcessor } from '../processor/process-signals.ts';
import type { Processor } from '../processor/process-signals.ts';
import type { ClarionLog, ClarionSettings, ProcessorPorts } from './clarion-wiring.ts';
import { historyState } from './history-state.ts';

export type SignalBatchRunner = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/** The batch runner always logs; without a log given, nobody is listening (benches). */
const SILENT: ClarionLog = { info() {}, warn() {}, error() {} };

export function composeProcessor(settings: ClarionSettings, ports: ProcessorPorts): Processor {
  const { queue, onProcessed } = ports;
  const processor = createProcessor({
    runtime: ports.runtime,
    state: historyState(ports),
    ...(ports.history ? { history: ports.history } : {}),
    slack: ports.slack,
    ...(ports.lifecycle ? { lifecycle: ports.lifecycle } : {}),
    ...(ports.plainText ? { plainText: ports.plainText } : {}),
    ...(queue ? { scheduleRefresh: (request, delaySeconds) => queue.scheduleRefresh(request, delaySeconds) } : {}),
    now: ports.now,
    // Summary runs on different Lambda containers must never share an id: the core has no randomness of its own.
    newId: ports.newId ?? randomUUID,
    ...(settings.lifecycleSettings ? { settings: settings.lifecycleSettings } : {}),
    ...(settings.stage ? { stage: settings.stage } : {}),
    ...(ports.log ? { log: ports.log } : {}),
    ...(ports.count ? { count: ports.count } : {}),
    ...(ports.paging ? { paging: ports.paging } : {}),
    ...(ports.sloFigures ? { sloFigures: withFiguresDeadline(ports.sloFigures, settings.sloFiguresDeadlineMs) } : {}),
    ...(ports.fixes ? { fixes: ports.fixes } : {}),
  });
  if (!onProcessed) return processor;
  return {
    async processMessage(body) {
      const results = await processor.processMessage(body);
      onProcessed(results);
      return results;
    },
    flush: (options) => processor.flush(options),
  };
}

/** The processor and the runner that feeds it SQS batches; the runner needs the whole queue, to hold back and dead-letter records. */
export function composeSignalBatch(settings: ClarionSettings, ports: ProcessorPorts & { queue: QueuePort }): { processor: Processor; runBatch: SignalBatchRunner } {
  const processor = composeProcessor(settings, ports);
  const runBatch = createSignalBatchRunner({
    processor,
    queue: ports.queue,
    state: ports.state,
    log: ports.log ?? SILENT,
    ...(ports.count ? { count: ports.count } : {}),
    ...(settings.batchReserveMs !== undefined ? { reserveMs: settings.batchReserveMs } : {}),
  });
  return { processor, runBatch };
}
