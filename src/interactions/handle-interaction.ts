/** @module Interactions: what a button press in Slack changes — acknowledge (one alert, or a whole storm), snooze, tell local offices, resolve, open the update or silence form, lift a silence, answer *Was this clear?*, open a link. */
import { createHash } from 'node:crypto';
import type { AlertRecord } from '../core/alert-record.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';
import type { BlockAction, BlockActionsPayload } from '../slack/interaction-payload.ts';
import { CLARION_ACTION_IDS, SNOOZE_OPTIONS } from '../../templates/index.ts';
import { alertKeyFromValue } from '../../templates/parts/buttons.ts';
import { createMessageSync } from '../pipeline/message-sync.ts';
import { acknowledgeGroup } from './acknowledge-group.ts';
import { resolvedByHand } from '../pipeline/resolve-by-hand.ts';
import { createTellChange } from '../pipeline/tell-change.ts';
import { impactAcknowledged, impactAfterHandResolve, routesFor } from '../pipeline/impact.ts';
import { impactKeyFor } from '../core/impact-key.ts';
import { DEFAULT_LIFECYCLE } from '../pipeline/plan-alert.ts';
import { heldByOther, withLease } from '../state/delivery-lease.ts';
import { CONFLICT, retryOnConflict } from '../state/versioned-write.ts';
import { runClaimed } from '../state/claimed-step.ts';
import { lifecycleEvent } from '../pipeline/plan-alert.ts';
import { noteInhibition } from '../pipeline/inhibition.ts';
import type { CorePorts } from '../pipeline/pipeline-context.ts';
import { channelFor } from '../pipeline/route-alert.ts';
import { openUpdateForm } from './post-update.ts';
import { requestPageUpdate } from '../pipeline/escalation-state.ts';
import { liftFromLine, openSilenceForm } from './silence-form.ts';
import { answerClarity } from './clarity-answer.ts';
import { CLARITY_ACTION_IDS } from '../../templates/parts/clarity.ts';
import { requestFixRun } from './run-fix-press.ts';

export interface InteractionDeps extends CorePorts {
  stage?: string;
  /** How long a press that posts holds the alert's delivery lease (the processor's setting; default 120 s). */
  deliveryLeaseSeconds?: number;
  log?: { info(message: string, fields?: Record<string, unknown>): void };
  /** Puts a request on the processor's queue (a page to acknowledge or resolve, a silence's quiet line and its end); optional, as in benches. */
  scheduleRefresh?: (request: RefreshRequest, delaySeconds: number) => Promise<void>;
  /** New ids (a silence's, when the form gives none). */
  newId?: () => string;
}

export type InteractionOutcome =
  | 'acknowledged'
  | 'already-acknowledged'
  /** Acknowledge all on a storm message: the group and its open alerts nobody had acknowledged. */
  | 'group-acknowledged'
  /** The storm group a press names is not stored (expired, or a forged value). */
  | 'unknown-group'
  | 'snoozed'
  | 'unsnoozed'
  /** Unsnooze on an alert no snooze holds (lifted already, or a timed one that ran out). */
  | 'not-snoozed'
  | 'told-local-offices'
  | 'resolved'
  | 'already-resolved'
  | 'already-told'
  | 'link-opened'
  | 'unknown-alert'
  | 'unknown-action'
  | 'no-local-office-audience'
  /** The same press delivered again (a replay within Slack's signature window): nothing changes. */
  | 'duplicate-press'
  /** *Post an update*: the form opened, or could not (trigger expired or used, no views.open); a submission posted, refused (jargon, empty), or delivered again. */
  | 'update-form-opened'
  | 'update-form-not-opened'
  | 'update-posted'
  | 'update-refused'
  | 'duplicate-submission'
  | 'unknown-view'
  /** *Silence…*: the form opened or could not; a submission made a silence or was refused; *Lift silence* ended one (or it had ended). */
  | 'silence-form-opened'
  | 'silence-form-not-opened'
  | 'silence-added'
  | 'silence-refused'
  | 'silence-lifted'
  | 'silence-already-ended'
  | 'unknown-silence'
  /** *Was this clear?*: an answer recorded, the "What was unclear?" form opened, or nothing recorded (no history store, or an unreadable press). */
  | 'clarity-recorded'
  | 'clarity-form-opened'
  | 'clarity-not-recorded'
  /** *Run fix*: the run was queued for the processor, or the alert no longer offers one (recovered, or its entry changed). */
  | 'fix-requested'
  | 'fix-not-available';

