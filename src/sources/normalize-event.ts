/** @module Stage 1, normalize: any raw event (or batch of them) → one `Signal` per event, never an exception. */
import type { Signal, SignalFamily } from '../core/signal.ts';
import { Signal as SignalSchema, SIGNAL_FAMILIES, SignalState } from '../core/signal.ts';
import type { NormalizeContext } from './build-signal.ts';
import { boundSignal } from './bounded-signal.ts';
import { hashEvent, resolveEventId } from './event-id.ts';
import type { EventBridgeEnvelope } from './eventbridge-envelope.ts';
import { readEnvelope } from './eventbridge-envelope.ts';
import { normalizeBackup, BACKUP_DETAIL_TYPE } from './normalize-backup.ts';
import { normalizeBatchJob, BATCH_JOB_STATE_CHANGE } from './normalize-batch-job.ts';
import { CLARION_DETAIL_TYPE, CLARION_MARKER, normalizeClarionEvent, normalizeClarionMarker } from './normalize-clarion.ts';
import {
  ALARM_CONFIGURATION_CHANGE,
  ALARM_STATE_CHANGE,
  normalizeAlarmFromDirectAction,
  normalizeAlarmFromEventBridge,
  normalizeAlarmFromSns,
} from './normalize-cloudwatch-alarm.ts';
import { CODEPIPELINE_DETAIL_TYPE, normalizeCodePipeline } from './normalize-codepipeline.ts';
import { ECS_TASK_STATE_CHANGE, normalizeEcsTask } from './normalize-ecs-task.ts';
import type { GenericFallback } from './normalize-generic.ts';
import { normalizeGeneric } from './normalize-generic.ts';
import { GLUE_JOB_RUN_STATUS, GLUE_JOB_STATE_CHANGE, normalizeGlueJob } from './normalize-glue-job.ts';
import { HEALTH_ABUSE_EVENT, HEALTH_EVENT, normalizeHealth } from './normalize-health.ts';
import {
  isInvocationRecord,
  LAMBDA_RESULT_DETAIL_TYPE,
  normalizeInvocationRecord,
  normalizeLambdaDestinationEvent,
} from './normalize-lambda-destination.ts';
import { normalizeRds, RDS_DETAIL_TYPE } from './normalize-rds.ts';
import { normalizeStepFunctions, STEP_FUNCTIONS_STATUS_CHANGE } from './normalize-step-functions.ts';
import { asObject } from './read-fields.ts';
import type { JsonObject } from './read-fields.ts';
import { unwrapEnvelope } from './unwrap-envelope.ts';
import type { DeliveryContext, UnwrappedEvent } from './unwrap-envelope.ts';
import { wellFormedEvent } from './well-formed-event.ts';
import { boundedText } from './well-formed-text.ts';

type Normalize = (ctx: NormalizeContext) => Signal | null;
type EnvelopeNormalizer = (envelope: EventBridgeEnvelope, payload: JsonObject, ctx: NormalizeContext) => Signal | null;

interface EventBridgeRoute {
  family: SignalFamily;
  claims: (source: string, detailType: string) => boolean;
  normalize: EnvelopeNormalizer;
}

