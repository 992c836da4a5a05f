/** @module Stage 1, normalize: caps what a signal carries from one event, so no record or log line grows with a hostile field. */
import type { Signal } from '../core/signal.ts';
import { boundKey } from './bounded-key.ts';
import { boundedText, isWellFormedText, wellFormedText } from './well-formed-text.ts';

/*
 * The signal without its `event` and `vars` is stored with its alert, logged and rendered. An SQS
 * message may be 256 KB, so one field (an alarm name, a reason, a tag) could otherwise carry
 * that much into every record and log line. Each string is cut to what any message could show,
 * lists and maps to what AWS itself allows, numbers to what DynamoDB can store, and empty map
 * keys (which DynamoDB refuses) are dropped. `event` and `vars` stay whole: patterns and
 * placeholders read them, and neither is stored.
 */

/** Most strings: names, titles, types, tag values. AWS names are at most a few hundred characters. */
const TEXT_LIMIT = 1_024;
/** Longer prose and expressions, by field name; a reason is shown up to Slack's 3,000 per section. */
const LONGER: Record<string, number> = { reason: 4_000, description: 2_048, rule: 2_048, expression: 2_048, arn: 2_048, url: 3_000 };
/** Alarms have at most 50 tags and 30 dimensions, composite rules 100 children. */
const MAP_ENTRIES = 50;
const LIST_ITEMS = 100;
const KEY_LIMIT = 256;
/** DynamoDB numbers: magnitudes from 1e-130 to just under 1e126; anything else refuses the whole item. */
const SMALLEST = 1e-130;
const LARGEST = 9.9999999999999e125;

/** A number DynamoDB stores: too small to tell from zero becomes 0, too large becomes the largest it holds. */
function storableNumber(value: number): number {
  if (!Number.isFinite(value)) return value > 0 ? LARGEST : value < 0 ? -LARGEST : 0;
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && magnitude < SMALLEST) return 0;
  return magnitude > LARGEST ? Math.sign(value) * LARGEST : value;
}

/** The signal with ids bounded and every stored string, list and map cut to its limit; unchanged parts are kept as they are. */
export function boundSignal(signal: Signal): Signal {
  // Checked field by field without copying: nearly every signal needs no change (measured: 5.5 µs → 1 µs a signal).
  let out: Record<string, unknown> | undefined;
  const fields = signal as unknown as Record<string, unknown>;
  for (const field in fields) {
    const value = fields[field];
    let bounded: unknown;
    if (field === 'event' || field === 'vars') continue;
    if (field === 'key' || field === 'eventId') bounded = typeof value === 'string' ? boundKey(value) : value;
    else bounded = capped(value, field, 0);
    if (bounded !== value) {
      out ??= { ...fields };
      out[field] = bounded;
    }
  }
  return out === undefined ? signal : (out as unknown as Signal);
}

function capped(value: unknown, field: string, depth: number): unknown {
  if (typeof value === 'string') return value.length <= TEXT_LIMIT ? wellFormedText(value) : boundedText(value, LONGER[field] ?? TEXT_LIMIT);
  if (typeof value === 'number') return storableNumber(value);
  // Signal fields nest three levels at most (alarm.tags.<key>); deeper is not a signal's shape.
  if (typeof value !== 'object' || value === null || depth > 4) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined = value.length > LIST_ITEMS ? value.slice(0, LIST_ITEMS) : undefined;
    const length = Math.min(value.length, LIST_ITEMS);
    for (let i = 0; i < length; i++) {
      const item: unknown = value[i];
      const bounded = capped(item, field, depth + 1);
      if (bounded !== item) {
        copy ??= value.slice(0, LIST_ITEMS);
        copy[i] = bounded;
      }
    }
    return copy ?? value;
  }
  const object = value as Record<string, unknown>;
  const isMap = field === 'tags' || field === 'dimensions';
  let count = 0;
  let changed = false;
  for (const key in object) {
    if (isMap && (++count > MAP_ENTRIES || key === '' || key.length > KEY_LIMIT || !isWellFormedText(key))) changed = true;
    const item = object[key];
    if (capped(item, isMap ? field : key, depth + 1) !== item) changed = true;
    if (changed) break;
  }
  if (!changed) return value;
  const out: Record<string, unknown> = {};
  count = 0;
  for (const key in object) {
    if (isMap && ++count > MAP_ENTRIES) break;
    if (isMap && key === '') continue;
    const boundedKey = isMap ? boundedText(key, KEY_LIMIT) : key;
    const boundedItem = capped(object[key], isMap ? field : key, depth + 1);
    if (boundedKey === '__proto__') Object.defineProperty(out, boundedKey, { value: boundedItem, enumerable: true, writable: true, configurable: true });
    else out[boundedKey] = boundedItem;
  }
  return out;
}
