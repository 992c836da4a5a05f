/** @module Pipeline (the route stage's rules): an alert's audiences become Slack channels for the chosen stage. */
import type { ClarionConfig, TemplateName } from '../catalog/schema.ts';
import type { Alert } from '../core/alert.ts';

export interface Route {
  audience: string;
  channel: string;
  template: TemplateName;
  /** Outside office hours, `hold` keeps new messages for the summary (absent: `send`). */
  outOfHours?: 'send' | 'hold';
}

/** Uncatalogued alerts only ever reach the `uncatalogued` audience, with the generic template. */
export function routeAlert(alert: Alert, config: ClarionConfig, stage?: string): Route[] {
  const overrides = stage ? config.stages[stage]?.channels ?? {} : {};
  const routes: Route[] = [];
  for (const audience of alert.audiences) {
    const settings = config.audiences[audience];
    if (!settings) continue;
    routes.push({ audience, channel: overrides[audience] ?? settings.channel, template: settings.template, outOfHours: settings.outOfHours });
  }
  return routes;
}

/** The channel an audience is told in on a stage. */
export function channelFor(config: ClarionConfig, audience: string, stage?: string): string | undefined {
  return (stage ? config.stages[stage]?.channels[audience] : undefined) ?? config.audiences[audience]?.channel;
}

/** Why a stage cannot be used (the configuration does not name it), or undefined when it can. */
export function unknownStage(config: ClarionConfig, stage: string | undefined): string | undefined {
  const stages = Object.keys(config.stages);
  if (stage === undefined || stages.includes(stage)) return undefined;
  return `there is no stage "${stage}" under stages in clarion.config.yaml (${stages.length > 0 ? `stages: ${stages.join(', ')}` : 'it names none'})`;
}

/** The time zone in force for a stage. */
export function timeZoneFor(config: ClarionConfig, stage?: string): string {
  return (stage ? config.stages[stage]?.timeZone : undefined) ?? config.timeZone;
}
