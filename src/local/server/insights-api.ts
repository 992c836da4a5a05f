/** @module Local stack (HTTP edge): `GET /api/insights?since=30d` — the insights series of the history the stack keeps, for the preview page's Insights view. */
import * as z from 'zod';
import type { CatalogRuntime } from '../../catalog/catalog-runtime.ts';
import type { HistoryPort } from '../../core/history.ts';
import { insightsOf } from '../../history/insights.ts';
import type { Insights } from '../../history/insights.ts';
import { periodEndingAt } from '../../history/read-period.ts';
import { parseDuration } from '../../pipeline/parse-duration.ts';
import { timeZoneFor } from '../../pipeline/route-alert.ts';

/** History is kept 400 days by default; a longer span would only read empty days. */
const MAX_SPAN_SECONDS = 400 * 86_400;
const SPAN = /^\d+(h|d)$/;

export const InsightsQuery = z.strictObject(
  {
    since: z
      .string()
      .regex(SPAN, 'since must be a span back from now in hours or days, such as 24h, 7d or 30d')
      .refine((span) => !SPAN.test(span) || (parseDuration(span) >= 3600 && parseDuration(span) <= MAX_SPAN_SECONDS), 'since must be between 1h and 400d')
      .default('30d'),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown query parameter ${issue.keys.join(', ')}; only since is read` : undefined) },
);

export type InsightsAnswer = { status: 200; body: Insights & { span: string } } | { status: 400; reason: string };

export function createInsightsApi(deps: { history: HistoryPort; runtime: () => CatalogRuntime; stage?: string; now: () => Date }) {
  return {
    async get(params: URLSearchParams): Promise<InsightsAnswer> {
      const raw: Record<string, string> = {};
      for (const [key, value] of params) {
        if (key in raw) return { status: 400, reason: `${key} is given more than once` };
        raw[key] = value;
      }
      const query = InsightsQuery.safeParse(raw);
      if (!query.success) return { status: 400, reason: query.error.issues.map((issue) => issue.message).join('; ') };
      // Up to and including now: on a stack clock that stands still, what just happened happened at now.
      const { since, until } = periodEndingAt(new Date(deps.now().getTime() + 1), query.data.since);
      const runtime = deps.runtime();
      const items = await deps.history.read(since, until);
      const insights = insightsOf({
        items,
        since,
        until,
        timeZone: timeZoneFor(runtime.config, deps.stage),
        entryTitle: (id) => runtime.index.byId.get(id)?.title,
      });
      return { status: 200, body: { span: query.data.since, ...insights } };
    },
  };
}

export type InsightsApi = ReturnType<typeof createInsightsApi>;
