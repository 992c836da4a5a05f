/** @module Interactions (automatic fixes, issue 14): a *Run fix* press — checked against the stored alert, then queued for the processor, which applies the guards and runs it. */
import type { BlockAction } from '../slack/interaction-payload.ts';
import { alertKeyFromValue } from '../../templates/parts/buttons.ts';
import { runIdFor } from '../pipeline/auto-fix.ts';
import { incidentOf } from '../pipeline/escalation.ts';
import type { InteractionDeps, InteractionResult } from './handle-interaction.ts';

/*
 * The press only asks: the processor re-reads the alert, checks the silence, planned work and the
 * entry's limit, calls the service and tells the thread. Running it here would hold Slack's 3 s
 * answer on an AWS call, and skip the queue's retries.
 */
export async function requestFixRun(action: BlockAction, user: string, deps: InteractionDeps, press: string | undefined): Promise<InteractionResult> {
  const alertKey = alertKeyFromValue(action.value);
  if (!alertKey) return { outcome: 'unknown-alert' };
  const record = await deps.state.getAlert(alertKey);
  if (!record) return { outcome: 'unknown-alert', alertKey };
  // A message not yet redrawn may still show the button: a recovered alert, or an entry no longer suggesting a fix.
  if (record.status !== 'open' || record.alert.autoFix?.mode !== 'suggest' || !deps.scheduleRefresh) return { outcome: 'fix-not-available', alertKey };
  const run = runIdFor(['press', press ?? `${user}:${deps.now().toISOString()}`]);
  await deps.scheduleRefresh({ clarion: 'fix', alertKey, incident: incidentOf(record), run, by: { kind: 'user', id: user } }, 1);
  deps.log?.info('automatic fix requested', { alertKey, catalogId: record.catalogId, user, run });
  return { outcome: 'fix-requested', alertKey };
}
