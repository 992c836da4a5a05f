/** @module Stage 5 of 9: mute — reads the alert's record and decides who hears now: a snooze quiets repeats, office hours hold new messages for the summary. */
import type { Alert } from '../../core/alert.ts';
import type { AlertRecord } from '../../core/alert-record.ts';
import { heldRoutes, holdForSummary } from '../hold-for-summary.ts';
import { officeHoursFor } from '../office-hours.ts';
import type { OfficeHoursPolicy } from '../office-hours.ts';
import type { AlertPlan } from '../plan-alert.ts';
import { isSnoozed, opensIncident, storable, withinFlapWindow } from '../plan-alert.ts';
import type { RunContext } from '../pipeline-context.ts';
import type { Route } from '../route-alert.ts';
import type { Stage } from '../stage.ts';
import { showInGroup } from '../storm-membership.ts';
import { impactAfter, routesFor } from '../impact.ts';
import type { ImpactMember, ImpactState } from '../impact.ts';
import { ended } from '../stage.ts';
import { engineersOnly, markPlannedWork, plannedWorkNow } from '../maintenance-rule.ts';
import { noteSilenced, readSilences, silenceOver } from '../silence-mute.ts';
import { foldedUnder } from '../inhibition.ts';

/*
 * Silences, maintenance windows and inhibition (issue 12) decide here too: each is a rule over the
 * alert, its record and its routes that moves audiences from `present` to quiet or held. A silence
 * (`silence-mute.ts`) leaves nobody present and nobody away: the record is stored and edits of
 * messages already out make no sound, but nothing new is posted, replied or told.
 */

export interface MuteDecision {
  /** The alert as this run handles it: an impact's is only known once its record is read. */
  alert: Alert;
  routes: Route[];
  /** An impact's members and its entries' words, as this run leaves them. */
  members?: ImpactState['members'];
  voices?: ImpactState['voices'];
  /** The alert's stored record as this run read it (null: never seen). */
  existing: AlertRecord | null;
  /** This event opens a new incident (see `opensIncident`); only openings count towards a storm. */
  opening: boolean;
  /** A snooze is in force: repeats change the count but not the messages. */
  snoozed: boolean;
  /** Audiences away (outside office hours, set to `hold`) that this event would give a new message. */
  away: Route[];
  /** Audiences told now. */
  present: Route[];
  policy?: OfficeHoursPolicy;
  /** The silence in force over it (its id): nobody is told now, not even later by the summary; its end delivers what still fires. */
  silenced?: string;
  /** Inhibition: the cause entries this alert is folded under (nobody is told of it on its own; see inhibition.ts). */
  folded?: string[];
}

/**
 * Audiences away now that would get a new message: an alert opening (or opening again after the
 * flap window) is new to everyone; otherwise an audience already told keeps getting edits, and
 * a storm member is shown by its group's message.
 */
function awayRoutes(alert: Alert, existing: AlertRecord | null, opening: boolean, routes: Route[], now: Date, policy: OfficeHoursPolicy | undefined): Route[] {
  if (!policy) return [];
  if (alert.phase === 'info' || opening) return heldRoutes(routes, null, now, policy);
  if (!existing || existing.groupedInto) return [];
  return heldRoutes(routes, existing, now, policy);
}

export const mute: Stage<{ alert: Alert; routes: Route[]; member?: ImpactMember }, MuteDecision, RunContext> = {
  name: 'mute',
  async run(input, ctx) {
    // The active silences are read beside the record, not after it.
    const silences = readSilences(ctx, input.alert.signal.eventId);
    const existing = await ctx.deps.state.getAlert(input.alert.alertKey);
    const reopens = withinFlapWindow(existing, ctx.now, ctx.settings);
    const impact = input.member ? impactAfter({ alert: input.alert, member: input.member }, existing, (id) => ctx.runtime.index.byId.get(id), reopens) : undefined;
    if (impact === null) return ended('no-impact', 'a member resolved where no impact was open');
    // Planned work on the alarm's entry: engineers only, marked (maintenance-rule.ts); its impact is not fed meanwhile.
    const work = impact ? undefined : plannedWorkNow(ctx.runtime, ctx.deps.stage, input.alert, ctx.now);
    const alert = impact?.alert ?? (work ? markPlannedWork(input.alert, work) : input.alert);
    const routes = impact ? routesFor(alert, ctx.runtime.config, ctx.deps.stage) : work ? engineersOnly(input.routes) : input.routes;
    const policy = officeHoursFor(ctx.runtime.config, ctx.deps.stage);
    const opening = opensIncident(alert, existing, ctx.now, ctx.settings);
    const silence = await silenceOver(ctx, silences, alert, impact?.members, input.member?.alert ?? alert);
    // Folded under a firing cause: nobody hears of it on its own, now or in the summary.
    const folded = impact || silence ? [] : await foldedUnder(ctx, alert, existing);
    // A silenced or folded alert is recorded as usual, but no audience is told now or held for the summary.
    const away = silence || folded.length > 0 ? [] : awayRoutes(alert, existing, opening, routes, ctx.now, policy);
    return {
      alert,
      routes,
      ...(impact ? { members: impact.members, voices: impact.voices } : {}),
      existing,
      opening,
      snoozed: existing !== null && isSnoozed(existing, ctx.now),
      away,
      present: silence || folded.length > 0 ? [] : away.length > 0 ? routes.filter((r) => !away.includes(r)) : routes,
      ...(policy ? { policy } : {}),
      ...(silence ? { silenced: silence.id } : {}),
      ...(folded.length > 0 ? { folded } : {}),
    };
  },
};

/** Where the mute decision leaves the audiences once the record is stored. */
export interface Held {
  /** Audiences the summary will tell. */
  held: string[];
  /** Audiences to post now after all: the summary for this night already went out. */
  tellNow: Route[];
  /** The audiences this run delivers to. */
  deliverTo: Route[];
}

/**
 * Puts the audiences away into the summary — only once the alert's record is stored, so the
 * summary never finds an alert it cannot read. The summary may have gone out meanwhile (this
 * run read the clock just before office hours started): then they are told now, or they would
 * never hear.
 */
export async function keepHeld(ctx: RunContext, input: MuteDecision & { alert: Alert; routes: Route[]; plan: AlertPlan; record: AlertRecord | null }): Promise<Held> {
  const { alert, plan, record, away, present, policy } = input;
  const none: Held = { held: [], tellNow: [], deliverTo: present };
  if (input.silenced) {
    await noteSilenced(ctx, input.silenced, alert, record);
    return none;
  }
  // Also for an event that changes nothing (stale, already resolved) while Slack is behind the
  // record: it may be the retry that reaches Slack only after office hours, for audiences an
  // earlier failure left untold. Not once the record is in step: the summary may have told them.
  const behind = record !== null && (record.syncedVersion ?? 0) < record.version && !record.fixConfirmedAt;
  if (!policy || away.length === 0 || !(plan.record || plan.reason === 'info' || behind)) return none;
  const kept = await holdForSummary(ctx.deps.state, plan.reason === 'info' ? { notice: storable(alert) } : { alertKey: alert.alertKey }, ctx.now, policy);
  if (kept) return { ...none, held: away.map((r) => r.audience) };
  if (plan.reason === 'info') return { ...none, deliverTo: input.routes };
  if (record?.groupedInto) {
    await showInGroup(ctx, record, record.groupedInto, away);
    return none;
  }
  return { ...none, tellNow: away };
}
