/** @module Render (stage 7): picks the audience's template and makes the result fit Slack's limits. */
import type { RenderInput, RenderedMessage } from '../src/core/alert.ts';
import type { TemplateName } from '../src/catalog/schema.ts';
import { fitOwnMessage } from '../src/slack/limits.ts';
import { renderGeneric } from './generic.ts';
import { renderLocalOffice } from './local-office.ts';
import { renderProductLeads } from './product-leads.ts';
import { renderTechies } from './techies.ts';

export { CLARION_ACTION_IDS, SNOOZE_OPTIONS } from './parts/buttons.ts';

const TEMPLATES: Record<TemplateName, (input: RenderInput) => RenderedMessage> = {
  techies: renderTechies,
  'product-leads': renderProductLeads,
  'local-office': renderLocalOffice,
};

/**
 * Renders one alert for one audience. Uncatalogued alerts (catalogId null) always get the generic
 * message: routing sends them to techies only, and there is no author text to say anything else.
 */
export function renderMessage(input: RenderInput): RenderedMessage {
  const render = input.alert.catalogId === null ? renderGeneric : TEMPLATES[input.template];
  // The template's message is new and not kept, so it is fitted in place rather than copied first.
  return fitOwnMessage(render(input));
}
