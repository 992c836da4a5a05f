// The impact's rules: what a member's change makes of the impact non-technical audiences hear of.
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/core/alert.ts';
import type { AlertRecord } from '../../src/core/alert-record.ts';
import { impactKeyFor } from '../../src/core/impact-key.ts';
import { impactAcknowledged, impactAfter, impactAfterHandResolve, impactRun, MAX_IMPACT_MEMBERS, memberKey, splitRoutes } from '../../src/pipeline/impact.ts';
import type { ImpactMember } from '../../src/pipeline/impact.ts';
import type { Route } from '../../src/pipeline/route-alert.ts';
import { makeAlert, makeSignal } from '../support/make-alert.ts';

const KEY = 'impact:group:bookings';

function member(n: number, status: 'open' | 'resolved', time: string, alert: Partial<Alert> = {}): ImpactMember {
  const alertKey = `bookings.api-failing|alarm-${n}`;
  return { alertKey, status, time, alert: makeAlert({ alertKey, group: 'bookings', phase: status === 'open' ? 'firing' : 'resolved', signal: makeSignal({ time, eventId: `event-${n}-${time}` }), ...alert }) };
}

function impact(members: Record<string, 'open' | 'resolved'>, overrides: Partial<AlertRecord> = {}): AlertRecord {
  const alert = makeAlert({ alertKey: KEY, group: 'bookings' });
  return { alertKey: KEY, catalogId: alert.catalogId, status: 'open', openedAt: '2026-11-22T10:00:00.000Z', lastSeen: '2026-11-22T10:00:00.000Z', occurrences: 1, lastEventTime: '2026-11-22T10:30:00.000Z', messages: {}, alert, members, version: 3, expiresAt: 1_900_000_000, ...overrides };
}

const after = (m: ImpactMember, existing: AlertRecord | null) => impactAfter(impactRun(m, 'this-event'), existing);

