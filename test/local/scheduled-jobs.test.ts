import { afterEach, describe, expect, it } from 'vitest';
import { createScheduledJobs } from '../../src/local/scheduled-jobs.ts';
import type { ScheduledJob, ScheduledJobs } from '../../src/local/scheduled-jobs.ts';
import { eventually } from '../local-stack/stack-helpers.ts';

const T0 = Date.parse('2026-11-24T10:00:00Z');
const MIN = 60_000;

/** A job due every `everyMin` minutes from T0 (plus `offsetMin`), recording when it fired. */
function every(name: string, everyMin: number, fired: string[], offsetMin = 0): ScheduledJob {
  return {
    name,
    nextDue: (after) => {
      const first = T0 + offsetMin * MIN;
      const k = Math.max(0, Math.floor((after.getTime() - first) / (everyMin * MIN)) + 1);
      return new Date(after.getTime() < first ? first : first + k * everyMin * MIN);
    },
    fire: (due, now) => void fired.push(`${name} ${new Date(due).toISOString().slice(11, 16)} at ${now.toISOString().slice(11, 16)}`),
  };
}

describe('Local stack: the scheduled jobs', () => {
  let jobs: ScheduledJobs | undefined;
  afterEach(() => jobs?.close());

  it('fires every job due by the clock, earliest first, each due time once', async () => {
    // Prepare
    const clock = { now: T0 };
    const fired: string[] = [];
    jobs = createScheduledJobs({ now: () => new Date(clock.now) });
    jobs.add(every('a', 20, fired, 5));
    jobs.add(every('b', 30, fired));
    clock.now = T0 + 60 * MIN;

    // Act
    await jobs.fireDue();
    await jobs.fireDue();

    // Assess
    expect(fired).toEqual(['a 10:05 at 11:00', 'a 10:25 at 11:00', 'b 10:30 at 11:00', 'a 10:45 at 11:00', 'b 11:00 at 11:00']);
  });

  it('says when the next job is due, after what has fired', async () => {
    // Prepare
    const clock = { now: T0 };
    jobs = createScheduledJobs({ now: () => new Date(clock.now) });
    jobs.add(every('a', 20, [], 5));
    clock.now = T0 + 10 * MIN;

    // Act
    await jobs.fireDue();

    // Assess
    expect(jobs.nextDueAt()?.toISOString()).toBe('2026-11-24T10:25:00.000Z');
  });

  it('does not fire a job for times before it was added', async () => {
    // Prepare
    const clock = { now: T0 + 60 * MIN };
    const fired: string[] = [];
    jobs = createScheduledJobs({ now: () => new Date(clock.now) });
    jobs.add(every('late', 20, fired));
    clock.now = T0 + 90 * MIN;

    // Act
    await jobs.fireDue();

    // Assess
    expect(fired).toEqual(['late 11:20 at 11:30']);
  });

  it('asks the jobs again on rearm, so a schedule changed by a catalog reload takes effect', async () => {
    // Prepare
    const clock = { now: T0 };
    let minutes = 30;
    jobs = createScheduledJobs({ now: () => new Date(clock.now) });
    jobs.add({ name: 'changing', nextDue: (after) => new Date(after.getTime() + minutes * MIN), fire: () => {} });
    await jobs.fireDue();
    minutes = 5;

    // Act
    await jobs.rearm();

    // Assess
    expect(jobs.nextDueAt()?.toISOString()).toBe('2026-11-24T10:05:00.000Z');
  });

  it('arms a job re-asked after a quiet spell from now, so it does not fire for the times it missed', async () => {
    // Prepare: no schedule for hours, then a reload gives the job one.
    const clock = { now: T0 };
    const fired: string[] = [];
    let scheduled = false;
    jobs = createScheduledJobs({ now: () => new Date(clock.now) });
    jobs.add({ ...every('reloaded', 60, fired), nextDue: (after) => (scheduled ? every('reloaded', 60, fired).nextDue(after) : null) });
    await jobs.fireDue();
    clock.now = T0 + 150 * MIN;
    scheduled = true;

    // Act
    await jobs.rearm();
    await jobs.fireDue();

    // Assess
    expect(fired).toEqual([]);
    expect(jobs.nextDueAt()?.toISOString()).toBe('2026-11-24T13:00:00.000Z');
  });

  it('keeps firing the others when one job fails, and logs the failure', async () => {
    // Prepare
    const clock = { now: T0 };
    const fired: string[] = [];
    const lines: string[] = [];
    jobs = createScheduledJobs({ now: () => new Date(clock.now), log: (line) => void lines.push(line) });
    jobs.add({ ...every('broken', 60, []), fire: () => Promise.reject(new Error('no queue')) });
    jobs.add(every('fine', 60, fired));
    clock.now = T0 + 60 * MIN;

    // Act
    await jobs.fireDue();

    // Assess
    expect(fired).toEqual(['fine 11:00 at 11:00']);
    expect(lines).toEqual(['  error: the schedule "broken" failed at 2026-11-24T11:00:00.000Z: no queue']);
  });

  it('fires a job on its own when real time reaches it', async () => {
    // Prepare
    let clock = T0;
    const fired: string[] = [];
    let woken = 0;
    jobs = createScheduledJobs({ now: () => new Date(clock), maxSleepMs: 10, afterFire: () => void (woken += 1) });
    jobs.add(every('timer', 1, fired));

    // Act: time passes without anyone calling fireDue.
    clock = T0 + MIN;

    // Assess
    await eventually(() => fired.length === 1, 'the job to fire from its timer');
    expect(fired).toEqual(['timer 10:01 at 10:01']);
    await eventually(() => woken === 1, 'the queue to be woken');
  });
});
