// The impact's rules: what a member's change makes of the impact non-technical audiences hear of.
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/core/alert.ts';
import type { AlertRecord } from '../../src/core/alert-record.ts';
import { impactKeyFor } from '../../src/core/impact-key.ts';
import { impactAcknowledged, impactAfter, impactAfterHandResolve, impactRun, MAX_IMPACT_MEMBERS, memberKey, splitRoutes } from '../../src/pipeline/impact.ts';
import type { ImpactMember, ImpactMemberState } from '../../src/pipeline/impact.ts';
import type { Route } from '../../src/pipeline/route-alert.ts';
import { makeAlert, makeSignal } from '../support/make-alert.ts';
import { alertRecord } from '../support/make-record.ts';

const KEY = 'impact:group:bookings';

function member(n: number, status: 'open' | 'resolved', time: string, alert: Partial<Alert> = {}): ImpactMember {
  const alertKey = `bookings.api-failing|alarm-${n}`;
  return { alertKey, status, time, alert: makeAlert({ alertKey, group: 'bookings', phase: status === 'open' ? 'firing' : 'resolved', signal: makeSignal({ time, eventId: `event-${n}-${time}` }), ...alert }) };
}

/** A member as the impact keeps it, last changed at 10:00 unless told. */
function st(status: 'open' | 'resolved', at = '2026-11-22T10:00:00.000Z', entry = 'bookings.api-failing'): ImpactMemberState {
  return { status, at, entry };
}

