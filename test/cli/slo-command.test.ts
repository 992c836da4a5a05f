// `clarion slo`: the shipped catalog's objective, the alarms it produces and their expressions, for a terminal and as JSON.
import { describe, expect, it } from 'vitest';
import { runClarion } from './run-clarion.ts';

describe('CLI: clarion slo', () => {
  it('prints each objective with its four alarms, thresholds, expression and composite rules', async () => {
    // Act
    const result = await runClarion(['slo', '--stage', 'staging']);

    // Assess
    expect([result.code, result.stdout]).toEqual([
      0,
      expect.stringContaining(
        [
          'portal.page-speed — Trainee Portal pages are getting slow',
          '  Objective: 99% good over 30d (budget: 1% bad; "slow page loads")',
          '  Measured:  good  = AWS/ApplicationELB TargetResponseTime {LoadBalancer=app/trainee-portal-prod/50dc6c495c0c9188} PR(:2)  (% of samples at or under the threshold)',
          '             total = AWS/ApplicationELB TargetResponseTime {LoadBalancer=app/trainee-portal-prod/50dc6c495c0c9188} SampleCount',
          '  Burn rate: IF(total > 0, (100 - good) / 100 / 0.01, 0)',
          '  Fast burn: above 14.4× over 1h and 5m (2% of the budget in 1h)',
          '    clarion-staging-slo-portal-page-speed-fast  (composite; tells Clarion)',
          '      ALARM("clarion-staging-slo-portal-page-speed-fast-1h") AND ALARM("clarion-staging-slo-portal-page-speed-fast-5m")',
          '    clarion-staging-slo-portal-page-speed-fast-1h  period 3600 s, burn rate > 14.4  (no actions)',
          '    clarion-staging-slo-portal-page-speed-fast-5m  period 300 s, burn rate > 14.4  (no actions)',
          '  Slow burn: above 6× over 6h and 30m (5% of the budget in 6h)',
        ].join('\n'),
      ),
    ]);
  });

  it('gives the alarms as JSON with --json', async () => {
    // Act
    const result = await runClarion(['slo', '--json']);

    // Assess
    const out = JSON.parse(result.stdout) as { prefix: string; objectives: Array<{ entry: string; alarms: Array<{ composite: { name: string } }> }> };
    expect([out.prefix, out.objectives.map((o) => [o.entry, o.alarms.map((a) => a.composite.name)])]).toEqual([
      'clarion-prod-',
      [['portal.page-speed', ['clarion-prod-slo-portal-page-speed-fast', 'clarion-prod-slo-portal-page-speed-slow']]],
    ]);
  });
});
