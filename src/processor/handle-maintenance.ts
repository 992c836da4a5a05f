/** @module Processor: a maintenance window's phase comes due — the notice of planned work before it, at its start and at its end, and at the end the alarms it kept from non-technical audiences are told to them. */
import type { RefreshRequest } from '../core/refresh-request.ts';
import type { MessageRef } from '../core/ports.ts';
import { blocksToPlainText } from '../slack/blocks-to-plain-text.ts';
import { postBroadcastNotice } from '../pipeline/broadcast-notice.ts';
import { occurrenceKey, readOccurrence, updateOccurrence } from '../pipeline/maintenance-rule.ts';
import { occurrenceForPhase, occurrenceStartingAt, phaseTime } from '../pipeline/maintenance-windows.ts';
import type { Occurrence } from '../pipeline/maintenance-windows.ts';
import type { PipelineContext, SignalResult } from '../pipeline/pipeline-context.ts';
import { delayUntil } from '../pipeline/queue-delay.ts';
import { channelFor, timeZoneFor } from '../pipeline/route-alert.ts';
import { runClaimed } from '../state/claimed-step.ts';
import { renderMaintenanceNotice } from '../../templates/maintenance-notice.ts';
import { historyText } from '../core/history.ts';
import { addNoteOrRetry } from './history-notes.ts';

export type MaintenanceRequest = Extract<RefreshRequest, { clarion: 'maintenance' }>;

/** Feeds an alarm's impact from its record as stored (process-signals' `feedImpactFrom`); returns the audiences held. */
export type FeedImpact = (alertKey: string, eventId: string) => Promise<string[]>;

/**
 * Notices are sent when due, office hours or not: planned work is news before it happens. Each is
 * posted once per audience per occurrence (claimed under `maintenance:<id>:<start>:<phase>:<audience>`);
 * one that comes after its phase is over (a "before" after the start, a "start" after the end)
 * is not posted. A request that comes early (a delay longer than SQS's 15 minutes) goes back on
 * the queue until its time; the chain is idempotent because each arrival re-checks the clock.
 */
