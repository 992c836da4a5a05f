import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../src/core/alert-record.ts';
import { DEFAULT_LIFECYCLE, isSnoozed, planAlert, planFixConfirmation, storable } from '../../src/pipeline/plan-alert.ts';
import type { Route } from '../../src/pipeline/route-alert.ts';
import { makeAlert, makeSignal } from '../support/make-alert.ts';

const ROUTES: Route[] = [
  { audience: 'techies', channel: '#t', template: 'techies' },
  { audience: 'product-leads', channel: '#p', template: 'product-leads' },
];
const NOW = new Date('2026-11-22T11:00:00Z');

function alertAt(time: string, phase: 'firing' | 'resolved' | 'noData' | 'info' = 'firing') {
  return makeAlert({ signal: makeSignal({ time, state: phase === 'resolved' ? 'resolved' : phase === 'info' ? 'info' : 'firing' }), phase });
}

function record(overrides: Partial<AlertRecord> = {}): AlertRecord {
  const alert = alertAt('2026-11-22T10:00:00.000Z');
  return {
    alertKey: alert.alertKey,
    catalogId: alert.catalogId,
    status: 'open',
    openedAt: '2026-11-22T10:00:00.000Z',
    lastSeen: '2026-11-22T10:00:00.000Z',
    occurrences: 1,
    lastEventTime: '2026-11-22T10:00:00.000Z',
    messages: { techies: { channel: 'C1', ts: '1.1' }, 'product-leads': { channel: 'C2', ts: '2.2' } },
    lastRenderedAt: '2026-11-22T10:00:00.000Z',
    alert: storable(alert),
    version: 3,
    syncedVersion: 3,
    expiresAt: 0,
    ...overrides,
  };
}

const plan = (alert: ReturnType<typeof alertAt>, existing: AlertRecord | null, inStorm = false) =>
  planAlert({ alert, existing, routes: ROUTES, now: NOW, settings: DEFAULT_LIFECYCLE, inStorm });