/** Which family owns an EventBridge event, by source and detail-type. */
const EVENTBRIDGE_ROUTES: EventBridgeRoute[] = [
  {
    family: 'cloudwatch-alarm',
    claims: (s, t) => s === 'aws.cloudwatch' && (t === ALARM_STATE_CHANGE || t === ALARM_CONFIGURATION_CHANGE),
    normalize: normalizeAlarmFromEventBridge,
  },
  { family: 'ecs-task', claims: (s, t) => s === 'aws.ecs' && t === ECS_TASK_STATE_CHANGE, normalize: normalizeEcsTask },
  {
    family: 'glue-job',
    claims: (s, t) => s === 'aws.glue' && (t === GLUE_JOB_STATE_CHANGE || t === GLUE_JOB_RUN_STATUS),
    normalize: normalizeGlueJob,
  },
  { family: 'batch-job', claims: (s, t) => s === 'aws.batch' && t === BATCH_JOB_STATE_CHANGE, normalize: normalizeBatchJob },
  {
    family: 'step-functions',
    claims: (s, t) => s === 'aws.states' && t === STEP_FUNCTIONS_STATUS_CHANGE,
    normalize: normalizeStepFunctions,
  },
  {
    family: 'health',
    claims: (s, t) => s === 'aws.health' && (t === HEALTH_EVENT || t === HEALTH_ABUSE_EVENT),
    normalize: normalizeHealth,
  },
  { family: 'rds', claims: (s, t) => s === 'aws.rds' && RDS_DETAIL_TYPE.test(t), normalize: normalizeRds },
  {
    family: 'codepipeline',
    claims: (s, t) => s === 'aws.codepipeline' && CODEPIPELINE_DETAIL_TYPE.test(t),
    normalize: normalizeCodePipeline,
  },
  { family: 'backup', claims: (s, t) => s === 'aws.backup' && BACKUP_DETAIL_TYPE.test(t), normalize: normalizeBackup },
  {
    // Lambda destinations use the source "lambda", not "aws.lambda".
    family: 'lambda-destination',
    claims: (s, t) => s === 'lambda' && LAMBDA_RESULT_DETAIL_TYPE.test(t),
    normalize: normalizeLambdaDestinationEvent,
  },
  {
    // Custom sources may not start with "aws.", so an AWS service can never impersonate an app.
    family: 'clarion',
    claims: (s, t) => t === CLARION_DETAIL_TYPE && !s.startsWith('aws.'),
    normalize: normalizeClarionEvent,
  },
];

/*
 * The closures are made by these helpers rather than written inline in object literals: the bench
 * runs under tsx (esbuild keepNames), which names every such inline function with a defineProperty call.
 */
function withEnvelope(normalize: EnvelopeNormalizer, envelope: EventBridgeEnvelope, object: JsonObject): Normalize {
  return (ctx) => normalize(envelope, object, ctx);
}

function withPayload(normalize: (payload: JsonObject, ctx: NormalizeContext) => Signal | null, object: JsonObject): Normalize {
  return (ctx) => normalize(object, ctx);
}

/** The family that claims a payload and how to normalize it; `undefined` means generic. */
function route(payload: unknown): { family: SignalFamily; normalize: Normalize } | undefined {
  const object = asObject(payload);
  if (!object) return undefined;
  const envelope = readEnvelope(object);
  if (envelope) {
    const owner = EVENTBRIDGE_ROUTES.find((r) => r.claims(envelope.source, envelope['detail-type']));
    return owner && { family: owner.family, normalize: withEnvelope(owner.normalize, envelope, object) };
  }
  if (asObject(object.alarmData)) {
    return { family: 'cloudwatch-alarm', normalize: withPayload(normalizeAlarmFromDirectAction, object) };
  }
  if (typeof object.AlarmName === 'string' && typeof object.NewStateValue === 'string') {
    return { family: 'cloudwatch-alarm', normalize: withPayload(normalizeAlarmFromSns, object) };
  }
  if (isInvocationRecord(object)) {
    return { family: 'lambda-destination', normalize: withPayload(normalizeInvocationRecord, object) };
  }
  if (object.clarion === CLARION_MARKER) {
    return { family: 'clarion', normalize: withPayload(normalizeClarionMarker, object) };
  }
  return undefined;
}

/**
 * The last line of defence: a valid signal built from nothing that can fail. Its id still comes
 * from the event's content (or its wrapper), so two different unreadable events are two events,
 * not one and a duplicate.
 */
function emergencySignal(receivedAt: Date, problem: string, payload: unknown, delivery: DeliveryContext): Signal {
  const time = Number.isNaN(receivedAt.getTime()) ? new Date(0).toISOString() : receivedAt.toISOString();
  return {
    family: 'generic',
    kind: 'unreadable',
    name: 'unknown/unreadable event',
    key: 'generic:unreadable',
    eventId: unreadableId(payload, delivery),
    state: 'info',
    noData: false,
    title: 'Unreadable event',
    reason: boundedText(problem, 500),
    resource: { type: 'Message', name: 'unknown' },
    time,
    links: [],
    event: {},
    vars: {},
  };
}

/*
 * Family normalizers build signals from zod-parsed input, and the tests validate every output
 * against the full schema. At run time a structural check of the fields later stages rely on
 * catches what slipped through at a fraction of the cost (full validation was a third of the
 * per-event pipeline cost); only a signal that fails it pays for the full parse and its message.
 */
