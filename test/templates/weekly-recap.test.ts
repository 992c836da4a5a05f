import { describe, expect, it } from 'vitest';
import { findLimitViolations } from '../../src/slack/limits.ts';
import { renderEngineersRecap, renderProductLeadsRecap } from '../../templates/weekly-recap.ts';
import type { EngineersRecapInput } from '../../templates/weekly-recap.ts';
import { allText } from '../integration/harness.ts';

const HOSTILE = '<!channel> *bold* <https://evil.example|click> '.repeat(40);

function engineers(overrides: Partial<EngineersRecapInput> = {}): EngineersRecapInput {
  return {
    since: new Date('2026-11-23T09:00:00Z'),
    until: new Date('2026-11-30T09:00:00Z'),
    timeZone: 'Europe/London',
    incidents: 3,
    open: 1,
    timeToAcknowledge: { median: 240, p90: 900 },
    timeToResolve: { median: 1800, p90: null },
    outOfHours: 1,
    officeHours: { description: 'Mon–Fri 09:00–17:30 Europe/London', assumed: true },
    reFires: 0,
    unacknowledged: 1,
    noisiest: [],
    flapping: [],
    uncatalogued: [],
    escalations: { total: 0, page: 0 },
    silences: { count: 0, held: 0 },
    maintenance: { occurrences: 0, held: 0 },
    unclear: [],
    ...overrides,
  };
}

describe('Weekly recap templates', () => {
  it('shows the engineers the figures of the week with median and p90', () => {
    // Act
    const text = allText(renderEngineersRecap(engineers()));
    // Assess
    expect(text).toContain('Weekly recap: 23 Nov 2026 to 30 Nov 2026');
    expect(text).toContain('median 4 minutes, p90 15 minutes');
    expect(text).toContain('(assumed: none configured)');
  });

  it('escapes event text and stays within Slack’s limits, however long and hostile', () => {
    // Prepare
    const many = Array.from({ length: 200 }, (_, i) => ({ name: `${HOSTILE}${i}`, incidents: i, eventsPerIncident: 2, suggestedId: `my-team.${i}` }));
    // Act
    const message = renderEngineersRecap(engineers({ noisiest: many, uncatalogued: many, flapping: many.map((m) => m.name) }));
    // Assess
    expect(findLimitViolations(message)).toEqual([]);
    expect(allText(message)).not.toContain('<!channel>');
  });

  it('tells product leads when nothing affected people', () => {
    // Act
    const text = allText(renderProductLeadsRecap({ since: new Date('2026-11-23T09:00:00Z'), until: new Date('2026-11-30T09:00:00Z'), timeZone: 'Europe/London', serviceName: 'the Trainee Portal', problems: 0, fixed: 0, stillOpen: 0, affectedSeconds: 0, fixedList: [] }));
    // Assess
    expect(text).toContain('No problems affected people using the Trainee Portal this week.');
  });

  it('tells product leads what was fixed and what is still being worked on', () => {
    // Act
    const message = renderProductLeadsRecap({
      since: new Date('2026-11-23T09:00:00Z'),
      until: new Date('2026-11-30T09:00:00Z'),
      timeZone: 'Europe/London',
      serviceName: 'the Trainee Portal',
      problems: 3,
      fixed: 2,
      stillOpen: 1,
      affectedSeconds: 7200,
      fixedList: [{ title: 'The Trainee Portal was down', times: 2, affectedSeconds: 3600 }],
    });
    // Assess
    expect(allText(message)).toContain('3 problems affected people using the Trainee Portal this week, for 2 hours in all. 2 are fixed; the team is still working on one.');
    expect(allText(message)).toContain('• The Trainee Portal was down (twice, 1 hour)');
  });
});
