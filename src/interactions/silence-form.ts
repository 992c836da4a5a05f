/** @module Interactions: *Silence…* — the press opens a form (a Slack modal), its submission creates the silence; *Lift silence* on the quiet line ends it. */
import { createHash } from 'node:crypto';
import { DeliveryError } from '../core/delivery-error.ts';
import { createSilence, liftSilence } from '../pipeline/silence-admin.ts';
import { SilenceInputError } from '../pipeline/silences.ts';
import type { BlockAction, BlockActionsPayload, ViewSubmissionPayload } from '../slack/interaction-payload.ts';
import { SilenceLimitError } from '../state/silence-store.ts';
import { alertKeyFromValue } from '../../templates/parts/buttons.ts';
import { renderSilenceModal, SILENCE_FORM_LENGTHS, SILENCE_REASON_MAX, SILENCE_VIEW } from '../../templates/silence-modal.ts';
import type { InteractionDeps, InteractionResult } from './handle-interaction.ts';
import type { ViewSubmissionAnswer } from './post-update.ts';


/** Opens the form for whoever pressed: Slack takes the trigger once, within 3 s, so this only reads the record and opens it. */
export async function openSilenceForm(payload: BlockActionsPayload, action: BlockAction, deps: InteractionDeps): Promise<InteractionResult> {
  const alertKey = alertKeyFromValue(action.value);
  if (!alertKey) return { outcome: 'unknown-alert' };
  if (!deps.slack.openView || !payload.trigger_id) return { outcome: 'silence-form-not-opened', alertKey };
  const record = await deps.state.getAlert(alertKey);
  if (!record) return { outcome: 'unknown-alert', alertKey };
  const view = renderSilenceModal({
    alertKey,
    title: record.alert.title,
    ...(record.catalogId ? { entry: record.catalogId } : {}),
    ...(record.alert.group ? { group: record.alert.group } : {}),
  });
  try {
    await deps.slack.openView({ triggerId: payload.trigger_id, view });
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    deps.log?.info('could not open the silence form', { alertKey, code: error.code });
    return { outcome: 'silence-form-not-opened', alertKey };
  }
  return { outcome: 'silence-form-opened', alertKey };
}

function refused(alertKey: string | undefined, errors: Record<string, string>): ViewSubmissionAnswer {
  return { result: { outcome: 'silence-refused', ...(alertKey ? { alertKey } : {}) }, response: { response_action: 'errors', errors } };
}

/** The silence's id, the same for every delivery of one submission: a submission delivered twice makes one silence. */
export function silenceIdOf(payload: ViewSubmissionPayload): string {
  return createHash('sha256')
    .update(JSON.stringify([payload.user.id, payload.view.id, payload.view.hash ?? null]))
    .digest('hex')
    .slice(0, 10);
}

/** A submitted *Silence…* form: checked (a reason, a length, a scope that exists), then the silence is stored and its quiet line queued. */
export async function handleSilenceSubmission(payload: ViewSubmissionPayload, deps: InteractionDeps): Promise<ViewSubmissionAnswer> {
  const { view } = payload;
  const alertKey = alertKeyFromValue(view.private_metadata);
  const values = view.state.values;
  const reason = (values[SILENCE_VIEW.reason]?.[SILENCE_VIEW.reason]?.value ?? '').trim();
  const length = values[SILENCE_VIEW.length]?.[SILENCE_VIEW.length]?.selected_option?.value ?? '1h';
  const scope = values[SILENCE_VIEW.scope]?.[SILENCE_VIEW.scope]?.selected_option?.value ?? 'alarm';
  if (reason === '') return refused(alertKey, { [SILENCE_VIEW.reason]: 'Say why: the engineers’ channel shows it with the silence.' });
  if (reason.length > SILENCE_REASON_MAX) return refused(alertKey, { [SILENCE_VIEW.reason]: `Keep it under ${SILENCE_REASON_MAX} characters.` });
  if (!SILENCE_FORM_LENGTHS.some((l) => l.value === length)) return refused(alertKey, { [SILENCE_VIEW.length]: 'Pick one of the lengths offered.' });
  const record = alertKey ? await deps.state.getAlert(alertKey) : null;
  if (!alertKey || !record) return refused(alertKey, { [SILENCE_VIEW.reason]: 'Clarion no longer knows this alert, so nothing was silenced.' });
  const match = scope === 'alarm' ? alertKey : scope === 'entry' ? record.catalogId : scope === 'group' ? record.alert.group : undefined;
  if (!match || (scope !== 'alarm' && scope !== 'entry' && scope !== 'group')) return refused(alertKey, { [SILENCE_VIEW.scope]: 'This alert has no such entry or group.' });
  if (!deps.scheduleRefresh) {
    // Without the queue the quiet line would never be posted nor the silence end on time.
    return refused(alertKey, { [SILENCE_VIEW.reason]: 'This Clarion cannot make silences from Slack (its interactions function has no queue). Use `clarion silence add`.' });
  }
  try {
    const { silence, created } = await createSilence(
      {
        state: deps.state,
        runtime: deps.runtime,
        now: deps.now,
        newId: () => silenceIdOf(payload),
        enqueue: deps.scheduleRefresh,
        ...(deps.log ? { log: deps.log } : {}),
      },
      { match, kind: scope, ...(scope === 'alarm' ? { label: record.alert.title } : {}), for: length, reason, createdBy: payload.user.id, id: silenceIdOf(payload) },
    );
    return { result: { outcome: created ? 'silence-added' : 'duplicate-submission', alertKey, silenceId: silence.id }, response: { response_action: 'clear' } };
  } catch (error) {
    if (error instanceof SilenceInputError || error instanceof SilenceLimitError) return refused(alertKey, { [SILENCE_VIEW.reason]: error.message });
    throw error;
  }
}

/** *Lift silence* on the quiet line: the silence ends now, and what it held that still fires is delivered. */
export async function liftFromLine(action: BlockAction, user: string, deps: InteractionDeps): Promise<InteractionResult> {
  const id = action.value;
  if (!id) return { outcome: 'unknown-silence' };
  const lifted = await liftSilence({ state: deps.state, now: deps.now, ...(deps.scheduleRefresh ? { enqueue: deps.scheduleRefresh } : {}), ...(deps.log ? { log: deps.log } : {}) }, id, user);
  if (!lifted) return { outcome: 'unknown-silence' };
  return { outcome: lifted.ended ? 'silence-lifted' : 'silence-already-ended', silenceId: id };
}
