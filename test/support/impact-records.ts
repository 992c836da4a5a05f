// Test support: non-technical audiences' messages live on the alarm's impact record (src/pipeline/impact.ts), the engineers' on the alarm's own.
import type { AlertRecord } from '../../src/core/alert-record.ts';
import { impactKeyFor } from '../../src/core/impact-key.ts';
import type { MessageRef } from '../../src/core/ports.ts';
import type { StatePort } from '../../src/state/state-port.ts';

/** The impact record an alarm feeds (null when it feeds none, or none was opened). */
export async function impactOf(state: Pick<StatePort, 'getAlert'>, alertKey: string): Promise<AlertRecord | null> {
  const record = await state.getAlert(alertKey);
  const key = record ? impactKeyFor(record.alert) : null;
  return key ? state.getAlert(key) : null;
}

/** Every audience's message of an alarm: its own (the engineers') and its impact's (everyone else). */
export async function messagesOf(state: Pick<StatePort, 'getAlert'>, alertKey: string): Promise<Record<string, MessageRef>> {
  const record = await state.getAlert(alertKey);
  const impact = await impactOf(state, alertKey);
  return { ...impact?.messages, ...record?.messages };
}
