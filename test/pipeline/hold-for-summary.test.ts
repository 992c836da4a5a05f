import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoState } from '../../src/adapters/dynamo-state.ts';
import type { SummaryRecord } from '../../src/core/alert-record.ts';
import type { StatePort } from '../../src/state/state-port.ts';
import { MAX_HELD_ALERTS, MAX_HELD_NOTICES } from '../../src/core/alert-record.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';
import { heldRoutes, holdForSummary } from '../../src/pipeline/hold-for-summary.ts';
import type { Route } from '../../src/pipeline/route-alert.ts';
import { makeAlert, makeSignal } from '../support/make-alert.ts';

const POLICY = { hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri'>, start: '09:00', end: '17:30', closed: [] }, timeZone: 'Europe/London' };
const NIGHT = new Date('2026-11-23T02:10:00Z');
const ROUTES: Route[] = [
  { audience: 'techies', channel: '#t', template: 'techies' },
  { audience: 'local-office', channel: '#lo', template: 'local-office', outOfHours: 'hold' },
];

let dynamo: LocalDynamo;
let state: StatePort;

// A fresh store per test, so each starts with no summary record.
beforeEach(async () => {
  dynamo = await startDynalite();
  state = createDynamoState({ client: dynamo.client, tableName: dynamo.tableName });
});
afterEach(() => dynamo.close());

const notice = (eventId: string) => makeAlert({ phase: 'info', signal: makeSignal({ eventId, state: 'info' }) });

describe('Holding alerts for the office-hours summary', () => {
  it('holds only audiences that hold and have no message yet, and only out of office hours', () => {
    // Act
    const atNight = heldRoutes(ROUTES, null, NIGHT, POLICY);
    const inHours = heldRoutes(ROUTES, null, new Date('2026-11-23T10:00:00Z'), POLICY);

    // Assess
    expect(atNight.map((r) => r.audience)).toEqual(['local-office']);
    expect(inHours).toEqual([]);
  });

  it('records an alert once however many events it has at night', async () => {
    // Act
    await holdForSummary(state, { alertKey: 'a|1' }, NIGHT, POLICY);
    await holdForSummary(state, { alertKey: 'a|1' }, new Date(NIGHT.getTime() + 60_000), POLICY);

    // Assess
    const summary = await state.getSummary();
    expect(summary?.held).toEqual({ 'a|1': NIGHT.toISOString() });
    expect(summary?.version).toBe(1);
  });

  it('keeps a retried information event once', async () => {
    // Act
    await holdForSummary(state, { notice: notice('n1') }, NIGHT, POLICY);
    await holdForSummary(state, { notice: notice('n1') }, NIGHT, POLICY);

    // Assess
    expect((await state.getSummary())?.notices).toHaveLength(1);
  });

  it('counts information events beyond the cap instead of storing them', async () => {
    // Prepare
    const full: SummaryRecord = { held: {}, notices: Array.from({ length: MAX_HELD_NOTICES }, (_, i) => notice(`n${i}`)), moreNotices: 0, version: 1 };
    await state.putSummary(full, null);

    // Act
    const held = await holdForSummary(state, { notice: notice('one-more') }, NIGHT, POLICY);

    // Assess
    const summary = await state.getSummary();
    expect(held).toBe(true);
    expect(summary?.notices).toHaveLength(MAX_HELD_NOTICES);
    expect(summary?.moreNotices).toBe(1);
  });

  it('refuses to hold for a summary that has already been taken', async () => {
    // Prepare: the 09:00 summary ran, and this processor read its clock a second earlier.
    await state.putSummary({ held: {}, notices: [], moreNotices: 0, lastSummaryAt: '2026-11-23T09:00:00.100Z', version: 1 }, null);

    // Act
    const held = await holdForSummary(state, { alertKey: 'a|1' }, new Date('2026-11-23T08:59:59Z'), POLICY);

    // Assess
    expect(held).toBe(false);
    expect((await state.getSummary())?.held).toEqual({});
  });

  it('sends an alert at once rather than overfill the summary record', async () => {
    // Prepare
    const held = Object.fromEntries(Array.from({ length: MAX_HELD_ALERTS }, (_, i) => [`a|${i}`, NIGHT.toISOString()]));
    await state.putSummary({ held, notices: [], moreNotices: 0, version: 1 }, null);

    // Act
    const kept = await holdForSummary(state, { alertKey: 'one|more' }, NIGHT, POLICY);

    // Assess
    expect(kept).toBe(false);
  });
});
