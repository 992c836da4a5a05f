/** @module Preview page: what readers answered to *Was this clear?* about one catalog entry — counts per state and audience, and their latest comments. */
import { useCallback, useEffect, useState } from 'react';
import { api } from './api.ts';
import type { ClarityAnswers } from './api.ts';

const STATE_WORDS: Record<string, string> = { firing: 'While it was happening', fixed: 'Once fixed' };

/** Answers for `entryId`, fetched when it or `version` changes (or on Refresh); comments are readers' words, drawn as text. */
export function ClarityAnswersPanel({ entryId, version }: { entryId: string; version: number }) {
  const [answers, setAnswers] = useState<ClarityAnswers | null>(null);
  const [error, setError] = useState('');
  const load = useCallback(() => {
    api.clarity().then(
      (a) => {
        setAnswers(a);
        setError('');
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(load, [load, entryId, version]);

  const rows = (answers?.answers ?? []).filter((a) => a.catalogId === entryId);
  const days = answers ? Math.round((Date.parse(answers.until) - Date.parse(answers.since)) / 86_400_000) : 90;
  return (
    <section className="clarity-answers" aria-labelledby="clarity-heading" data-entry={entryId}>
      <h3 id="clarity-heading">Was this clear? Readers’ answers</h3>
      <button type="button" onClick={load}>
        Refresh answers
      </button>
      {error ? <p className="error">Could not read the answers: {error}</p> : null}
      {!error && rows.length === 0 ? <p className="empty">No answers about this entry in the last {days} days.</p> : null}
      {rows.length > 0 ? (
        <table>
          <caption className="visually-hidden">Answers about {entryId} in the last {days} days</caption>
          <thead>
            <tr>
              <th scope="col">When read</th>
              <th scope="col">Audience</th>
              <th scope="col">Clear</th>
              <th scope="col">Unclear</th>
              <th scope="col">Latest comments</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.state}-${row.audience}`} data-state={row.state} data-audience={row.audience} className={row.unclear ? 'unclear' : undefined}>
                <td>{STATE_WORDS[row.state] ?? row.state}</td>
                <td>{row.audience}</td>
                <td>{row.yes}</td>
                <td>
                  {row.no}
                  {row.unclear ? <strong> — readers found this unclear</strong> : null}
                </td>
                <td>
                  {row.comments.length === 0 ? (
                    '—'
                  ) : (
                    <ul className="clarity-comments">
                      {row.comments.map((c) => (
                        <li key={`${c.at}-${c.text}`}>{c.text}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
