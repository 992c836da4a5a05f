/** @module Preview page: office hours — whether audiences that hold are being told now, what waits for the summary, and a button to post it early. */
import { useEffect, useState } from 'react';
import { api } from './api.ts';
import type { OfficeHoursStatus } from './api.ts';

/** `version` changes whenever the server reports activity, so the held count stays current. */
export function OfficeHoursPanel({ version, announce }: { version: number; announce: (text: string) => void }) {
  const [status, setStatus] = useState<OfficeHoursStatus | null>(null);

  useEffect(() => {
    api.officeHours().then(setStatus, () => {});
  }, [version]);

  const post = async () => {
    try {
      await api.requestSummary();
      announce('Summary requested: audiences that hold get what was held');
    } catch (error) {
      announce(`Could not request the summary: ${(error as Error).message}`);
    }
  };

  if (!status) return null;
  return (
    <section className="panel" aria-labelledby="office-hours-heading">
      <h2 id="office-hours-heading">Office hours</h2>
      {status.officeHours ? (
        <>
          <p>
            {status.officeHours}. Now: <strong>{status.inOfficeHours ? 'in office hours' : 'out of office hours'}</strong>.
          </p>
          <p>
            {status.holding.length > 0 ? `Held outside office hours for ${status.holding.join(', ')}` : 'No audience holds'}: <strong data-testid="held-count">{status.held}</strong> waiting
            {status.nextSummaryAt ? `; the summary goes out ${new Date(status.nextSummaryAt).toLocaleString()}` : ''}.
          </p>
          <button type="button" onClick={() => void post()}>
            Post the summary now
          </button>
        </>
      ) : (
        <p className="empty">This stage has no office hours: every audience is told at once. Try <code>npm start -- --stage prod</code>.</p>
      )}
    </section>
  );
}
