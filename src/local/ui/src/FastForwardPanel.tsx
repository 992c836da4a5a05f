/** @module Preview page: the stack's time, and buttons that move it forward so quiet periods, schedules and retries come due without waiting. */
import { useEffect, useState } from 'react';
import { api } from './api.ts';

const STEPS: Array<{ label: string; seconds: number; spoken: string }> = [
  { label: '+5 min', seconds: 5 * 60, spoken: '5 minutes' },
  { label: '+15 min', seconds: 15 * 60, spoken: '15 minutes' },
  { label: '+1 h', seconds: 60 * 60, spoken: '1 hour' },
  { label: '+1 day', seconds: 24 * 60 * 60, spoken: '1 day' },
];

/** `version` changes whenever the server reports activity, so the time shown stays current. */
export function FastForwardPanel({ version, announce }: { version: number; announce: (text: string) => void }) {
  const [now, setNow] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    api.clock().then((c) => setNow(c.now), () => {});
  }, [version]);

  useEffect(() => {
    // Without a pinned clock the stack's time runs on by itself.
    const timer = window.setInterval(() => api.clock().then((c) => setNow(c.now), () => {}), 30_000);
    return () => window.clearInterval(timer);
  }, []);

  const move = async (step: (typeof STEPS)[number]) => {
    setBusy(step.spoken);
    announce(`Moving the clock forward ${step.spoken}…`);
    try {
      const answer = await api.advanceClock(step.seconds);
      setNow(answer.now);
      const at = new Date(answer.now).toLocaleString();
      announce(answer.settled === false ? `Clock moved to ${at}; ${answer.pending ?? 0} queued messages are still running` : `Clock moved to ${at}; what came due has run`);
    } catch (error) {
      announce(`Could not move the clock: ${(error as Error).message}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel fast-forward" aria-labelledby="fast-forward-heading" aria-busy={busy ? true : undefined}>
      <h2 id="fast-forward-heading">Fast-forward</h2>
      <p>
        Stack time:{' '}
        {now ? (
          <time dateTime={now} data-testid="stack-time">
            {new Date(now).toLocaleString()}
          </time>
        ) : (
          '…'
        )}
      </p>
      <div className="steps" role="group" aria-labelledby="fast-forward-heading" aria-describedby="fast-forward-help">
        {STEPS.map((step) => (
          <button key={step.label} type="button" disabled={busy !== null} title={`Move the stack's clock forward ${step.spoken}`} onClick={() => void move(step)}>
            {step.label}
          </button>
        ))}
      </div>
      <p id="fast-forward-help" className="help">
        {busy ? `Moving forward ${busy}: running what comes due…` : 'Delays, quiet periods, the summary and other schedules come due as if the time had passed.'}
      </p>
    </section>
  );
}
