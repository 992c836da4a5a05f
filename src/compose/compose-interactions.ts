/** @module Composition root (interactions side): the only place the answerer of Slack button presses is wired. */
import { answerInteraction } from '../interactions/answer-interaction.ts';
import type { InteractionAnswer, InteractionRequest } from '../interactions/answer-interaction.ts';
import type { InteractionPorts, InteractionSettings } from './clarion-wiring.ts';

export type InteractionAnswerer = (request: InteractionRequest) => Promise<InteractionAnswer>;

export function composeInteractions(settings: InteractionSettings, ports: InteractionPorts): InteractionAnswerer {
  const deps = {
    signingSecret: settings.signingSecret,
    runtime: ports.runtime,
    state: ports.state,
    slack: ports.slack,
    ...(ports.lifecycle ? { lifecycle: ports.lifecycle } : {}),
    ...(ports.plainText ? { plainText: ports.plainText } : {}),
    now: ports.now,
    ...(settings.stage ? { stage: settings.stage } : {}),
    ...(settings.lifecycleSettings ? { deliveryLeaseSeconds: settings.lifecycleSettings.deliveryLeaseSeconds } : {}),
    ...(ports.log ? { log: ports.log } : {}),
    ...(ports.queue ? { scheduleRefresh: ports.queue.scheduleRefresh.bind(ports.queue) } : {}),
  };
  return (request) => answerInteraction(request, deps);
}