describe('Stage: group / dedup (planAlert)', () => {
  it('opens a new alert with one post per route, conditional on the record not existing', () => {
    // Act
    const result = plan(alertAt('2026-11-22T10:59:00.000Z'), null);

    // Assess
    expect(result).toMatchObject({ reason: 'opened', expectedVersion: null, record: { status: 'open', occurrences: 1, version: 1 } });
    expect(result.actions).toEqual([
      { kind: 'post', audience: 'techies', channel: '#t' },
      { kind: 'post', audience: 'product-leads', channel: '#p' },
    ]);
    expect(result.lifecycle.map((e) => e.type)).toEqual(['Clarion Alert Opened']);
  });

  it('opens into the storm group without posting on its own', () => {
    // Act
    const result = plan(makeAlert({ group: 'web', signal: makeSignal({ time: '2026-11-22T10:59:00.000Z' }) }), null, true);

    // Assess
    expect(result).toMatchObject({ reason: 'opened', joinsStormGroup: true, actions: [], record: { groupedInto: 'web' } });
  });

  it('keeps the raw event and placeholder values out of the stored record', () => {
    // Act
    const result = plan(alertAt('2026-11-22T10:59:00.000Z'), null);

    // Assess
    expect(result.record?.alert.signal.event).toEqual({});
    expect(result.record?.alert.signal.vars).toEqual({});
  });

  it('counts a repeat and re-renders once the interval has passed', () => {
    // Act
    const result = plan(alertAt('2026-11-22T10:59:00.000Z'), record());

    // Assess
    expect(result).toMatchObject({ reason: 'repeat', expectedVersion: 3, record: { occurrences: 2, version: 4 } });
    expect(result.actions.map((a) => a.kind)).toEqual(['update', 'update']);
  });

  it('counts a repeat without editing messages inside the interval', () => {
    // Act
    const result = plan(alertAt('2026-11-22T10:59:00.000Z'), record({ lastRenderedAt: '2026-11-22T10:59:30.000Z' }));

    // Assess
    expect(result).toMatchObject({ reason: 'repeat', actions: [], record: { occurrences: 2 } });
  });

  it('posts to an audience whose message is missing, as a repair', () => {
    // Act
    const result = plan(alertAt('2026-11-22T10:59:00.000Z'), record({ messages: { techies: { channel: 'C1', ts: '1.1' } }, lastRenderedAt: '2026-11-22T10:59:30.000Z' }));

    // Assess
    expect(result).toMatchObject({ reason: 'repair', actions: [{ kind: 'post', audience: 'product-leads', channel: '#p' }] });
  });

  it('leaves missing posts to the processor that holds the delivery lease', () => {
    // Prepare
    const posting = record({ messages: {}, deliveringEventId: 'other-event', deliveringUntil: '2026-11-22T11:01:00.000Z', lastRenderedAt: '2026-11-22T10:59:30.000Z' });

    // Act
    const result = plan(alertAt('2026-11-22T10:59:00.000Z'), posting);

    // Assess
    expect(result.actions).toEqual([]);
  });

  it('lets the lease owner retry its posts, and anyone once the lease has lapsed', () => {
    // Prepare
    const owner = alertAt('2026-11-22T10:59:00.000Z');
    const live = record({ messages: {}, deliveringEventId: owner.signal.eventId, deliveringUntil: '2026-11-22T11:01:00.000Z' });
    const lapsed = record({ messages: {}, deliveringEventId: 'dead-lambda', deliveringUntil: '2026-11-22T10:50:00.000Z' });

    // Act
    const retried = plan(owner, live);
    const taken = plan(owner, lapsed);

    // Assess
    expect(retried.actions.filter((a) => a.kind === 'post')).toHaveLength(2);
    expect(taken.actions.filter((a) => a.kind === 'post')).toHaveLength(2);
    expect(taken.record?.deliveringEventId).toBe(owner.signal.eventId);
  });

  it('mutes a repeat while snoozed', () => {
    // Act
    const result = plan(alertAt('2026-11-22T10:59:00.000Z'), record({ snoozedUntil: '2026-11-22T12:00:00.000Z' }));

    // Assess
    expect(result).toMatchObject({ reason: 'repeat-muted', actions: [] });
  });

  it('resolves with updates, a thread reply and a refresh after the quiet period', () => {
    // Act
    const result = plan(alertAt('2026-11-22T10:42:00.000Z', 'resolved'), record());

    // Assess
    expect(result).toMatchObject({ reason: 'resolved', refreshAfterSeconds: 600, record: { status: 'resolved', resolvedAt: '2026-11-22T10:42:00.000Z' } });
    expect(result.actions).toContainEqual({ kind: 'reply', audience: 'techies', ref: { channel: 'C1', ts: '1.1' }, text: 'Resolved after 42 minutes.' });
    expect(result.record?.fixConfirmedAt).toBeUndefined();
  });

  it('confirms the fix at once when the entry has no quiet period', () => {
    // Act
    const alert = { ...alertAt('2026-11-22T10:42:00.000Z', 'resolved'), quietPeriodSeconds: 0 };
    const result = plan(alert, record());

    // Assess
    expect(result.record?.fixConfirmedAt).toBe(NOW.toISOString());
    expect(result.refreshAfterSeconds).toBeUndefined();
  });

  it('ends a snooze until resolved when the alert resolves', () => {
    // Act
    const result = plan(alertAt('2026-11-22T10:42:00.000Z', 'resolved'), record({ snoozedUntil: 'until-resolved', snoozedBy: 'U1' }));

    // Assess
    expect(result.record?.snoozedUntil).toBeUndefined();
  });

  it('ignores a resolve for an alert it never saw, and a second resolve', () => {
    // Act
    const unknown = plan(alertAt('2026-11-22T10:42:00.000Z', 'resolved'), null);
    const again = plan(alertAt('2026-11-22T10:50:00.000Z', 'resolved'), record({ status: 'resolved', resolvedAt: '2026-11-22T10:42:00.000Z' }));

    // Assess
    expect([unknown.reason, again.reason]).toEqual(['resolved-unknown', 'already-resolved']);
  });

  it('keeps the time of a resolve it never saw open, so an older firing delivered later is stale', () => {
    // Prepare
    const unknown = plan(alertAt('2026-11-22T10:42:00.000Z', 'resolved'), null);

    // Act
    const late = plan(alertAt('2026-11-22T10:41:00.000Z'), unknown.record);
    const newer = plan(alertAt('2026-11-22T10:43:00.000Z'), unknown.record);

    // Assess
    expect(unknown.record).toMatchObject({ status: 'resolved', resolvedUnseen: true, lastEventTime: '2026-11-22T10:42:00.000Z', messages: {} });
    expect(unknown.actions).toEqual([]);
    expect([late.reason, newer.reason]).toEqual(['stale-event', 'opened']);
    expect(newer.record?.resolvedUnseen).toBeUndefined();
  });

  it('counts a storm member that resolves as in step with Slack, which shows it in the group message', () => {
    // Prepare
    const member = record({ messages: {}, groupedInto: 'web', syncedVersion: 3 });

    // Act
    const resolved = plan(alertAt('2026-11-22T10:42:00.000Z', 'resolved'), member);

    // Assess
    expect(resolved.actions).toEqual([]);
    expect(resolved.record?.syncedVersion).toBe(resolved.record?.version);
  });

  it('reopens within the flap window and opens anew after it', () => {
    // Prepare
    const resolved = record({ status: 'resolved', resolvedAt: '2026-11-22T10:50:00.000Z', lastEventTime: '2026-11-22T10:50:00.000Z' });

    // Act
    const soon = plan(alertAt('2026-11-22T10:58:00.000Z'), resolved);
    const later = planAlert({ alert: alertAt('2026-11-22T12:00:00.000Z'), existing: resolved, routes: ROUTES, now: new Date('2026-11-22T12:00:00Z'), settings: DEFAULT_LIFECYCLE });

    // Assess
    expect(soon).toMatchObject({ reason: 'reopened', record: { status: 'open' } });
    expect(soon.record?.resolvedAt).toBeUndefined();
    expect(later).toMatchObject({ reason: 'opened', expectedVersion: 3, record: { version: 4, occurrences: 1 } });
  });

  it('keeps the first acknowledgement of an incident when a re-fire clears the acknowledgement', () => {
    // Prepare
    const resolved = record({ status: 'resolved', resolvedAt: '2026-11-22T10:50:00.000Z', lastEventTime: '2026-11-22T10:50:00.000Z', acknowledgedBy: 'U1', acknowledgedAt: '2026-11-22T10:05:00.000Z' });

    // Act
    const soon = plan(alertAt('2026-11-22T10:58:00.000Z'), resolved);

    // Assess
    expect([soon.record?.acknowledgedAt, soon.record?.firstAcknowledged]).toEqual([undefined, { by: 'U1', at: '2026-11-22T10:05:00.000Z' }]);
  });

  it('drops an event older than the last one applied', () => {
    // Act
    const result = plan(alertAt('2026-11-22T09:00:00.000Z'), record());

    // Assess
    expect(result).toMatchObject({ reason: 'stale-event', record: null, actions: [] });
  });

  it('posts information without opening an alert', () => {
    // Act
    const result = plan(alertAt('2026-11-22T10:59:00.000Z', 'info'), null);

    // Assess
    expect(result).toMatchObject({ reason: 'info', record: null });
    expect(result.actions).toHaveLength(2);
  });

  it('treats no data like firing for the lifecycle', () => {
    // Act
    const result = plan(alertAt('2026-11-22T10:59:00.000Z', 'noData'), null);

    // Assess
    expect(result.reason).toBe('opened');
  });
});

