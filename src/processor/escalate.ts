/** @module Processor: an escalation request comes due — re-read the alert, and unless someone acknowledged, snoozed or resolved it (or it is another incident), take the step and schedule the next. */
import { activeWindow, maintenanceIndexFor } from '../pipeline/maintenance-windows.ts';
import { foldedUnder } from '../pipeline/inhibition.ts';
import { silenceNow } from '../pipeline/silence-mute.ts';
import { createHash } from 'node:crypto';
import type { EscalationPolicy, EscalationStep } from '../catalog/escalation-schema.ts';
import type { AlertRecord } from '../core/alert-record.ts';
import {
  dedupKeyFor,
  describeAfter,
  escalationText,
  incidentOf,
  pagingSeverity,
  policyFor,
  reachableAt,
  repeatDueAt,
  repeatText,
  stepDueAt,
  stepKind,
  stopReason,
} from '../pipeline/escalation.ts';
import type { EscalateRequest } from '../pipeline/escalation.ts';
import { ESCALATION_TTL_SECONDS, noteEscalation, readEscalation } from '../pipeline/escalation-state.ts';
import type { PipelineContext, SignalResult } from '../pipeline/pipeline-context.ts';
import { delayUntil } from '../pipeline/queue-delay.ts';
import { channelFor, timeZoneFor } from '../pipeline/route-alert.ts';
import { runClaimed } from '../state/claimed-step.ts';
import { historyText } from '../core/history.ts';
import { addNoteOrLog, noteId } from './history-notes.ts';
import { engineersThreads } from './engineers-threads.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function createEscalation(ctx: PipelineContext) {
  const { deps } = ctx;

  /** Runs `step` once for `claim` (a redelivered request, or a second copy of it, finds the claim and skips it). */
  async function once(claim: string, now: Date, step: () => Promise<void>): Promise<boolean> {
    const done = await runClaimed(deps.state, claim, Math.floor(now.getTime() / 1000) + ESCALATION_TTL_SECONDS, step, (error) =>
      deps.log?.warn('could not release the claim of a failed escalation step', { claim, error: String(error) }),
    );
    return done !== undefined;
  }

  /**
   * Until when nobody may be reached about this alert: planned work on its entry, a silence over
   * it, or a firing cause it is folded under (its engineers have no message of it; the cause's
   * escalation reaches them). A folded alert is looked at again in five minutes, as its cause has
   * no end time.
   */
  async function quietEnd(record: AlertRecord, now: Date): Promise<{ what: string; until: Date } | undefined> {
    const runtime = deps.runtime();
    const planned = activeWindow(maintenanceIndexFor(runtime, deps.stage), record.alert, now);
    if (planned) return { what: 'planned work', until: planned.end };
    const silence = await silenceNow(deps, record.alert, now);
    // Looked at again within five minutes, as a silence lifted early gives no other sign.
    if (silence) return { what: 'a silence', until: new Date(Math.min(Date.parse(silence.endsAt), now.getTime() + 5 * 60_000)) };
    // A snooze for a time quiets the alert until then; "until it recovers" and "until I lift it" stop the steps.
    const snoozedTill = record.snoozedUntil ? Date.parse(record.snoozedUntil) : Number.NaN;
    if (snoozedTill > now.getTime()) return { what: 'a snooze', until: new Date(snoozedTill) };
    if ((await foldedUnder({ ...ctx, runtime }, record.alert, record)).length > 0) return { what: 'the cause it is folded under', until: new Date(now.getTime() + 5 * 60_000) };
    // Not shown anywhere yet (the silence or window that held it ended this instant, and its
    // delivery is still on the queue; or Slack refused it): a reminder now would come before the alert.
    if (Object.keys(record.messages).length === 0 && !record.groupedInto) return { what: 'its first message', until: new Date(now.getTime() + 60_000) };
    return undefined;
  }

  /** Sends the request again to arrive at `dueAt` (SQS delays are at most 15 minutes: it may come back early, and is sent on again). */
  async function sendFor(request: EscalateRequest, now: Date): Promise<void> {
    await deps.scheduleRefresh?.(request, delayUntil(Date.parse(request.dueAt), now.getTime()));
  }

  const threadsOf = (record: AlertRecord | null) => engineersThreads(record, deps.runtime(), deps.state);

  /** A reply broadcast in each engineers' thread; with no thread to reply in, a message of its own in the engineers' channel. */
  async function tellEngineers(record: AlertRecord, text: string): Promise<void> {
    const threads = await threadsOf(record);
    for (const ref of threads) await deps.slack.post({ channel: ref.channel, threadTs: ref.ts, broadcast: true, message: { text, blocks: [] } });
    if (threads.length > 0) return;
    const { config } = deps.runtime();
    const audience = record.alert.audiences.find((a) => config.audiences[a]?.template === 'techies') ?? config.uncatalogued.audience;
    const channel = channelFor(config, audience, deps.stage);
    if (channel) await deps.slack.post({ channel, message: { text, blocks: [] } });
  }

  async function takeStep(record: AlertRecord, step: EscalationStep, index: number, now: Date): Promise<void> {
    const incident = incidentOf(record);
    const kind = stepKind(step);
    if ('page' in step) {
      if (!deps.paging) {
        deps.log?.warn('an escalation step pages, but no paging service is wired (set the routing key)', { alertKey: record.alertKey, service: step.page });
        return;
      }
      const dedupKey = dedupKeyFor(record.alertKey, incident, sha256);
      await deps.paging.trigger({
        dedupKey,
        summary: `Unacknowledged after ${describeAfter(step.after)}: ${record.alert.title}`.slice(0, 1024),
        source: record.alert.signal.resource.name || record.catalogId || 'clarion',
        severity: pagingSeverity(record.alert.severity),
        customDetails: { alertKey: record.alertKey, catalogId: record.catalogId ?? 'uncatalogued', openedAt: record.openedAt, ...(deps.stage ? { stage: deps.stage } : {}) },
      });
      await noteEscalation(deps.state, record.alertKey, incident, now, (current) => ({ ...current, done: [...new Set([...current.done, String(index)])], page: { service: step.page, dedupKey, state: 'triggered' } }));
      await noteInHistory(record, incident, index, 'page', now);
      return;
    }
    const openFor = now.getTime() - Date.parse(record.reopenedAt ?? record.openedAt);
    if (kind === 'channel' && 'channel' in step) {
      const [thread] = await threadsOf(record);
      const text = escalationText(step, record.alert.title, thread?.channel, openFor);
      await deps.slack.post({ channel: step.channel, message: { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] } });
    } else {
      await tellEngineers(record, escalationText(step, record.alert.title, undefined, openFor));
    }
    await noteEscalation(deps.state, record.alertKey, incident, now, (current) => ({ ...current, done: [...new Set([...current.done, String(index)])] }));
    await noteInHistory(record, incident, index, kind, now);
  }

  /**
   * The step in history, under an id from the step's claim and filed under the incident's start (so a
   * step taken again after a lost claim writes the same note: history finds a note by its id and time). The step was posted or paged already: a failed write is logged,
   * not retried, which would take the step twice.
   */
  async function noteInHistory(record: AlertRecord, incident: string, index: number, action: ReturnType<typeof stepKind>, now: Date): Promise<void> {
    await addNoteOrLog(
      deps,
      { type: 'escalation', id: noteId('escalation', `escalate:${record.alertKey}:${incident}:${index}`), at: incident, alertKey: historyText(record.alertKey), catalogId: record.catalogId, incident, step: index, action },
      now,
    );
  }

  /** Steps from `request.step` on: each once, the ones already due in a row, then the next put on the queue. */
  async function runSteps(request: EscalateRequest & { step: number }, policy: EscalationPolicy, first: AlertRecord, now: Date): Promise<string> {
    const since = new Date(request.since);
    let record = first;
    let index = request.step;
    const taken: string[] = [];
    for (;;) {
      const step = policy.steps[index];
      if (!step) break;
      if (await once(`escalate:${record.alertKey}:${request.incident}:${index}`, now, () => takeStep(record, step, index, now))) taken.push(stepKind(step));
      const next = policy.steps[index + 1];
      if (!next) break;
      const dueAt = stepDueAt(since, next);
      if (dueAt.getTime() > now.getTime()) {
        await once(`escalate:${record.alertKey}:${request.incident}:${index}:next`, now, () => sendFor({ ...request, step: index + 1, dueAt: dueAt.toISOString() }, now));
        break;
      }
      // The next step is due already (the clock moved on a long way): it is taken now, if still needed.
      const latest = await deps.state.getAlert(record.alertKey);
      if (!latest || stopReason(latest, request, now)) break;
      record = latest;
      index += 1;
    }
    return taken.length > 0 ? `escalated: ${taken.join(', ')}` : 'escalation step already taken';
  }

  async function repeatReminder(request: EscalateRequest, policy: EscalationPolicy, record: AlertRecord, now: Date): Promise<string> {
    const round = request.round ?? 1;
    const since = new Date(request.since);
    const reminded = await once(`escalate:${record.alertKey}:${request.incident}:repeat:${round}`, now, async () => {
      await tellEngineers(record, repeatText(record, record.alert.title, now.getTime() - since.getTime()));
      await noteEscalation(deps.state, record.alertKey, request.incident, now, (current) => ({ ...current, done: [...new Set([...current.done, `repeat:${round}`])] }));
    });
    const next = repeatDueAt(since, policy, round + 1);
    if (next) await once(`escalate:${record.alertKey}:${request.incident}:repeat:${round}:next`, now, () => sendFor({ ...request, round: round + 1, dueAt: next.toISOString() }, now));
    return reminded ? 'reminded: still open' : 'reminder already posted';
  }

  /** Passes an acknowledgement or a fix on to the paging service, for every incident of the alert whose page it has not heard the last of. */
  async function updatePages(request: EscalateRequest, now: Date): Promise<string> {
    const stored = await readEscalation(deps.state, request.alertKey);
    const record = await deps.state.getAlert(request.alertKey);
    const told: string[] = [];
    for (const [incident, escalation] of Object.entries(stored?.incidents ?? {})) {
      const page = escalation.page;
      if (!page || page.state === 'resolved') continue;
      const current = record !== null && incidentOf(record) === incident;
      const target = !current || record.status === 'resolved' ? 'resolved' : record.acknowledgedBy ? 'acknowledged' : undefined;
      if (!target || target === page.state) continue;
      if (!deps.paging) {
        deps.log?.warn('a page needs updating, but no paging service is wired', { alertKey: request.alertKey, target });
        continue;
      }
      if (target === 'resolved') await deps.paging.resolve(page.dedupKey);
      else await deps.paging.acknowledge(page.dedupKey);
      await noteEscalation(deps.state, request.alertKey, incident, now, (latest) => ({ ...latest, page: { ...page, state: target } }));
      told.push(target);
    }
    return told.length > 0 ? `page ${told.join(', ')}` : 'page already up to date';
  }

  return async function escalate(request: EscalateRequest): Promise<SignalResult> {
    const now = deps.now();
    const base: SignalResult = { signalKey: request.alertKey, eventId: `escalate:${request.alertKey}:${String(request.step)}`, catalogId: null, alertKey: request.alertKey, outcome: 'refresh' };
    if (Date.parse(request.dueAt) > now.getTime()) {
      await sendFor(request, now);
      return { ...base, outcome: 'refresh-not-needed', detail: 'escalation not due yet' };
    }
    if (request.step === 'page-update') return { ...base, detail: await updatePages(request, now) };
    const record = await deps.state.getAlert(request.alertKey);
    const stop = stopReason(record, request, now);
    if (stop || !record) return { ...base, outcome: 'refresh-not-needed', detail: `escalation stopped: ${stop ?? 'gone'}` };
    const chosen = policyFor(record.alert, deps.runtime());
    if (!chosen) return { ...base, catalogId: record.catalogId, outcome: 'refresh-not-needed', detail: 'no escalation policy' };
    // Planned work and silences page nobody: a step due during one waits for its end, when the
    // alert, still firing, is delivered to everyone too.
    const quietUntil = await quietEnd(record, now);
    if (quietUntil) {
      await sendFor({ ...request, dueAt: quietUntil.until.toISOString() }, now);
      return { ...base, catalogId: record.catalogId, outcome: 'refresh-not-needed', detail: `escalation waits for the end of ${quietUntil.what} (${quietUntil.until.toISOString()})` };
    }
    // Steps reach people: outside the policy's own hours, they wait for its next start.
    const reachable = reachableAt(now, chosen.policy.hours, timeZoneFor(deps.runtime().config, deps.stage));
    if (reachable.getTime() > now.getTime()) {
      await sendFor({ ...request, dueAt: reachable.toISOString() }, now);
      return { ...base, catalogId: record.catalogId, outcome: 'refresh-not-needed', detail: `escalation waits for the policy's hours (${reachable.toISOString()})` };
    }
    const detail = request.step === 'repeat' ? await repeatReminder(request, chosen.policy, record, now) : await runSteps({ ...request, step: request.step }, chosen.policy, record, now);
    return { ...base, catalogId: record.catalogId, detail };
  };
}
