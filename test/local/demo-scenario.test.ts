// The npm start demo tells what the automatic restart really did: a second demo on the same --data finds its limit spent.
import { describe, expect, it } from 'vitest';
import { runDemoScenario } from '../../src/local/server/demo-scenario.ts';
import type { DemoDeps } from '../../src/local/server/demo-scenario.ts';

function demoDeps(restartRuns: boolean): { deps: DemoDeps; lines: string[] } {
  const lines: string[] = [];
  let runs = 0;
  const deps: DemoDeps = {
    fireSample: async (file) => {
      if (restartRuns && file === 'nightly-sync-glue-failed.json') runs += 1;
      return [`key-${file}`];
    },
    alertKeyFor: async () => 'alert-key',
    acknowledge: async () => 200,
    advanceClock: async () => {},
    fixRuns: () => runs,
    sleep: async () => {},
    log: (line) => void lines.push(line),
    stopped: () => false,
  };
  return { deps, lines };
}

describe('the npm start demo', () => {
  it('says Clarion restarted the overnight sync when the stand-in took a run', async () => {
    // Prepare
    const { deps, lines } = demoDeps(true);

    // Act
    await runDemoScenario(deps);

    // Assess
    expect(lines.filter((l) => /restart/.test(l))).toEqual([
      'demo: Clarion restarts the overnight sync on its own, and a minute later the restart has finished (the clock moves 1 minute on; GET /api/fixes lists the runs)',
      'demo: product leads and local offices read that the overnight update "was fixed automatically" at the time the restart finished; the engineers\' thread has each step of the restart',
    ]);
  });

  it('says the restart was not run when its limit was spent, and promises no "fixed automatically"', async () => {
    // Prepare
    const { deps, lines } = demoDeps(false);

    // Act
    await runDemoScenario(deps);

    // Assess
    expect(lines.filter((l) => /restart|fixed automatically/.test(l))).toEqual([
      'demo: Clarion does not restart the overnight sync this time: its limit of 1 run in 6 hours was spent by an earlier run on this --data folder (the engineers\' thread says so), so nobody reads "fixed automatically"',
    ]);
  });
});
