/** @module Processor (automatic fixes, issue 14): a `fix` request — guards checked against a fresh read, a slot of the entry's limit taken, the service called once — and `fix-check` requests that follow an asynchronous run to its end; each step told in the engineers' thread and noted in history. */
import type { AlertRecord } from '../core/alert-record.ts';
import { DeliveryError } from '../core/delivery-error.ts';
import type { FixOutcome, FixPort } from '../core/fix-call.ts';
import { impactKeyFor } from '../core/impact-key.ts';
import {
  FIX_CHECK_SECONDS,
  FIX_CHECKS,
  FIX_RECORD_TTL_SECONDS,
  FIX_START_LEASE_SECONDS,
  FixLimitRecord,
  FixPressClaim,
  FixRun,
  fixRefusal,
  fixThreadText,
  IDEMPOTENT_KINDS,
  limitKey,
  pressKey,
  pressRefusal,
  runKey,
  takeSlot,
} from '../pipeline/auto-fix.ts';
import type { FixCheckRequest, FixRequest } from '../pipeline/auto-fix.ts';
import { incidentOf } from '../pipeline/escalation.ts';
import { activeWindow, maintenanceIndexFor } from '../pipeline/maintenance-windows.ts';
import type { PipelineContext, SignalResult } from '../pipeline/pipeline-context.ts';
import { delayUntil } from '../pipeline/queue-delay.ts';
import { silenceNow } from '../pipeline/silence-mute.ts';
import { runClaimed } from '../state/claimed-step.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';
import { historyText } from '../core/history.ts';
import { addNoteOrLog, noteId } from './history-notes.ts';
import { engineersThreads } from './engineers-threads.ts';

type Told = 'running' | 'succeeded' | 'failed' | 'refused' | 'unknown';

