/** @module Catalog: the one zod definition of catalog files and the configuration file; the JSON Schema is generated from it. */
import * as z from 'zod';
import { IMPACT_LEVELS, TEMPLATE_NAMES } from '../core/alert.ts';
import type { DataSet as CoreDataSet } from '../core/alert.ts';
import { Severity, SignalFamily } from '../core/signal.ts';
import { MaintenanceWindow } from './maintenance-schema.ts';
import { EscalationConfig, PagingConfig } from './escalation-schema.ts';
import { AutoFix } from './auto-fix-schema.ts';

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** Durations are written the way people say them: `30s`, `10m`, `4h`, `2d`. */
export const Duration = z
  .string()
  .regex(/^\d+(s|m|h|d)$/, 'must be a duration such as 30s, 10m, 4h or 2d')
  .describe('A duration: a whole number followed by s, m, h or d, e.g. 10m.');

const httpsUrl = z
  .url({ protocol: /^https?$/, error: 'must be a web address starting with https://' })
  .max(3000, 'must be at most 3000 characters (Slack button URL limit)');

export const ImpactLevel = z.enum(IMPACT_LEVELS);
export type ImpactLevel = z.infer<typeof ImpactLevel>;

/** Text that differs by alert state, like Datadog's is_alert / is_recovery / is_no_data blocks. */
export const StateText = z
  .object({
    firing: nonEmpty.optional().describe('Shown while the alert is firing.'),
    resolved: nonEmpty.optional().describe('Shown once it has recovered.'),
    noData: nonEmpty.optional().describe('Shown when the metric stopped reporting (INSUFFICIENT_DATA).'),
  })
  .strict();
export type StateText = z.infer<typeof StateText>;

/** Either one text for every state (a plain string) or one per state. */
export const PerStateText = z.union([nonEmpty, StateText]);
export type PerStateText = z.infer<typeof PerStateText>;

const EventPattern: z.ZodType<Record<string, unknown>> = z
  .record(z.string(), z.unknown())
  .describe(
    'An EventBridge-style event pattern: keys are event fields (source, detail-type, detail.…), leaves are arrays of allowed values or matchers such as {"prefix": "…"}, {"anything-but": […]}, {"exists": true}, {"wildcard": "…"}, {"numeric": [">", 0]}.',
  );

export const Match = z
  .object({
    family: SignalFamily.describe('Which event family this entry claims (cloudwatch-alarm, glue-job, clarion …).'),
    name: z
      .union([nonEmpty, z.array(nonEmpty).min(1)])
      .optional()
      .describe('Exact name(s): alarm name, job name, state machine, pipeline, function, custom alert name …'),
    glob: z
      .union([nonEmpty, z.array(nonEmpty).min(1)])
      .optional()
      .describe('Glob(s) over the same name: * matches any run of characters, ? one character.'),
    pattern: EventPattern.optional(),
    priority: z
      .number()
      .int()
      .optional()
      .describe('Higher wins when several entries claim the same signal; required to settle a tie.'),
  })
  .strict()
  .refine((m) => m.name !== undefined || m.glob !== undefined || m.pattern !== undefined, {
    message: 'needs at least one of name, glob or pattern',
  });
export type Match = z.infer<typeof Match>;

export const DataSet = z
  .object({
    name: nonEmpty.describe('What the data is called by the people who use it, e.g. "Trainee records".'),
    staleAfter: Duration.optional().describe('How old the data may get before users notice.'),
    whenStale: nonEmpty.describe('How to tell people the data is out of date, in plain words.'),
  })
  .strict() satisfies z.ZodType<CoreDataSet>;
export type DataSet = z.infer<typeof DataSet>;

/** A CloudWatch metric, as the SLO alarms read it. */
export const SloMetric = z
  .object({
    namespace: nonEmpty.max(255).describe('The CloudWatch namespace, e.g. TraineePortal or AWS/ApplicationELB.'),
    metric: nonEmpty.max(255).describe('The metric name, e.g. Requests.'),
    dimensions: z.record(z.string().min(1).max(255), z.string().min(1).max(1024)).default({}).describe('The metric’s dimensions, name → value (at most 30).'),
  })
  .strict()
  .refine((m) => Object.keys(m.dimensions).length <= 30, { message: 'must have at most 30 dimensions (CloudWatch’s limit)', path: ['dimensions'] });
export type SloMetric = z.infer<typeof SloMetric>;

