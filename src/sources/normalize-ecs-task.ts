/** @module Stage 1, normalize: "ECS Task State Change" events → Signal. */
import * as z from 'zod';
import type { Signal, SignalState } from '../core/signal.ts';
import { parseArn } from './arn.ts';
import type { NormalizeContext } from './build-signal.ts';
import { buildSignal } from './build-signal.ts';
import { ecsServiceLink, ecsTaskLink, links } from './console-links.ts';
import type { EventBridgeEnvelope } from './eventbridge-envelope.ts';
import { optionalArray, optionalString, parseLenient } from './lenient-zod.ts';
import { joinParts, num, objects, text } from './read-fields.ts';
import type { JsonObject } from './read-fields.ts';

export const ECS_TASK_STATE_CHANGE = 'ECS Task State Change';

const EcsTaskDetail = z.looseObject({
  clusterArn: optionalString,
  taskArn: optionalString,
  taskDefinitionArn: optionalString,
  group: optionalString,
  lastStatus: z.string(),
  desiredStatus: optionalString,
  stopCode: optionalString,
  stoppedReason: optionalString,
  stoppedAt: optionalString,
  updatedAt: optionalString,
  containers: optionalArray,
});
type EcsTaskDetail = z.infer<typeof EcsTaskDetail>;

interface Container {
  name?: string;
  exitCode?: number;
  reason?: string;
  /** Rarely present in events (it lives in the task definition); absent means "may be essential". */
  essential?: boolean;
}

const NORMAL_STOP_CODES = new Set(['ServiceSchedulerInitiated', 'UserInitiated']);
const OUT_OF_MEMORY = /OutOfMemory/i;
const SPOT_INTERRUPTION = /spot interruption|termination notice/i;

function containersOf(detail: EcsTaskDetail): Container[] {
  return objects(detail.containers).map((c) => ({
    name: text(c.name),
    exitCode: num(c.exitCode),
    reason: text(c.reason),
    essential: typeof c.essential === 'boolean' ? c.essential : undefined,
  }));
}

/** What a stopped task means, and why it is dropped when it is. */
function classify(detail: EcsTaskDetail, containers: Container[]): { state: SignalState; ignoreReason?: string } {
  if (detail.lastStatus !== 'STOPPED') {
    return { state: 'ignore', ignoreReason: `ECS task is ${detail.lastStatus}; only STOPPED tasks are alerted on` };
  }
  if (detail.stopCode === 'TerminationNotice' || SPOT_INTERRUPTION.test(detail.stoppedReason ?? '')) return { state: 'info' };
  const crashed = containers.some((c) => c.essential !== false && c.exitCode !== undefined && c.exitCode !== 0);
  const outOfMemory = containers.some((c) => OUT_OF_MEMORY.test(c.reason ?? '')) || OUT_OF_MEMORY.test(detail.stoppedReason ?? '');
  if (crashed || outOfMemory || detail.stopCode === 'TaskFailedToStart') return { state: 'firing' };
  const allExitedCleanly = containers.length > 0 && containers.every((c) => c.exitCode === 0);
  if (detail.stopCode === 'EssentialContainerExited') {
    // Exit code 0 everywhere is a one-off task finishing its work, not a crash.
    return allExitedCleanly ? { state: 'info' } : { state: 'firing' };
  }
  if (detail.stopCode !== undefined && NORMAL_STOP_CODES.has(detail.stopCode)) {
    return { state: 'ignore', ignoreReason: 'ECS task stopped normally (normal scale-in or deployment)' };
  }
  return { state: 'info' };
}

/** The service for `service:<name>` groups, else the task definition family. */
function nameOf(detail: EcsTaskDetail): { name: string; service?: string } {
  const group = detail.group ?? '';
  if (group.startsWith('service:')) return { name: group.slice('service:'.length), service: group.slice('service:'.length) };
  if (group.startsWith('family:')) return { name: group.slice('family:'.length) };
  const definition = parseArn(detail.taskDefinitionArn)?.resource.replace(/^task-definition\//, '').replace(/:\d+$/, '');
  return { name: definition || group || 'unknown task' };
}

function reasonOf(detail: EcsTaskDetail, containers: Container[]): string {
  const notable = containers.filter((c) => (c.exitCode !== undefined && c.exitCode !== 0) || c.reason !== undefined);
  const shown = notable.length > 0 ? notable : containers.filter((c) => c.exitCode !== undefined);
  return joinParts([
    detail.stoppedReason,
    ...shown.map((c) =>
      joinParts(
        [`container ${c.name ?? '(unnamed)'}`, c.exitCode === undefined ? undefined : `exit code ${c.exitCode}`, c.reason],
        ': ',
      ),
    ),
  ]);
}

function titleOf(label: string, state: SignalState, detail: EcsTaskDetail, containers: Container[]): string {
  if (detail.lastStatus !== 'STOPPED') return `ECS task of ${label} is ${detail.lastStatus}`;
  if (containers.some((c) => OUT_OF_MEMORY.test(c.reason ?? ''))) return `ECS task of ${label} stopped: out of memory`;
  if (detail.stopCode === 'TaskFailedToStart') return `ECS task of ${label} failed to start`;
  if (state === 'firing') return `ECS task of ${label} stopped unexpectedly`;
  return `ECS task of ${label} stopped`;
}

export function normalizeEcsTask(envelope: EventBridgeEnvelope, payload: JsonObject, ctx: NormalizeContext): Signal | null {
  const parsed = parseLenient(EcsTaskDetail, envelope.detail);
  if (!parsed.success) return null;
  const detail = parsed.data;
  const containers = containersOf(detail);
  const { name, service } = nameOf(detail);
  const { state, ignoreReason } = classify(detail, containers);
  const clusterArn = detail.clusterArn ?? '';
  const cluster = clusterArn.split('/').pop() || clusterArn;
  const taskId = detail.taskArn?.split('/').pop();
  const region = envelope.region;
  const label = service === undefined ? `task family ${name}` : `service ${name}`;

  return buildSignal(
    {
      family: 'ecs-task',
      kind: detail.lastStatus === 'STOPPED' ? (detail.stopCode ?? 'STOPPED') : detail.lastStatus,
      name,
      key: `ecs-task:${clusterArn}:${name}`,
      ownId: envelope.id,
      state,
      ignoreReason,
      title: titleOf(label, state, detail, containers),
      reason: reasonOf(detail, containers),
      resource: { type: service === undefined ? 'ECS task' : 'ECS service', name, arn: detail.taskArn },
      account: envelope.account,
      region,
      times: [detail.stoppedAt, detail.updatedAt, envelope.time],
      links: links(
        taskId === undefined || cluster === '' ? undefined : ecsTaskLink(region, cluster, taskId),
        service === undefined || cluster === '' ? undefined : ecsServiceLink(region, cluster, service),
      ),
      event: payload,
      payload,
    },
    ctx,
  );
}
