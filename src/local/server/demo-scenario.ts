/** @module Local stack: the first-run demo — the app goes down, nobody acknowledges for 5 minutes (a reminder), an engineer acknowledges, pages fail because of it, it recovers (the page errors go on, on their own), the overnight sync fails and Clarion restarts it on its own, the page errors stop, and the portal and the sync are told fixed; then its pages slow down and burn the month's allowance (an SLO), until they are fast again. */

export interface DemoDeps {
  /** Reads a shipped sample and queues it as a new event; returns its signal keys. */
  fireSample(file: string): Promise<string[]>;
  /** Resolves with the alert key the processor gave one of these signals, or undefined after the timeout. */
  alertKeyFor(signalKeys: string[], timeoutMs: number): Promise<string | undefined>;
  /** Presses Acknowledge on the alert's engineers' message as this Slack user; returns the HTTP status. */
  acknowledge(alertKey: string, user: string): Promise<number>;
  /** Moves the stack's clock forward, as `POST /api/clock` does (to show an escalation without waiting 5 minutes). */
  advanceClock?(seconds: number): Promise<void>;
  /** The maintenance windows with their next occurrence, as `GET /api/maintenance` lists them. */
  plannedWork?(): Array<{ title: string; active: boolean; next: { noticeAt: string; start: string; end: string } | null; notice?: string }>;
  /** Feeds the stack's metric store, as `POST /api/metrics` does (the SLO's figures are read from it). */
  putMetrics?(body: unknown): Promise<void>;
  /** The stack's clock. */
  now?(): Date;
  /** How many runs the fixes' stand-in has started (`GET /api/fixes`), to tell what the demo's restart really did. */
  fixRuns?(): number;
  sleep(ms: number): Promise<void>;
  log(line: string): void;
  /** True once the stack is shutting down: the demo stops between steps. */
  stopped(): boolean;
}

export const DEMO_USER = 'U0DEMO';

/**
 * The portal's page loads as the load balancer reports them: a quiet fortnight (0.1% over 2 s), then
 * an hour in which 15% are (15× the 1% a 99% objective allows), the last 5 minutes as bad.
 */
export function burnMetrics(now: Date): unknown {
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const datum = (minutesAgo: number, fast: number, slow: number) => ({
    MetricName: 'TargetResponseTime',
    Dimensions: [{ Name: 'LoadBalancer', Value: 'app/trainee-portal-prod/50dc6c495c0c9188' }],
    Timestamp: at(minutesAgo),
    Values: [0.4, 3.1],
    Counts: [fast, slow],
    Unit: 'Seconds',
  });
  return { Namespace: 'AWS/ApplicationELB', MetricData: [datum(14 * 24 * 60, 59_960, 40), datum(45, 510, 90), datum(3, 340, 60)] };
}

/** Polls `ready` for up to 5 s (the processor takes the failure off the queue first); false when it never held. */
async function waitFor(ready: () => boolean, deps: Pick<DemoDeps, 'sleep' | 'stopped'>): Promise<boolean> {
  for (let i = 0; i < 50 && !deps.stopped(); i += 1) {
    if (ready()) return true;
    await deps.sleep(100);
  }
  return ready();
}

