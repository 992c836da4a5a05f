/** @module Stage 1, normalize: zod building blocks that tolerate AWS adding, dropping or retyping fields, and a fast path for parsing them. */
import * as z from 'zod';

/*
 * A wrongly typed optional field must not sink the whole event: it reads as absent instead
 * (`.catch(undefined)`), and unknown fields pass through (`z.looseObject`).
 */

/** A structural test: true only for values a schema would return unchanged. */
type UnchangedCheck = (value: unknown) => boolean;

/** Checks declared by hand for schemas the derivation below cannot read (transforms, pipes). */
const declaredChecks = new WeakMap<z.ZodType, UnchangedCheck>();

/**
 * Declares which values `schema` returns unchanged, for a schema whose parts the derivation in
 * `parseLenient` cannot read. The check must never accept a value the schema would change or reject.
 */
export function unchangedWhen<T extends z.ZodType>(schema: T, check: UnchangedCheck): T {
  declaredChecks.set(schema, check);
  return schema;
}

/** An optional string; any other type reads as absent. */
export const optionalString = z.string().optional().catch(undefined);

/** An optional number; numeric strings are accepted because several AWS payloads quote numbers. */
export const optionalNumber = unchangedWhen(
  z
    .union([z.number(), z.string().regex(/^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/).transform(Number)])
    .pipe(z.number().refine(Number.isFinite))
    .optional()
    .catch(undefined),
  (value) => value === undefined || (typeof value === 'number' && Number.isFinite(value)),
);

/** An optional JSON object; any other type reads as absent. */
export const optionalObject = z.record(z.string(), z.unknown()).optional().catch(undefined);

/** An optional array of anything; each element is checked by the reader that uses it. */
export const optionalArray = z.array(z.unknown()).optional().catch(undefined);

/*
 * The fast path. zod's lenient parse of an event's fields was a fifth of the cost of normalizing
 * it (measured on the bench's alarm events: envelope, detail, reasonData and metrics take 3.6 µs
 * through zod, 0.2 µs through this path). Nearly every event already has the shape: each field
 * present has the right type, so no `.catch` fires and nothing is transformed, and zod's result
 * is a field-for-field copy of the input. For those, a structural check derived from the schema
 * itself (so it cannot drift from it) answers without zod, and the input is used as the parsed
 * value; anything the check does not accept goes through zod as before. The input is JSON (what
 * Lambda and the CLI hand over): no symbol keys, getters or hidden fields.
 */

const ALWAYS: UnchangedCheck = () => true;
const derivedChecks = new WeakMap<z.ZodType, UnchangedCheck | null>();

interface SchemaDef {
  type: string;
  checks?: Array<{ _zod: { def: { check: string; minimum?: number; maximum?: number } } }>;
  coerce?: boolean;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, unknown>;
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** An object zod copies key for key; an own `__proto__` key (which zod leaves out of its copy) goes to zod. */
function isCopyableObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Object.hasOwn(value, '__proto__');
}

/** What zod takes for a record: a plain object, whose prototype an own `constructor` key cannot disguise. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return isCopyableObject(value) && Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value, 'constructor');
}

/** A string check; length limits are the only checks read, any other (trim, regex …) makes it unreadable. */
function stringCheck(def: SchemaDef): UnchangedCheck | null {
  let min = 0;
  let max = Infinity;
  for (const check of def.checks ?? []) {
    const { check: kind, minimum, maximum } = check._zod.def;
    if (kind === 'min_length' && minimum !== undefined) min = Math.max(min, minimum);
    else if (kind === 'max_length' && maximum !== undefined) max = Math.min(max, maximum);
    else return null;
  }
  if (min === 0 && max === Infinity) return isString;
  return (value) => typeof value === 'string' && value.length >= min && value.length <= max;
}

/*
 * Shared leaf checks, and one check per schema instance (`optionalString` serves dozens of fields),
 * keep the object loop's call site to a few functions V8 can inline.
 */
const isString: UnchangedCheck = (value) => typeof value === 'string';
const isFiniteNumber: UnchangedCheck = (value) => typeof value === 'number' && Number.isFinite(value);
const isBoolean: UnchangedCheck = (value) => typeof value === 'boolean';

