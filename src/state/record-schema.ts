/** @module State: the shapes of the records the state store keeps, checked as they are read back, and the error a malformed one raises. */
import { ClarionError } from '../core/clarion-error.ts';
import * as z from 'zod';
import type { AlertRecord, GroupRecord, SummaryRecord } from '../core/alert-record.ts';
import { IMPACT_LEVELS } from '../core/alert.ts';
import type { Alert, DataSet } from '../core/alert.ts';
import type { MessageRef } from '../core/ports.ts';
import { Link, Severity, Signal } from '../core/signal.ts';
import { AlertAutoFix } from '../core/fix-call.ts';

/*
 * Objects are loose: a record written by another version of Clarion (a field added, or one no
 * longer used) still reads, and its extra fields are kept so writing it back loses nothing.
 */

/*
 * DynamoDB hands integers beyond ±2^53 back as BigInt (an alarm threshold of 1e20, say). They were
 * stored imprecise on purpose (the event's JSON had already lost their precision), so the nearest
 * number is what the record held; records are read through this before they are parsed.
 */
function withoutBigInts(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value !== 'object') return value;
  // Every read of every event passes here and BigInts are rare: only what holds one is copied.
  let copy: Record<string, unknown> | unknown[] | undefined;
  for (const [key, item] of Object.entries(value)) {
    const read = withoutBigInts(item);
    if (read === item) continue;
    copy ??= Array.isArray(value) ? [...value] : { ...value };
    (copy as Record<string, unknown>)[key] = read;
  }
  return copy ?? value;
}

const MessageRefSchema = z.looseObject({ channel: z.string(), ts: z.string() });

const DataSetSchema = z.looseObject({ name: z.string(), staleAfter: z.string().optional(), whenStale: z.string() });
const ImpactSchema = z.looseObject({ level: z.enum(IMPACT_LEVELS), summary: z.string(), summaryWhenFixed: z.string().optional(), who: z.string().optional() });

const BurnSchema = z.looseObject({ window: z.string(), burnRate: z.number().nullable() });
const SloViewSchema = z.looseObject({
  objective: z.number(),
  window: z.string(),
  windowSeconds: z.number(),
  allowance: z.string(),
  measured: z.string(),
  pair: z.enum(['fast', 'slow']).nullable(),
  alarmsAt: z.number().optional(),
  figures: z
    .looseObject({ readAt: z.string(), long: BurnSchema, short: BurnSchema, budgetLeft: z.number().nullable(), runsOutAt: z.string().optional() })
    .optional(),
});

/** The enriched alert a record keeps, that buttons and summaries re-render from. */
export const AlertSchema = z.looseObject({
  catalogId: z.string().nullable(),
  alertKey: z.string(),
  // The pipeline's own schema of a signal: what was valid when the alert was made is what is read back.
  signal: Signal,
  phase: z.enum(['firing', 'resolved', 'noData', 'info']),
  severity: Severity,
  title: z.string(),
  titleWhenFixed: z.string().optional(),
  impact: ImpactSchema,
  audiences: z.array(z.string()),
  runbook: z.string().optional(),
  fix: z.array(z.string()),
  summary: z.string().optional(),
  comms: z.record(z.string(), z.string()),
  data: z.array(DataSetSchema),
  owner: z.string().optional(),
  links: z.array(Link),
  group: z.string().optional(),
  quietPeriodSeconds: z.number(),
  nextUpdateSeconds: z.number().optional(),
  plannedWork: z.looseObject({ title: z.string(), until: z.string() }).optional(),
  slo: SloViewSchema.optional(),
  autoFix: AlertAutoFix.optional(),
}) satisfies z.ZodType<Alert>;

const alertStatus = z.enum(['open', 'resolved']);

export const AlertRecordSchema = z.looseObject({
  alertKey: z.string(),
  catalogId: z.string().nullable(),
  group: z.string().optional(),
  status: alertStatus,
  openedAt: z.string(),
  lastSeen: z.string(),
  occurrences: z.number(),
  lastEventTime: z.string(),
  acknowledgedBy: z.string().optional(),
  acknowledgedAt: z.string().optional(),
  snoozedUntil: z.string().optional(),
  snoozedBy: z.string().optional(),
  resolvedAt: z.string().optional(),
  resolvedBy: z.string().optional(),
  localOfficesTold: z.looseObject({ by: z.string(), at: z.string() }).optional(),
  firstAcknowledged: z.object({ by: z.string(), at: z.string() }).optional(),
  fixConfirmedAt: z.string().optional(),
  messages: z.record(z.string(), MessageRefSchema),
  deliveringEventId: z.string().optional(),
  deliveringUntil: z.string().optional(),
  postTries: z.record(z.string(), z.number()).optional(),
  resolvedUnseen: z.literal(true).optional(),
  reopenedAt: z.string().optional(),
  reopenings: z.number().optional(),
  told: z.record(z.string(), z.string()).optional(),
  members: z.record(z.string(), z.looseObject({ status: alertStatus, at: z.string(), entry: z.string() })).optional(),
  voices: z.record(z.string(), AlertSchema).optional(),
  impactKey: z.string().optional(),
  formerImpacts: z.array(z.string()).optional(),
  groupedInto: z.string().optional(),
  alsoAffected: z.looseObject({ listed: z.array(z.looseObject({ title: z.string(), name: z.string().optional() })), more: z.number() }).optional(),
  fixedAutomatically: z.looseObject({ at: z.string(), startedAt: z.string(), incident: z.string() }).optional(),
  lastRenderedAt: z.string().optional(),
  alert: AlertSchema,
  version: z.number(),
  syncedVersion: z.number().optional(),
  expiresAt: z.number(),
}) satisfies z.ZodType<AlertRecord>;

const GroupMemberSchema = z.looseObject({ alertKey: z.string(), title: z.string(), status: alertStatus, catalogId: z.string().nullable(), name: z.string().optional() });

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
  acknowledgedBy: z.string().optional(),
  acknowledgedAt: z.string().optional(),
  version: z.number(),
  syncedVersion: z.number().optional(),
  expiresAt: z.number(),
}) satisfies z.ZodType<GroupRecord>;

const SendingSchema = z.looseObject({
  at: z.string(),
  held: z.record(z.string(), z.string()),
  notices: z.array(AlertSchema),
  moreNotices: z.number(),
  posted: z.record(z.string(), z.union([MessageRefSchema, z.literal('nothing'), z.literal('failed')])),
  mailed: z.array(z.string()).optional(),
  owner: z.string(),
  ownerUntil: z.string(),
});

export const SummaryRecordSchema = z.looseObject({
  held: z.record(z.string(), z.string()),
  notices: z.array(AlertSchema),
  moreNotices: z.number(),
  lastSummaryAt: z.string().optional(),
  sending: SendingSchema.optional(),
  version: z.number(),
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
  const result = schema.safeParse(withoutBigInts(item));
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? first.path.map(String).join('.') : 'the record';
  throw new StateRecordError(`malformed state record ${key}: ${where}: ${first?.message ?? 'invalid'}`, { cause: result.error });
}