function impact(members: Record<string, ImpactMemberState>, overrides: Partial<AlertRecord> = {}): AlertRecord {
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
    const next = after(member(1, 'resolved', '2026-11-22T10:40:00.000Z'), impact({ [memberKey('bookings.api-failing|alarm-1')]: st('open'), [memberKey('bookings.api-failing|alarm-2')]: st('open') }));

    // Assess
    expect([next?.alert.phase, Object.values(next!.members).map((m) => m.status).sort()]).toEqual(['firing', ['open', 'resolved']]);
  });

  it('resolves when its last open member resolves', () => {
    // Act
    const next = after(member(2, 'resolved', '2026-11-22T10:40:00.000Z'), impact({ [memberKey('bookings.api-failing|alarm-1')]: st('resolved'), [memberKey('bookings.api-failing|alarm-2')]: st('open') }));

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
    const slow = makeAlert({ alertKey: 'bookings.api-slow|x', catalogId: 'bookings.api-slow', severity: 'high', title: 'Bookings are slow' });
    const existing = impact({ [memberKey('bookings.api-slow|x')]: st('open', undefined, 'bookings.api-slow') }, { alert: { ...slow, alertKey: KEY }, voices: { 'bookings.api-slow': slow } });

    // Act
    const worse = after(member(1, 'open', '2026-11-22T10:40:00.000Z', { severity: 'critical', title: 'Bookings are down' }), existing);
    const tie = after(member(2, 'open', '2026-11-22T10:40:00.000Z', { severity: 'high', title: 'Bookings fail' }), existing);

    // Assess
    expect([worse?.alert.title, tie?.alert.title]).toEqual(['Bookings are down', 'Bookings are slow']);
  });

  it('keeps a member\'s newer state when an older one is fed after it (two processors, out of order)', () => {
    // Prepare: the alarm fired again at 10:06, and the impact heard it.
    const key = memberKey('bookings.api-failing|alarm-1');
    const existing = impact({ [key]: st('open', '2026-11-22T10:06:00.000Z') });

    // Act: its recovery of 10:05 is fed last.
    const next = after(member(1, 'resolved', '2026-11-22T10:05:00.000Z'), existing);

    // Assess
    expect([next?.alert.phase, next?.members[key]?.status]).toEqual(['firing', 'open']);
  });

  it('hands over to the worst entry still open when the entry speaking recovers', () => {
    // Prepare: the outage speaks; page errors of another entry are open too.
    const down = makeAlert({ alertKey: 'portal.down|a', catalogId: 'portal.down', severity: 'critical', title: 'The portal is down' });
    const errors = makeAlert({ alertKey: 'portal.errors|b', catalogId: 'portal.errors', severity: 'high', title: 'Some pages fail' });
    const existing = impact(
      { [memberKey('portal.down|a')]: st('open', undefined, 'portal.down'), [memberKey('portal.errors|b')]: st('open', undefined, 'portal.errors') },
      { alert: { ...down, alertKey: KEY }, voices: { 'portal.down': down, 'portal.errors': errors } },
    );

    // Act: the outage recovers.
    const next = after({ alertKey: 'portal.down|a', status: 'resolved', time: '2026-11-22T10:40:00.000Z', alert: { ...down, phase: 'resolved' } }, existing);

    // Assess
    expect([next?.alert.phase, next?.alert.title]).toEqual(['firing', 'Some pages fail']);
  });

  it('says how it ended in the words of the incident\'s worst problem once all are fixed, even after it handed over', () => {
    // Prepare: the outage recovered first and page errors spoke since; the last of them recovers now.
    const down = makeAlert({ alertKey: 'portal.down|a', catalogId: 'portal.down', severity: 'critical', title: 'The portal is down' });
    const errors = makeAlert({ alertKey: 'portal.errors|b', catalogId: 'portal.errors', severity: 'high', title: 'Some pages fail' });
    const existing = impact(
      { [memberKey('portal.down|a')]: st('resolved', '2026-11-22T10:20:00.000Z', 'portal.down'), [memberKey('portal.errors|b')]: st('open', '2026-11-22T10:05:00.000Z', 'portal.errors') },
      { alert: { ...errors, alertKey: KEY }, voices: { 'portal.down': down, 'portal.errors': errors } },
    );

    // Act
    const next = after({ alertKey: 'portal.errors|b', status: 'resolved', time: '2026-11-22T10:40:00.000Z', alert: { ...errors, phase: 'resolved' } }, existing);

    // Assess
    expect([next?.alert.phase, next?.alert.title]).toEqual(['resolved', 'The portal is down']);
  });

  it('keeps telling every audience that heard of the incident when another entry reopens it', () => {
    // Prepare: local offices heard of the outage, which recovered within the flap window.
    const existing = impact({}, { status: 'resolved', messages: { 'local-office': { channel: 'C2', ts: '1.1' }, 'product-leads': { channel: 'C3', ts: '1.2' } } });

    // Act: page errors, for product leads only, fire.
    const next = impactAfter(impactRun(member(2, 'open', '2026-11-22T10:40:00.000Z', { audiences: ['techies', 'product-leads'] }), 'e'), existing, undefined, true);

    // Assess
    expect(next?.alert.audiences.sort()).toEqual(['local-office', 'product-leads', 'techies']);
  });

  it('forgets resolved members first when a storm outgrows the members it can keep', () => {
    // Prepare
    const members = Object.fromEntries(Array.from({ length: MAX_IMPACT_MEMBERS }, (_, i) => [`m${i}`, st(i === 0 ? 'open' : 'resolved')]));

    // Act
    const next = after(member(1, 'open', '2026-11-22T10:40:00.000Z'), impact(members));

    // Assess
    expect([Object.keys(next!.members).length, next!.members.m0?.status, next!.members[memberKey('bookings.api-failing|alarm-1')]?.status]).toEqual([MAX_IMPACT_MEMBERS, 'open', 'open']);
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
    const pressed = (n: number) => ({ ...alertRecord(`bookings.api-failing|alarm-${n}`), status: 'resolved' as const, lastEventTime: now.toISOString() });
    const noted = impactAfterHandResolve(impact({ [one]: st('open'), [two]: st('open') }), pressed(1), undefined, 'U1', now);
    const resolved = impactAfterHandResolve(noted!, pressed(2), undefined, 'U1', now);

    // Assess
    expect([noted?.status, noted?.members?.[one]?.status, resolved?.status, resolved?.resolvedBy, resolved?.fixConfirmedAt]).toEqual(['open', 'resolved', 'resolved', 'U1', now.toISOString()]);
  });

  it('is not resolved by a hand resolve older than the alarm\'s newest state it heard', () => {
    // Prepare: the alarm fired again at 10:51, after the press at 10:50 was made.
    const one = memberKey('bookings.api-failing|alarm-1');
    const now = new Date('2026-11-22T10:50:00.000Z');
    const existing = impact({ [one]: st('open', '2026-11-22T10:51:00.000Z') });

    // Act
    const next = impactAfterHandResolve(existing, { ...alertRecord('bookings.api-failing|alarm-1'), status: 'resolved', lastEventTime: now.toISOString() }, undefined, 'U1', now);

    // Assess
    expect(next).toBeNull();
  });
});