describe('Quiet period (planFixConfirmation)', () => {
  const resolved = record({ status: 'resolved', resolvedAt: '2026-11-22T10:55:00.000Z' });

  it('asks to wait longer when the quiet period has not passed', () => {
    // Act
    const result = planFixConfirmation(resolved, 600, NOW);

    // Assess
    expect(result).toMatchObject({ record: null, refreshAfterSeconds: 300 });
  });

  it('confirms the fix and updates every message once it has', () => {
    // Act
    const result = planFixConfirmation(resolved, 60, NOW);

    // Assess
    expect(result?.record?.fixConfirmedAt).toBe(NOW.toISOString());
    expect(result?.actions).toHaveLength(2);
  });

  it('does nothing for an alert that fired again or is already confirmed', () => {
    // Act
    const open = planFixConfirmation(record(), 60, NOW);
    const done = planFixConfirmation({ ...resolved, fixConfirmedAt: NOW.toISOString() }, 60, NOW);

    // Assess
    expect([open, done]).toEqual([null, null]);
  });
});

describe('Snoozes', () => {
  it.each([
    [undefined, false],
    ['until-resolved', true],
    ['2026-11-22T12:00:00.000Z', true],
    ['2026-11-22T10:00:00.000Z', false],
  ])('snoozedUntil %s means snoozed: %s', (snoozedUntil, expected) => {
    // Act
    const result = isSnoozed(record(snoozedUntil ? { snoozedUntil } : {}), NOW);

    // Assess
    expect(result).toBe(expected);
  });
});

describe('A snooze until lifted', () => {
  it('carries over to a new incident of the same alarm, which is posted but whose repeats stay muted', () => {
    // Prepare: resolved long ago, past the flap window, snoozed until someone lifts it.
    const existing = record({ status: 'resolved', resolvedAt: '2026-11-22T09:00:00.000Z', lastEventTime: '2026-11-22T09:00:00.000Z', snoozedUntil: 'until-lifted', snoozedBy: 'U1' });

    // Act
    const opened = plan(alertAt('2026-11-22T10:59:00.000Z'), existing);

    // Assess
    expect([opened.reason, opened.actions.filter((a) => a.kind === 'post').length, opened.record?.snoozedUntil, isSnoozed(opened.record!, NOW)]).toEqual(['opened', 2, 'until-lifted', true]);
  });

  it('outlasts a recovery, unlike a snooze until it recovers', () => {
    // Act
    const lifted = plan(alertAt('2026-11-22T10:59:00.000Z', 'resolved'), record({ snoozedUntil: 'until-lifted' }));
    const recovered = plan(alertAt('2026-11-22T10:59:00.000Z', 'resolved'), record({ snoozedUntil: 'until-resolved' }));

    // Assess
    expect([lifted.record?.snoozedUntil, recovered.record?.snoozedUntil]).toEqual(['until-lifted', undefined]);
  });
});
