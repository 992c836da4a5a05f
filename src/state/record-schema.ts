/** @module State: the shapes of the records the state store keeps, checked as they are read back, and the error a malformed one raises. */
import { ClarionError } from '../core/clarion-error.ts';
import * as z from 'zod';
import type { AlertRecord, GroupRecord, SummaryRecord } from '../core/alert-record.ts';
import { IMPACT_LEVELS } from '../core/alert.ts';
import type { Alert, DataSet } from '../core/alert.ts';
import type { MessageRef } from '../core/ports.ts';
import { AlarmState, Severity, SignalFamily, SignalState } from '../core/signal.ts';
import type { AlarmDetails, Link, MetricEvidence, Resource, Signal } from '../core/signal.ts';

/*
 * Objects are loose: a record written by another version of Clarion (a field added, or one no
 * longer used) still reads, and its extra fields are kept so writing it back loses nothing.
 */

/*
 * DynamoDB hands integers beyond ±2^53 back as BigInt (an alarm threshold of 1e20, say). They were
 * stored imprecise on purpose (the event's JSON had already lost their precision), so the nearest
 * number is what the record held.
 */
const storedNumber = z.union([z.number(), z.bigint().transform(Number)]);

const MessageRefSchema = z.looseObject({ channel: z.string(), ts: z.string() });
const LinkSchema = z.looseObject({ label: z.string(), url: z.string() });
const ResourceSchema = z.looseObject({ type: z.string(), name: z.string(), arn: z.string().optional() });

const AlarmDetailsSchema = z.looseObject({
  name: z.string(),
  arn: z.string().optional(),
  description: z.string().optional(),
  type: z.enum(['metric', 'metric-math', 'anomaly-detection', 'composite']),
  value: AlarmState,
  previousValue: AlarmState.optional(),
  rule: z.string().optional(),
  triggeringAlarms: z.array(z.string()).optional(),
  tags: z.record(z.string(), z.string()),
});

const MetricEvidenceSchema = z.looseObject({
  namespace: z.string().optional(),
  name: z.string().optional(),
  expression: z.string().optional(),
  label: z.string().optional(),
  stat: z.string().optional(),
  periodSeconds: storedNumber.optional(),
  unit: z.string().optional(),
  dimensions: z.record(z.string(), z.string()),
  threshold: storedNumber.optional(),
  lowerThresholds: z.array(storedNumber).optional(),
  upperThresholds: z.array(storedNumber).optional(),
  comparison: z.string().optional(),
  evaluationPeriods: storedNumber.optional(),
  recentValues: z.array(storedNumber),
});

const SignalSchema = z.looseObject({
  family: SignalFamily,
  kind: z.string(),
  name: z.string(),
  key: z.string(),
  eventId: z.string(),
  state: SignalState,
  ignoreReason: z.string().optional(),
  noData: z.boolean(),
  title: z.string(),
  reason: z.string(),
  resource: ResourceSchema,
  account: z.string().optional(),
  region: z.string().optional(),
  time: z.string(),
  severityHint: Severity.optional(),
  links: z.array(LinkSchema),
  alarm: AlarmDetailsSchema.optional(),
  metric: MetricEvidenceSchema.optional(),
  // Stored empty (the raw event stays out of the record), kept as maps for the type.
  event: z.record(z.string(), z.unknown()),
  vars: z.record(z.string(), z.unknown()),
});

const DataSetSchema = z.looseObject({ name: z.string(), staleAfter: z.string().optional(), whenStale: z.string() });
const ImpactSchema = z.looseObject({ level: z.enum(IMPACT_LEVELS), summary: z.string(), who: z.string().optional() });

/** The enriched alert a record keeps, that buttons and summaries re-render from. */
export const AlertSchema = z.looseObject({
  catalogId: z.string().nullable(),
  alertKey: z.string(),
  signal: SignalSchema,
  phase: z.enum(['firing', 'resolved', 'noData', 'info']),
  severity: Severity,
  title: z.string(),
  impact: ImpactSchema,
  audiences: z.array(z.string()),
  runbook: z.string().optional(),
  fix: z.array(z.string()),
  summary: z.string().optional(),
  comms: z.record(z.string(), z.string()),
  data: z.array(DataSetSchema),
  owner: z.string().optional(),
  links: z.array(LinkSchema),
  group: z.string().optional(),
  quietPeriodSeconds: storedNumber,
  nextUpdateSeconds: storedNumber.optional(),
}) satisfies z.ZodType<Alert>;

const alertStatus = z.enum(['open', 'resolved']);

