/** @module Stage 2 of 9: match — the catalog entry that claims a signal, if any. */
import { matchSignal } from '../../catalog/catalog-index.ts';
import type { CatalogMatch } from '../../catalog/catalog-index.ts';
import type { Signal } from '../../core/signal.ts';
import type { RunContext } from '../pipeline-context.ts';
import type { Stage } from '../stage.ts';

export const match: Stage<{ signal: Signal }, { match: CatalogMatch | null }, Pick<RunContext, 'runtime'>> = {
  name: 'match',
  run: ({ signal }, ctx) => ({ match: matchSignal(ctx.runtime.index, signal) }),
};
