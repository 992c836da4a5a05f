// The escalation rules on their own: which policy, when each step is due, the policy's hours, when to stop, and what the steps say.
import { describe, expect, it } from 'vitest';
import { buildCatalogIndex } from '../../src/catalog/catalog-index.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import { EscalationPolicy } from '../../src/catalog/escalation-schema.ts';
import { CatalogEntry, ClarionConfig } from '../../src/catalog/schema.ts';
import { escalationText, incidentOf, policyFor, reachableAt, repeatDueAt, stepDueAt, stopReason } from '../../src/pipeline/escalation.ts';
import { alertRecord } from '../support/make-record.ts';

const POLICIES = {
  policies: {
    'critical-on-call': { steps: [{ after: '5m', remind: true }, { after: '15m', mention: 'S0ONCALL' }], repeat: '4h' },
    'data-team': { steps: [{ after: '1h', channel: '#data' }] },
  },
  bySeverity: { critical: 'critical-on-call' },
};

function runtime(entries: Array<Partial<CatalogEntry>> = []): CatalogRuntime {
  const config = ClarionConfig.parse({ audiences: { techies: { template: 'techies', channel: '#t' } }, escalation: POLICIES });
  const parsed = entries.map((e, i) =>
    CatalogEntry.parse({ id: `team.entry-${i}`, title: 'T', match: { family: 'cloudwatch-alarm', name: `n${i}` }, severity: 'low', impact: { level: 'minor', summary: 'S.' }, audiences: ['techies'], ...e }),
  );
  return { config, index: buildCatalogIndex(parsed) };
}

const policy = (input: unknown) => EscalationPolicy.parse(input);
const SINCE = new Date('2026-11-23T10:00:00Z');

describe('the policy an alert follows', () => {
  it('is the one for its severity', () => {
    // Act
    const chosen = policyFor({ alertKey: 'a', catalogId: null, severity: 'critical' }, runtime());

    // Assess
    expect(chosen?.name).toBe('critical-on-call');
  });

  it('is its entry’s own, which wins over the severity’s', () => {
    // Act
    const chosen = policyFor({ alertKey: 'a', catalogId: 'team.entry-0', severity: 'critical' }, runtime([{ escalation: 'data-team' }]));

    // Assess
    expect(chosen?.name).toBe('data-team');
  });

  it('is none for a severity without one', () => {
    // Act
    const chosen = policyFor({ alertKey: 'a', catalogId: null, severity: 'medium' }, runtime());

    // Assess
    expect(chosen).toBeUndefined();
  });

  it('is none for an impact, which non-technical audiences hear', () => {
    // Act
    const chosen = policyFor({ alertKey: 'impact:group:portal', catalogId: null, severity: 'critical' }, runtime());

    // Assess
    expect(chosen).toBeUndefined();
  });
});

describe('when steps are due', () => {
  it('counts each step from when the policy started', () => {
    // Act
    const due = stepDueAt(SINCE, { after: '15m', mention: 'S0ONCALL' });

    // Assess
    expect(due.toISOString()).toBe('2026-11-23T10:15:00.000Z');
  });

  it('repeats every repeat interval', () => {
    // Act
    const rounds = [1, 2].map((round) => repeatDueAt(SINCE, policy({ steps: [{ after: '5m', remind: true }], repeat: '4h' }), round)?.toISOString());

    // Assess
    expect(rounds).toEqual(['2026-11-23T14:00:00.000Z', '2026-11-23T18:00:00.000Z']);
  });

  it('repeats nothing without a repeat interval', () => {
    // Act
    const due = repeatDueAt(SINCE, policy({ steps: [{ after: '5m', remind: true }] }), 1);

    // Assess
    expect(due).toBeUndefined();
  });

  it('waits, outside the policy’s own hours, for their next start', () => {
    // Prepare: Monday 23 November 2026, 19:00 in London; the policy works 08:00–18:00 on weekdays
    const hours = policy({ hours: { start: '08:00', end: '18:00' }, steps: [{ after: '5m', remind: true }] }).hours;

    // Act
    const at = reachableAt(new Date('2026-11-23T19:00:00Z'), hours, 'Europe/London');

    // Assess
    expect(at.toISOString()).toBe('2026-11-24T08:00:00.000Z');
  });

  it('does not wait within the policy’s hours, or with hours always', () => {
    // Prepare
    const hours = policy({ hours: { start: '08:00', end: '18:00' }, steps: [{ after: '5m', remind: true }] }).hours;
    const at = new Date('2026-11-23T12:00:00Z');

    // Act
    const within = reachableAt(at, hours, 'Europe/London');
    const always = reachableAt(at, 'always', 'Europe/London');

    // Assess
    expect([within, always]).toEqual([at, at]);
  });
});

describe('whether a due step still applies', () => {
  const NOW = new Date('2026-11-22T10:05:00Z');
  const open = alertRecord('a');

  it('applies to an open alert nobody acknowledged', () => {
    // Act
    const reason = stopReason(open, { incident: incidentOf(open), step: 0 }, NOW);

    // Assess
    expect(reason).toBeUndefined();
  });

  it('stops once acknowledged, snoozed or resolved, or in another incident', () => {
    // Act
    const reasons = [
      stopReason({ ...open, acknowledgedBy: 'U1' }, { incident: incidentOf(open), step: 0 }, NOW),
      stopReason({ ...open, snoozedUntil: 'until-resolved' }, { incident: incidentOf(open), step: 0 }, NOW),
      stopReason({ ...open, status: 'resolved' }, { incident: incidentOf(open), step: 0 }, NOW),
      stopReason({ ...open, reopenedAt: '2026-11-22T11:00:00.000Z' }, { incident: incidentOf(open), step: 0 }, NOW),
    ];

    // Assess
    expect(reasons).toEqual(['acknowledged', 'snoozed', 'resolved', 'other-incident']);
  });

  it('goes on reminding of an acknowledged alert still open', () => {
    // Act
    const reason = stopReason({ ...open, acknowledgedBy: 'U1' }, { incident: incidentOf(open), step: 'repeat' }, NOW);

    // Assess
    expect(reason).toBeUndefined();
  });
});

describe('what a step says', () => {
  it('escapes the title, so an event cannot ping or link', () => {
    // Act
    const text = escalationText({ after: '15m', mention: 'S0ONCALL' }, '<!channel> *down* <https://evil.example|click>');

    // Assess
    expect(text.startsWith('<!subteam^S0ONCALL> Still unacknowledged after 15 minutes: ')).toBe(true);
    expect(text.match(/<!/g)).toHaveLength(1);
    expect(text).not.toContain('<https://');
  });

  it('names the engineers’ channel when it goes to another channel', () => {
    // Act
    const text = escalationText({ after: '30m', channel: '#incidents' }, 'The portal is down', 'C0ALERTS');

    // Assess
    expect(text).toBe('Still unacknowledged after 30 minutes: The portal is down — see its message in <#C0ALERTS>');
  });
});