/** `2s`, `1.5s`, `500ms`: how fast counts as good. */
export const LatencyThreshold = z
  .string({ error: 'must be a time such as 2s, 1.5s or 500ms' })
  .regex(/^\d+(\.\d+)?(ms|s)$/, 'must be a time such as 2s, 1.5s or 500ms')
  .refine((t) => Number(t.replace(/m?s$/, '')) > 0, 'must be above zero: no event is ever that fast, so every one would count against the budget')
  .describe('How fast an event must be to count as good, e.g. 2s or 500ms.');

export const SloMeasure = z
  .object({
    good: SloMetric.optional().describe('The count of good events (statistic Sum), with `total`.'),
    total: SloMetric.optional().describe('The count of all events (statistic Sum), with `good`.'),
    latency: SloMetric.optional().describe('A latency metric, with `threshold`: an event at or under the threshold is good.'),
    threshold: LatencyThreshold.optional(),
    unit: z
      .enum(['seconds', 'milliseconds'])
      .default('seconds')
      .describe('The unit the latency metric is reported in (TargetResponseTime: seconds), so the threshold reads in it.'),
  })
  .strict()
  .superRefine((m, ctx) => {
    const pair = m.good !== undefined || m.total !== undefined;
    const latency = m.latency !== undefined || m.threshold !== undefined;
    if (pair && latency) ctx.addIssue({ code: 'custom', message: 'needs either good and total, or latency and threshold, not both' });
    else if (!pair && !latency) ctx.addIssue({ code: 'custom', message: 'needs either good and total (counts), or latency and threshold' });
    else if (pair && (m.good === undefined || m.total === undefined)) ctx.addIssue({ code: 'custom', message: `needs ${m.good === undefined ? 'good' : 'total'} beside ${m.good === undefined ? 'total' : 'good'}`, path: [] });
    else if (latency && (m.latency === undefined || m.threshold === undefined)) ctx.addIssue({ code: 'custom', message: `needs ${m.latency === undefined ? 'latency' : 'threshold'} beside ${m.latency === undefined ? 'threshold' : 'latency'}` });
  });
export type SloMeasure = z.infer<typeof SloMeasure>;

/** `99`, `99.5`, `"99.5%"` → 99.5; strictly between 0 and 100, since 100% leaves no budget to burn. */
export const SloObjective = z
  // The string first: the loader tells the first of two equally near misses, and of "high" the regex says what to write.
  .union([z.string().regex(/^\d+(\.\d+)?\s*%?$/, 'must be a percentage such as 99, 99.5 or "99.5%"').transform((t) => Number(t.replace('%', '').trim())), z.number()])
  .pipe(
    z
      .number()
      .gt(0, 'must be above 0%')
      .lt(100, 'must be below 100%: an objective of 100% leaves no error budget, so any bad event would use it all up'),
  )
  .describe('The percentage of good events, e.g. 99 or "99.5%"; above 0 and below 100.');

/** A service level objective: what Clarion turns into burn-rate alarms (`src/slo/burn-rate-alarms.ts`). */
export const Slo = z
  .object({
    objective: SloObjective,
    window: Duration.describe('The error budget’s window, e.g. 30d; longer than 36h, at most 90d.'),
    allowance: nonEmpty
      .max(80)
      .describe('What the budget is for, in plain words, e.g. "slow page loads": product leads read "this month’s allowance for slow page loads".'),
    measure: SloMeasure,
  })
  .strict();
export type Slo = z.infer<typeof Slo>;

