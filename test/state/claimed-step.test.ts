// A step run at most once under an event claim, given back when it fails.
import { describe, expect, it } from 'vitest';
import { runClaimed } from '../../src/state/claimed-step.ts';
import { createMemoryState } from '../../src/state/memory-state.ts';

describe('runClaimed', () => {
  it('runs a step once and skips it when the same claim comes again', async () => {
    // Prepare
    const state = createMemoryState();
    let runs = 0;

    // Act
    const first = await runClaimed(state, 'press:a', 2_000_000_000, async () => ++runs, () => {});
    const again = await runClaimed(state, 'press:a', 2_000_000_000, async () => ++runs, () => {});

    // Assess
    expect([first, again, runs]).toEqual([{ value: 1 }, undefined, 1]);
  });

  it('gives the claim back when the step fails, so a retry runs it', async () => {
    // Prepare
    const state = createMemoryState();
    const failed = runClaimed(state, 'press:b', 2_000_000_000, async () => Promise.reject(new Error('Slack is down')), () => {});

    // Act
    await expect(failed).rejects.toThrow('Slack is down');
    const retry = await runClaimed(state, 'press:b', 2_000_000_000, async () => 'posted', () => {});

    // Assess
    expect(retry).toEqual({ value: 'posted' });
  });

  it('tells why a claim could not be given back, and still fails with the step\'s own error', async () => {
    // Prepare
    const state = { ...createMemoryState(), releaseEvent: async () => Promise.reject(new Error('DynamoDB is down')) };
    const heard: string[] = [];

    // Act
    const failed = runClaimed(state, 'press:c', 2_000_000_000, async () => Promise.reject(new Error('Slack is down')), (error) => heard.push(String(error)));

    // Assess
    await expect(failed).rejects.toThrow('Slack is down');
    expect(heard).toEqual(['Error: DynamoDB is down']);
  });
});
