/** @module Local stack (HTTP edge): the silences API — `POST /api/silences`, `GET /api/silences`, `DELETE /api/silences/ID` — over the same rules the CLI and Slack use. */
import { createSilence, liftSilence } from '../../pipeline/silence-admin.ts';
import type { SilenceAdminDeps, SilenceAsk } from '../../pipeline/silence-admin.ts';
import { SilenceInputError } from '../../pipeline/silences.ts';
import { listActive, SilenceLimitError, viewOf } from '../../state/silence-store.ts';
import type { SilenceView } from '../../state/silence-store.ts';

/*
 * The contract (README, "Silences"): a silence is answered as
 * `{ id, match, kind, startsAt, endsAt, reason, createdBy, held }` (+ `endedAt`, `endedBy` once it
 * ended, and `warning` when a glob matches nothing yet). Bad input is a 400 with a one-line reason.
 */

export type SilenceApiAnswer = { status: 200 | 201 | 404; body: unknown } | { status: 400; reason: string };

export interface SilenceApi {
  add(body: unknown): Promise<SilenceApiAnswer>;
  list(): Promise<SilenceApiAnswer>;
  expire(id: string, by?: string): Promise<SilenceApiAnswer>;
}

const bad = (reason: string): SilenceApiAnswer => ({ status: 400, reason });

export function createSilenceApi(deps: SilenceAdminDeps): SilenceApi {
  return {
    async add(body) {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return bad('the body must be a JSON object');
      const b = body as Record<string, unknown>;
      if (typeof b.match !== 'string' || b.match.trim() === '') return bad('"match" is required: a catalog entry id, a group or a glob such as portal.*');
      for (const field of ['for', 'endsAt', 'reason', 'createdBy'] as const) {
        if (b[field] !== undefined && typeof b[field] !== 'string') return bad(`"${field}" must be a string`);
      }
      if (b.force !== undefined && typeof b.force !== 'boolean') return bad('"force" must be true or false');
      const ask: SilenceAsk = {
        match: b.match,
        reason: b.reason,
        createdBy: typeof b.createdBy === 'string' && b.createdBy.trim() !== '' ? b.createdBy : 'local API',
        ...(typeof b.for === 'string' ? { for: b.for } : {}),
        ...(typeof b.endsAt === 'string' ? { endsAt: b.endsAt } : {}),
        ...(b.force === true ? { force: true } : {}),
      };
      try {
        const { silence, warning } = await createSilence(deps, ask);
        return { status: 201, body: { ...silence, ...(warning ? { warning } : {}) } };
      } catch (error) {
        if (error instanceof SilenceInputError || error instanceof SilenceLimitError) return bad(error.message);
        throw error;
      }
    },
    async list() {
      const silences: SilenceView[] = (await listActive(deps.state, deps.now())).map(viewOf);
      return { status: 200, body: { silences } };
    },
    async expire(id, by = 'local API') {
      const lifted = await liftSilence(deps, id, by);
      if (!lifted) return { status: 404, body: { error: `no silence ${id}` } };
      return { status: 200, body: lifted.silence };
    },
  };
}
