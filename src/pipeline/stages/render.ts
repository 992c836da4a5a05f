/** @module Stage 7 of 9: render — each Slack action the group stage planned gets its message, from one builder of template input. */
import type { CatalogRuntime } from '../../catalog/catalog-runtime.ts';
import { suggestEntry } from '../../catalog/suggest-entry.ts';
import type { Alert, RenderedMessage, RenderInput, TemplateName } from '../../core/alert.ts';
import type { AlertRecord } from '../../core/alert-record.ts';
import { renderMessage } from '../../../templates/index.ts';
import { lifecycleOf } from '../lifecycle-of.ts';
import type { SlackAction } from '../plan-alert.ts';
import type { RunContext } from '../pipeline-context.ts';
import { timeZoneFor } from '../route-alert.ts';
import type { Route } from '../route-alert.ts';
import type { Stage } from '../stage.ts';

/** A planned Slack action with its message rendered (replies carry their own text). */
export type Outbound = Exclude<SlackAction, { kind: 'reply' }> & { message?: RenderedMessage } | Extract<SlackAction, { kind: 'reply' }>;

/**
 * The one place template input is built — for Slack, the CLI's `render` and the preview page
 * alike — so what an author previews is what ships. `record` adds what the state store knows of
 * the alert's life; an uncatalogued alert carries the entry an author could add for it.
 */
export function templateInput(args: {
  alert: Alert;
  audience: string;
  /** The route's template; absent, the audience's configured one. */
  template?: TemplateName;
  config: CatalogRuntime['config'];
  stage?: string;
  now: Date;
  record?: AlertRecord;
}): RenderInput {
  const { alert, config } = args;
  return {
    alert,
    audience: args.audience,
    // An audience since removed from the configuration still has its messages: the engineers' template shows everything.
    template: args.template ?? config.audiences[args.audience]?.template ?? 'techies',
    now: args.now,
    timeZone: timeZoneFor(config, args.stage),
    serviceName: config.serviceName,
    ...(args.record ? { lifecycle: lifecycleOf(args.record) } : {}),
    ...(alert.catalogId === null ? { suggestedEntry: suggestEntry(alert.signal) } : {}),
    ...(config.statusPage?.url ? { statusPageUrl: config.statusPage.url } : {}),
  };
}

/** The message one audience sees of an alert (of its stored record, when there is one). */
export function renderFor(args: Parameters<typeof templateInput>[0]): RenderedMessage {
  return renderMessage(templateInput(args));
}

interface RenderIn {
  alert: Alert;
  record: AlertRecord | null;
  actions: SlackAction[];
  deliverTo: Route[];
}

export const render: Stage<RenderIn, { outbound: Outbound[] }, RunContext> = {
  name: 'render',
  run({ alert, record, actions, deliverTo }, ctx) {
    const message = (audience: string) =>
      renderFor({
        alert: record?.alert ?? alert,
        audience,
        ...(deliverTo.find((r) => r.audience === audience) ? { template: deliverTo.find((r) => r.audience === audience)!.template } : {}),
        config: ctx.runtime.config,
        ...(ctx.deps.stage ? { stage: ctx.deps.stage } : {}),
        now: ctx.now,
        ...(record ? { record } : {}),
      });
    // Information has no record: one post per audience told now.
    const planned: SlackAction[] = record ? actions : alert.phase === 'info' ? deliverTo.map((r) => ({ kind: 'post', audience: r.audience, channel: r.channel })) : [];
    return { outbound: planned.map((a) => (a.kind === 'reply' ? a : { ...a, message: message(a.audience) })) };
  },
};
