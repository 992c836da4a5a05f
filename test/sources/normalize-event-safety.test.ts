import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Signal } from '../../src/core/signal.ts';
import { normalizeEvent } from '../../src/sources/normalize-event.ts';
import type * as HealthModule from '../../src/sources/normalize-health.ts';
import type * as UnwrapModule from '../../src/sources/unwrap-envelope.ts';
import { loadSample, RECEIVED_AT } from './sample-events.ts';

/*
 * The safety nets of normalizeEvent catch bugs that real inputs cannot trigger today, so the
 * modules they guard are replaced here with misbehaving versions.
 */
const misbehave = vi.hoisted(() => ({ invalidHealthSignal: false, unwrapThrows: false }));

vi.mock('../../src/sources/normalize-health.ts', async (importOriginal) => {
  const original = await importOriginal<typeof HealthModule>();
  return {
    ...original,
    normalizeHealth: (...args: Parameters<typeof original.normalizeHealth>) => {
      const signal = original.normalizeHealth(...args);
      return misbehave.invalidHealthSignal && signal ? { ...signal, state: 'exploded' } : signal;
    },
  };
});

vi.mock('../../src/sources/unwrap-envelope.ts', async (importOriginal) => {
  const original = await importOriginal<typeof UnwrapModule>();
  return {
    ...original,
    unwrapEnvelope: (raw: unknown) => {
      if (misbehave.unwrapThrows) throw new Error('unwrap bug');
      return original.unwrapEnvelope(raw);
    },
  };
});

describe('normalizeEvent safety nets', () => {
  beforeEach(() => {
    misbehave.invalidHealthSignal = false;
    misbehave.unwrapThrows = false;
  });

  it('replaces a family signal that fails the schema with a generic one that says why', () => {
    // Prepare
    misbehave.invalidHealthSignal = true;

    // Act
    const [signal] = normalizeEvent(loadSample('aws-health-rds-issue.json'), { receivedAt: RECEIVED_AT });

    // Assess
    expect([signal?.family, (signal?.vars.normalizer as { fromFamily: string }).fromFamily, Signal.safeParse(signal).success]).toEqual([
      'generic',
      'health',
      true,
    ]);
  });

  it('treats the whole input as one event when unwrapping fails', () => {
    // Prepare
    misbehave.unwrapThrows = true;

    // Act
    const signals = normalizeEvent(loadSample('db-failover.json'), { receivedAt: RECEIVED_AT });

    // Assess
    expect(signals.map((s) => s.family)).toEqual(['rds']);
  });
});
