/** @module Pipeline (automatic fixes, issue 14): the run and limit records, the guards a run must pass, what the engineers' thread is told, and the request that starts an automatic run — pure, no ports. */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { AutoFix } from '../catalog/auto-fix-schema.ts';
import type { AlertRecord } from '../core/alert-record.ts';
import { FixCall } from '../core/fix-call.ts';
import type { FixKind } from '../core/fix-call.ts';
import { isImpactKey } from '../core/impact-key.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';
import { escapeMrkdwn } from '../slack/escape-mrkdwn.ts';
import { parseDuration } from './parse-duration.ts';
import { incidentOf } from './escalation.ts';

export type FixRequest = Extract<RefreshRequest, { clarion: 'fix' }>;
export type FixCheckRequest = Extract<RefreshRequest, { clarion: 'fix-check' }>;

/** How often, and how long, an asynchronous run is looked at: every minute for 15 minutes. */
export const FIX_CHECK_SECONDS = 60;
export const FIX_CHECKS = 15;
/** A run found `starting` younger than this is another processor's, still calling the service. */
export const FIX_START_LEASE_SECONDS = 120;
/**
 * A resolution later than this after a run succeeded is not credited to it ("fixed automatically"):
 * the problem outlived the run, and something else (a person, the cause going away) ended it.
 */
export const FIXED_WITHIN_SECONDS = 3600;
/** How long run and limit records are kept after their last change. */
export const FIX_RECORD_TTL_SECONDS = 30 * 86400;
/** The limit record keeps at most this many runs (the newest): a limit is at most 50 runs. */
const KEPT_RUNS = 50;

/*
 * A run's record (`fix#run:<run>`) moves starting → running → succeeded | failed, or is created
 * refused; `retry` is a start that failed in a way worth trying again (the queue redelivers it).
 */
export const FixRunState = z.enum(['starting', 'retry', 'running', 'succeeded', 'failed', 'refused']);
export type FixRunState = z.infer<typeof FixRunState>;

export const FixRun = z.looseObject({
  run: z.string(),
  alertKey: z.string(),
  catalogId: z.string().nullable(),
  incident: z.string(),
  by: z.discriminatedUnion('kind', [z.object({ kind: z.literal('auto') }), z.object({ kind: z.literal('user'), id: z.string() })]),
  title: z.string(),
  /** What it calls; absent on a run refused before any call was known (the alert gone, its entry without a fix). */
  call: FixCall.optional(),
  dryRun: z.boolean(),
  state: FixRunState,
  /** Why it was refused or failed (may quote the service: untrusted). */
  reason: z.string().optional(),
  /** When this processor claimed it (a start), and when it ended. */
  claimedAt: z.string(),
  endedAt: z.string().optional(),
  executionId: z.string().optional(),
  consoleUrl: z.string().optional(),
  version: z.number().int(),
  expiresAt: z.number().optional(),
});
export type FixRun = z.infer<typeof FixRun>;

/** An entry's runs within its limit's window (`fix#entry:<id>`), written conditionally so two processors cannot both take the last slot. */
export const FixLimitRecord = z.looseObject({
  runs: z.array(z.looseObject({ run: z.string(), at: z.string() })),
  version: z.number().int(),
  expiresAt: z.number().optional(),
});
export type FixLimitRecord = z.infer<typeof FixLimitRecord>;

/**
 * The last *Run fix* press that went ahead for an alert (`fix#press:<alertKey>`), written
 * conditionally: two engineers pressing at once, or one pressing twice, must not run a fix that is
 * not safe twice (a resend, a redeploy) while the first run is under way or has just succeeded.
 */
export const FixPressClaim = z.looseObject({
  run: z.string(),
  incident: z.string(),
  at: z.string(),
  version: z.number().int(),
  expiresAt: z.number().optional(),
});
export type FixPressClaim = z.infer<typeof FixPressClaim>;