export interface InteractionResult {
  outcome: InteractionOutcome;
  alertKey?: string;
  /** For presses on a storm message: its group. */
  groupKey?: string;
  /** How many alerts an Acknowledge all press acknowledged. */
  acknowledged?: number;
  /** The silence a form made or a press lifted. */
  silenceId?: string;
}

const SNOOZE_SECONDS: Record<string, number> = { '1h': 3600, '4h': 4 * 3600 };

/**
 * A signed request is accepted up to 5 minutes either side of its timestamp, so the same bytes can
 * come back up to 10 minutes after the first delivery; the claim on a press outlives that.
 */
export const PRESS_CLAIM_SECONDS = 11 * 60;

/**
 * The id of one press, the same for every delivery of it and different for any other press:
 * Slack stamps each press with its own `action_ts` and `trigger_id`, and the user, message and
 * choice keep presses from different messages or people apart. Hashed, so the key stays short
 * whatever a payload carries. Undefined when the payload has neither stamp (Slack always sends
 * them; without them a press cannot be told from its replay).
 */
export function pressId(payload: BlockActionsPayload, action: BlockAction): string | undefined {
  if (action.action_ts === undefined && payload.trigger_id === undefined) return undefined;
  const parts = [
    payload.user.id,
    payload.container?.channel_id ?? payload.channel?.id ?? null,
    payload.container?.message_ts ?? payload.message?.ts ?? null,
    action.action_id,
    action.selected_option?.value ?? action.value ?? null,
    action.action_ts ?? null,
    payload.trigger_id ?? null,
  ];
  return `press:${createHash('sha256').update(JSON.stringify(parts)).digest('base64url')}`;
}

