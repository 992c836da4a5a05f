/** @module Preview page: the local Slack workspace, the event panel and the catalog author's preview. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, subscribe } from './api.ts';
import type { CatalogListing, CatalogStatus, LifecycleEvent, Snapshot } from './api.ts';
import { CatalogPreview } from './CatalogPreview.tsx';
import { ChannelsView } from './ChannelsView.tsx';
import type { ChannelPress } from './ChannelsView.tsx';
import { EventPanel } from './EventPanel.tsx';
import { FastForwardPanel } from './FastForwardPanel.tsx';
import { InsightsView } from './InsightsView.tsx';
import { OfficeHoursPanel } from './OfficeHoursPanel.tsx';
import { SlackModal } from './SlackModal.tsx';
import type { ViewValues } from './SlackModal.tsx';

type View = 'channels' | 'preview' | 'insights';

function CatalogErrors({ status }: { status: CatalogStatus }) {
  if (status.ok) return null;
  return (
    <section className="catalog-errors" role="alert" aria-labelledby="catalog-errors-heading">
      <h2 id="catalog-errors-heading">The catalog has errors — the last good catalog ({status.entries} entries) is still in use</h2>
      <ul>
        {status.errors.map((line) => (
          <li key={line}>
            <code>{line}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function App() {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [catalog, setCatalog] = useState<CatalogListing | null>(null);
  const [samples, setSamples] = useState<string[]>([]);
  const [view, setView] = useState<View>(() => (location.hash === '#preview' ? 'preview' : location.hash === '#insights' ? 'insights' : 'channels'));
  const [status, setStatus] = useState('');
  const [activity, setActivity] = useState<string[]>([]);
  const [processed, setProcessed] = useState(0);
  const refreshTimer = useRef<number | undefined>(undefined);
  /** The open modal's errors (from a submission answered with `response_action: errors`), by block id. */
  const [viewErrors, setViewErrors] = useState<{ viewId: string; errors: Record<string, string> } | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const refresh = useCallback(() => {
    // Bursts of stream events (a post to four channels) become one fetch.
    window.clearTimeout(refreshTimer.current);
    refreshTimer.current = window.setTimeout(() => {
      api.state().then(setSnapshot, () => {});
    }, 60);
  }, []);

  useEffect(() => {
    api.state().then(setSnapshot, () => {});
    api.catalog().then(setCatalog, () => {});
    api.samples().then((s) => setSamples(s.samples), () => {});
    return subscribe((event, data) => {
      if (event === 'catalog') {
        api.catalog().then(setCatalog, () => {});
        const s = data as CatalogStatus;
        setStatus(s.ok ? `Catalog reloaded: ${s.entries} entries` : `Catalog has ${s.errors.length} error${s.errors.length === 1 ? '' : 's'}; the last good one is still in use`);
      }
      if (event === 'lifecycle') {
        const e = data as LifecycleEvent;
        setActivity((a) => [`${new Date(e.time).toLocaleTimeString()} — ${e.type.replace('Clarion Alert ', '')}: ${e.title}${e.acknowledgedBy && e.type.endsWith('Acknowledged') ? ` (by ${e.acknowledgedBy})` : ''}`, ...a].slice(0, 20));
      }
      if (event === 'processed') setProcessed((n) => n + 1);
      refresh();
    });
  }, [refresh]);

  const show = (next: View) => {
    setView(next);
    history.replaceState(null, '', next === 'channels' ? '#' : `#${next}`);
  };

  const onPress = async (press: ChannelPress) => {
    try {
      const { status: code } = await api.press(press);
      setStatus(code === 200 ? `Pressed ${press.actionId.replace('clarion.', '')}` : `The interaction was refused (HTTP ${code})`);
    } catch (error) {
      setStatus(`Could not press: ${(error as Error).message}`);
    }
  };

  const openView = snapshot?.views?.[0];

  const onSubmitView = async (viewId: string, values: ViewValues) => {
    setSubmitting(true);
    try {
      const { errors } = await api.submitView({ viewId, values });
      setViewErrors(errors ? { viewId, errors } : null);
      setStatus(errors ? 'The form has problems to fix' : 'Submitted');
    } catch (error) {
      setStatus(`The submission was refused: ${(error as Error).message}`);
    } finally {
      setSubmitting(false);
      refresh();
    }
  };

  const onCloseView = async (viewId: string) => {
    setViewErrors(null);
    try {
      await api.closeView(viewId);
    } catch (error) {
      setStatus(`Could not close the form: ${(error as Error).message}`);
    }
    refresh();
  };

  const catalogStatus = catalog?.status ?? snapshot?.catalog;
  return (
    <div className="app">
      <header className="topbar">
        <h1>Clarion — local preview</h1>
        <nav aria-label="Views" className="tabs">
          <button type="button" aria-current={view === 'channels' ? 'page' : undefined} onClick={() => show('channels')}>
            Channels
          </button>
          <button type="button" aria-current={view === 'preview' ? 'page' : undefined} onClick={() => show('preview')}>
            Catalog preview
          </button>
          <button type="button" aria-current={view === 'insights' ? 'page' : undefined} onClick={() => show('insights')}>
            Insights
          </button>
        </nav>
        <p className="catalog-state">
          {catalogStatus ? `Catalog: ${catalogStatus.entries} entries${catalogStatus.ok ? '' : ' (errors — see below)'}` : 'Loading…'}
          {snapshot ? ` · messages go to ${snapshot.delivery === 'slack' ? 'real Slack' : 'this page (Slack emulator)'}` : ''}
          {' · '}
          <a href="/status" style={{ color: 'inherit' }}>Status page</a>
        </p>
      </header>
      <div className="layout">
        <aside className="sidebar">
          <EventPanel samples={samples} announce={setStatus} />
          <FastForwardPanel version={processed} announce={setStatus} />
          <OfficeHoursPanel version={processed} announce={setStatus} />
          <section className="panel" aria-labelledby="channels-heading">
            <h2 id="channels-heading">Channels</h2>
            <ul className="channel-list">
              {snapshot?.channels.map((c) => (
                <li key={c.id}>
                  <a
                    href={`#channel-${c.id}`}
                    onClick={() => {
                      show('channels');
                    }}
                  >
                    #{c.name}
                  </a>{' '}
                  <span className="count">{c.messages.length}</span>
                </li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="activity-heading">
            <h2 id="activity-heading">Alert lifecycle</h2>
            {activity.length === 0 ? <p className="empty">Nothing yet.</p> : null}
            <ol className="activity">
              {activity.map((line, i) => (
                <li key={`${i}-${line}`}>{line}</li>
              ))}
            </ol>
          </section>
        </aside>
        <main className="main">
          <p className="status" role="status" aria-live="polite">
            {status}
          </p>
          {catalogStatus ? <CatalogErrors status={catalogStatus} /> : null}
          {view === 'channels' ? (
            <>
              <h2 className="visually-hidden">Channels</h2>
              {snapshot ? <ChannelsView channels={snapshot.channels} delivery={snapshot.delivery} onPress={(p) => void onPress(p)} /> : <p>Loading…</p>}
            </>
          ) : view === 'insights' ? (
            <InsightsView announce={setStatus} />
          ) : (
            <CatalogPreview catalog={catalog} announce={setStatus} />
          )}
        </main>
      </div>
      {openView ? (
        <SlackModal
          key={openView.id}
          view={openView}
          errors={viewErrors?.viewId === openView.id ? viewErrors.errors : {}}
          busy={submitting}
          onSubmit={(values) => void onSubmitView(openView.id, values)}
          onClose={() => void onCloseView(openView.id)}
        />
      ) : null}
    </div>
  );
}
