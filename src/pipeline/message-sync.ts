/** @module Pipeline (deliver and record stages' engine): carries out Slack actions for a stored alert and records what Slack now shows. */
import type { RenderedMessage } from '../core/alert.ts';
import type { AlertRecord } from '../core/alert-record.ts';
import type { StatePort } from '../state/state-port.ts';
import { DeliveryError } from '../core/delivery-error.ts';
import type { MessageMetadata, MessageRef, PlainTextPort, SlackPort } from '../core/ports.ts';
import { blocksToPlainText } from '../slack/blocks-to-plain-text.ts';
import { holdAway } from './hold-for-summary.ts';
import { officeHoursFor } from './office-hours.ts';
import { postMissing } from './post-missing.ts';
import { updates } from './plan-alert.ts';
import type { SlackAction } from './plan-alert.ts';
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import { routeAlert } from './route-alert.ts';
import type { Route } from './route-alert.ts';
import type { DeliveryLease } from '../state/delivery-lease.ts';
import { recordDelivery as recordDeliveryIn } from './record-delivery.ts';
import type { RecordOptions } from './record-delivery.ts';
import { renderFor } from './stages/render.ts';
import type { Outbound } from './stages/render.ts';

export interface MessageSyncDeps {
  runtime: () => CatalogRuntime;
  state: StatePort;
  slack: SlackPort;
  plainText?: PlainTextPort;
  stage?: string;
  count?: (metric: 'SlackCalls') => void;
}

export type MessageSync = ReturnType<typeof createMessageSync>;

