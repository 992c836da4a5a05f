/** @module Local stack: the stand-in for EventBridge Scheduler — timed jobs (the office-hours summary, and any later schedule) that real time and `POST /api/clock` both drive. */

/**
 * One schedule. On AWS each is an EventBridge Scheduler schedule that puts a request on the
 * queue; locally `fire` puts the same request on the in-process queue. Jobs hold no timers of
 * their own: the list asks each for its next due time and fires them in time order, whether
 * real time reaches it or a clock advance steps over it.
 */
export interface ScheduledJob {
  /** For the terminal: "office-hours summary", "maintenance notices". */
  name: string;
  /** The first time strictly after `after` when the job is due, or null when it has nothing scheduled. */
  nextDue(after: Date): Date | null | Promise<Date | null>;
  /** Does the job's work (usually one queue send); `due` is when it was scheduled, `now` the stack's time (at or after `due`). */
  fire(due: Date, now: Date): void | Promise<void>;
}

export interface ScheduledJobs {
  /** Adds a job, armed from now (or from the time the list has fired through, if later); returns its removal. */
  add(job: ScheduledJob): () => void;
  /** Asks every job not yet due for its next time again, from now (after a catalog reload changed what they read). */
  rearm(): Promise<void>;
  /** The earliest time a job is due, or null when none is. */
  nextDueAt(): Date | null;
  /** Fires every job due at or before the stack's time, earliest first (a job due twice in the span fires twice); returns what fired. */
  fireDue(): Promise<Array<{ name: string; due: Date }>>;
  close(): void;
}

export interface ScheduledJobsOptions {
  /** The stack's clock (pipeline time). */
  now: () => Date;
  log?: (line: string) => void;
  /** Called after jobs fired from real time, so the queue is looked at at once. */
  afterFire?: () => void;
  /** The longest real-time wait before looking again (the clock can be moved in between). */
  maxSleepMs?: number;
}

interface Armed {
  job: ScheduledJob;
  due: Date | null;
}

/** Guards against a job due every millisecond or so (it would hold one pass for ever). */
const MAX_FIRES_PER_PASS = 10_000;

export function createScheduledJobs(options: ScheduledJobsOptions): ScheduledJobs {
  const { now } = options;
  const maxSleepMs = options.maxSleepMs ?? 60_000;
  const armed: Armed[] = [];
  // Everything due up to here has fired; a job added or re-armed later is armed from here, so nothing fires twice.
  let through = now();
  /** From now on: a job added (or a schedule changed) after a quiet spell does not fire for the times it missed. */
  const moveThrough = (): Date => {
    const at = now();
    if (at.getTime() > through.getTime()) through = at;
    return through;
  };
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // Real-time firing, advances and re-arming take turns, so one due time never fires twice.
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => {});
    return next;
  };

  const report = (line: string) => options.log?.(line);

  async function arm(entry: Armed, after: Date): Promise<void> {
    try {
      const due = await entry.job.nextDue(after);
      // A time at or before the one asked about would fire again and again within one pass: the job has nothing left.
      entry.due = due && due.getTime() > after.getTime() ? due : null;
    } catch (error) {
      entry.due = null;
      report(`  error: the schedule "${entry.job.name}" could not say when it is next due: ${(error as Error).message}`);
    }
  }

  function earliest(): Armed | undefined {
    let first: Armed | undefined;
    for (const entry of armed) if (entry.due && (!first || entry.due.getTime() < first.due!.getTime())) first = entry;
    return first;
  }

  function sleep(): void {
    clearTimeout(timer);
    if (closed) return;
    const next = earliest()?.due;
    if (!next) return;
    const wait = Math.min(maxSleepMs, Math.max(0, next.getTime() - now().getTime()));
    timer = setTimeout(() => {
      void fireDue().then((fired) => {
        if (fired.length > 0) options.afterFire?.();
      });
    }, wait);
    timer.unref();
  }

  function fireDue(): Promise<Array<{ name: string; due: Date }>> {
    return exclusive(async () => {
      const fired: Array<{ name: string; due: Date }> = [];
      const at = now();
      for (let entry = earliest(); entry?.due && entry.due.getTime() <= at.getTime() && fired.length < MAX_FIRES_PER_PASS; entry = earliest()) {
        const due = entry.due;
        try {
          await entry.job.fire(due, now());
        } catch (error) {
          report(`  error: the schedule "${entry.job.name}" failed at ${due.toISOString()}: ${(error as Error).message}`);
        }
        fired.push({ name: entry.job.name, due });
        await arm(entry, due);
      }
      if (at.getTime() > through.getTime()) through = at;
      sleep();
      return fired;
    });
  }

  return {
    add(job) {
      const entry: Armed = { job, due: null };
      armed.push(entry);
      // From the time it was added, even if the clock moves before its turn comes.
      const from = moveThrough();
      void exclusive(async () => {
        await arm(entry, from);
        sleep();
      });
      return () => {
        const index = armed.indexOf(entry);
        if (index >= 0) armed.splice(index, 1);
        sleep();
      };
    },
    rearm: () =>
      exclusive(async () => {
        const from = moveThrough();
        // A job already due keeps its time: it fires on the next pass, as it would have without the reload.
        for (const entry of armed) if (!entry.due || entry.due.getTime() > from.getTime()) await arm(entry, from);
        sleep();
      }),
    nextDueAt: () => earliest()?.due ?? null,
    fireDue,
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}
