/** @module Catalog: the zod definition of escalation policies and paging services in the configuration file, and their cross-checks with `file:line:col`. */
import * as z from 'zod';
import type { CatalogProblem } from './catalog-problem.ts';
import type { ParsedYaml } from './yaml-source.ts';

/*
 * Self-contained on purpose: `schema.ts` imports this module for `ClarionConfig`, so importing
 * values back from it would be a cycle that breaks at load time. The few shapes shared with it
 * (a duration, a clock time, the weekdays) are small enough to state again.
 */
const Duration = z
  .string()
  .regex(/^\d+(s|m|h|d)$/, 'must be a duration such as 30s, 10m, 4h or 2d')
  .describe('A duration: a whole number followed by s, m, h or d, e.g. 10m.');

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** Seconds of a duration the schema accepted (`5m` → 300). */
export function durationSeconds(text: string): number {
  const match = /^(\d+)(s|m|h|d)$/.exec(text);
  return match ? Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS] : 0;
}

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as 09:00 or 17:30');
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** When a policy may reach people, in the stage's time zone; a step due outside waits for the next start. */
export const PolicyHours = z
  .object({
    days: z
      .array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']))
      .min(1, 'must name at least one day')
      .default(['mon', 'tue', 'wed', 'thu', 'fri'])
      .describe('Days the policy reaches people.'),
    start: ClockTime.describe('When the policy starts reaching people (HH:MM).'),
    end: ClockTime.describe('When it stops (HH:MM).'),
    closed: z
      .array(z.iso.date({ error: 'must be a date such as 2026-12-25' }))
      .default([])
      .describe('Dates (YYYY-MM-DD) on which the policy waits for the next working day.'),
  })
  .strict()
  .refine((hours) => !(minutesOf(hours.end) <= minutesOf(hours.start)), { message: 'end must be later than start', path: ['end'] });
export type PolicyHours = z.infer<typeof PolicyHours>;

const after = Duration.describe('How long after the alert opened (unacknowledged) this step happens, e.g. 5m.');

/** One step of a policy: what happens once an alert has been open and unacknowledged this long. */
export const EscalationStep = z.union([
  z.object({ after, remind: z.literal(true).describe('A reminder reply in the engineers’ thread, also shown in the channel.') }).strict(),
  z
    .object({
      after,
      mention: z
        .string()
        .regex(/^S[A-Z0-9]{2,}$/, 'must be a Slack user group id such as S0123ONCALL')
        .describe('A Slack user group id (S…): a reply in the engineers’ thread that mentions it.'),
    })
    .strict(),
  z.object({ after, channel: z.string().trim().min(1, 'must not be empty').describe('Another channel (id C… or #name): a post there naming the alert.') }).strict(),
  z.object({ after, page: z.string().trim().min(1, 'must not be empty').describe('A paging service from `paging` (pagerduty): the alert is handed to it.') }).strict(),
]);
export type EscalationStep = z.infer<typeof EscalationStep>;

export const EscalationPolicy = z
  .object({
    hours: z
      .union([z.literal('always'), PolicyHours])
      .default('always')
      .describe('When steps may reach people: `always` (the default) or office-hours-like days, start and end of the policy’s own.'),
    steps: z.array(EscalationStep).min(1, 'must have at least one step').describe('In order of `after`: each happens once per incident while nobody acknowledged it.'),
    repeat: Duration.optional().describe('Remind the engineers’ thread this often while the alert stays open, acknowledged or not (like Alertmanager’s repeat_interval).'),
  })
  .strict()
  .superRefine((policy, ctx) => {
    policy.steps.forEach((step, i) => {
      const before = policy.steps[i - 1];
      if (before && durationSeconds(step.after) < durationSeconds(before.after)) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'after'], message: `steps must be in order: ${step.after} comes before the step above (${before.after})` });
      }
    });
  });
export type EscalationPolicy = z.infer<typeof EscalationPolicy>;

const policyName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a policy name of lower-case letters, digits and dashes');

export const EscalationConfig = z
  .object({
    policies: z.record(policyName, EscalationPolicy).default({}).describe('Named escalation policies.'),
    bySeverity: z
      .partialRecord(z.enum(['critical', 'high', 'medium', 'low', 'info']), policyName)
      .default({})
      .describe('The policy for alerts of each severity; an entry’s own `escalation` wins.'),
  })
  .strict();
export type EscalationConfig = z.infer<typeof EscalationConfig>;

export const PagingConfig = z
  .object({
    pagerduty: z
      .object({
        url: z
          .url({ protocol: /^https?$/, error: 'must be a web address starting with https://' })
          .default('https://events.pagerduty.com/v2/enqueue')
          .describe('The Events API v2 address (CLARION_PAGERDUTY_URL overrides it, as the local stack does).'),
        routingKeyEnv: z
          .string()
          .regex(/^[A-Z][A-Z0-9_]*$/, 'must be an environment variable name such as CLARION_PAGERDUTY_ROUTING_KEY')
          .default('CLARION_PAGERDUTY_ROUTING_KEY')
          .describe('The environment variable (on AWS, the PagerDutyRoutingKey secret) holding the routing key; never the key itself.'),
      })
      .strict()
      .optional(),
  })
  .strict();
export type PagingConfig = z.infer<typeof PagingConfig>;

/** What the cross-checks need of the configuration. */
interface EscalationSettings {
  escalation?: EscalationConfig;
  paging?: PagingConfig;
}

/** Policies named by severity that do not exist, and steps that page a service `paging` does not configure. */
export function escalationConfigProblems(config: EscalationSettings, parsed: Pick<ParsedYaml, 'problemAt'>): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const policies = config.escalation?.policies ?? {};
  for (const [severity, name] of Object.entries(config.escalation?.bySeverity ?? {})) {
    if (name && !policies[name]) problems.push(parsed.problemAt(['escalation', 'bySeverity', severity], unknownPolicy(name, policies)));
  }
  for (const [name, policy] of Object.entries(policies)) {
    policy.steps.forEach((step, i) => {
      if ('page' in step && !config.paging?.[step.page as keyof PagingConfig]) {
        problems.push(parsed.problemAt(['escalation', 'policies', name, 'steps', i, 'page'], `unknown paging service "${step.page}"; configure it under paging (pagerduty)`));
      }
    });
  }
  return problems;
}

export function unknownPolicy(name: string, policies: Record<string, unknown>): string {
  const known = Object.keys(policies);
  return `unknown escalation policy "${name}"; ${known.length > 0 ? `configured: ${known.join(', ')}` : 'none is configured under escalation.policies'}`;
}