export function createMessageSync(deps: MessageSyncDeps) {
  const recordDelivery = (written: AlertRecord, posted: Record<string, MessageRef>, options?: RecordOptions) => recordDeliveryIn(deps.state, written, posted, options);

  function renderRecord(record: AlertRecord, audience: string, route: Route | undefined, now: Date): RenderedMessage {
    return renderFor({
      alert: record.alert,
      audience,
      ...(route ? { template: route.template } : {}),
      config: deps.runtime().config,
      ...(deps.stage ? { stage: deps.stage } : {}),
      now,
      record,
    });
  }

  /** Audiences with an SNS topic also get a plain-text copy, for people not on Slack. */
  async function notifyPlainText(audience: string, subject: string, text: string, alertKey: string): Promise<void> {
    const topicArn = deps.runtime().config.audiences[audience]?.snsTopicArn;
    if (!topicArn || !deps.plainText) return;
    await deps.plainText.send({ topicArn, subject, text, alertKey });
  }

  /**
   * Whether Slack may have made a post whose call failed: a timeout or a broken connection may hide
   * one, and so may `internal_error`, `fatal_error` or a 5xx from something in between ("some aspect
   * of the operation may have succeeded"). A refusal, a rate limit or a 503 says it did not.
   */
  function mayHavePosted(error: unknown): boolean {
    if (!(error instanceof DeliveryError)) return true;
    if (error.kind === 'timeout' || error.kind === 'network') return true;
    return error.kind === 'server' && error.code !== '503' && error.code !== 'service_unavailable';
  }

  /** The message an earlier delivery may have posted for this audience without hearing back, if Slack has it. */
  async function postedEarlier(record: AlertRecord, audience: string, channel: string): Promise<MessageRef | null> {
    if ((record.postTries?.[audience] ?? 0) < 2) return null;
    return findPosted(record, audience, channel);
  }

  /** This incident's message for this audience in this channel, found by its metadata (null without the port). */
  async function findPosted(record: AlertRecord, audience: string, channel: string): Promise<MessageRef | null> {
    if (!deps.slack.findPosted) return null;
    // The first try came after the event's time; ten minutes' margin covers clocks that disagree.
    const since = new Date(Date.parse(record.openedAt) - 10 * 60_000);
    return deps.slack.findPosted({ channel, alertKey: record.alertKey, audience, openedAt: record.openedAt, since });
  }

  /**
   * Carries out Slack actions in order (rendering those the render stage did not); returns the refs of new posts. Throws DeliveryError, after
   * storing the refs of the posts that did go out, so the retry edits them instead of posting again.
   * A channel Slack refuses for good (the bot is not in it) does not keep the audiences after it
   * from being told: the first such refusal is thrown once every other action was carried out.
   */
  async function deliver(record: AlertRecord, actions: Array<SlackAction | Outbound>, routes: Route[], now: Date): Promise<Record<string, MessageRef>> {
    const posted: Record<string, MessageRef> = {};
    /** Audiences whose post Slack answered with an error: it did not post, so a retry need not look for it. */
    const unposted: string[] = [];
    let refused: DeliveryError | undefined;
    // `audience` and `opened_at` say which message this is: two audiences may share a channel, and
    // a new incident of the same alarm must not take over the old incident's message.
    const metadataFor = (audience: string) => ({
      event_type: 'clarion_alert',
      event_payload: { alert_key: record.alertKey, catalog_id: record.catalogId ?? 'uncatalogued', status: record.status, audience, opened_at: record.openedAt },
    });
    const plannedPosts = actions.flatMap((a) => (a.kind === 'post' ? [a.audience] : []));
    /** Messages posted again in this delivery because the old one was gone: replies go under them. */
    const reposted: Record<string, MessageRef> = {};
    /** Messages found gone for an audience away now: forgotten, and the alert held for the summary. */
    const dropped: string[] = [];

    /** Whether this audience is away now and the alert was put in the summary for it. */
    async function heldInstead(audience: string): Promise<boolean> {
      const { config } = deps.runtime();
      const route = routes.find((r) => r.audience === audience) ?? routeAlert(record.alert, config, deps.stage).find((r) => r.audience === audience);
      // The message is gone, so the audience counts as one without its message.
      const held = route ? await holdAway(deps.state, { ...record, messages: {} }, [route], now, officeHoursFor(config, deps.stage)) : [];
      return held.length > 0;
    }
    const attempted = new Set<string>();
    try {
      for (const action of actions) {
        try {
          await carryOut(action);
        } catch (error) {
          if (action.kind === 'post' && !mayHavePosted(error)) unposted.push(action.audience);
          if (!(error instanceof DeliveryError && error.kind === 'platform')) throw error;
          refused ??= error;
        }
      }
      if (dropped.length > 0) await recordDelivery(record, {}, { complete: false, dropped });
    } catch (error) {
      await keepPartial();
      throw error;
    }
    if (refused) {
      await keepPartial();
      throw refused;
    }
    return posted;

    /**
     * A message that is gone (deleted in Slack, or a local emulator that forgot it on restart) is
     * posted again in its channel, so the alert is not dead-lettered for a message nobody can edit.
     */
    async function updateOrRepost(audience: string, ref: MessageRef, message: RenderedMessage, metadata: MessageMetadata): Promise<void> {
      try {
        await deps.slack.update({ ref, message, metadata });
      } catch (error) {
        if (!(error instanceof DeliveryError && error.code === 'message_not_found')) throw error;
        // Another delivery may have posted it again already (or posted it and lost the answer):
        // look first, as for a lost post, and edit what is there.
        const found = await findPosted(record, audience, ref.channel);
        if (found && found.ts !== ref.ts) {
          await deps.slack.update({ ref: found, message, metadata });
          reposted[audience] = found;
        } else if (await heldInstead(audience)) {
          // Away now: a new post would make a sound; the morning summary shows it instead.
          dropped.push(audience);
          return;
        } else {
          // Where the audience is told now, which may have moved since the message was posted.
          const channel = routes.find((r) => r.audience === audience)?.channel ?? ref.channel;
          reposted[audience] = await deps.slack.post({ channel, message, metadata });
        }
        posted[audience] = reposted[audience];
      }
    }

    async function keepPartial(): Promise<void> {
      // Posts never tried (an earlier action failed) did not happen either.
      unposted.push(...plannedPosts.filter((audience) => !attempted.has(audience)));
      if (Object.keys(posted).length > 0 || unposted.length > 0) await recordDelivery(record, posted, { complete: false, unposted });
    }

    async function carryOut(action: SlackAction | Outbound): Promise<void> {
      if (action.kind === 'reply') {
        const parent = reposted[action.audience] ?? action.ref;
        await deps.slack.post({ channel: parent.channel, threadTs: parent.ts, message: { text: action.text, blocks: [] } });
      } else {
        const route = routes.find((r) => r.audience === action.audience);
        const message = ('message' in action ? action.message : undefined) ?? renderRecord(record, action.audience, route, now);
        const metadata = metadataFor(action.audience);
        if (action.kind === 'post') {
          attempted.add(action.audience);
          const earlier = await postedEarlier(record, action.audience, action.channel);
          if (earlier) {
            // An earlier try posted it but its answer was lost: show the current state there instead.
            posted[action.audience] = earlier;
            await deps.slack.update({ ref: earlier, message, metadata });
          } else {
            posted[action.audience] = await deps.slack.post({ channel: action.channel, message, metadata });
          }
          // The earlier try's answer was lost before its plain-text copy went out, so it goes now.
          await notifyPlainText(action.audience, message.text, blocksToPlainText(message), record.alertKey);
        } else {
          await updateOrRepost(action.audience, action.ref, message, metadata);
        }
      }
      deps.count?.('SlackCalls');
    }
  }

  /**
   * Records a complete delivery; when the alert changed while it ran (another processor counted a
   * repeat, or kept a partial delivery) and so Slack is still one change behind, shows the stored
   * state once more. Without that the record waits, behind, for the alarm's next event, which may
   * never come.
   */
  async function recordShown(
    written: AlertRecord,
    posted: Record<string, MessageRef>,
    routes: Route[],
    now: Date,
    options: { leaseId?: string } = {},
  ): Promise<AlertRecord> {
    const recorded = await recordDelivery(written, posted, { complete: true, ...options });
    if ((recorded.syncedVersion ?? 0) >= recorded.version) return recorded;
    return recordDelivery(recorded, await deliver(recorded, updates(recorded), routes, now));
  }

  /** Re-renders every message of a record in place (after an acknowledgement, a snooze …). */
  async function updateAll(record: AlertRecord, routes: Route[], now: Date): Promise<AlertRecord> {
    return recordShown(record, await deliver(record, updates(record), routes, now), routes, now);
  }

  const sync = {
    renderRecord,
    deliver,
    recordDelivery,
    recordShown,
    updateAll,
    /** Posts the messages these routes are missing, under the alert's delivery lease (see post-missing.ts). */
    postMissing: (alertKey: string, routes: Route[], lease: DeliveryLease, now: Date) => postMissing({ state: deps.state, sync }, alertKey, routes, lease, now),
  };
  return sync;
}
