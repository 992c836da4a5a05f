/** @module Processor (scheduled): the weekly recap — the 7 days before it is due, the figures to the engineers and a short plain one to product leads, once per audience however often it is delivered. */
import type { HistoryItem } from '../core/history.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import { buildReport } from '../history/report.ts';
import type { Report } from '../history/report.ts';
import { foundUnclear } from '../history/clarity-answers.ts';
import { recapWeekStart } from '../history/recap-schedule.ts';
import { withOpenIncidents } from '../history/with-open-incidents.ts';
import type { PipelineContext, SignalResult } from '../pipeline/pipeline-context.ts';
import { delayUntil } from '../pipeline/queue-delay.ts';
import { channelFor, timeZoneFor } from '../pipeline/route-alert.ts';
import { runClaimed } from '../state/claimed-step.ts';
import { renderEngineersRecap, renderProductLeadsRecap } from '../../templates/weekly-recap.ts';
import type { EngineersRecapInput, ProductLeadsRecapInput } from '../../templates/weekly-recap.ts';

type RecapRequest = Extract<RefreshRequest, { clarion: 'recap' }>;

export function engineersRecapOf(report: Report, timeZone: string): EngineersRecapInput {
  const o = report.overall;
  return {
    since: new Date(report.period.since),
    until: new Date(report.period.until),
    timeZone,
    incidents: o.incidents,
    open: o.open,
    timeToAcknowledge: o.timeToAcknowledge,
    timeToResolve: o.timeToResolve,
    outOfHours: o.outOfHours,
    officeHours: report.officeHours,
    reFires: o.reFires,
    unacknowledged: o.unacknowledged,
    noisiest: report.noisiest.map((n) => ({ name: n.catalogId ?? n.title, incidents: n.incidents, eventsPerIncident: n.eventsPerIncident })),
    flapping: report.entries.filter((e) => e.flapping).map((e) => e.catalogId ?? e.title),
    uncatalogued: report.uncatalogued.map((u) => ({ name: `${u.family}: ${u.name}`, incidents: u.incidents, suggestedId: u.suggestedEntry.id })),
    escalations: { total: report.escalations.total, page: report.escalations.byAction.page },
    silences: { count: report.silences.count, held: report.silences.held },
    maintenance: report.maintenance,
    unclear: report.clarity.filter((c) => foundUnclear(c)).map((c) => ({ catalogId: c.catalogId, audience: c.audience, no: c.no, total: c.yes + c.no })),
  };
}

/** The product leads' recap speaks only in the catalog's words for non-technical readers: no alarm names, no figures engineers use. */
export function productLeadsRecapOf(report: Report, runtime: CatalogRuntime, timeZone: string): ProductLeadsRecapInput {
  const fixedList = report.impacts.byEntry
    .filter((impact) => impact.fixed > 0)
    .map((impact) => {
      const entry = runtime.index.byId.get(impact.catalogId);
      return { title: entry ? (entry.titleWhenFixed ?? entry.title) : 'A problem that is no longer described', times: impact.fixed, affectedSeconds: impact.affectedSeconds };
    });
  return {
    since: new Date(report.period.since),
    until: new Date(report.period.until),
    timeZone,
    serviceName: runtime.config.serviceName,
    problems: report.impacts.incidents,
    fixed: report.impacts.fixed,
    stillOpen: report.impacts.open,
    affectedSeconds: report.impacts.affectedSeconds,
    fixedList,
  };
}

/** How far before the week a problem fixed during it may have begun and still be found. */
const LOOKBACK_MS = 30 * 86_400_000;

/** Whether a non-technical audience was told of this item: an impact of an entry that routes to it (notes and alarms are the engineers'). */
function heardBy(item: HistoryItem, audience: string, runtime: CatalogRuntime): boolean {
  if (item.kind !== 'incident' || item.scope !== 'impact' || item.catalogId === null) return false;
  return runtime.index.byId.get(item.catalogId)?.audiences.includes(audience) ?? false;
}

/**
 * Each audience is posted once per recap (claimed under `recap:<dueAt>:<audience>`), so a request
 * delivered twice, or retried after a failure half-way, posts only what is missing. The figures
 * are read from history when the request runs, for the 7 days before `dueAt`, so a late delivery
 * still recaps the week it was meant for.
 */
export function createWeeklyRecap(ctx: PipelineContext) {
  const { deps } = ctx;

  return async function postWeeklyRecap(request: RecapRequest): Promise<SignalResult> {
    const now = deps.now();
    const due = new Date(request.dueAt);
    const base: SignalResult = { signalKey: 'recap', eventId: `recap:${due.toISOString()}`, catalogId: null, outcome: 'refresh' };
    if (due.getTime() > now.getTime()) {
      await deps.scheduleRefresh?.(request, delayUntil(due.getTime(), now.getTime()));
      return { ...base, outcome: 'refresh-not-needed', detail: `recap waits until ${due.toISOString()}` };
    }
    if (!deps.history) return { ...base, outcome: 'refresh-not-needed', detail: 'no history is kept: no recap' };
    const runtime = deps.runtime();
    const { config } = runtime;
    const timeZone = timeZoneFor(config, deps.stage);
    const period = { since: recapWeekStart(due, config.recap, timeZone), until: due };
    const items = await deps.history.read(period.since, period.until);
    const stage = deps.stage ? { stage: deps.stage } : {};
    const report = buildReport({ items, period, runtime, ...stage });
    const engineers = renderEngineersRecap(engineersRecapOf(report, timeZone));
    // Product leads hear of every problem that affected people in the week: also one that began
    // before it (still open, or fixed during it), not only those that began in it.
    const before = new Date(period.since.getTime() - LOOKBACK_MS);
    const affecting = withOpenIncidents(await deps.history.read(before, period.until), await deps.history.readOpen()).filter(
      (item) => item.kind === 'incident' && item.openedAt < period.until.toISOString() && (item.status === 'open' || (item.resolvedAt ?? item.lastSeen) >= period.since.toISOString()),
    );
    const told: string[] = [];
    for (const [audience, settings] of Object.entries(config.audiences)) {
      if (settings.template !== 'techies' && settings.template !== 'product-leads') continue;
      const channel = channelFor(config, audience, deps.stage);
      if (!channel) continue;
      // Each product-leads audience hears of the problems its entries told it of, not another team's.
      const message =
        settings.template === 'techies'
          ? engineers
          : renderProductLeadsRecap(productLeadsRecapOf(buildReport({ items: affecting.filter((item) => heardBy(item, audience, runtime)), period, runtime, ...stage }), runtime, timeZone));
      const done = await runClaimed(
        deps.state,
        `recap:${due.toISOString()}:${audience}`,
        Math.floor(due.getTime() / 1000) + 14 * 86_400,
        async () => {
          await deps.slack.post({ channel, message });
          ctx.count('SlackCalls');
        },
        (error) => deps.log?.warn('could not release the claim of a failed weekly recap', { audience, error: String(error) }),
      );
      if (done) told.push(audience);
    }
    return { ...base, detail: `weekly recap (${report.overall.incidents} incidents): told ${told.join(', ') || 'nobody new'}` };
  };
}