export const AlertRecordSchema = z.looseObject({
  alertKey: z.string(),
  catalogId: z.string().nullable(),
  group: z.string().optional(),
  status: alertStatus,
  openedAt: z.string(),
  lastSeen: z.string(),
  occurrences: storedNumber,
  lastEventTime: z.string(),
  acknowledgedBy: z.string().optional(),
  acknowledgedAt: z.string().optional(),
  snoozedUntil: z.string().optional(),
  snoozedBy: z.string().optional(),
  resolvedAt: z.string().optional(),
  fixConfirmedAt: z.string().optional(),
  messages: z.record(z.string(), MessageRefSchema),
  deliveringEventId: z.string().optional(),
  deliveringUntil: z.string().optional(),
  postTries: z.record(z.string(), storedNumber).optional(),
  resolvedUnseen: z.literal(true).optional(),
  groupedInto: z.string().optional(),
  lastRenderedAt: z.string().optional(),
  alert: AlertSchema,
  version: storedNumber,
  syncedVersion: storedNumber.optional(),
  expiresAt: storedNumber,
}) satisfies z.ZodType<AlertRecord>;

const GroupMemberSchema = z.looseObject({ alertKey: z.string(), title: z.string(), status: alertStatus, catalogId: z.string().nullable() });

export const GroupRecordSchema = z.looseObject({
  groupKey: z.string(),
  windowStart: z.string(),
  openedInWindow: z.array(z.string()),
  members: z.array(GroupMemberSchema),
  moreMembers: z.record(z.string(), alertStatus).optional(),
  channels: z.record(z.string(), z.string()),
  messages: z.record(z.string(), MessageRefSchema),
  renderedDigests: z.record(z.string(), z.string()).optional(),
  lastRenderedAt: z.string().optional(),
  version: storedNumber,
  syncedVersion: storedNumber.optional(),
  expiresAt: storedNumber,
}) satisfies z.ZodType<GroupRecord>;

const SendingSchema = z.looseObject({
  at: z.string(),
  held: z.record(z.string(), z.string()),
  notices: z.array(AlertSchema),
  moreNotices: storedNumber,
  posted: z.record(z.string(), z.union([MessageRefSchema, z.literal('nothing'), z.literal('failed')])),
  mailed: z.array(z.string()).optional(),
  owner: z.string(),
  ownerUntil: z.string(),
});

export const SummaryRecordSchema = z.looseObject({
  held: z.record(z.string(), z.string()),
  notices: z.array(AlertSchema),
  moreNotices: storedNumber,
  lastSummaryAt: z.string().optional(),
  sending: SendingSchema.optional(),
  version: storedNumber,
}) satisfies z.ZodType<SummaryRecord>;

/*
 * Compile-time guard against drift: every schema above reads exactly its type's fields (a field
 * added to an interface but not here fails `tsc`), accepts every value of the type, and yields one.
 */
type KnownFields<T> = { [K in keyof T as string extends K ? never : K]: T[K] };
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
/** `T` as an object literal type: interfaces lack the implicit index signature loose objects' input asks for. */
type Plain<T> = T extends object ? { [K in keyof T]: Plain<T[K]> } : T;
type Mirrors<S extends z.ZodType, T> = [z.output<S>] extends [T] ? ([Plain<T>] extends [z.input<S>] ? SameKeys<KnownFields<z.output<S>>, T> : false) : false;
type Holds<T extends true> = T;
export type _SchemasMirrorTheirTypes = [
  Holds<Mirrors<typeof MessageRefSchema, MessageRef>>,
  Holds<Mirrors<typeof LinkSchema, Link>>,
  Holds<Mirrors<typeof ResourceSchema, Resource>>,
  Holds<Mirrors<typeof AlarmDetailsSchema, AlarmDetails>>,
  Holds<Mirrors<typeof MetricEvidenceSchema, MetricEvidence>>,
  Holds<Mirrors<typeof SignalSchema, Signal>>,
  Holds<Mirrors<typeof DataSetSchema, DataSet>>,
  Holds<Mirrors<typeof ImpactSchema, Alert['impact']>>,
  Holds<Mirrors<typeof AlertSchema, Alert>>,
  Holds<Mirrors<typeof AlertRecordSchema, AlertRecord>>,
  Holds<Mirrors<typeof GroupMemberSchema, GroupRecord['members'][number]>>,
  Holds<Mirrors<typeof GroupRecordSchema, GroupRecord>>,
  Holds<Mirrors<typeof SendingSchema, NonNullable<SummaryRecord['sending']>>>,
  Holds<Mirrors<typeof SummaryRecordSchema, SummaryRecord>>,
];

/** A record read from the state store that does not have its type's shape; never handed to the pipeline. */
export class StateRecordError extends ClarionError {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
  }
}

/** The record stored under `key`, checked against `schema`; a malformed one throws `StateRecordError` naming its first problem. */
export function parseRecord<T>(schema: z.ZodType<T>, key: string, item: unknown): T {
  const result = schema.safeParse(item);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? first.path.map(String).join('.') : 'the record';
  throw new StateRecordError(`malformed state record ${key}: ${where}: ${first?.message ?? 'invalid'}`, { cause: result.error });
}
