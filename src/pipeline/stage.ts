/** @module Pipeline: what a stage is — one named step over the run so far that adds its output, or ends the run with a reason. */
import { CONFLICT } from '../state/versioned-write.ts';
import type { Conflict } from '../state/versioned-write.ts';

/** The processor's stages, in the order an event meets them (see docs/design.md). */
export type StageName = 'normalize' | 'match' | 'measure' | 'enrich' | 'route' | 'mute' | 'group' | 'render' | 'deliver' | 'record';

/** Why a run stopped before its last stage: a reason for logs and the signal's outcome. */
export interface Ended {
  ended: string;
  detail?: string;
}

export function ended(reason: string, detail?: string): Ended {
  return detail === undefined ? { ended: reason } : { ended: reason, detail };
}

function isEnded(value: unknown): value is Ended {
  return typeof value === 'object' && value !== null && typeof (value as Ended).ended === 'string';
}

/**
 * One step. It reads what earlier stages produced (`In`) and returns what it adds (`Out`), or
 * `Ended`, or `CONFLICT` when a conditional write lost to another writer: the caller then runs the
 * stages again from a fresh read (see `retryOnConflict`).
 */
export interface Stage<In, Out, Ctx> {
  readonly name: StageName;
  run(input: In, ctx: Ctx): Promise<Out | Ended | Conflict> | Out | Ended;
}

/**
 * Stages in order, like Alertmanager's `MultiStage`: each sees everything its predecessors added,
 * so the type of `then` proves each stage runs after the stages whose output it reads.
 */
export class Stages<In extends object, Run extends object, Ctx> {
  private constructor(private readonly list: ReadonlyArray<Stage<object, object, Ctx>>) {}

  static start<In extends object, Ctx>(): Stages<In, In, Ctx> {
    return new Stages<In, In, Ctx>([]);
  }

  then<Out extends object>(stage: Stage<Run, Out, Ctx>): Stages<In, Omit<Run, keyof Out> & Out, Ctx> {
    return new Stages([...this.list, stage as Stage<object, object, Ctx>]);
  }

  get names(): StageName[] {
    return this.list.map((s) => s.name);
  }

  /** The run after every stage, or where and why it ended, or `CONFLICT` for the caller to retry. */
  async run(input: In, ctx: Ctx): Promise<{ run: Run } | { run: Partial<Run>; ended: Ended; at: StageName } | Conflict> {
    let run: object = input;
    for (const stage of this.list) {
      const out = await stage.run(run, ctx);
      if (out === CONFLICT) return CONFLICT;
      if (isEnded(out)) return { run: run as Partial<Run>, ended: out, at: stage.name };
      run = { ...run, ...out };
    }
    return { run: run as Run };
  }
}
