/** @module Stage 1, normalize: small readers that take loosely typed JSON apart without throwing. */
import { wellFormedEvent } from './well-formed-event.ts';
import { prefix } from './well-formed-text.ts';

export type JsonObject = Record<string, unknown>;

/** The value as a plain object, or `undefined` (arrays and null are not objects here). */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** A non-blank string, or `undefined`. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value : undefined;
}

/** A finite number; numeric strings count too because several AWS payloads quote numbers. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** The finite numbers of an array, in order; anything else is dropped. */
export function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.flatMap((v) => (typeof v === 'number' && Number.isFinite(v) ? [v] : [])) : [];
}

/** The non-blank strings of an array, in order. */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.flatMap((v) => (text(v) === undefined ? [] : [v as string])) : [];
}

/** The plain objects of an array, in order. */
export function objects(value: unknown): JsonObject[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v): JsonObject[] => {
    const object = asObject(v);
    return object ? [object] : [];
  });
}

/**
 * Parses JSON that AWS double-encodes (alarm `reasonData`, SNS `Message`); `undefined` when it is
 * not JSON. Its escapes can spell lone surrogates and its nesting can be any depth, so the result
 * is made well-formed and bounded as the outer event was.
 */
export function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return wellFormedEvent(JSON.parse(value) as unknown);
  } catch {
    return undefined;
  }
}

/** Cuts text to `max` characters, marking the cut with an ellipsis; never between the halves of a surrogate pair. */
export function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${prefix(value, Math.max(0, max - 1))}…`;
}

/** A copy without the keys whose value is `undefined`, so signals carry no empty fields. */
export function compact<T extends JsonObject>(value: T): T {
  const out: JsonObject = {};
  for (const key in value) if (value[key] !== undefined) out[key] = value[key];
  return out as T;
}

/** Joins the non-empty parts with a separator. */
export function joinParts(parts: ReadonlyArray<string | undefined | false>, separator = '; '): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.trim().length > 0).join(separator);
}
