/** @module Pipeline: the stages in order — normalize, then per signal match → enrich, then per alert route → mute → group → render → deliver → record. */
import type { Alert } from '../core/alert.ts';
import type { Signal } from '../core/signal.ts';
import type { ImpactMember } from './impact.ts';
import type { RunContext } from './pipeline-context.ts';
import { Stages } from './stage.ts';
import { deliver } from './stages/deliver.ts';
import { enrich } from './stages/enrich.ts';
import { group } from './stages/group.ts';
import { match } from './stages/match.ts';
import { measure } from './stages/measure.ts';
import { mute } from './stages/mute.ts';
import { record } from './stages/record.ts';
import { render } from './stages/render.ts';
import { route } from './stages/route.ts';

/*
 * Two lists, because the source event is claimed between them (see claim-event.ts): a signal the
 * catalog ignores claims nothing, and everything from route on runs at most once per event.
 * Routing comes before muting (not after, as in Alertmanager) because muting is per audience:
 * office hours hold the product leads while the engineers are told.
 */

/** What a signal is: its catalog entry, an SLO's figures, and the alert it makes (or why it is ignored). */
export const signalStages = Stages.start<{ signal: Signal }, RunContext>().then(match).then(measure).then(enrich);

/**
 * What an alert does: who is told, who is held, what is stored, what Slack shows. An impact runs
 * the same stages after each change of a member (`member`), for the non-technical audiences.
 */
export const alertStages = Stages.start<{ alert: Alert; member?: ImpactMember }, RunContext>().then(route).then(mute).then(group).then(render).then(deliver).then(record);
