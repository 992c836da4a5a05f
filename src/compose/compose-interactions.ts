/** @module Composition root (interactions side): the only place the answerer of Slack button presses is wired. */
import { answerInteraction } from '../interactions/answer-interaction.ts';
import type { InteractionAnswer, InteractionRequest } from '../interactions/answer-interaction.ts';
import type { InteractionPorts, InteractionSettings } from './clarion-wiring.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';
import { historyState } from './history-state.ts';

export type InteractionAnswerer = (request: InteractionRequest) => Promise<InteractionAnswer>;

export function composeInteractions(settings: InteractionSettings, ports: InteractionPorts): InteractionAnswerer {
  const deps = {
    signingSecret: settings.signingSecret,
    runtime: ports.runtime,
    state: historyState(ports),
    ...(ports.history ? { history: ports.history } : {}),
    slack: ports.slack,
    ...(ports.lifecycle ? { lifecycle: ports.lifecycle } : {}),
    ...(ports.plainText ? { plainText: ports.plainText } : {}),
    now: ports.now,
    ...(ports.queue ? { scheduleRefresh: (request: RefreshRequest, delaySeconds: number) => ports.queue!.scheduleRefresh(request, delaySeconds) } : {}),
    ...(ports.newId ? { newId: ports.newId } : {}),
    ...(settings.stage ? { stage: settings.stage } : {}),
    ...(settings.lifecycleSettings ? { deliveryLeaseSeconds: settings.lifecycleSettings.deliveryLeaseSeconds } : {}),
    ...(ports.log ? { log: ports.log } : {}),
  };
  return (request) => answerInteraction(request, deps);
}
