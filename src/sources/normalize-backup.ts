/** @module Stage 1, normalize: AWS Backup, copy and restore job state changes → Signal. */
import * as z from 'zod';
import type { Signal, SignalState } from '../core/signal.ts';
import { lastArnSegment } from './arn.ts';
import type { NormalizeContext } from './build-signal.ts';
import { buildSignal } from './build-signal.ts';
import { backupJobLink, links } from './console-links.ts';
import type { EventBridgeEnvelope } from './eventbridge-envelope.ts';
import { optionalString, parseLenient } from './lenient-zod.ts';
import type { JsonObject } from './read-fields.ts';

export const BACKUP_DETAIL_TYPE = /^(Backup|Copy|Restore) Job State Change$/;

const BackupDetail = z.looseObject({
  // AWS: "some events report status: COMPLETED whereas other events report state: COMPLETED".
  state: optionalString,
  status: optionalString,
  statusMessage: optionalString,
  resourceArn: optionalString,
  resourceType: optionalString,
  backupVaultName: optionalString,
  backupVaultArn: optionalString,
  backupJobId: optionalString,
  copyJobId: optionalString,
  restoreJobId: optionalString,
  completionDate: optionalString,
});

const FAILED = new Set(['FAILED', 'ABORTED', 'EXPIRED']);

function stateOf(jobState: string, message: string | undefined): SignalState {
  if (FAILED.has(jobState)) return 'firing';
  // The console's "Completed with issues" is COMPLETED plus a status message.
  if (jobState === 'COMPLETED') return message === undefined ? 'resolved' : 'info';
  return 'ignore';
}

/** The doc samples wrap status messages in literal quotes. */
function unquote(value: string | undefined): string | undefined {
  const trimmed = value?.trim().replace(/^"(.*)"$/s, '$1').trim();
  return trimmed ? trimmed : undefined;
}

export function normalizeBackup(envelope: EventBridgeEnvelope, payload: JsonObject, ctx: NormalizeContext): Signal | null {
  const parsed = parseLenient(BackupDetail, envelope.detail);
  const jobType = BACKUP_DETAIL_TYPE.exec(envelope['detail-type'])?.[1]?.toLowerCase() as 'backup' | 'copy' | 'restore' | undefined;
  if (!parsed.success || jobType === undefined) return null;
  const detail = parsed.data;
  const jobState = (detail.state ?? detail.status ?? 'UNKNOWN').toUpperCase();
  const message = unquote(detail.statusMessage);
  const state = stateOf(jobState, message);
  const vault = detail.backupVaultName ?? lastArnSegment(detail.backupVaultArn);
  const name = lastArnSegment(detail.resourceArn) ?? vault ?? `${jobType} job`;
  const jobId = { backup: detail.backupJobId, copy: detail.copyJobId, restore: detail.restoreJobId }[jobType];
  const words = state === 'firing' ? jobState.toLowerCase() : jobState === 'COMPLETED' && message ? 'completed with issues' : jobState.toLowerCase();

  return buildSignal(
    {
      family: 'backup',
      kind: `${jobType}-job`,
      name,
      key: `backup:${jobType}:${detail.resourceArn ?? `${envelope.account ?? ''}:${envelope.region ?? ''}:${name}`}`,
      ownId: envelope.id,
      state,
      ignoreReason: state === 'ignore' ? `AWS Backup ${jobType} job is ${jobState}; only finished jobs are alerted on` : undefined,
      title: `AWS Backup ${jobType} job for ${name} ${words}`,
      reason: message ?? '',
      resource: { type: detail.resourceType ? `${detail.resourceType} (AWS Backup)` : 'AWS Backup job', name, arn: detail.resourceArn },
      account: envelope.account,
      region: envelope.region,
      times: [detail.completionDate, envelope.time],
      links: links(jobId === undefined ? undefined : backupJobLink(envelope.region, jobType, jobId)),
      event: payload,
      payload,
    },
    ctx,
  );
}