export function createFixHandler(ctx: PipelineContext, fixes: FixPort | undefined) {
  const { deps } = ctx;
  const expiry = (now: Date) => Math.floor(now.getTime() / 1000) + FIX_RECORD_TTL_SECONDS;

  const readRun = (run: string) => deps.state.getRecord('fix', runKey(run), FixRun);
  const putRun = (run: FixRun, expected: number | null) => deps.state.putRecord('fix', runKey(run.run), run, expected);

  const threadsOf = (record: AlertRecord | null) => engineersThreads(record, deps.runtime(), deps.state);

  /**
   * Tells the engineers' thread once per run and state (claimed: a redelivered request tells nobody
   * twice). An alert with no thread (silenced before any post) is not posted about: a message in
   * the channel would undo the silence. History has the run either way. But an alert whose messages
   * are still behind Slack (an outage when it opened, and the fix ran anyway) will have a thread:
   * the notice fails, unclaimed, and the request's retry tells it once the message is there.
   */
  async function tell(run: FixRun, state: Told, now: Date): Promise<void> {
    await runClaimed(deps.state, `fix:${run.run}:told:${state}`, expiry(now), async () => {
      const record = await deps.state.getAlert(run.alertKey);
      const threads = await threadsOf(record);
      if (threads.length === 0 && record && (record.syncedVersion ?? 0) < record.version) {
        throw new DeliveryError(`the engineers' message of ${run.alertKey} is not in Slack yet; the fix notice waits for it`, { kind: 'server', code: 'thread-not-posted' });
      }
      const text = fixThreadText(run, state);
      for (const ref of threads) await deps.slack.post({ channel: ref.channel, threadTs: ref.ts, message: { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] } });
    }, (error) => deps.log?.warn('could not release the claim of a failed fix notice', { run: run.run, error: String(error) }));
    // Once its end is told, "It is running" is news no more: a late retry of the start (after a Slack outage) must not post it below the end.
    if (state !== 'running') await deps.state.claimEvent(`fix:${run.run}:told:running`, expiry(now));
  }

  /** The run in history, one note per run (the same id and time each time: the last state wins). */
  async function note(run: FixRun, now: Date): Promise<void> {
    const outcome = run.state === 'starting' || run.state === 'retry' ? 'running' : run.state;
    await addNoteOrLog(
      deps,
      {
        type: 'fix',
        id: noteId('fix', run.run),
        at: run.incident,
        alertKey: historyText(run.alertKey),
        catalogId: run.catalogId,
        incident: run.incident,
        ...(run.call ? { fixKind: run.call.kind } : {}),
        by: run.by.kind,
        outcome,
        dryRun: run.dryRun,
        ...(run.reason ? { reason: historyText(run.reason) } : {}),
      },
      now,
    );
  }

  /**
   * A run that succeeded is carried to the impact of the incident it was for, so non-technical
   * readers hear "It was fixed automatically at …" once the fix is confirmed (`lifecycleOf` checks
   * it started before the resolution). The impact's messages are not edited for it: they say
   * nothing of the run until then. A rehearsal fixed nothing.
   */
  async function carryToImpact(run: FixRun, now: Date): Promise<void> {
    if (run.dryRun) return;
    const alarm = await deps.state.getAlert(run.alertKey);
    const key = alarm?.impactKey ?? (alarm ? impactKeyFor(alarm.alert) : null);
    if (!key) return;
    await retryOnConflict(key, async () => {
      const impact = await deps.state.getAlert(key);
      if (!impact || Date.parse(incidentOf(impact)) > Date.parse(run.claimedAt)) return undefined;
      if (impact.fixedAutomatically?.incident === incidentOf(impact) && impact.fixedAutomatically.startedAt <= run.claimedAt) return undefined;
      const version = impact.version + 1;
      const next: AlertRecord = {
        ...impact,
        fixedAutomatically: { at: now.toISOString(), startedAt: run.claimedAt, incident: incidentOf(impact) },
        version,
        // Nothing readers see changed (the line shows only once fixed): a message in step stays in step.
        ...(impact.syncedVersion === impact.version ? { syncedVersion: version } : {}),
      };
      return (await deps.state.putAlert(next, impact.version)) ? undefined : CONFLICT;
    });
  }

  /** Moves a run on with a conditional write; false when another processor moved it first. */
  async function advance(run: FixRun, change: Partial<FixRun>, now: Date): Promise<FixRun | null> {
    const next: FixRun = { ...run, ...change, version: run.version + 1, expiresAt: expiry(now) };
    return (await putRun(next, run.version)) ? next : null;
  }

  /** What a call or a check answered, stored, told and noted; a later check is queued while it runs. */
  async function settle(run: FixRun, outcome: FixOutcome, check: number, now: Date): Promise<string> {
    const detail = outcome.detail ? { reason: outcome.detail } : {};
    const moved = await advance(run, { state: outcome.state, executionId: outcome.executionId, consoleUrl: outcome.consoleUrl, ...(outcome.state === 'running' ? {} : { endedAt: now.toISOString(), ...(outcome.state === 'failed' ? detail : {}) }) }, now);
    if (!moved) return 'fix run moved on elsewhere';
    if (outcome.state === 'running') {
      if (check >= FIX_CHECKS) {
        await tell(moved, 'unknown', now);
        return 'fix still running; no longer watched';
      }
      // Queued before the notice: a notice that fails is told on the retry, a lost check would never come back.
      const dueAt = new Date(now.getTime() + FIX_CHECK_SECONDS * 1000).toISOString();
      await deps.scheduleRefresh?.({ clarion: 'fix-check', run: run.run, check: check + 1, dueAt }, FIX_CHECK_SECONDS);
      await tell(moved, 'running', now);
    } else {
      if (outcome.state === 'succeeded') await carryToImpact(moved, now);
      await tell(moved, outcome.state, now);
    }
    await note(moved, now);
    return `fix ${outcome.state}`;
  }

  async function refuse(request: FixRequest, base: Pick<FixRun, 'run' | 'alertKey' | 'catalogId' | 'incident' | 'by' | 'title' | 'call' | 'dryRun' | 'claimedAt'>, reason: string, stored: FixRun | null, now: Date): Promise<string> {
    const run: FixRun = { ...base, state: 'refused', reason, endedAt: now.toISOString(), version: (stored?.version ?? 0) + 1, expiresAt: expiry(now) };
    // Created (or moved from a retry) conditionally: only the processor that wrote it tells.
    if (!(await putRun(run, stored?.version ?? null))) return 'fix run handled elsewhere';
    await tell(run, 'refused', now);
    await note(run, now);
    deps.log?.info('automatic fix not run', { alertKey: request.alertKey, run: request.run, reason });
    return `fix not run: ${reason}`;
  }

  async function handleFix(request: FixRequest): Promise<SignalResult> {
    const now = deps.now();
    const result = (detail: string, catalogId: string | null = null): SignalResult => ({ signalKey: request.alertKey, eventId: `fix:${request.run}`, catalogId, alertKey: request.alertKey, outcome: 'refresh', detail });
    const stored = await readRun(request.run);
    if (stored && stored.state !== 'retry' && stored.state !== 'starting') {
      // Delivered again, perhaps after a notice failed: what was not told yet is told now (each notice is claimed, so none twice).
      if (stored.state === 'succeeded') await carryToImpact(stored, now);
      await tell(stored, stored.state, now);
      return result(`fix already ${stored.state}`, stored.catalogId);
    }
    if (stored?.state === 'starting') {
      const age = now.getTime() - Date.parse(stored.claimedAt);
      if (age < FIX_START_LEASE_SECONDS * 1000) {
        // Another processor is calling the service now; this copy looks again once its lease is up.
        await deps.scheduleRefresh?.(request, FIX_START_LEASE_SECONDS);
        return result('fix being started elsewhere', stored.catalogId);
      }
      if (!stored.call || !IDEMPOTENT_KINDS.has(stored.call.kind)) {
        // The processor died during a call that cannot be asked again safely: it may or may not have run.
        const failed = await advance(stored, { state: 'failed', reason: 'the processor stopped during the call, so whether it ran is unknown; look in the console', endedAt: now.toISOString() }, now);
        if (failed) {
          await tell(failed, 'failed', now);
          await note(failed, now);
        }
        return result('fix outcome unknown', stored.catalogId);
      }
    }

    const record = await deps.state.getAlert(request.alertKey);
    const runtime = deps.runtime();
    const entry = record?.catalogId ? runtime.index.byId.get(record.catalogId) : undefined;
    const fix = record?.alert.autoFix;
    const silenced = record ? (await silenceNow(deps, record.alert, now)) !== undefined : false;
    const plannedWork = record ? activeWindow(maintenanceIndexFor(runtime, deps.stage), record.alert, now) !== undefined : false;
    const base = {
      run: request.run,
      alertKey: request.alertKey,
      catalogId: record?.catalogId ?? null,
      incident: request.incident,
      by: request.by,
      title: entry?.autoFix?.title ?? fix?.title ?? 'Automatic fix',
      // A start tried before keeps what it sent: a later event may have refilled the alert's parameters, and the service must be asked the same again (SFN's name, SSM's token).
      ...(stored?.call ?? fix?.call ? { call: (stored?.call ?? fix?.call)! } : {}),
      dryRun: entry?.autoFix?.dryRun ?? false,
      claimedAt: now.toISOString(),
    };
    const refusal = fixRefusal({ record, request, entryFix: entry?.autoFix, silenced, plannedWork }) ?? (fixes ? undefined : 'no runner is wired for automatic fixes here');
    if (refusal || !entry?.autoFix || !fix || !record) return result(await refuse(request, base, refusal ?? 'the alert is gone', stored, now), record?.catalogId ?? null);

    // A press claims its alert first (before the limit, so a press held back uses no slot): a second press runs nothing while the first is under way.
    if (request.by.kind === 'user') {
      const held = await retryOnConflict(pressKey(request.alertKey), async () => {
        const claim = await deps.state.getRecord('fix', pressKey(request.alertKey), FixPressClaim);
        const other = claim && claim.run !== request.run ? await readRun(claim.run) : null;
        const refusal = pressRefusal(claim, other, request, now);
        if (refusal || claim?.run === request.run) return { refusal };
        const next: FixPressClaim = { run: request.run, incident: request.incident, at: now.toISOString(), version: (claim?.version ?? 0) + 1, expiresAt: expiry(now) };
        return (await deps.state.putRecord('fix', pressKey(request.alertKey), next, claim?.version ?? null)) ? { refusal: undefined } : CONFLICT;
      });
      if (held.refusal) return result(await refuse(request, base, held.refusal, stored, now), entry.id);
    }

    // The entry's limit: a slot taken with a conditional write, kept by this run if it is tried again.
    const limit = entry.autoFix.limit;
    const slot = await retryOnConflict(limitKey(entry.id), async () => {
      const current = await deps.state.getRecord('fix', limitKey(entry.id), FixLimitRecord);
      const taken = takeSlot(current, limit, request.run, now);
      if ('refused' in taken) return taken;
      if (current && taken.record.version === current.version) return taken;
      return (await deps.state.putRecord('fix', limitKey(entry.id), taken.record, current?.version ?? null)) ? taken : CONFLICT;
    });
    if ('refused' in slot) return result(await refuse(request, base, slot.refused, stored, now), entry.id);

    // Claimed: the one processor whose write lands calls the service.
    const starting: FixRun = { ...base, state: 'starting', version: (stored?.version ?? 0) + 1, expiresAt: expiry(now) };
    if (!(await putRun(starting, stored?.version ?? null))) return result('fix run handled elsewhere', entry.id);
    const call = starting.call ?? fix.call;
    let outcome: FixOutcome;
    try {
      outcome = await fixes!.start(call, { name: request.run, dryRun: starting.dryRun });
    } catch (error) {
      // Throttling is answered before anything runs; a 5xx or a lost answer may come after the call
      // ran, and only SFN and SSM can be asked again without a second run.
      const again = error instanceof DeliveryError && error.retryable && (IDEMPOTENT_KINDS.has(call.kind) || error.kind === 'rate-limited');
      if (again) {
        // Tried again through the queue, with the same slot and the same name (so no second run starts).
        await advance(starting, { state: 'retry' }, now);
        throw error;
      }
      const unsure = error instanceof DeliveryError && error.retryable ? '; whether it ran is unknown, and it is not asked again (it cannot be safely): look in the console' : '';
      const reason = `${error instanceof Error ? error.message : String(error)}${unsure}`;
      const failed = await advance(starting, { state: 'failed', reason, endedAt: now.toISOString() }, now);
      if (failed) {
        await tell(failed, 'failed', now);
        await note(failed, now);
      }
      return result(`fix failed: ${reason}`, entry.id);
    }
    deps.log?.info('automatic fix started', { alertKey: request.alertKey, run: request.run, kind: call.kind, by: request.by.kind, state: outcome.state });
    return result(await settle(starting, outcome, 0, now), entry.id);
  }

  async function handleCheck(request: FixCheckRequest): Promise<SignalResult> {
    const now = deps.now();
    const result = (detail: string, run?: FixRun | null): SignalResult => ({ signalKey: run?.alertKey ?? request.run, eventId: `fix-check:${request.run}:${request.check}`, catalogId: run?.catalogId ?? null, ...(run ? { alertKey: run.alertKey } : {}), outcome: 'refresh', detail });
    if (Date.parse(request.dueAt) > now.getTime()) {
      await deps.scheduleRefresh?.(request, delayUntil(Date.parse(request.dueAt), now.getTime()));
      return result('fix check not due yet');
    }
    const run = await readRun(request.run);
    if (run && (run.state === 'succeeded' || run.state === 'failed')) {
      // A check redelivered after its notice failed (Slack down): the end is told now (claimed, so once).
      await tell(run, run.state, now);
      await note(run, now);
      return result(`fix ${run.state}: nothing to check`, run);
    }
    if (!run || run.state !== 'running' || !run.executionId || !run.call) return result(`fix ${run?.state ?? 'unknown'}: nothing to check`, run);
    if (!fixes) return result('no runner is wired for automatic fixes here', run);
    let outcome: FixOutcome;
    try {
      outcome = await fixes.check(run.call, run.executionId);
    } catch (error) {
      if (!(error instanceof DeliveryError) || error.retryable) throw error;
      // Refused for good (a permission, an execution the service cannot describe): no later check can
      // tell more, so the thread hears once that Clarion stopped watching, rather than "running" for ever.
      const reason = `Clarion cannot tell how it stands: ${error.message}`;
      const unwatched = (await advance(run, { reason }, now)) ?? { ...run, reason };
      await tell(unwatched, 'unknown', now);
      return result(`fix check failed: ${error.message}`, run);
    }
    return result(await settle(run, outcome, request.check, now), run);
  }

  return { handleFix, handleCheck };
}