/** The unchanged-value check of a schema, or null when the schema has parts it cannot read. */
function derive(schema: z.ZodType): UnchangedCheck | null {
  const declared = declaredChecks.get(schema);
  if (declared) return declared;
  const def = defOf(schema);
  if (def.coerce) return null;
  switch (def.type) {
    case 'unknown':
    case 'any':
      return ALWAYS;
    case 'string':
      return stringCheck(def);
    case 'number':
      return def.checks?.length ? null : isFiniteNumber;
    case 'boolean':
      return isBoolean;
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return (value) => values.has(value);
    }
    case 'optional': {
      const inner = checkFor(def.innerType!);
      return inner && ((value) => value === undefined || inner(value));
    }
    case 'catch':
      // A value the inner schema accepts unchanged never reaches the catch.
      return checkFor(def.innerType!);
    case 'object':
      return objectCheck(def);
    case 'record': {
      const key = defOf(def.keyType!);
      const value = checkFor(def.valueType!);
      if (key.type !== 'string' || key.checks?.length || value === null) return null;
      return (input) => isPlainObject(input) && (value === ALWAYS || Object.values(input).every(value));
    }
    case 'array': {
      const element = checkFor(def.element!);
      if (def.checks?.length || element === null) return null;
      return (input) => Array.isArray(input) && (element === ALWAYS || input.every(element));
    }
    case 'union': {
      // Every option must be readable: zod returns the first option that succeeds, which must not be a transform.
      const options = (def.options ?? []).map(checkFor);
      if (options.some((o) => o === null)) return null;
      return (value) => options.some((o) => o!(value));
    }
    default:
      return null;
  }
}

/** Only loose objects: a stripping object drops unknown fields, which readers may still look at. */
function objectCheck(def: SchemaDef): UnchangedCheck | null {
  if (def.catchall === undefined || defOf(def.catchall).type !== 'unknown' || def.checks?.length) return null;
  const keys: string[] = [];
  const checks: UnchangedCheck[] = [];
  for (const [key, schema] of Object.entries(def.shape ?? {})) {
    const check = checkFor(schema);
    if (check === null) return null;
    if (check === ALWAYS) continue;
    keys.push(key);
    checks.push(check);
  }
  if (!CAN_COMPILE) {
    return (value) => {
      if (!isCopyableObject(value)) return false;
      for (let i = 0; i < keys.length; i++) if (!checks[i]!(value[keys[i]!])) return false;
      return true;
    };
  }
  // As zod does for its own parsers: one function per shape with the field names written in, so
  // V8 reads each field by a fixed name rather than looking up a changing key (measured: an alarm
  // detail 0.38 µs → 0.11 µs, normalizing an alarm event 6.5 µs → 5.5 µs). The names come from
  // our schemas, never from events, and are quoted by JSON.stringify.
  const body = keys.map((key, i) => `if (!checks[${i}](value[${JSON.stringify(key)}])) return false;`).join('\n');
  const source = `return (value) => {\nif (!isCopyableObject(value)) return false;\n${body}\nreturn true;\n};`;
  return new Function('isCopyableObject', 'checks', source)(isCopyableObject, checks) as UnchangedCheck;
}

/** Whether functions may be compiled from source here (zod asks the same before compiling its parsers). */
const CAN_COMPILE = ((): boolean => {
  if (z.config().jitless) return false;
  try {
    new Function('');
    return true;
  } catch {
    return false;
  }
})();

function checkFor(schema: z.ZodType): UnchangedCheck | null {
  let check = derivedChecks.get(schema);
  if (check === undefined) {
    check = derive(schema);
    derivedChecks.set(schema, check);
  }
  return check;
}

export type LenientResult<T> = { success: true; data: T } | { success: false };

/**
 * `schema.safeParse(value)` for the lenient event schemas, with the fast path above: a value the
 * schema would return unchanged is returned as is (the same object, not a copy), anything else is
 * parsed by zod. Readers must treat the result as read-only, as they would zod's.
 */
export function parseLenient<T extends z.ZodType>(schema: T, value: unknown): LenientResult<z.output<T>> {
  if (checkFor(schema)?.(value)) return { success: true, data: value as z.output<T> };
  return schema.safeParse(value);
}
