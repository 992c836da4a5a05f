import { describe, expect, it } from 'vitest';
import { memberCounts } from '../../src/core/alert-record.ts';
import type { GroupRecord } from '../../src/core/alert-record.ts';
import { DEFAULT_LIFECYCLE } from '../../src/pipeline/plan-alert.ts';
import { joinGroup, MAX_COUNTED_MEMBERS, MAX_LISTED_MEMBERS, memberStatus, updateMember } from '../../src/pipeline/storm.ts';
import { makeAlert, makeSignal } from '../support/make-alert.ts';

const ROUTES = [{ audience: 'techies', channel: '#t', template: 'techies' as const }];
const settings = { ...DEFAULT_LIFECYCLE, storm: { threshold: 2, windowSeconds: 300 } };
const at = (seconds: number) => new Date(Date.parse('2026-11-22T10:00:00Z') + seconds * 1000);
const alert = (n: number) => makeAlert({ group: 'web', alertKey: `web.down|k${n}`, signal: makeSignal({ key: `k${n}` }) });

function join(times: number): { group: GroupRecord; inStorm: boolean[] } {
  let group: GroupRecord | null = null;
  const inStorm: boolean[] = [];
  for (let n = 0; n < times; n++) {
    const decision = joinGroup(group, alert(n), ROUTES, at(n), settings);
    group = decision.group;
    inStorm.push(decision.inStorm);
  }
  return { group: group!, inStorm };
}

describe('Stage: storm grouping', () => {
  it('lets the first alerts of a window keep their own messages and groups the rest', () => {
    // Act
    const { group, inStorm } = join(4);

    // Assess
    expect(inStorm).toEqual([false, false, true, true]);
    expect(group.members.map((m) => m.alertKey)).toEqual(['web.down|k2', 'web.down|k3']);
    expect(group.channels).toEqual({ techies: '#t' });
  });

  it('does not count the same alert twice', () => {
    // Prepare
    const first = joinGroup(null, alert(0), ROUTES, at(0), settings).group;

    // Act
    const again = joinGroup(first, alert(0), ROUTES, at(1), settings);

    // Assess
    expect(again.group.openedInWindow).toEqual(['web.down|k0']);
    expect(again.inStorm).toBe(false);
  });

  it('starts counting again after the window when every member recovered', () => {
    // Prepare
    const { group } = join(3);
    const recovered = updateMember(group, alert(2), 'resolved', at(10), settings);

    // Act
    const later = joinGroup(recovered, alert(9), ROUTES, at(1000), settings);

    // Assess
    expect(later).toMatchObject({ inStorm: false, group: { openedInWindow: ['web.down|k9'], members: [], messages: {} } });
  });

  it('keeps a storm message going across windows while members are still firing', () => {
    // Prepare
    const { group } = join(3);

    // Act
    const later = joinGroup({ ...group, messages: { techies: { channel: 'C1', ts: '1' } } }, alert(9), ROUTES, at(1000), settings);

    // Assess
    expect(later.group.messages).toEqual({ techies: { channel: 'C1', ts: '1' } });
    expect(later.group.members).toHaveLength(1);
  });

  it('records a member recovering, conditional on the version it read', () => {
    // Prepare
    const { group } = join(3);

    // Act
    const next = updateMember(group, alert(2), 'resolved', at(60), settings);

    // Assess
    expect(next.members[0]?.status).toBe('resolved');
    expect(next.version).toBe(group.version + 1);
  });
});

describe('Stage: storm grouping stays inside one DynamoDB item', () => {
  /** A long alert key and title, as a busy account's alarm names make them. */
  const big = (n: number) =>
    makeAlert({ group: 'web', alertKey: `web.down|${'k'.repeat(400)}${n}`, title: `Trainee portal web task ${n} ${'x'.repeat(120)}`, signal: makeSignal({ key: `k${n}` }) });

  function joinBig(times: number): { group: GroupRecord; inStorm: boolean[] } {
    let group: GroupRecord | null = null;
    const inStorm: boolean[] = [];
    for (let n = 0; n < times; n++) {
      const decision = joinGroup(group, big(n), ROUTES, at(1), settings);
      group = decision.group;
      inStorm.push(decision.inStorm);
    }
    return { group: group!, inStorm };
  }

  it('keeps a group of 1,500 alerts (beyond the 1,270 that overflowed it) well under 400 KB', () => {
    // Act
    const { group, inStorm } = joinBig(1500);

    // Assess
    expect(inStorm.filter(Boolean)).toHaveLength(1498);
    expect(Buffer.byteLength(JSON.stringify(group))).toBeLessThan(120 * 1024);
    expect(memberCounts(group)).toEqual({ total: 1498, open: 1498 });
  });

  it('keeps counting the state of members beyond the listed ones', () => {
    // Prepare
    const { group } = joinBig(300);

    // Act
    const next = updateMember(group, big(250), 'resolved', at(60), settings);

    // Assess
    expect(memberStatus(next, big(250).alertKey)).toBe('resolved');
    expect(memberCounts(next)).toEqual({ total: 298, open: 297 });
  });

  it('gives a new alert its own messages once the group holds all it can', () => {
    // Prepare: a group as full as it gets, made directly (joining 5,000 alerts one by one is slow)
    const listed = joinBig(MAX_LISTED_MEMBERS + 2).group;
    const group: GroupRecord = { ...listed, moreMembers: Object.fromEntries(Array.from({ length: MAX_COUNTED_MEMBERS }, (_, n) => [`counted-${n}`, 'open' as const])) };
    expect(Buffer.byteLength(JSON.stringify(group))).toBeLessThan(300 * 1024);

    // Act
    const decision = joinGroup(group, big(999_999), ROUTES, at(2), settings);

    // Assess
    expect(decision.inStorm).toBe(false);
    expect(memberStatus(decision.group, big(999_999).alertKey)).toBeUndefined();
  });
});
