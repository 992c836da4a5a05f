import { describe, expect, it } from 'vitest';
import { canonicalJson, hashEvent, resolveEventId } from '../../src/sources/event-id.ts';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined values', () => {
    // Act
    const text = canonicalJson({ b: [{ d: 1, c: 2 }], a: undefined, c: 'x' });

    // Assess
    expect(text).toBe('{"b":[{"c":2,"d":1}],"c":"x"}');
  });

  it('writes null for values JSON cannot represent', () => {
    // Act
    const text = canonicalJson(undefined);

    // Assess
    expect(text).toBe('null');
  });
});

describe('hashEvent', () => {
  it('gives the same hash whatever the key order', () => {
    // Act
    const hashes = [hashEvent({ a: 1, b: { c: 2, d: 3 } }), hashEvent({ b: { d: 3, c: 2 }, a: 1 })];

    // Assess
    expect(hashes[0]).toBe(hashes[1]);
  });

  it('gives different events different hashes', () => {
    // Act
    const hashes = [hashEvent({ a: 1 }), hashEvent({ a: 2 })];

    // Assess
    expect(hashes[0]).not.toBe(hashes[1]);
  });
});

describe('resolveEventId', () => {
  it('prefers the id of the event itself', () => {
    // Act
    const id = resolveEventId('own', { via: ['sqs', 'sns'], snsMessageId: 'sns', sqsMessageId: 'sqs' }, {});

    // Assess
    expect(id).toBe('own');
  });

  it('prefers the SNS message id to the SQS one', () => {
    // Act
    const id = resolveEventId(undefined, { via: ['sqs', 'sns'], snsMessageId: 'sns', sqsMessageId: 'sqs' }, {});

    // Assess
    expect(id).toBe('sns');
  });

  it('hashes the event when nothing else identifies it', () => {
    // Act
    const id = resolveEventId(undefined, { via: [] }, { a: 1 });

    // Assess
    expect(id).toBe(hashEvent({ a: 1 }));
  });
});
