/** @module Processor (silences): a `silence` request comes back — post or edit the silence's quiet line, and once the silence ends, deliver what it held that still fires. */
import type { RefreshRequest } from '../core/refresh-request.ts';
import type { FeedImpact } from './handle-maintenance.ts';
import { impactKeyFor } from '../core/impact-key.ts';
import type { PipelineContext, SignalResult } from '../pipeline/pipeline-context.ts';
import { delayUntil } from '../pipeline/queue-delay.ts';
import { channelFor, timeZoneFor } from '../pipeline/route-alert.ts';
import { silenceFor, silenceForImpact, silenceIndex } from '../pipeline/silences.ts';
import { runClaimed } from '../state/claimed-step.ts';
import { endSilence, noteHeld, putSilence, readActive, readSilence } from '../state/silence-store.ts';
import type { SilenceDetail } from '../state/silence-store.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';
import type { ClarionConfig } from '../catalog/schema.ts';
import type { MessageRef } from '../core/ports.ts';
import { renderSilenceLine } from '../../templates/silence-line.ts';
import { historyText } from '../core/history.ts';
import { addNoteOrRetry } from './history-notes.ts';

type SilenceRequest = Extract<RefreshRequest, { clarion: 'silence' }>;

/** The engineers' channel: the audience named `techies`, else the first rendered with the engineers' template. */
export function engineersChannel(config: ClarionConfig, stage?: string): string | undefined {
  const names = Object.keys(config.audiences);
  const name = names.find((n) => n === 'techies' && config.audiences[n]!.template === 'techies') ?? names.find((n) => config.audiences[n]!.template === 'techies');
  return name ? channelFor(config, name, stage) : undefined;
}

/** What the line shows, in short: a request that would show the same edits nothing. */
function shows(detail: SilenceDetail): string {
  return `${detail.held.count}|${detail.endedAt ?? ''}`;
}

