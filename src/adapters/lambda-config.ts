/** @module Adapter (Lambda edge): the settings each handler needs, validated once at cold start. */
import * as z from 'zod';
import { ClarionError } from '../core/clarion-error.ts';

/*
 * On AWS, handlers get their settings from the resources SST links to them (`Resource` from
 * 'sst'); locally and in tests, from environment variables of the same names as the schema keys.
 * Validating them at cold start turns a missing secret or URL into one clear error instead of a
 * failure deep inside the first alert.
 */
const nonEmpty = z.string().trim().min(1);

export const ProcessorConfig = z.object({
  CLARION_STATE_TABLE: nonEmpty,
  /** Past incidents (status page, report, recap); without it nothing is kept. */
  CLARION_HISTORY_TABLE: nonEmpty.optional(),
  CLARION_SIGNAL_QUEUE_URL: z.url(),
  CLARION_DEAD_LETTER_QUEUE_URL: z.url(),
  CLARION_EVENT_BUS: nonEmpty.optional(),
  CLARION_STAGE: nonEmpty.optional(),
  CLARION_CATALOG_DIR: nonEmpty.default('alert-catalog'),
  SLACK_BOT_TOKEN: nonEmpty,
  /** Only for the local stack and tests: where the Slack Web API lives. */
  SLACK_API_URL: z.url().optional(),
  /** The deployed status page, which local-office messages link to (unless the configuration names its own). */
  CLARION_STATUS_PAGE_URL: z.url().optional(),
  /** PagerDuty's Events API address, instead of the configuration's (the local stand-in, a proxy). */
  CLARION_PAGERDUTY_URL: z.url().optional(),
  /** The PagerDuty integration's routing key (the PagerDutyRoutingKey secret on AWS). */
  CLARION_PAGERDUTY_ROUTING_KEY: nonEmpty.optional(),
});
export type ProcessorConfig = z.infer<typeof ProcessorConfig>;

export const InteractionsConfig = z.object({
  CLARION_STATE_TABLE: nonEmpty,
  CLARION_HISTORY_TABLE: nonEmpty.optional(),
  CLARION_EVENT_BUS: nonEmpty.optional(),
  CLARION_STAGE: nonEmpty.optional(),
  CLARION_CATALOG_DIR: nonEmpty.default('alert-catalog'),
  SLACK_BOT_TOKEN: nonEmpty,
  SLACK_SIGNING_SECRET: nonEmpty,
  SLACK_API_URL: z.url().optional(),
  /** *Tell local offices* posts the local-office message, which links to the status page. */
  CLARION_STATUS_PAGE_URL: z.url().optional(),
  /** Where the interactions side queues requests for the processor: a page to update after an acknowledgement or a resolve by hand, a silence's quiet line and end (without it, silences from Slack are refused). */
  CLARION_SIGNAL_QUEUE_URL: z.url().optional(),
});
export type InteractionsConfig = z.infer<typeof InteractionsConfig>;

/** The history metrics function needs only the stage, for its office hours (from the bundled catalog). */
export const HistoryMetricsConfig = z.object({
  CLARION_STAGE: nonEmpty.optional(),
  CLARION_CATALOG_DIR: nonEmpty.default('alert-catalog'),
});
export type HistoryMetricsConfig = z.infer<typeof HistoryMetricsConfig>;
/** The status page publisher, woken by the history table's stream. */
export const PublisherConfig = z.object({
  CLARION_HISTORY_TABLE: nonEmpty,
  CLARION_STATUS_BUCKET: nonEmpty,
  /** The shared-secret path prefix (the StatusPagePath secret; its placeholder `none` means no prefix). */
  CLARION_STATUS_PAGE_PATH: nonEmpty.optional(),
  CLARION_STAGE: nonEmpty.optional(),
  CLARION_CATALOG_DIR: nonEmpty.default('alert-catalog'),
});
export type PublisherConfig = z.infer<typeof PublisherConfig>;

export class ConfigError extends ClarionError {}

/** Parses `env` with `schema`; the error names the variables, never their values. */
export function readConfig<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`Clarion is missing settings: ${problems.join('; ')}`);
}

/**
 * Which linked SST resource (by its logical name in `infra/`) and property stands for each
 * setting. The infrastructure test reads this table to prove every resource a handler reads is
 * linked to it, so a setting added here without a `link` fails CI, not the first deploy.
 */
export const LINKED_SETTINGS = {
  CLARION_STATE_TABLE: { resource: 'StateTable', property: 'name' },
  CLARION_HISTORY_TABLE: { resource: 'HistoryTable', property: 'name' },
  CLARION_SIGNAL_QUEUE_URL: { resource: 'SignalQueue', property: 'url' },
  CLARION_DEAD_LETTER_QUEUE_URL: { resource: 'DeadLetterQueue', property: 'url' },
  CLARION_EVENT_BUS: { resource: 'ClarionBus', property: 'name' },
  CLARION_STAGE: { resource: 'App', property: 'stage' },
  SLACK_BOT_TOKEN: { resource: 'SlackBotToken', property: 'value' },
  SLACK_SIGNING_SECRET: { resource: 'SlackSigningSecret', property: 'value' },
  CLARION_PAGERDUTY_ROUTING_KEY: { resource: 'PagerDutyRoutingKey', property: 'value' },
  CLARION_STATUS_PAGE_URL: { resource: 'StatusPage', property: 'url' },
  CLARION_STATUS_BUCKET: { resource: 'StatusPageBucket', property: 'name' },
  CLARION_STATUS_PAGE_PATH: { resource: 'StatusPagePath', property: 'value' },
} as const satisfies Record<string, { resource: string; property: string }>;

/**
 * Reads one property of a linked resource, or `undefined` when it is not linked. SST's
 * `Resource` throws for a name that is not linked (and for every name outside `sst dev`/Lambda),
 * so the lookup goes through `in` first and never lets that escape.
 */
export function readLinked(resources: object, name: string, property: string): string | undefined {
  try {
    if (!(name in resources)) return undefined;
    const value = (resources as Record<string, Record<string, unknown> | undefined>)[name]?.[property];
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The settings as `readConfig` takes them: each linked value where SST links one, otherwise the
 * environment variable of the same name (the local stack and the tests set those).
 */
export function linkedSettings(resources: object, env: Record<string, string | undefined>): Record<string, string | undefined> {
  const settings: Record<string, string | undefined> = { ...env };
  for (const [key, { resource, property }] of Object.entries(LINKED_SETTINGS)) {
    const linked = readLinked(resources, resource, property);
    if (linked !== undefined) settings[key] = linked;
  }
  return settings;
}
