/** @module Preview page: the catalog author's view — one entry in one state, side by side for every audience it reaches. */
import { useEffect, useState } from 'react';
import { api } from './api.ts';
import type { CatalogListing, EntryPreview } from './api.ts';
import { SlackMessage } from './SlackMessage.tsx';
import { ClarityAnswersPanel } from './ClarityAnswers.tsx';

const STATES = [
  { value: 'firing', label: 'Firing' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'noData', label: 'No data' },
];

export function CatalogPreview({ catalog, announce }: { catalog: CatalogListing | null; announce: (text: string) => void }) {
  const [entryId, setEntryId] = useState('');
  const [state, setState] = useState('firing');
  const [preview, setPreview] = useState<EntryPreview | null>(null);
  const [error, setError] = useState('');
  const entries = catalog?.entries ?? [];
  const chosen = entries.some((e) => e.id === entryId) ? entryId : (entries[0]?.id ?? '');
  const version = catalog?.status.version ?? 0;

  useEffect(() => {
    if (!chosen) return;
    let stale = false;
    api
      .preview(chosen, state)
      .then((p) => {
        if (stale) return;
        setPreview(p);
        setError('');
      })
      .catch((e: Error) => !stale && setError(e.message));
    return () => {
      stale = true;
    };
  }, [chosen, state, version]);

  const copy = async (blocks: unknown[], audience: string) => {
    try {
      await navigator.clipboard.writeText(JSON.stringify({ blocks }, null, 2));
      announce(`Block Kit JSON for ${audience} copied`);
    } catch {
      announce('The browser did not allow copying; use Open in Block Kit Builder instead');
    }
  };

  return (
    <section className="catalog-preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Catalog preview</h2>
      <p className="hint">Each message is rendered from the catalog with example values. Save a YAML file and it updates here.</p>
      <div className="row">
        <label htmlFor="entry-select">Catalog entry</label>
        <select id="entry-select" value={chosen} onChange={(e) => setEntryId(e.target.value)}>
          {entries.map((e) => (
            <option key={e.id} value={e.id}>
              {e.id} — {e.title}
            </option>
          ))}
        </select>
        <fieldset className="states">
          <legend>State</legend>
          {STATES.map((s) => (
            <label key={s.value}>
              <input type="radio" name="preview-state" value={s.value} checked={state === s.value} onChange={() => setState(s.value)} />
              {s.label}
            </label>
          ))}
        </fieldset>
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {chosen ? <ClarityAnswersPanel entryId={chosen} version={version} /> : null}
      {preview?.ignored ? <p className="notice">This entry shows nothing in this state: {preview.ignored}</p> : null}
      <div className="channels preview-columns">
        {preview?.deliveries.map((d) => (
          <section key={d.audience} className="channel" aria-labelledby={`preview-${d.audience}`} data-audience={d.audience}>
            <header className="channel-header">
              <h3 id={`preview-${d.audience}`}>{d.audience}</h3>
              <p className="audience">
                {d.channel} · template {d.template}
              </p>
              <div className="actions">
                <button type="button" onClick={() => void copy(d.blocks, d.audience)}>
                  Copy Block Kit JSON
                </button>
                <a href={d.builderUrl} target="_blank" rel="noreferrer">
                  Open in Block Kit Builder
                </a>
              </div>
            </header>
            <SlackMessage blocks={d.blocks} label={`Preview for ${d.audience}`} />
          </section>
        ))}
      </div>
    </section>
  );
}
