/** @module Pipeline (storm group messages): renders a group's message for each audience and brings Slack up to date — for the end-of-batch flush and the Acknowledge all press alike. */
import { createHash } from 'node:crypto';
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import type { CatalogIndex } from '../catalog/catalog-index.ts';
import type { RenderedMessage } from '../core/alert.ts';
import type { GroupRecord } from '../core/alert-record.ts';
import { DeliveryError } from '../core/delivery-error.ts';
import type { MessageRef, SlackPort } from '../core/ports.ts';
import type { StatePort } from '../state/state-port.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';
import { renderStormGroup } from '../../templates/storm-group.ts';
import { mergeMessages } from './record-delivery.ts';
import { timeZoneFor } from './route-alert.ts';

export interface StormMessageDeps {
  runtime: () => CatalogRuntime;
  state: StatePort;
  slack: SlackPort;
  stage?: string;
  /** Called once per Slack call made. */
  count?: () => void;
}

function digestOf(message: RenderedMessage): string {
  return createHash('sha256').update(JSON.stringify(message)).digest('base64url').slice(0, 22);
}

/**
 * The runbook engineers open from a storm message: the first listed member whose catalog entry has
 * one. Members of one group usually share an entry; when they span several, the first one listed
 * is the alarm that started the storm.
 */
export function stormRunbook(group: Pick<GroupRecord, 'members'>, index: Pick<CatalogIndex, 'byId'>): string | undefined {
  for (const member of group.members) {
    const runbook = member.catalogId ? index.byId.get(member.catalogId)?.runbook : undefined;
    if (runbook) return runbook;
  }
  return undefined;
}

export function createStormMessages(deps: StormMessageDeps) {
  function render(group: GroupRecord, audience: string, now: Date): RenderedMessage {
    const { config, index } = deps.runtime();
    const template = config.audiences[audience]?.template ?? 'techies';
    const runbook = stormRunbook(group, index);
    return renderStormGroup({ group, template, now, timeZone: timeZoneFor(config, deps.stage), serviceName: config.serviceName, ...(runbook ? { runbook } : {}) });
  }

  /** A group message deleted in Slack (or forgotten by a restarted emulator) is posted again. */
  async function updateOrRepost(ref: MessageRef, channel: string, message: RenderedMessage, posted: Record<string, MessageRef>, audience: string): Promise<void> {
    try {
      await deps.slack.update({ ref, message });
    } catch (error) {
      if (!(error instanceof DeliveryError && error.code === 'message_not_found')) throw error;
      posted[audience] = await deps.slack.post({ channel, message });
    }
  }

  /**
   * Shows `group` (as read from the store) in every audience's message: posts those it lacks, edits
   * those whose rendering changed. Whatever was posted is recorded even after a failure, so the next
   * try edits it instead of posting again; the failure is thrown after that. Returns whether Slack
   * now shows the stored group (false: it changed while it was being rendered).
   *
   * `only` limits it to some audiences, for a change the others' messages do not show (an
   * acknowledgement is for engineers): theirs would change only in its "updated" time.
   */
  async function show(group: GroupRecord, now: Date, only?: (audience: string) => boolean): Promise<boolean> {
    const posted: Record<string, MessageRef> = {};
    const digests: Record<string, string> = { ...group.renderedDigests };
    let failure: unknown;
    for (const [audience, channel] of Object.entries(group.channels)) {
      if (only && !only(audience)) continue;
      const message = render(group, audience, now);
      const digest = digestOf(message);
      const ref = group.messages[audience];
      // Non-technical readers see one sentence whatever the member count: most edits would change nothing.
      if (ref && group.renderedDigests?.[audience] === digest) continue;
      try {
        if (ref) await updateOrRepost(ref, channel, message, posted, audience);
        else posted[audience] = await deps.slack.post({ channel, message });
      } catch (error) {
        // A channel refused for good does not keep the audiences after it from their message.
        if (error instanceof DeliveryError && error.kind === 'platform') {
          failure ??= error;
          continue;
        }
        failure = error;
        break;
      }
      digests[audience] = digest;
      deps.count?.();
    }
    const synced = await retryOnConflict(group.groupKey, async () => {
      const latest = (await deps.state.getGroup(group.groupKey)) ?? group;
      const version = latest.version + 1;
      const inStep = failure === undefined && latest.version === group.version;
      const next: GroupRecord = {
        ...latest,
        messages: mergeMessages(group.messages, latest.messages, posted),
        renderedDigests: { ...latest.renderedDigests, ...digests },
        lastRenderedAt: now.toISOString(),
        version,
        syncedVersion: inStep ? version : latest.syncedVersion ?? 0,
      };
      return (await deps.state.putGroup(next, latest.version)) ? inStep : CONFLICT;
    });
    if (failure !== undefined) throw failure;
    return synced;
  }

  return { render, show };
}
