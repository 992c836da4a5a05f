/** @module Adapter (Lambda edge): the settings each handler needs, validated once at cold start. */
import { z } from 'zod';

/*
 * Handlers get their settings as environment variables (on AWS, set from linked resources by the
 * infrastructure code). Validating them at cold start turns a missing secret or URL into one
 * clear error instead of a failure deep inside the first alert.
 */
const nonEmpty = z.string().trim().min(1);

export const ProcessorConfig = z.object({
  CLARION_STATE_TABLE: nonEmpty,
  CLARION_SIGNAL_QUEUE_URL: z.url(),
  CLARION_DEAD_LETTER_QUEUE_URL: z.url(),
  CLARION_EVENT_BUS: nonEmpty.optional(),
  CLARION_STAGE: nonEmpty.optional(),
  CLARION_CATALOG_DIR: nonEmpty.default('alert-catalog'),
  SLACK_BOT_TOKEN: nonEmpty,
  /** Only for the local stack and tests: where the Slack Web API lives. */
  SLACK_API_URL: z.url().optional(),
});
export type ProcessorConfig = z.infer<typeof ProcessorConfig>;

export const InteractionsConfig = z.object({
  CLARION_STATE_TABLE: nonEmpty,
  CLARION_EVENT_BUS: nonEmpty.optional(),
  CLARION_STAGE: nonEmpty.optional(),
  CLARION_CATALOG_DIR: nonEmpty.default('alert-catalog'),
  SLACK_BOT_TOKEN: nonEmpty,
  SLACK_SIGNING_SECRET: nonEmpty,
  SLACK_API_URL: z.url().optional(),
});
export type InteractionsConfig = z.infer<typeof InteractionsConfig>;

export class ConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** Parses `env` with `schema`; the error names the variables, never their values. */
export function readConfig<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`Clarion is missing settings: ${problems.join('; ')}`);
}
