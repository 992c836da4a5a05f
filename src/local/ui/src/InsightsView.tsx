/** @module Preview page: the Insights view — incidents over time, time to acknowledge and the noisiest alerts, drawn from the history the stack keeps, each with a summary and a table. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, subscribe } from './api.ts';
import type { InsightsAnswer } from './api.ts';

const SPANS = [
  { value: '7d', label: '7 days' },
  { value: '14d', label: '14 days' },
  { value: '30d', label: '30 days' },
  { value: '90d', label: '90 days' },
] as const;

/** Severity order, worst first: the worst at the foot of each stack and first in the legend; each is named in the legend, the tooltip and the table too. */
const SEVERITY_STYLE = [
  { key: 'critical', label: 'Critical', color: '#a3001b' },
  { key: 'high', label: 'High', color: '#e46c0a' },
  { key: 'medium', label: 'Medium', color: '#c9a100' },
  { key: 'low', label: 'Low', color: '#1264a3' },
  { key: 'info', label: 'Info', color: '#8a8a8a' },
] as const;

const dayLabel = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const minutes = (value: number | null) => (value === null ? '—' : `${value} min`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A long uncatalogued alarm name would push the bars off the chart; the table keeps it whole. */
const shortTitle = (title: string) => (title.length > 44 ? `${title.slice(0, 43)}…` : title);

/** Legend labels in the text colour: a yellow label on white would not be readable, and the swatch carries the colour. */
const legendLabel = (value: unknown) => <span className="legend-label">{String(value)}</span>;

function Chart({ id, title, summary, table, children, wide }: { id: string; title: string; summary: string; table: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <section className={wide ? 'insight wide' : 'insight'} aria-labelledby={`${id}-heading`} data-chart={id}>
      <h3 id={`${id}-heading`}>{title}</h3>
      <p className="insight-summary" id={`${id}-summary`}>
        {summary}
      </p>
      <div className="insight-chart" role="img" aria-labelledby={`${id}-heading`} aria-describedby={`${id}-summary`}>
        {children}
      </div>
      <details>
        <summary>The numbers as a table</summary>
        {table}
      </details>
    </section>
  );
}

function IncidentsChart({ insights }: { insights: InsightsAnswer }) {
  const rows = insights.incidentsPerDay.map((d) => ({ ...d, label: dayLabel(d.day) }));
  const busiest = rows.reduce<(typeof rows)[number] | undefined>((best, d) => (d.total > (best?.total ?? 0) ? d : best), undefined);
  const { totals } = insights;
  const bySeverity = SEVERITY_STYLE.filter((s) => totals.bySeverity[s.key] > 0).map((s) => `${totals.bySeverity[s.key]} ${s.label.toLowerCase()}`);
  const summary =
    totals.incidents === 0
      ? 'No incidents in this period.'
      : `${plural(totals.incidents, 'incident')} (${bySeverity.join(', ')}); the busiest day was ${busiest ? `${dayLabel(busiest.day)} with ${busiest.total}` : 'none'}.`;
  return (
    <Chart
      id="incidents"
      title="Incidents over time"
      summary={summary}
      table={
        <table>
          <caption>Incidents opened per day, by severity</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {SEVERITY_STYLE.map((s) => (
                <th scope="col" key={s.key}>
                  {s.label}
                </th>
              ))}
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                {SEVERITY_STYLE.map((s) => (
                  <td key={s.key}>{d[s.key]}</td>
                ))}
                <td>{d.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={12} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} width={36} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend formatter={legendLabel} itemSorter={null} />
          {SEVERITY_STYLE.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="severity" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </Chart>
  );
}

function AcknowledgeChart({ insights }: { insights: InsightsAnswer }) {
  const rows = insights.acknowledgePerDay.map((d) => ({ ...d, label: dayLabel(d.day) }));
  const { totals } = insights;
  const summary =
    totals.acknowledged === 0
      ? `Nobody acknowledged an incident in this period${totals.resolvedUnacknowledged > 0 ? `; ${plural(totals.resolvedUnacknowledged, 'incident')} resolved unacknowledged` : ''}.`
      : `${plural(totals.acknowledged, 'incident')} acknowledged: half within ${minutes(totals.medianAcknowledgeMinutes)}, nine in ten within ${minutes(totals.p90AcknowledgeMinutes)}. ${plural(totals.resolvedUnacknowledged, 'incident')} resolved without anybody acknowledging.`;
  return (
    <Chart
      id="acknowledge"
      title="Time to acknowledge"
      summary={summary}
      table={
        <table>
          <caption>Minutes from opening to acknowledgement, per day the incidents opened</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Acknowledged</th>
              <th scope="col">Median</th>
              <th scope="col">90th percentile</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                <td>{d.acknowledged}</td>
                <td>{minutes(d.medianMinutes)}</td>
                <td>{minutes(d.p90Minutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={12} tick={{ fontSize: 12 }} />
          <YAxis width={56} tick={{ fontSize: 12 }} tickFormatter={(value: number) => `${value} min`} />
          <Tooltip formatter={(value) => `${String(value)} min`} />
          <Legend formatter={legendLabel} itemSorter={null} />
          {/* Dashed with open rings, and solid with dots drawn on top: the two lines differ by more than their colour, and stay visible where they meet. */}
          <Line
            type="linear"
            dataKey="p90Minutes"
            name="90th percentile"
            stroke="#a3001b"
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={{ r: 6, strokeWidth: 2, fill: '#fff' }}
            legendType="plainline"
            connectNulls
            isAnimationActive={false}
          />
          <Line type="linear" dataKey="medianMinutes" name="Median" stroke="#1264a3" strokeWidth={2} dot={{ r: 3, fill: '#1264a3' }} legendType="plainline" connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </Chart>
  );
}

function NoisiestChart({ insights }: { insights: InsightsAnswer }) {
  const rows = insights.noisiest.map((n) => ({ ...n, label: shortTitle(n.title) }));
  const top = rows[0];
  const summary = top
    ? `The noisiest alert was “${top.title}”: ${plural(top.events, 'event')} over ${plural(top.incidents, 'incident')}${top.catalogId === null ? ' (no catalog entry claims it)' : ''}.`
    : 'No alerts fired in this period.';
  return (
    <Chart
      wide
      id="noisiest"
      title="Noisiest alerts"
      summary={summary}
      table={
        <table>
          <caption>The {rows.length} alerts with the most events</caption>
          <thead>
            <tr>
              <th scope="col">Alert</th>
              <th scope="col">Catalog entry</th>
              <th scope="col">Events</th>
              <th scope="col">Incidents</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((n) => (
              <tr key={n.key}>
                <th scope="row">{n.title}</th>
                <td>{n.catalogId ?? 'none (uncatalogued)'}</td>
                <td>{n.events}</td>
                <td>{n.incidents}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <ResponsiveContainer width="100%" height={Math.max(120, rows.length * 34 + 40)}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 40, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={320} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Bar dataKey="events" name="Events" fill="#3f0e40" isAnimationActive={false}>
            <LabelList dataKey="events" position="right" style={{ fontSize: 12 }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </Chart>
  );
}

function Totals({ insights }: { insights: InsightsAnswer }) {
  const { totals } = insights;
  const figures: Array<[string, string | number]> = [
    ['Incidents', totals.incidents],
    ['Events', totals.events],
    ['Median time to acknowledge', minutes(totals.medianAcknowledgeMinutes)],
    ['Resolved unacknowledged', totals.resolvedUnacknowledged],
    ['Re-fires', totals.reopenings],
    ['Uncatalogued', totals.uncatalogued],
    ['Escalation steps', totals.escalations],
    ['Silences', totals.silences],
  ];
  return (
    <dl className="insight-totals">
      {figures.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function InsightsView({ announce }: { announce: (text: string) => void }) {
  const [span, setSpan] = useState<string>('30d');
  const [insights, setInsights] = useState<InsightsAnswer | null>(null);
  const [error, setError] = useState('');
  const timer = useRef<number | undefined>(undefined);

  const load = useCallback(
    (say?: boolean) => {
      api.insights(span).then(
        (answer) => {
          setInsights(answer);
          setError('');
          if (say) announce(`Insights refreshed: ${plural(answer.totals.incidents, 'incident')} in the last ${answer.span}`);
        },
        (failure: unknown) => setError(`Could not read the insights: ${(failure as Error).message}`),
      );
    },
    [span, announce],
  );

  useEffect(() => {
    load();
    // Anything the stack does may change history; a burst of stream events becomes one read.
    return subscribe((event) => {
      if (event !== 'processed' && event !== 'lifecycle') return;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => load(), 250);
    });
  }, [load]);

  return (
    <section className="insights" aria-labelledby="insights-heading">
      <div className="insights-header">
        <h2 id="insights-heading">Insights</h2>
        <label htmlFor="insights-span">Period</label>
        <select id="insights-span" value={span} onChange={(e) => setSpan(e.target.value)}>
          {SPANS.map((s) => (
            <option key={s.value} value={s.value}>
              Last {s.label}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => load(true)}>
          Refresh
        </button>
      </div>
      <p className="hint">
        What the alerts say, from the history the stack keeps: alarm incidents only (what other audiences were told is the same incident). Days are in {insights?.timeZone ?? 'the stage’s time zone'}; it
        refreshes as alerts come in.
      </p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {insights ? (
        <>
          <Totals insights={insights} />
          <div className="insight-grid">
            <IncidentsChart insights={insights} />
            <AcknowledgeChart insights={insights} />
            <NoisiestChart insights={insights} />
          </div>
        </>
      ) : (
        <p>Loading…</p>
      )}
    </section>
  );
}
