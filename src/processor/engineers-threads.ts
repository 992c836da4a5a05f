/** @module Processor: where the engineers' thread of an alert is — its own engineers' messages, or its storm group's while it is shown there (escalation reminders and fix notices reply there). */
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import type { AlertRecord } from '../core/alert-record.ts';
import type { MessageRef } from '../core/ports.ts';
import type { StatePort } from '../state/state-port.ts';

export async function engineersThreads(record: AlertRecord | null, runtime: CatalogRuntime, state: Pick<StatePort, 'getGroup'>): Promise<MessageRef[]> {
  if (!record) return [];
  const engineers = (audience: string) => runtime.config.audiences[audience]?.template === 'techies';
  const own = Object.entries(record.messages).flatMap(([audience, ref]) => (engineers(audience) ? [ref] : []));
  if (own.length > 0 || !record.groupedInto) return own;
  const group = await state.getGroup(record.groupedInto);
  return Object.entries(group?.messages ?? {}).flatMap(([audience, ref]) => (engineers(audience) ? [ref] : []));
}