export function createSilenceHandler(ctx: PipelineContext, feedImpact: FeedImpact = async () => []) {
  const { deps } = ctx;

  /**
   * Once a silence ended: each alarm it held that still fires is delivered as if it had just been
   * seen (a `missing-posts` refresh posts what each audience lacks), and its impact with it — unless
   * another silence still covers it, which then holds it and delivers it when it ends.
   */
  async function deliverHeld(detail: SilenceDetail, now: Date): Promise<number> {
    const index = silenceIndex(await readActive(deps.state), deps.runtime());
    const impacts = new Set<string>();
    let delivered = 0;
    for (const alertKey of detail.held.keys) {
      const record = await deps.state.getAlert(alertKey);
      if (!record || record.status !== 'open' || record.resolvedUnseen) continue;
      const other = silenceFor(index, record.alert, now, detail.id);
      if (other) {
        const noted = await noteHeld(deps.state, other.id, alertKey, now);
        if (noted?.queueEdit) await deps.scheduleRefresh?.({ clarion: 'silence', id: other.id, change: 'held' }, 0);
        continue;
      }
      delivered += 1;
      await deps.scheduleRefresh?.({ clarion: 'refresh', alertKey, reason: 'missing-posts' }, 0);
      // Its impact hears it now (it was not fed while silenced), and posts what its audiences lack.
      await feedImpact(alertKey, `silence-end:${detail.id}:${alertKey}`);
      const impactKey = impactKeyFor(record.alert);
      if (!impactKey || impacts.has(impactKey)) continue;
      impacts.add(impactKey);
      const impact = await deps.state.getAlert(impactKey);
      if (impact?.status === 'open' && !silenceForImpact(index, impact.members ?? {}, record.alert, now, detail.id)) {
        await deps.scheduleRefresh?.({ clarion: 'refresh', alertKey: impactKey, reason: 'missing-posts' }, 0);
      }
    }
    return delivered;
  }

  /**
   * Posts the quiet line, or edits it to show the silence as stored. Only one run posts it (a claim
   * on the silence); a run that finds it being posted elsewhere comes back shortly for its edit.
   */
  async function showLine(request: SilenceRequest): Promise<'shown' | 'nothing' | 'later'> {
    const { config } = deps.runtime();
    const channel = engineersChannel(config, deps.stage);
    if (!channel) {
      deps.log?.warn('no engineers’ audience to show a silence to', { silence: request.id });
      return 'nothing';
    }
    let posted: MessageRef | undefined;
    let claimed = false;
    return retryOnConflict(`silences#silence:${request.id}`, async () => {
      const detail = await readSilence(deps.state, request.id);
      if (!detail) return 'nothing' as const;
      const line = detail.line ?? posted;
      if (line && detail.lineShows === shows(detail) && !detail.lineDue) return 'nothing' as const;
      const message = renderSilenceLine({ ...detail, timeZone: timeZoneFor(config, deps.stage) });
      if (line) await deps.slack.update({ ref: line, message });
      else {
        if (!claimed) {
          const expiresAt = Math.floor(Date.parse(detail.endsAt) / 1000) + 7 * 86400;
          const done = await runClaimed(deps.state, `silence-line:${detail.id}`, expiresAt, async () => (posted = await deps.slack.post({ channel, message })), (error) =>
            deps.log?.warn('could not release the claim of a failed silence line', { silence: detail.id, error: String(error) }),
          );
          if (!done) {
            await deps.scheduleRefresh?.({ ...request, change: request.change === 'added' ? 'held' : request.change }, 5);
            return 'later' as const;
          }
          claimed = true;
        }
      }
      const next: SilenceDetail = { ...detail, line: line ?? posted!, lineShows: shows(detail), lineDue: false, version: detail.version + 1 };
      return (await putSilence(deps.state, next, detail.version)) ? ('shown' as const) : CONFLICT;
    });
  }

  /**
   * The silence in history: once when it is added, and again under the same id (and time, its
   * start) when it ends, with how many alerts it held. Every step of this handler is idempotent, so
   * a failed write fails the request and the queue retries it.
   */
  async function noteSilence(detail: SilenceDetail, now: Date): Promise<void> {
    const iso = (value: string) => new Date(value).toISOString();
    await addNoteOrRetry(
      deps,
      {
        type: 'silence',
        id: `silence:${detail.id}`,
        at: iso(detail.startsAt),
        silenceId: historyText(detail.id),
        match: historyText(detail.match),
        reason: historyText(detail.reason),
        by: historyText(detail.createdBy),
        startsAt: iso(detail.startsAt),
        endsAt: iso(detail.endedAt ?? detail.endsAt),
        ...(detail.endedAt ? { held: detail.held.count } : {}),
      },
      now,
    );
  }

  return async function handleSilence(request: SilenceRequest): Promise<SignalResult> {
    const now = deps.now();
    const base: SignalResult = { signalKey: `silence:${request.id}`, eventId: `silence:${request.id}:${request.change}`, catalogId: null, outcome: 'refresh' };
    let detail = await readSilence(deps.state, request.id);
    if (!detail) return { ...base, outcome: 'refresh-not-needed', detail: 'no such silence' };
    if (request.change === 'ended' && !detail.endedAt) {
      const due = Date.parse(request.dueAt ?? detail.endsAt);
      if (due > now.getTime()) {
        // Further away than the queue can wait: sent again until it is due (the chain re-checks each time).
        await deps.scheduleRefresh?.(request, delayUntil(due, now.getTime()));
        return { ...base, outcome: 'refresh-not-needed', detail: `ends at ${new Date(due).toISOString()}` };
      }
      detail = (await endSilence(deps.state, request.id, 'time', now))?.detail ?? detail;
      deps.log?.info('silence ended', { silence: detail.id, match: detail.match, by: 'time' });
    }
    let delivered = 0;
    if (detail.endedAt && !detail.deliveredAt) {
      delivered = await deliverHeld(detail, now);
      await retryOnConflict(`silences#silence:${detail.id}`, async () => {
        const latest = await readSilence(deps.state, request.id);
        if (!latest || latest.deliveredAt) return undefined;
        return (await putSilence(deps.state, { ...latest, deliveredAt: now.toISOString(), version: latest.version + 1 }, latest.version)) ? undefined : CONFLICT;
      });
    }
    const line = await showLine(request);
    if (request.change === 'added' || detail.endedAt) await noteSilence(detail, now);
    const said = [`line ${line}`, ...(detail.endedAt ? [`${delivered} still firing delivered`] : [])].join('; ');
    return { ...base, detail: said };
  };
}
