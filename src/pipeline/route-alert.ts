/** @module Stage 6 of 9: route — an alert's audiences become Slack channels for the chosen stage. */
import type { ClarionConfig, TemplateName } from '../catalog/schema.ts';
import type { Alert } from '../core/alert.ts';

export interface Route {
  audience: string;
  channel: string;
  template: TemplateName;
}

/** Uncatalogued alerts only ever reach the `uncatalogued` audience, with the generic template. */
export function routeAlert(alert: Alert, config: ClarionConfig, stage?: string): Route[] {
  const overrides = stage ? config.stages[stage]?.channels ?? {} : {};
  const routes: Route[] = [];
  for (const audience of alert.audiences) {
    const settings = config.audiences[audience];
    if (!settings) continue;
    routes.push({ audience, channel: overrides[audience] ?? settings.channel, template: settings.template });
  }
  return routes;
}

/** The time zone in force for a stage. */
export function timeZoneFor(config: ClarionConfig, stage?: string): string {
  return (stage ? config.stages[stage]?.timeZone : undefined) ?? config.timeZone;
}
