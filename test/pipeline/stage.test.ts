import { describe, expect, it } from 'vitest';
import { alertStages, signalStages } from '../../src/pipeline/alert-pipeline.ts';
import { ended, Stages } from '../../src/pipeline/stage.ts';
import type { Stage } from '../../src/pipeline/stage.ts';
import { CONFLICT } from '../../src/state/versioned-write.ts';

type Ctx = { seen: string[] };

const add: Stage<{ n: number }, { doubled: number }, Ctx> = {
  name: 'match',
  run: ({ n }, ctx) => {
    ctx.seen.push('match');
    return { doubled: n * 2 };
  },
};
const stopOdd: Stage<{ n: number; doubled: number }, { label: string }, Ctx> = {
  name: 'enrich',
  run: ({ n, doubled }, ctx) => {
    ctx.seen.push('enrich');
    return n % 2 === 1 ? ended('odd', `${n} is odd`) : { label: `${n}→${doubled}` };
  },
};
const conflictOn: (value: number) => Stage<{ n: number }, { written: true }, Ctx> = (value) => ({
  name: 'group',
  run: async ({ n }, ctx) => {
    ctx.seen.push('group');
    return n === value ? CONFLICT : { written: true as const };
  },
});
const last: Stage<object, { done: true }, Ctx> = {
  name: 'record',
  run: (_, ctx) => {
    ctx.seen.push('record');
    return { done: true as const };
  },
};

describe('Stages: the processor as a list of named stages', () => {
  it('lists the alert stages in the order an alert meets them', () => {
    // Act
    const names = [...signalStages.names, ...alertStages.names];

    // Assess
    expect(names).toEqual(['match', 'measure', 'enrich', 'route', 'mute', 'group', 'render', 'deliver', 'record']);
  });

  it('gives each stage what every stage before it added', async () => {
    // Prepare
    const ctx = { seen: [] };

    // Act
    const outcome = await Stages.start<{ n: number }, Ctx>().then(add).then(stopOdd).run({ n: 4 }, ctx);

    // Assess
    expect(outcome).toEqual({ run: { n: 4, doubled: 8, label: '4→8' } });
  });

  it('ends the run at the stage that gives a reason, and runs no stage after it', async () => {
    // Prepare
    const ctx: Ctx = { seen: [] };

    // Act
    const outcome = await Stages.start<{ n: number }, Ctx>().then(add).then(stopOdd).then(last).run({ n: 3 }, ctx);

    // Assess
    expect([outcome, ctx.seen]).toEqual([{ run: { n: 3, doubled: 6 }, ended: { ended: 'odd', detail: '3 is odd' }, at: 'enrich' }, ['match', 'enrich']]);
  });

  it('hands a write conflict back to the caller without running the stages after it', async () => {
    // Prepare
    const ctx: Ctx = { seen: [] };

    // Act
    const outcome = await Stages.start<{ n: number }, Ctx>().then(conflictOn(5)).then(last).run({ n: 5 }, ctx);

    // Assess
    expect([outcome, ctx.seen]).toEqual([CONFLICT, ['group']]);
  });
});