export function createMaintenanceHandler(ctx: PipelineContext, feedImpact: FeedImpact) {
  const { deps } = ctx;

  async function tell(occurrence: Occurrence, phase: MaintenanceRequest['phase']): Promise<string[]> {
    const { config } = deps.runtime();
    const timeZone = timeZoneFor(config, deps.stage);
    const key = occurrenceKey(occurrence);
    const told: string[] = [];
    const expiresAt = Math.floor(occurrence.end.getTime() / 1000) + 7 * 86_400;
    for (const audience of occurrence.window.tell) {
      const settings = config.audiences[audience];
      const channel = channelFor(config, audience, deps.stage);
      if (!settings || !channel) continue;
      const message = renderMaintenanceNotice({
        phase,
        title: occurrence.window.title,
        ...(occurrence.window.message ? { message: occurrence.window.message } : {}),
        start: occurrence.start,
        end: occurrence.end,
        template: settings.template,
        timeZone,
      });
      const done = await runClaimed(
        deps.state,
        `maintenance:${key}:${phase}:${audience}`,
        expiresAt,
        async () => {
          const parent = phase === 'before' ? undefined : (await readOccurrence(deps.state, key))?.notices[audience];
          let ref: MessageRef;
          // Start and end sit in the thread of the notice before; broadcast for everyone but engineers, who follow their own channel.
          if (parent) ref = settings.template === 'techies' ? await deps.slack.post({ channel: parent.channel, threadTs: parent.ts, message }) : await postBroadcastNotice(deps.slack, parent, channel, message);
          else ref = await deps.slack.post({ channel, message });
          ctx.count('SlackCalls');
          if (phase === 'before') await updateOccurrence(deps.state, occurrence, (record) => ({ ...record, notices: { ...record.notices, [audience]: { channel: ref.channel, ts: ref.ts } } }));
          if (settings.snsTopicArn && deps.plainText) await deps.plainText.send({ topicArn: settings.snsTopicArn, subject: message.text, text: blocksToPlainText(message), alertKey: `maintenance:${key}` });
        },
        (error) => deps.log?.warn('could not release the claim of a failed maintenance notice', { key, phase, audience, error: String(error) }),
      );
      if (done) told.push(audience);
    }
    return told;
  }

  /** The occurrence in history, with how many alarms it kept to the engineers (one note per occurrence, filed at its start). */
  async function noteOccurrence(occurrence: Occurrence, held: number): Promise<void> {
    const key = occurrenceKey(occurrence);
    await addNoteOrRetry(
      deps,
      { type: 'maintenance', id: `maintenance:${key}`, at: occurrence.start.toISOString(), windowId: historyText(occurrence.window.id), startsAt: occurrence.start.toISOString(), endsAt: occurrence.end.toISOString(), held },
      deps.now(),
    );
  }

  /** At the end of the work, each alarm it kept from the impact is fed as it stands now: one still firing is told to everyone, one fixed meanwhile is not. */
  async function release(occurrence: Occurrence, eventId: string): Promise<number> {
    const record = await readOccurrence(deps.state, occurrenceKey(occurrence));
    // Noted before the record is marked released: a failed write fails the request, whose retry
    // finds the notices claimed and the alarms not yet released, and writes the same note.
    if (!record?.released) await noteOccurrence(occurrence, record?.held.length ?? 0);
    if (!record || record.released) return 0;
    for (const alertKey of record.held) await feedImpact(alertKey, `${eventId}:${alertKey}`);
    await updateOccurrence(deps.state, occurrence, (r) => (r.released ? null : { ...r, released: true }));
    return record.held.length;
  }

  return async function handleMaintenance(request: MaintenanceRequest): Promise<SignalResult> {
    const now = deps.now();
    const runtime = deps.runtime();
    const base: SignalResult = { signalKey: `maintenance:${request.windowId}`, eventId: `maintenance:${request.windowId}:${request.phase}`, catalogId: null, outcome: 'refresh' };
    const window = runtime.maintenance?.find((w) => w.id === request.windowId);
    if (!window) return { ...base, outcome: 'refresh-not-needed', detail: `no maintenance window "${request.windowId}" in the catalog` };
    const timeZone = timeZoneFor(runtime.config, deps.stage);
    const occurrence = request.occurrence ? occurrenceStartingAt(window, new Date(request.occurrence), timeZone) : occurrenceForPhase(window, request.phase, now, timeZone);
    if (!occurrence) return { ...base, outcome: 'refresh-not-needed', detail: 'the window has no such occurrence (the catalog changed?)' };
    const eventId = `maintenance:${occurrenceKey(occurrence)}:${request.phase}`;
    const due = phaseTime(occurrence, request.phase);
    if (due > now) {
      // Early: back on the queue until its time (at most 15 minutes a step).
      await deps.scheduleRefresh?.({ ...request, occurrence: occurrence.start.toISOString() }, delayUntil(due.getTime(), now.getTime()));
      return { ...base, eventId, detail: `${request.phase} of ${occurrenceKey(occurrence)} waits until ${due.toISOString()}` };
    }
    const late = (request.phase === 'before' && now >= occurrence.start) || (request.phase === 'start' && now >= occurrence.end);
    if (late) return { ...base, eventId, outcome: 'refresh-not-needed', detail: `${request.phase} notice of ${occurrenceKey(occurrence)} came after its time: not posted` };
    const told = await tell(occurrence, request.phase);
    const released = request.phase === 'end' ? await release(occurrence, eventId) : 0;
    const parts = [`${request.phase} notice of ${occurrenceKey(occurrence)}: told ${told.join(', ') || 'nobody new'}`, ...(request.phase === 'end' ? [`${released} alarm(s) held during the work looked at again`] : [])];
    return { ...base, eventId, detail: parts.join('; ') };
  };
}
