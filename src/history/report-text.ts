/** @module History: the report as plain text for a terminal — aligned columns, control characters taken out of event text. */
import type { DurationFigures, EntryFigures, Report } from './report.ts';

/** Event text (titles, alarm names, comments) may hold escape sequences that would drive the terminal: shown as a visible `?` instead. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, '?');
}

/** `45s`, `4m 10s`, `2h 05m`, `3d 4h`: short enough for a column, exact enough to compare. */
export function formatSeconds(value: number | null): string {
  if (value === null) return '–';
  const s = Math.round(value);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

const cut = (text: string, width: number) => {
  const safe = terminalSafe(text);
  return safe.length <= width ? safe : `${safe.slice(0, width - 1)}…`;
};

/** Columns padded to their widest cell; the first column left-aligned, numbers right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)];
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const both = (figures: DurationFigures) => `${formatSeconds(figures.median)} / ${formatSeconds(figures.p90)}`;

function entryRow(row: EntryFigures, name: string): string[] {
  return [
    cut(name, 48),
    String(row.incidents),
    both(row.timeToAcknowledge),
    both(row.timeToResolve),
    String(row.outOfHours),
    String(row.reFires),
    row.flapping ? (row.flapDays > 0 ? `yes (${row.flapDays}d)` : 'yes') : 'no',
    String(row.unacknowledged),
  ];
}

/** The report as people read it in a terminal. */
export function renderReportText(report: Report): string {
  const out: string[] = [];
  out.push(`Clarion report: ${report.period.since} → ${report.period.until}`);
  out.push(
    `Out of hours means outside ${report.officeHours.description}${report.officeHours.assumed ? ' (no office hours configured: assumed)' : ''}. Times are median / p90 (nearest rank).`,
  );
  out.push('');
  const o = report.overall;
  out.push(`Incidents: ${o.incidents} (${o.open} still open), ${o.events} events`);
  out.push(`Time to acknowledge: median ${formatSeconds(o.timeToAcknowledge.median)}, p90 ${formatSeconds(o.timeToAcknowledge.p90)} (${o.timeToAcknowledge.count} acknowledged)`);
  out.push(`Time to resolve: median ${formatSeconds(o.timeToResolve.median)}, p90 ${formatSeconds(o.timeToResolve.p90)} (${o.timeToResolve.count} resolved)`);
  out.push(`Out of hours: ${o.outOfHours} · re-fires: ${o.reFires} · nobody acknowledged: ${o.unacknowledged}`);
  out.push(`Users affected (impacts): ${report.impacts.incidents} incidents, ${formatSeconds(report.impacts.affectedSeconds)} in all, ${report.impacts.open} still open`);
  out.push('');
  if (report.entries.length === 0) out.push('No incidents in this period.');
  else {
    out.push('Per entry (flapping: ≥ 3 incidents on one day, or re-fires)');
    out.push(
      ...table(
        ['entry', 'incidents', 'ack (med / p90)', 'resolve (med / p90)', 'out of hours', 're-fires', 'flapping', 'unacked'],
        report.entries.map((row) => entryRow(row, row.catalogId ?? row.title)),
      ),
    );
    out.push('');
    out.push('Noisiest');
    out.push(...table(['entry', 'incidents', 'events', 'events/incident'], report.noisiest.map((n) => [cut(n.catalogId ?? n.title, 48), String(n.incidents), String(n.events), n.eventsPerIncident.toFixed(1)])));
  }
  if (report.unacknowledged.alerts.length > 0) {
    out.push('');
    const listed = report.unacknowledged.alerts.reduce((sum, a) => sum + a.incidents, 0);
    out.push(`Nobody acknowledged (${report.unacknowledged.incidents} incidents${listed < report.unacknowledged.incidents ? `; the ${report.unacknowledged.alerts.length} alerts with most are listed` : ''})`);
    out.push(...table(['alert', 'incidents', 'last opened'], report.unacknowledged.alerts.map((a) => [cut(a.title, 60), String(a.incidents), a.lastOpenedAt])));
  }
  if (report.uncatalogued.length > 0) {
    out.push('');
    out.push('Uncatalogued alarms seen (suggested entry to write)');
    out.push(
      ...table(
        ['alarm', 'incidents', 'suggested id'],
        report.uncatalogued.map((u) => [cut(`${u.family}: ${u.name}`, 60), String(u.incidents), cut(u.suggestedEntry.id, 64)]),
      ),
    );
  }
  out.push('');
  const e = report.escalations;
  out.push(`Escalations: ${e.total} (remind ${e.byAction.remind}, mention ${e.byAction.mention}, channel ${e.byAction.channel}, page ${e.byAction.page})`);
  out.push(`Silences: ${report.silences.count}, ${formatSeconds(report.silences.totalSeconds)} in all, ${count(report.silences.held, 'alert')} held`);
  out.push(`Maintenance: ${count(report.maintenance.occurrences, 'occurrence')}, ${count(report.maintenance.held, 'alarm')} held`);
  const f = report.fixes;
  // `runs` counts every fix asked for, refusals included: "runs" would count one that never ran.
  if (f && f.runs > 0) out.push(`Automatic fixes: asked for ${count(f.runs, 'time')} (${f.automatic} by Clarion, ${f.runs - f.automatic} by a Run fix press); succeeded ${f.succeeded}, failed ${f.failed}, not run ${f.refused}, still running ${f.running}`);
  if (report.clarity.length > 0) {
    out.push('');
    out.push('Was this clear?');
    out.push(...table(['entry', 'state', 'audience', 'yes', 'no'], report.clarity.map((c) => [cut(c.catalogId, 48), c.state, cut(c.audience, 24), String(c.yes), String(c.no)])));
    for (const c of report.clarity) for (const comment of c.comments) out.push(`  ${cut(c.catalogId, 48)}: "${cut(comment.text, 120)}"`);
  }
  return `${out.join('\n')}\n`;
}
