import { describe, expect, it } from 'vitest';
import { MAX_KEY_BYTES, boundKey } from '../../src/sources/bounded-key.ts';

const bytes = (text: string): number => Buffer.byteLength(text);

describe('boundKey', () => {
  it('keeps a short key as it is', () => {
    // Act
    const key = boundKey('cloudwatch-alarm:arn:aws:cloudwatch:eu-west-2:111111111111:alarm:web-down');

    // Assess
    expect(key).toBe('cloudwatch-alarm:arn:aws:cloudwatch:eu-west-2:111111111111:alarm:web-down');
  });

  it('cuts a long key to the byte limit with a readable prefix and a hash', () => {
    // Act
    const key = boundKey(`generic:${'x'.repeat(5_000)}`);

    // Assess
    expect([bytes(key) <= MAX_KEY_BYTES, key.startsWith('generic:xxx'), /…sha256:[0-9a-f]{64}$/.test(key)]).toEqual([true, true, true]);
  });

  it('counts UTF-8 bytes, not characters', () => {
    // Act
    const key = boundKey('€'.repeat(300));

    // Assess
    expect(bytes(key)).toBeLessThanOrEqual(MAX_KEY_BYTES);
  });

  it('gives two long keys that differ only at the end two different short forms', () => {
    // Act
    const keys = [boundKey(`${'x'.repeat(5_000)}a`), boundKey(`${'x'.repeat(5_000)}b`)];

    // Assess
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('changes nothing when a key is bounded twice', () => {
    // Prepare
    const once = boundKey('y'.repeat(5_000));

    // Act
    const twice = boundKey(once);

    // Assess
    expect(twice).toBe(once);
  });

  it('replaces a lone surrogate with U+FFFD', () => {
    // Act
    const key = boundKey('alarm-\uD800-name');

    // Assess
    expect(key).toBe('alarm-\uFFFD-name');
  });

  it('never splits a surrogate pair when it cuts', () => {
    // Act
    const key = boundKey('😀'.repeat(1_000));

    // Assess
    expect(Buffer.from(key, 'utf8').toString('utf8')).toBe(key);
  });
});