export const CatalogEntry = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*$/, 'must look like team.alert-name (lower case, digits, dashes)')
      .describe('team.alert-name, unique across the catalog.'),
    title: nonEmpty.max(150).describe('Short plain title, shown as the message header (max 150).'),
    titleWhenFixed: nonEmpty
      .max(150)
      .optional()
      .describe(
        'The title in the past tense, e.g. "The Trainee Portal was down": the header product leads and local offices see once the fix is confirmed (max 150). Without it they read "Fixed: <title>".',
      ),
    match: Match,
    slo: Slo.optional().describe(
      'A service level objective: Clarion generates its burn-rate alarms and the `match` that claims them, so an entry with `slo` has no `match`.',
    ),
    severity: Severity,
    impact: z
      .object({
        level: ImpactLevel,
        summary: nonEmpty.describe('Who is affected and how, in plain words.'),
        summaryWhenFixed: nonEmpty
          .optional()
          .describe(
            'The summary in the past tense, e.g. "Nobody could use the Trainee Portal.": what users noticed, shown to product leads and local offices once the fix is confirmed. Without it they read the summary under "What users noticed".',
          ),
        who: nonEmpty.optional().describe('Which users are affected, e.g. "Doctors booking rotations".'),
      })
      .strict(),
    audiences: z.array(nonEmpty).min(1).describe('Audiences from the configuration file that get this alert.'),
    runbook: httpsUrl.optional(),
    fix: z.array(nonEmpty).default([]).describe('Ordered steps for the engineer on call.'),
    summary: PerStateText.optional().describe('What is happening, per state, for everyone.'),
    comms: z
      .record(z.string(), PerStateText)
      .default({})
      .describe(
        'Per-audience text: for local-office a ready-to-forward message for end users; for product-leads a one-line status.',
      ),
    data: z.array(DataSet).default([]),
    owner: nonEmpty.optional(),
    links: z.array(z.object({ label: nonEmpty.max(75), url: httpsUrl }).strict()).default([]),
    group: nonEmpty.optional().describe('Alerts of one group are folded into one message in a storm.'),
    quietPeriod: Duration.default('10m').describe(
      'How long the alarm must stay OK before non-technical audiences are told it is fixed.',
    ),
    nextUpdate: Duration.optional().describe('When product leads can expect the next update while firing.'),
    onNoData: z
      .enum(['alert', 'resolve', 'ignore'])
      .default('alert')
      .describe('What INSUFFICIENT_DATA means for this alarm.'),
    escalation: z
      .string()
      .optional()
      .describe('The escalation policy (from the configuration’s escalation.policies) for this alert; wins over the one for its severity.'),
    service: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be the id of a service in the configuration, like trainee-portal')
      .optional()
      .describe('The service (from the configuration’s services) this alert is about, as the status page shows it; without it, the service that lists its group.'),
    dependsOn: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*$/, 'must be the id of another entry, like team.alert-name'))
      .optional()
      .describe(
        'Ids of the entries this one is a symptom of, e.g. [portal.app-down]. While one of them fires, this alert is folded under it: engineers see it as a line in that message, non-technical audiences hear only the cause. If it still fires once the cause is fixed, it is delivered on its own.',
      ),
    autoFix: AutoFix.optional().describe(
      'One automatic fix step (issue 14): run when the alert opens (`mode: auto`) or when an engineer presses *Run fix* (`mode: suggest`), within its limit, never while a silence or planned work covers it; told in the engineers’ thread.',
    ),
  })
  .strict();
export type CatalogEntry = z.infer<typeof CatalogEntry>;
export type CatalogEntryInput = z.input<typeof CatalogEntry>;

/**
 * The entry as authors write it: `match` may be left out when `slo` is there (the loader generates
 * it). Only the JSON Schema reads this; the loader fills the match in before `CatalogEntry` parses.
 */
const CatalogEntryAsWritten = CatalogEntry.extend({ match: Match.optional() });

/** A catalog file: a list of entries, and maintenance windows (planned work) beside them; either may be left out. */
export const CatalogFile = z
  .object({
    entries: z.array(CatalogEntry).default([]),
    maintenance: z.array(MaintenanceWindow).default([]).describe('Planned work: while it runs, alerts of the entries it affects go to engineers only.'),
  })
  .strict();

/** `CatalogFile` as editors check it: an `slo` entry needs no `match`. */
export const CatalogFileAsWritten = CatalogFile.extend({ entries: z.array(CatalogEntryAsWritten).default([]) });

export { TEMPLATE_NAMES };
export const TemplateName = z.enum(TEMPLATE_NAMES);
export type TemplateName = z.infer<typeof TemplateName>;

export const AudienceConfig = z
  .object({
    template: TemplateName.describe('Which template renders this audience.'),
    description: z.string().optional(),
    channel: nonEmpty.describe('Slack channel id (C…) or name (#alerts) where this audience is told.'),
    snsTopicArn: z.string().optional().describe('Also send a plain-text rendering to this SNS topic.'),
    outOfHours: z
      .enum(['send', 'hold'])
      .default('send')
      .describe(
        'Outside office hours: `send` tells this audience at once; `hold` keeps new alerts for the summary posted when office hours start (messages already posted are still edited).',
      ),
  })
  .strict();
export type AudienceConfig = z.infer<typeof AudienceConfig>;

