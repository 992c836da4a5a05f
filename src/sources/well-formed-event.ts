/** @module Stage 1, normalize: makes unwrapped event JSON safe for every later stage — well-formed text, bounded depth. */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import { wellFormedText } from './well-formed-text.ts';

/*
 * Every string (value or key) of an event is made well-formed here, once, at the edge. JSON
 * nested thousands of levels deep parses, but overflows the stack of anything recursive after
 * it (serializers, marshallers, readers), so what lies deeper than real events ever go is
 * replaced by a note that keeps a hash of it: two events that differ only down there still
 * differ, and so do their ids.
 */

/** AWS events nest a dozen levels at most; DynamoDB documents allow 32. */
export const MAX_EVENT_DEPTH = 24;

/**
 * The event with well-formed strings (values and keys) and nothing deeper than `MAX_EVENT_DEPTH`.
 * An event that needs no change comes back as the same object, so normal events cost one walk
 * and keep their ids; otherwise only the parts that change are copied.
 */
export function wellFormedEvent(value: unknown): unknown {
  return tame(value, 0);
}

function tame(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return wellFormedText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_EVENT_DEPTH) return deepNote(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const tamed = tame(item, depth + 1);
      if (tamed !== item && copy === undefined) copy = value.slice(0, i);
      copy?.push(tamed);
    }
    return copy ?? value;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const item = object[key];
    const tamed = tame(item, depth + 1);
    const tamedKey = wellFormedText(key);
    if ((tamed !== item || tamedKey !== key) && copy === undefined) {
      copy = {};
      for (let j = 0; j < i; j++) setOwn(copy, keys[j]!, object[keys[j]!]);
    }
    if (copy !== undefined) setOwn(copy, tamedKey, tamed);
  }
  return copy ?? value;
}

/** Sets a property as JSON.parse does, so a `__proto__` key stays data and never becomes a prototype. */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

function deepNote(value: object): string {
  const hash = createHash('sha256').update(canonicalJson(value)).digest('hex');
  return `[${Array.isArray(value) ? 'list' : 'object'} nested deeper than ${MAX_EVENT_DEPTH} levels, left out; sha256:${hash}]`;
}
