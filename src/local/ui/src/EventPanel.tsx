/** @module Preview page: send events — a shipped sample, or any raw AWS event pasted in. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from './api.ts';

export function EventPanel({ samples, announce }: { samples: string[]; announce: (text: string) => void }) {
  const [sample, setSample] = useState('');
  const [raw, setRaw] = useState('');
  const [pasteError, setPasteError] = useState('');
  const chosen = sample || samples[0] || '';

  const fire = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    try {
      const { queued } = await api.fireSample(chosen);
      announce(`Sent ${chosen}: ${queued.length} signal${queued.length === 1 ? '' : 's'} queued`);
    } catch (error) {
      announce(`Could not send ${chosen}: ${(error as Error).message}`);
    }
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setPasteError('');
    try {
      const { queued } = await api.sendEvent(raw);
      announce(`Event queued: ${queued.join(', ') || 'no signals'}`);
    } catch (error) {
      setPasteError((error as Error).message);
    }
  };

  return (
    <section className="panel" aria-labelledby="events-heading">
      <h2 id="events-heading">Send an event</h2>
      <form onSubmit={fire} className="row">
        <label htmlFor="sample-select">Sample event</label>
        <select id="sample-select" value={chosen} onChange={(e) => setSample(e.target.value)}>
          {samples.map((s) => (
            <option key={s} value={s}>
              {s.replace(/\.json$/, '')}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!chosen}>
          Fire sample
        </button>
      </form>
      <form onSubmit={send} className="paste">
        <label htmlFor="paste-event">Paste a raw AWS event (EventBridge, SNS, direct alarm action or a Records batch)</label>
        <textarea id="paste-event" rows={5} value={raw} onChange={(e) => setRaw(e.target.value)} spellCheck={false} aria-describedby={pasteError ? 'paste-error' : undefined} />
        {pasteError ? (
          <p id="paste-error" className="error" role="alert">
            {pasteError}
          </p>
        ) : null}
        <button type="submit" disabled={raw.trim() === ''}>
          Send event
        </button>
      </form>
    </section>
  );
}