const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/London');

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as 09:00 or 17:30')
  .describe('A local time of day, HH:MM (24-hour).');

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** When people are at work, in the stage's time zone; audiences that `hold` hear nothing new outside it. */
export const OfficeHours = z
  .object({
    days: z
      .array(z.enum(WEEKDAYS))
      .min(1, 'must name at least one day')
      .default(['mon', 'tue', 'wed', 'thu', 'fri'])
      .describe('Working days.'),
    start: ClockTime.describe('When office hours start; the summary of what was held is posted then.'),
    end: ClockTime.describe('When office hours end.'),
    closed: z
      .array(z.iso.date({ error: 'must be a date such as 2026-12-25' }))
      .default([])
      .describe('Dates (YYYY-MM-DD) with no office hours, such as public holidays; what happens then waits for the next working day.'),
  })
  .strict()
  // A malformed time is reported on its own field; comparing it would only add a second, confusing error.
  .refine((hours) => !(minutesOf(hours.end) <= minutesOf(hours.start)), { message: 'end must be later than start', path: ['end'] });
export type OfficeHours = z.infer<typeof OfficeHours>;

const StageOverride = z
  .object({
    channels: z.record(z.string(), nonEmpty).default({}).describe('Channel per audience for this stage.'),
    timeZone: TimeZone.optional(),
    officeHours: OfficeHours.optional().describe('Office hours for this stage, instead of the top-level ones.'),
    alarmEmail: z
      .email('must be an e-mail address')
      .optional()
      .describe("Last-resort address for Clarion's own alarms on this stage (CLARION_ALARM_EMAIL at deploy overrides it)."),
  })
  .strict();

/** A service as the people who use it know it: the status page shows one row per service. */
export const ServiceConfig = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower case letters, digits and dashes, e.g. trainee-portal').describe('What entries name in `service`.'),
    name: nonEmpty.max(80).describe('What users call it, e.g. "Trainee Portal": shown on the status page.'),
    description: nonEmpty.max(300).optional().describe('One plain sentence on what it is for, shown under its name.'),
    groups: z.array(nonEmpty).default([]).describe('Catalog groups whose entries belong to this service (an entry’s own `service` wins).'),
  })
  .strict();
export type ServiceConfig = z.infer<typeof ServiceConfig>;

export const ClarionConfig = z
  .object({
    timeZone: TimeZone.default('Europe/London'),
    officeHours: OfficeHours.optional().describe(
      'Office hours for every stage (a stage may set its own). Without them every audience is told at once.',
    ),
    serviceName: nonEmpty.default('the service').describe('What end users call the service, used in plain text.'),
    audiences: z.record(z.string(), AudienceConfig),
    uncatalogued: z
      .object({ audience: nonEmpty.default('techies') })
      .strict()
      .default({ audience: 'techies' })
      .describe('Where signals that no entry claims go.'),
    stages: z.record(z.string(), StageOverride).default({}),
    escalation: EscalationConfig.optional().describe('What happens when nobody acknowledges an alert: policies of reminders, mentions, other channels and paging.'),
    paging: PagingConfig.optional().describe('Paging services escalation steps can hand alerts to; the routing key comes from the environment, never from here.'),
    recap: z
      .union([
        z.literal(false),
        z
          .object({
            day: z.enum(WEEKDAYS).default('mon').describe('The day it is posted.'),
            at: ClockTime.default('09:00').describe('The local time it is posted, in the stage’s time zone.'),
          })
          .strict(),
      ])
      .default({ day: 'mon', at: '09:00' })
      .describe(
        'The weekly recap of the last 7 days: the figures to the engineers (audiences with the techies template), a short plain one to product leads. `false` turns it off.',
      ),
    history: z
      .object({
        retention: Duration.default('400d').describe('How long incidents, escalations, silences and clarity answers are kept (DynamoDB TTL). The status page shows 90 days.'),
      })
      .strict()
      .default({ retention: '400d' })
      .describe('What Clarion keeps of past incidents, for the status page, `clarion report` and the weekly recap.'),
    services: z
      .array(ServiceConfig)
      .default([])
      .describe('The services on the status page. Only entries that belong to one (and tell a non-technical audience) appear there.'),
    statusPage: z
      .object({
        url: httpsUrl.optional().describe('Where readers find the status page; local-office messages link to it. Default: the deployed page (AWS), the local stack’s /status.'),
        title: nonEmpty.max(100).optional().describe('The page’s heading; default "<serviceName> status".'),
        allowIps: z
          .array(z.string().regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/([12]?\d|3[0-2]))?$/, 'must be an IPv4 address or range such as 203.0.113.0/24'))
          .min(1)
          .max(50)
          .optional()
          .describe('On AWS, only these IPv4 addresses or ranges may read the page (a CloudFront Function answers everyone else 403). Without it, anyone with the address can.'),
      })
      .strict()
      .optional()
      .describe('The stakeholder status page.'),
  })
  .strict();
export type ClarionConfig = z.infer<typeof ClarionConfig>;