/** Spread over a few seconds, so the page has something happening as soon as it opens. */
export async function runDemoScenario(deps: DemoDeps): Promise<void> {
  const step = async (pauseMs: number, what: string, act: () => Promise<void>): Promise<boolean> => {
    await deps.sleep(pauseMs);
    if (deps.stopped()) return false;
    deps.log(`demo: ${what}`);
    await act();
    return !deps.stopped();
  };
  let keys: string[] = [];
  if (!(await step(500, 'the Trainee Portal goes down (app-down-alarm.json)', async () => void (keys = await deps.fireSample('app-down-alarm.json'))))) return;
  const alertKey = await deps.alertKeyFor(keys, 15_000);
  if (alertKey && deps.advanceClock) {
    // The shipped policy reminds the engineers of a critical alert nobody acknowledged after 5 minutes.
    if (!(await step(2000, 'nobody acknowledges for 5 minutes: the engineers are reminded (the clock moves 5 minutes on)', () => deps.advanceClock!(300)))) return;
  }
  if (alertKey) {
    if (!(await step(2000, `an engineer (${DEMO_USER}) presses Acknowledge`, async () => void (await deps.acknowledge(alertKey, DEMO_USER))))) return;
  } else {
    deps.log('demo: the app-down alert did not open in time; skipping the acknowledgement');
  }
  // Inhibition: the page errors depend on the outage, so they are a line in its message, and are delivered on their own once it recovers.
  if (!(await step(1500, 'some pages fail too, folded under the outage (error-rate-alarm.json)', async () => void (await deps.fireSample('error-rate-alarm.json'))))) return;
  if (!(await step(2500, 'the portal recovers (app-down-ok.json)', async () => void (await deps.fireSample('app-down-ok.json'))))) return;
  const runsBefore = deps.fixRuns?.() ?? 0;
  if (!(await step(2000, 'the overnight sync fails (nightly-sync-glue-failed.json)', async () => void (await deps.fireSample('nightly-sync-glue-failed.json'))))) return;
  // Its entry declares an automatic restart (autoFix, mode: auto): Clarion runs it on the stand-in and tells the engineers' thread.
  // Its limit (1 run in 6 hours) may have been spent by an earlier demo on the same --data folder: then say so, not that it ran.
  const restarted = !deps.fixRuns || (await waitFor(() => deps.fixRuns!() > runsBefore, deps));
  if (!restarted) deps.log('demo: Clarion does not restart the overnight sync this time: its limit of 1 run in 6 hours was spent by an earlier run on this --data folder (the engineers\' thread says so), so nobody reads "fixed automatically"');
  if (deps.advanceClock) {
    const what = restarted ? 'Clarion restarts the overnight sync on its own, and a minute later the restart has finished' : 'a minute passes';
    if (!(await step(2000, `${what} (the clock moves 1 minute on; GET /api/fixes lists the runs)`, () => deps.advanceClock!(61)))) return;
    if (!(await step(1500, 'the overnight sync runs again and finishes (nightly-sync-glue-succeeded.json)', async () => void (await deps.fireSample('nightly-sync-glue-succeeded.json'))))) return;
  }
  if (!(await step(2500, 'the page errors stop too (error-rate-ok.json)', async () => void (await deps.fireSample('error-rate-ok.json'))))) return;
  if (deps.advanceClock) {
    // Once the portal has stayed fixed for its quiet period, product leads and local offices are told, and the status page says it in the past tense.
    if (!(await step(2000, 'the portal stays fixed for 15 minutes: product leads and local offices are told it is fixed (the clock moves 15 minutes on)', () => deps.advanceClock!(900)))) return;
    if (restarted) deps.log('demo: product leads and local offices read that the overnight update "was fixed automatically" at the time the restart finished; the engineers\' thread has each step of the restart');
  }
  // An SLO: page loads slow down until the fast-burn alarm fires; its figures come from the metrics fed first.
  if (deps.putMetrics && deps.now) {
    if (!(await step(2000, 'portal pages slow down: 15% of the last hour\'s loads take over 2 s (POST /api/metrics)', () => deps.putMetrics!(burnMetrics(deps.now!()))))) return;
    if (!(await step(500, 'the month\'s allowance for slow page loads burns 15× too fast (page-speed-burn-sns.json)', async () => void (await deps.fireSample('page-speed-burn-sns.json'))))) return;
    if (!(await step(6000, 'pages are fast again: the burn stops (page-speed-burn-ok-sns.json)', async () => void (await deps.fireSample('page-speed-burn-ok-sns.json'))))) return;
  }
  // Planned work is days away: the demo says when, and Fast-forward (or POST /api/clock) gets there.
  for (const work of deps.plannedWork?.() ?? []) {
    if (!work.next) continue;
    const when = work.active ? `on now, until ${work.next.end}` : `next from ${work.next.start} to ${work.next.end}; its first notice is due ${work.next.noticeAt}`;
    deps.log(`demo: planned work on ${work.title} is ${when} (stack time, UTC) — Fast-forward to see the notices and alerts going to engineers only`);
    if (work.notice) deps.log(`demo: product leads will read, a day before: "${work.notice}"`);
  }
}
