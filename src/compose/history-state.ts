/** @module Composition root (history): the state store handed to the processor and the interactions, summing every alert record up in history when there is one. */
import { parseDuration } from '../pipeline/parse-duration.ts';
import { withHistory } from '../state/incident-of.ts';
import type { StatePort } from '../state/state-port.ts';
import type { ClarionPorts } from './clarion-wiring.ts';

export function historyState(ports: Pick<ClarionPorts, 'state' | 'history' | 'runtime' | 'now'>): StatePort {
  if (!ports.history) return ports.state;
  return withHistory(ports.state, {
    history: ports.history,
    retentionSeconds: () => parseDuration(ports.runtime().config.history.retention),
    now: ports.now,
  });
}