describe('impact rules', () => {
  it('keys an alert of a group by its group, one without by its entry, and gives uncatalogued alerts and information none', () => {
    // Act
    const keys = [
      impactKeyFor(makeAlert({ group: 'bookings' })),
      impactKeyFor(makeAlert({ catalogId: 'bookings.api-failing' })),
      impactKeyFor(makeAlert({ catalogId: null })),
      impactKeyFor(makeAlert({ phase: 'info' })),
      impactKeyFor(makeAlert({ alertKey: KEY })),
    ];

    // Assess
    expect(keys).toEqual([KEY, 'impact:entry:bookings.api-failing', null, null, null]);
  });

  it('routes an alarm that feeds an impact to the engineers and the impact to everyone else', () => {
    // Prepare
    const routes: Route[] = [
      { audience: 'techies', channel: '#a', template: 'techies' },
      { audience: 'product-leads', channel: '#b', template: 'product-leads' },
      { audience: 'local-office', channel: '#c', template: 'local-office' },
    ];

    // Act
    const split = [splitRoutes(makeAlert(), routes), splitRoutes(makeAlert({ alertKey: KEY }), routes), splitRoutes(makeAlert({ catalogId: null }), routes)];

    // Assess
    expect(split.map((r) => r.map((x) => x.audience))).toEqual([['techies'], ['product-leads', 'local-office'], ['techies', 'product-leads', 'local-office']]);
  });

  it('stays open while any member is open', () => {
    // Act
    const next = after(member(1, 'resolved', '2026-11-22T10:40:00.000Z'), impact({ [memberKey('bookings.api-failing|alarm-1')]: 'open', [memberKey('bookings.api-failing|alarm-2')]: 'open' }));

    // Assess
    expect([next?.alert.phase, Object.values(next!.members).sort()]).toEqual(['firing', ['open', 'resolved']]);
  });

  it('resolves when its last open member resolves', () => {
    // Act
    const next = after(member(2, 'resolved', '2026-11-22T10:40:00.000Z'), impact({ [memberKey('bookings.api-failing|alarm-1')]: 'resolved', [memberKey('bookings.api-failing|alarm-2')]: 'open' }));

    // Assess
    expect(next?.alert.phase).toBe('resolved');
  });

  it('says nothing when a member resolves where no impact was ever opened', () => {
    // Act
    const next = after(member(1, 'resolved', '2026-11-22T10:40:00.000Z'), null);

    // Assess
    expect(next).toBeNull();
  });

  it('never goes back in time when members’ events interleave', () => {
    // Act: this member's event is older than the newest the impact has applied.
    const next = after(member(1, 'open', '2026-11-22T10:10:00.000Z'), impact({}));

    // Assess
    expect([next?.alert.signal.time, next?.alert.signal.eventId]).toEqual(['2026-11-22T10:30:00.000Z', 'this-event']);
  });

  it('lets the worst open problem speak for it, and keeps the speaker on a tie', () => {
    // Prepare
    const existing = impact({}, { alert: makeAlert({ alertKey: KEY, catalogId: 'bookings.api-slow', severity: 'high', title: 'Bookings are slow' }) });

    // Act
    const worse = after(member(1, 'open', '2026-11-22T10:40:00.000Z', { severity: 'critical', title: 'Bookings are down' }), existing);
    const tie = after(member(2, 'open', '2026-11-22T10:40:00.000Z', { severity: 'high', title: 'Bookings fail' }), existing);

    // Assess
    expect([worse?.alert.title, tie?.alert.title]).toEqual(['Bookings are down', 'Bookings are slow']);
  });

  it('starts a new incident from the member that opens it, forgetting the members of the last one', () => {
    // Act
    const next = after(member(3, 'open', '2026-11-22T11:40:00.000Z'), impact({ a: 'resolved', b: 'resolved' }, { status: 'resolved' }));

    // Assess
    expect(next?.members).toEqual({ [memberKey('bookings.api-failing|alarm-3')]: 'open' });
  });

  it('forgets resolved members first when a storm outgrows the members it can keep', () => {
    // Prepare
    const members = Object.fromEntries(Array.from({ length: MAX_IMPACT_MEMBERS }, (_, i) => [`m${i}`, i === 0 ? 'open' : 'resolved'] as const));

    // Act
    const next = after(member(1, 'open', '2026-11-22T10:40:00.000Z'), impact(members));

    // Assess
    expect([Object.keys(next!.members).length, next!.members.m0, next!.members[memberKey('bookings.api-failing|alarm-1')]]).toEqual([MAX_IMPACT_MEMBERS, 'open', 'open']);
  });

  it('is acknowledged by the first engineer only, and only while open', () => {
    // Act
    const first = impactAcknowledged(impact({}), 'U1', '2026-11-22T10:41:00.000Z');
    const second = impactAcknowledged(first!, 'U2', '2026-11-22T10:42:00.000Z');
    const closed = impactAcknowledged(impact({}, { status: 'resolved' }), 'U1', '2026-11-22T10:41:00.000Z');

    // Assess
    expect([first?.acknowledgedBy, second, closed]).toEqual(['U1', null, null]);
  });

  it('is resolved by hand when an engineer resolves its last open member, and only notes the member before that', () => {
    // Prepare
    const one = memberKey('bookings.api-failing|alarm-1');
    const two = memberKey('bookings.api-failing|alarm-2');
    const now = new Date('2026-11-22T10:50:00.000Z');

    // Act
    const noted = impactAfterHandResolve(impact({ [one]: 'open', [two]: 'open' }), 'bookings.api-failing|alarm-1', undefined, 'U1', now);
    const resolved = impactAfterHandResolve(noted!, 'bookings.api-failing|alarm-2', undefined, 'U1', now);

    // Assess
    expect([noted?.status, noted?.members?.[one], resolved?.status, resolved?.resolvedBy, resolved?.fixConfirmedAt]).toEqual(['open', 'resolved', 'resolved', 'U1', now.toISOString()]);
  });
});