/** How long after a run succeeded another press of the same alert is taken for the same intent (the presser had not seen the notice). */
export const PRESS_GAP_SECONDS = 60;

export const runKey = (run: string) => `run:${run}`;
export const limitKey = (catalogId: string) => `entry:${catalogId}`;
export const pressKey = (alertKey: string) => `press:${alertKey}`;

/**
 * Why a press must not go ahead because an earlier press of the same incident is still under way
 * (or just succeeded), or undefined. `other` is the earlier press's run as stored (null: claimed,
 * not yet written). A failed or refused run does not hold a second press back: pressing again is
 * how an engineer retries. Bounded in time, so a run nobody could follow does not block for ever.
 */
export function pressRefusal(claim: FixPressClaim | null, other: FixRun | null, request: Pick<FixRequest, 'run' | 'incident'>, now: Date): string | undefined {
  if (!claim || claim.run === request.run || claim.incident !== request.incident) return undefined;
  const since = now.getTime() - Date.parse(claim.at);
  const busy = 'a run of it started moments ago';
  const watched = (FIX_CHECKS * FIX_CHECK_SECONDS + FIX_START_LEASE_SECONDS) * 1000;
  if (!other) return since < FIX_START_LEASE_SECONDS * 1000 ? busy : undefined;
  switch (other.state) {
    case 'starting':
    case 'retry':
    case 'running':
      return since < watched ? (other.state === 'running' ? 'a run of it is still running' : busy) : undefined;
    case 'succeeded':
      return since < PRESS_GAP_SECONDS * 1000 ? busy : undefined;
    case 'failed':
    case 'refused':
      return undefined;
  }
}

/** A run's id from what makes it one run: an incident's automatic run, or one press. Short, and safe as an SFN execution name and SSM client token. */
export function runIdFor(parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 36);
}

/** Kinds whose start can be asked again without starting a second run (SFN: the execution name; SSM: the client token). */
export const IDEMPOTENT_KINDS: ReadonlySet<FixKind> = new Set(['step-functions', 'ssm-automation']);

/**
 * Why a run must not go ahead, read against the alert's record as it stands now, or undefined when
 * it may: the alert still fires, in the same incident, the entry still declares the fix (an
 * automatic run only while its mode is `auto`), and no silence or planned work covers it.
 */
export function fixRefusal(args: {
  record: AlertRecord | null;
  request: Pick<FixRequest, 'incident' | 'by'>;
  entryFix: AutoFix | undefined;
  silenced: boolean;
  plannedWork: boolean;
}): string | undefined {
  const { record, request, entryFix } = args;
  if (!record || isImpactKey(record.alertKey)) return 'the alert is gone';
  if (incidentOf(record) !== request.incident) return 'the alert fired again since, as a new incident';
  if (record.status !== 'open') return 'the alert recovered first';
  if (!entryFix || !record.alert.autoFix) return 'its catalog entry no longer declares a fix';
  if (request.by.kind === 'auto' && entryFix.mode !== 'auto') return 'its catalog entry now only suggests the fix';
  if (args.silenced) return 'a silence covers it';
  if (args.plannedWork) return 'planned work covers it';
  return undefined;
}

/** "limit of 1 run in 6 h reached". */
export function limitText(limit: AutoFix['limit']): string {
  const match = /^(\d+)(s|m|h|d)$/.exec(limit.per);
  const per = match ? `${match[1]} ${match[2]}` : limit.per;
  return `limit of ${limit.runs} ${limit.runs === 1 ? 'run' : 'runs'} in ${per} reached`;
}

/**
 * The limit record once this run takes a slot, or a refusal. A run already counted keeps its slot
 * (a retried start); runs older than the window no longer count and are forgotten.
 */