/** Handles the first action of a block_actions payload (Slack sends one per press). */
export async function handleBlockAction(payload: BlockActionsPayload, deps: InteractionDeps): Promise<InteractionResult> {
  const action = payload.actions[0]!;
  const sync = createMessageSync(deps);
  const tellChange = createTellChange(deps);
  const user = payload.user.id;

  /** Re-reads and rewrites the record until the change applies or is not needed. */
  async function change(alertKey: string, apply: (record: AlertRecord) => AlertRecord | InteractionOutcome): Promise<{ record: AlertRecord } | InteractionResult> {
    return retryOnConflict(alertKey, async () => {
      const record = await deps.state.getAlert(alertKey);
      if (!record) return { outcome: 'unknown-alert' as const, alertKey };
      const next = apply(record);
      if (typeof next === 'string') return { outcome: next, alertKey };
      const written = { ...next, version: record.version + 1 };
      return (await deps.state.putAlert(written, record.version)) ? { record: written } : CONFLICT;
    });
  }

  /**
   * What the non-technical audiences hear follows the alarm: its impact (see impact.ts) changes as
   * `apply` says, and its messages show it. Null when the alarm has no impact or nothing changed.
   */
  async function followImpact(member: AlertRecord, apply: (impact: AlertRecord) => AlertRecord | null): Promise<AlertRecord | null> {
    const key = impactKeyFor(member.alert);
    if (!key) return null;
    const changed = await change(key, (impact) => apply(impact) ?? 'already-acknowledged');
    return 'record' in changed ? showEverywhere(changed.record) : null;
  }

  /** Non-technical audiences are told the impact is fixed once an engineer resolved its last open alarm (again on a retried press: whoever was missed). */
  /**
   * A cause resolved by hand stops folding its dependants: those still firing are delivered on their
   * own, as when its alarm recovers (the processor does it, asked through the queue).
   */
  async function unfoldDependants(record: AlertRecord): Promise<void> {
    if (!deps.scheduleRefresh) return;
    const { log: _log, ...ports } = deps;
    await noteInhibition({ deps: { ...ports, scheduleRefresh: deps.scheduleRefresh }, settings: DEFAULT_LIFECYCLE }, record.alert, [], deps.now());
  }

  async function tellImpactFixed(member: AlertRecord): Promise<void> {
    const key = impactKeyFor(member.alert);
    const impact = key ? await deps.state.getAlert(key) : null;
    if (impact?.resolvedBy && impact.resolvedAt) await tellChange({ clarion: 'tell', alertKey: impact.alertKey, change: 'fixed', key: `fixed@${impact.resolvedAt}` });
  }

  async function showEverywhere(record: AlertRecord): Promise<AlertRecord> {
    return sync.updateAll(record, routesFor(record.alert, deps.runtime().config, deps.stage), deps.now());
  }

  /**
   * Applies a state-changing press once: the press is claimed first, so a replay of it changes
   * nothing and edits no message; a failure gives the claim back, so a retry still applies.
   */
  async function once(apply: () => Promise<InteractionResult>): Promise<InteractionResult> {
    const id = pressId(payload, action);
    if (id === undefined) return apply();
    const expiresAt = Math.floor(deps.now().getTime() / 1000) + PRESS_CLAIM_SECONDS;
    // The press failed either way when its claim cannot be released: the claim lapses with its expiry instead.
    const done = await runClaimed(deps.state, id, expiresAt, apply, (releaseError) =>
      deps.log?.info('could not release the claim of a failed press', { actionId: action.action_id, user, error: String(releaseError) }),
    );
    if (done) return done.value;
    deps.log?.info('press delivered again; ignored', { actionId: action.action_id, user });
    return { outcome: 'duplicate-press' };
  }

  async function acknowledge(): Promise<InteractionResult> {
    const alertKey = alertKeyFromValue(action.value);
    if (!alertKey) return { outcome: 'unknown-alert' };
    const now = deps.now().toISOString();
    // First press wins: a second engineer's press changes nothing and keeps the first name.
    const changed = await change(alertKey, (r) => (r.acknowledgedBy ? 'already-acknowledged' : { ...r, acknowledgedBy: user, acknowledgedAt: now }));
    if (!('record' in changed)) {
      // A press whose first try failed after it was stored: the impact may not have heard, and takes the first name.
      const stored = changed.outcome === 'already-acknowledged' ? await deps.state.getAlert(alertKey) : null;
      if (stored?.acknowledgedBy) await followImpact(stored, (impact) => impactAcknowledged(impact, stored.acknowledgedBy!, stored.acknowledgedAt ?? now));
      // The page too (a no-op when it heard already).
      if (stored?.acknowledgedBy) await requestPageUpdate(deps, stored);
      return changed;
    }
    await showEverywhere(changed.record);
    await followImpact(changed.record, (impact) => impactAcknowledged(impact, user, now));
    await deps.lifecycle?.publish([lifecycleEvent('Clarion Alert Acknowledged', changed.record, now)]);
    await requestPageUpdate(deps, changed.record);
    deps.log?.info('alert acknowledged', { alertKey, catalogId: changed.record.catalogId, user });
    return { outcome: 'acknowledged', alertKey };
  }

  async function snooze(): Promise<InteractionResult> {
    const alertKey = keyFromMessage(payload);
    const choice = action.selected_option?.value;
    if (!alertKey || !choice || !SNOOZE_OPTIONS.some((o) => o.value === choice)) return { outcome: 'unknown-alert' };
    const now = deps.now();
    const until = choice === 'until-resolved' || choice === 'until-lifted' ? choice : new Date(now.getTime() + SNOOZE_SECONDS[choice]! * 1000).toISOString();
    const changed = await change(alertKey, (r) => ({ ...r, snoozedUntil: until, snoozedBy: user }));
    if (!('record' in changed)) return changed;
    await showEverywhere(changed.record);
    await deps.lifecycle?.publish([lifecycleEvent('Clarion Alert Snoozed', changed.record, now.toISOString())]);
    deps.log?.info('alert snoozed', { alertKey, catalogId: changed.record.catalogId, user, until });
    return { outcome: 'snoozed', alertKey };
  }

  /** Lifts a snooze: every repeat shows again, and the message says so. */
  async function unsnooze(): Promise<InteractionResult> {
    const alertKey = alertKeyFromValue(action.value);
    if (!alertKey) return { outcome: 'unknown-alert' };
    const now = deps.now();
    const changed = await change(alertKey, (r) => {
      if (!r.snoozedUntil) return 'not-snoozed';
      const next = { ...r };
      delete next.snoozedUntil;
      delete next.snoozedBy;
      return next;
    });
    if (!('record' in changed)) return changed;
    await showEverywhere(changed.record);
    await deps.lifecycle?.publish([lifecycleEvent('Clarion Alert Unsnoozed', changed.record, now.toISOString())]);
    deps.log?.info('alert unsnoozed', { alertKey, catalogId: changed.record.catalogId, user });
    return { outcome: 'unsnoozed', alertKey };
  }

  /**
   * An engineer says it is fixed (events that never send an OK stay firing otherwise): every message
   * shows it resolved, the engineers' thread says who, and the non-technical audiences are told.
   */
  function impactEntry(impact: AlertRecord) {
    return impact.catalogId ? deps.runtime().index.byId.get(impact.catalogId) : undefined;
  }

  async function resolve(): Promise<InteractionResult> {
    const alertKey = alertKeyFromValue(action.value);
    if (!alertKey) return { outcome: 'unknown-alert' };
    const now = deps.now();
    const { index } = deps.runtime();
    const changed = await change(alertKey, (r) => (r.status === 'resolved' ? 'already-resolved' : resolvedByHand(r, r.catalogId ? index.byId.get(r.catalogId) : undefined, user, now)));
    if (!('record' in changed)) {
      // A press whose first try failed after the record was stored: telling picks up whoever it missed.
      const stored = await deps.state.getAlert(alertKey);
      if (stored?.resolvedBy && stored.resolvedAt) {
        await followImpact(stored, (impact) => impactAfterHandResolve(impact, stored, impactEntry(impact), stored.resolvedBy!, now));
        await tellChange({ clarion: 'tell', alertKey, change: 'fixed', key: `fixed@${stored.resolvedAt}` });
        await tellImpactFixed(stored);
        await requestPageUpdate(deps, stored);
        await unfoldDependants(stored);
      }
      return changed;
    }
    const record = await showEverywhere(changed.record);
    await deps.lifecycle?.publish([lifecycleEvent('Clarion Alert Resolved', record, now.toISOString())]);
    await requestPageUpdate(deps, record);
    await unfoldDependants(record);
    await followImpact(record, (impact) => impactAfterHandResolve(impact, record, impactEntry(impact), user, now));
    // The news first: the engineers' thread note is the one step that may be lost without harm.
    await tellChange({ clarion: 'tell', alertKey, change: 'fixed', key: `fixed@${record.resolvedAt}` });
    await tellImpactFixed(record);
    const { config } = deps.runtime();
    const who = /^[UW][A-Z0-9]{2,}$/.test(user) ? `<@${user}>` : 'an engineer';
    for (const [audience, ref] of Object.entries(record.messages)) {
      if (config.audiences[audience]?.template !== 'techies') continue;
      try {
        await deps.slack.post({ channel: ref.channel, threadTs: ref.ts, message: { text: `Resolved by hand by ${who}.`, blocks: [] } });
      } catch (error) {
        deps.log?.info('could not note the resolve in the engineers’ thread', { alertKey, error: String(error) });
      }
    }
    deps.log?.info('alert resolved by hand', { alertKey, catalogId: record.catalogId, user });
    return { outcome: 'resolved', alertKey };
  }

  switch (action.action_id) {
    case CLARION_ACTION_IDS.resolve:
      return once(resolve);
    case CLARION_ACTION_IDS.acknowledge:
      return once(acknowledge);
    case CLARION_ACTION_IDS.snooze:
      return once(snooze);
    case CLARION_ACTION_IDS.unsnooze:
      return once(unsnooze);
    case CLARION_ACTION_IDS.acknowledgeGroup: {
      const groupKey = alertKeyFromValue(action.value);
      return groupKey ? once(() => acknowledgeGroup(groupKey, user, deps, sync)) : { outcome: 'unknown-group' };
    }
    case CLARION_ACTION_IDS.tellLocalOffices:
      return once(() => tellLocalOffices(action, user, deps, sync));
    case CLARION_ACTION_IDS.postUpdate:
      return once(() => openUpdateForm(payload, action, deps));
    case CLARION_ACTION_IDS.silence:
      return once(() => openSilenceForm(payload, action, deps));
    case CLARION_ACTION_IDS.silenceLift:
      return once(() => liftFromLine(action, user, deps));
    case CLARION_ACTION_IDS.runFix:
      return once(() => requestFixRun(action, user, deps, pressId(payload, action)));
    case CLARITY_ACTION_IDS.yes:
    case CLARITY_ACTION_IDS.no:
      return once(() => answerClarity(payload, action, deps));
    case CLARION_ACTION_IDS.openRunbook:
    case CLARION_ACTION_IDS.viewConsole:
      // URL buttons still send a payload; Slack only needs the 200.
      return { outcome: 'link-opened' };
    default:
      deps.log?.info('unknown Slack action ignored', { actionId: action.action_id, user });
      return { outcome: 'unknown-action' };
  }
}