const STATES = new Set<string>(SignalState.options);
const FAMILIES = new Set<string>(SIGNAL_FAMILIES);

function checkSignal(signal: Signal): { success: true; data: Signal } | { success: false; error: { message: string } } {
  if (
    typeof signal.family === 'string' &&
    typeof signal.key === 'string' &&
    typeof signal.name === 'string' &&
    typeof signal.eventId === 'string' &&
    typeof signal.title === 'string' &&
    typeof signal.reason === 'string' &&
    typeof signal.time === 'string' &&
    STATES.has(signal.state) &&
    FAMILIES.has(signal.family) &&
    typeof signal.noData === 'boolean' &&
    typeof signal.resource?.name === 'string' &&
    Array.isArray(signal.links) &&
    typeof signal.event === 'object' &&
    signal.event !== null &&
    typeof signal.vars === 'object' &&
    signal.vars !== null
  ) {
    return { success: true, data: signal };
  }
  return SignalSchema.safeParse(signal);
}

function unreadableId(payload: unknown, delivery: DeliveryContext): string {
  try {
    return resolveEventId(undefined, delivery, payload);
  } catch {
    // Only a value no JSON can hold gets here (a getter that throws); its text is all there is.
    try {
      return `unreadable:${hashEvent(String(payload))}`;
    } catch {
      return `unreadable:${hashEvent(Object.prototype.toString.call(payload))}`;
    }
  }
}

/** An error's message, cut: a zod message quotes paths of the event, which can be very long. */
function problemOf(error: unknown): string {
  try {
    return boundedText(error instanceof Error ? error.message : String(error), 500);
  } catch {
    return 'unknown problem';
  }
}

/** The signal bounded for storage and logs; bounding itself cannot fail on a checked signal, but nothing may escape. */
function finished(signal: Signal, receivedAt: Date, event: UnwrappedEvent): Signal {
  try {
    return boundSignal(signal);
  } catch (error) {
    return emergencySignal(receivedAt, problemOf(error), event.payload, event.delivery);
  }
}

function normalizeUnwrapped(event: UnwrappedEvent, receivedAt: Date): Signal {
  const { payload, delivery } = event;
  const ctx: NormalizeContext = { delivery, receivedAt };
  let fallback: GenericFallback | undefined;
  try {
    const owner = route(payload);
    if (owner) {
      const signal = owner.normalize(ctx);
      const checked = signal === null ? undefined : checkSignal(signal);
      if (checked?.success) return finished(checked.data, receivedAt, event);
      fallback = {
        fromFamily: owner.family,
        problem: checked === undefined ? 'the event does not have the shape of its family' : problemOf(checked.error.message),
      };
    }
  } catch (error) {
    fallback = { fromFamily: 'unknown', problem: problemOf(error) };
  }
  try {
    const signal = normalizeGeneric(payload, ctx, fallback);
    const checked = checkSignal(signal);
    return checked.success ? finished(checked.data, receivedAt, event) : emergencySignal(receivedAt, problemOf(checked.error.message), payload, delivery);
  } catch (error) {
    return emergencySignal(receivedAt, problemOf(error), payload, delivery);
  }
}

/** The event and what its wrappers said, with well-formed text and bounded depth; if even that fails, the event as it came. */
function tamed(event: UnwrappedEvent): UnwrappedEvent {
  try {
    const payload = wellFormedEvent(event.payload);
    const delivery = wellFormedEvent(event.delivery) as DeliveryContext;
    return payload === event.payload && delivery === event.delivery ? event : { payload, delivery };
  } catch {
    return event;
  }
}

/**
 * Normalizes a raw Lambda input (EventBridge event, SNS or SQS batch, direct alarm action, Lambda
 * destination record, Clarion custom event, or anything else) into one signal per event found.
 * Never throws. `receivedAt` is only used as the time of events that carry none; the caller reads
 * the clock (the core has none of its own).
 */
export function normalizeEvent(raw: unknown, options: { receivedAt: Date }): Signal[] {
  const { receivedAt } = options;
  let events: UnwrappedEvent[];
  try {
    events = unwrapEnvelope(raw);
  } catch {
    events = [{ payload: raw, delivery: { via: [] } }];
  }
  return events.map((event) => normalizeUnwrapped(tamed(event), receivedAt));
}