export function takeSlot(stored: FixLimitRecord | null, limit: AutoFix['limit'], run: string, now: Date): { record: FixLimitRecord } | { refused: string } {
  const since = now.getTime() - parseDuration(limit.per) * 1000;
  const runs = (stored?.runs ?? []).filter((r) => Date.parse(r.at) > since);
  if (runs.some((r) => r.run === run)) return { record: { ...stored!, runs } };
  if (runs.length >= limit.runs) return { refused: limitText(limit) };
  const kept = [...runs, { run, at: now.toISOString() }].slice(-KEPT_RUNS);
  return { record: { runs: kept, version: (stored?.version ?? 0) + 1, expiresAt: Math.floor(now.getTime() / 1000) + FIX_RECORD_TTL_SECONDS } };
}

/**
 * The request for an automatic run, once the group stage stored an opening or a reopening of an
 * alarm whose entry runs its fix automatically. Null otherwise.
 */
export function autoFixRequest(reason: string, record: AlertRecord | null): FixRequest | null {
  if (!record || isImpactKey(record.alertKey) || (reason !== 'opened' && reason !== 'reopened')) return null;
  if (record.alert.autoFix?.mode !== 'auto') return null;
  const incident = incidentOf(record);
  return { clarion: 'fix', alertKey: record.alertKey, incident, run: runIdFor(['auto', record.alertKey, incident]), by: { kind: 'auto' } };
}

/** Who or what started it: the user mention is the only one Clarion writes, and only for a well-formed user id. */
function startedBy(by: FixRun['by']): string {
  if (by.kind === 'auto') return 'Clarion ran it automatically';
  return /^[UW][A-Z0-9]{2,39}$/.test(by.id) ? `<@${by.id}> pressed *Run fix*` : 'An engineer pressed *Run fix*';
}

/** A console link: the address is Clarion's own, built from the ARN's region; the id in it is URI-encoded by the adapter. */
function link(run: FixRun, words: string): string {
  return run.consoleUrl && !/[|<>\s]/.test(run.consoleUrl) ? ` <${run.consoleUrl}|${words}>` : '';
}

/** What the engineers' thread is told of a run at each state it reaches (mrkdwn; everything but the mention escaped). */
export function fixThreadText(run: FixRun, state: 'running' | 'succeeded' | 'failed' | 'refused' | 'unknown'): string {
  const title = `*${escapeMrkdwn(run.title)}*`;
  const rehearsal = run.dryRun ? ' (a dry run: rehearsed only, nothing was changed)' : '';
  const why = run.reason ? `: ${escapeMrkdwn(run.reason)}` : '';
  // A run an engineer pressed for is theirs, not automatic: the thread says "Fix", and who pressed.
  const fix = run.by.kind === 'user' ? 'Fix' : 'Automatic fix';
  switch (state) {
    case 'refused':
      // A press held back names who pressed: the engineer who did learns why nothing happened.
      return `:no_entry_sign: ${fix} ${title} not run${why}.${run.by.kind === 'user' ? ` ${startedBy(run.by)}.` : ''}`;
    case 'running':
      return `:wrench: ${fix} ${title}: ${startedBy(run.by)}${rehearsal}. It is running.${link(run, 'See it in the AWS console')}`;
    case 'succeeded':
      return `:white_check_mark: ${fix} ${title} succeeded${rehearsal}. ${startedBy(run.by)}.${link(run, 'See it in the AWS console')}`;
    case 'failed':
      return `:x: ${fix} ${title} failed${why}. ${startedBy(run.by)}.${link(run, 'See it in the AWS console')}`;
    case 'unknown':
      // With a reason: a check the service refused for good, before the 15 minutes were up.
      if (run.reason) return `:hourglass: ${fix} ${title}: ${escapeMrkdwn(run.reason)}; it stopped watching it.${link(run, 'See it in the AWS console')}`;
      return `:hourglass: ${fix} ${title} is still running after ${FIX_CHECKS} minutes; it stopped watching it.${link(run, 'See it in the AWS console')}`;
  }
}