async function tellLocalOffices(action: BlockAction, user: string, deps: InteractionDeps, sync: ReturnType<typeof createMessageSync>): Promise<InteractionResult> {
  const alertKey = alertKeyFromValue(action.value);
  if (!alertKey) return { outcome: 'unknown-alert' };
  const { config } = deps.runtime();
  // The catalog's forwardable text and the button are keyed by the `local-office` audience; a
  // configuration may also name its own audience rendered with the local-office template.
  const audience = Object.entries(config.audiences).find(([name, a]) => name === 'local-office' || a.template === 'local-office');
  if (!audience) return { outcome: 'no-local-office-audience', alertKey };
  const [name, settings] = audience;
  // Local offices hear of the impact, like everyone but the engineers: one message however many of
  // its alarms the button is pressed on, which follows the impact and is told when it is fixed.
  const member = await deps.state.getAlert(alertKey);
  const impactKey = member ? impactKeyFor(member.alert) : null;
  const target = impactKey && (await deps.state.getAlert(impactKey)) ? impactKey : alertKey;
  // Claim the post with a conditional write first, so two people pressing at once post it once.
  const lease = { id: `tell-local-offices:${target}`, seconds: deps.deliveryLeaseSeconds ?? DEFAULT_LIFECYCLE.deliveryLeaseSeconds };
  const claim = await retryOnConflict(target, async (): Promise<InteractionResult | { record: AlertRecord } | typeof CONFLICT> => {
    const current = await deps.state.getAlert(target);
    if (!current) return { outcome: 'unknown-alert' as const, alertKey };
    // Any delivery under way (even another press of this button) may be posting to them right now.
    if (current.messages[name] || heldByOther(current, '', deps.now()) !== null) return { outcome: 'already-told' as const, alertKey };
    const claimed: AlertRecord = { ...withLease(current, lease, deps.now()), version: current.version + 1 };
    return (await deps.state.putAlert(claimed, current.version)) ? { record: claimed } : CONFLICT;
  });
  if (!('record' in claim)) return claim;
  const { record } = claim;
  const channel = channelFor(config, name, deps.stage) ?? settings.channel;
  const routes = [{ audience: name, channel, template: settings.template }];
  const posted = await sync.deliver(record, [{ kind: 'post', audience: name, channel }], routes, deps.now());
  await sync.recordDelivery(record, posted, { complete: true, leaseId: lease.id });
  // Engineers see who told them and when; noted only once the post went out.
  const told = await retryOnConflict(alertKey, async () => {
    const latest = (await deps.state.getAlert(alertKey))!;
    const next: AlertRecord = { ...latest, localOfficesTold: { by: user, at: deps.now().toISOString() }, version: latest.version + 1 };
    return (await deps.state.putAlert(next, latest.version)) ? next : CONFLICT;
  });
  deps.log?.info('local offices told on request', { alertKey, told: target, catalogId: record.catalogId });
  // The engineers' message loses its button, so nobody wonders whether they were told.
  const engineers = Object.entries(told.messages).filter(([audience]) => config.audiences[audience]?.template === 'techies');
  if (engineers.length > 0) {
    const edits = engineers.map(([audience, ref]) => ({ kind: 'update' as const, audience, ref }));
    await sync.recordDelivery(told, await sync.deliver(told, edits, [], deps.now()));
  }
  return { outcome: 'told-local-offices', alertKey };
}


/** The snooze menu carries only the duration; the alert is named by the message's own buttons. */
function keyFromMessage(payload: BlockActionsPayload): string | undefined {
  for (const block of payload.message?.blocks ?? []) {
    const elements = (block as { elements?: Array<{ action_id?: string; value?: string }> }).elements ?? [];
    for (const element of elements) {
      if (element.action_id?.startsWith('clarion.') && element.value) return alertKeyFromValue(element.value);
    }
  }
  return undefined;
}
