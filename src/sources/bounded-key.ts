/** @module Stage 1, normalize: keeps ids and keys made from event text within DynamoDB's key size, without collisions. */
import { createHash } from 'node:crypto';
import { wellFormedText } from './well-formed-text.ts';

/**
 * Longest key or id kept as it is, in UTF-8 bytes. DynamoDB refuses partition keys over 2,048
 * bytes, and keys are stored with a prefix (`alert#<catalog id>|`, `event#`), so this leaves room.
 */
export const MAX_KEY_BYTES = 512;

const TAIL_BYTES = Buffer.byteLength('…sha256:') + 64;

/**
 * `value` as a well-formed key of at most `maxBytes` UTF-8 bytes: short values stay as they are
 * (ids of normal events never change), longer ones become a readable prefix plus the SHA-256 of
 * the whole value, so two long values never share a short form. Bounding twice changes nothing.
 */
export function boundKey(value: string, maxBytes = MAX_KEY_BYTES): string {
  const wellFormed = wellFormedText(value);
  // A UTF-16 unit is at most 3 UTF-8 bytes, so most keys need no count.
  if (wellFormed.length * 3 <= maxBytes || Buffer.byteLength(wellFormed) <= maxBytes) return wellFormed;
  const hash = createHash('sha256').update(wellFormed).digest('hex');
  return `${prefixOfBytes(wellFormed, Math.max(0, maxBytes - TAIL_BYTES))}…sha256:${hash}`;
}

/** The longest prefix of `text` within `maxBytes` UTF-8 bytes that does not split a character. */
export function prefixOfBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}
