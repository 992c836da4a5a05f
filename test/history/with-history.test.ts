import { describe, expect, it } from 'vitest';
import { createMemoryHistory } from '../../src/state/memory-history.ts';
import { createMemoryState } from '../../src/state/memory-state.ts';
import { incidentOf, withHistory } from '../../src/state/incident-of.ts';
import { alertRecord } from '../support/make-record.ts';

const NOW = new Date('2026-11-22T10:05:00.000Z');

describe('Alert records summed up in history', () => {
  it('writes the incident once the alert record is stored, expiring after the retention', async () => {
    // Prepare
    const history = createMemoryHistory();
    const state = withHistory(createMemoryState(), { history, retentionSeconds: () => 86_400, now: () => NOW });
    // Act
    await state.putAlert(alertRecord('portal.app-down|web'), null);
    // Assess
    const items = await history.read(new Date('2026-11-22T00:00:00Z'), new Date('2026-11-23T00:00:00Z'));
    expect(items).toMatchObject([{ kind: 'incident', scope: 'alarm', alertKey: 'portal.app-down|web', status: 'open', expiresAt: NOW.getTime() / 1000 + 86_400 }]);
  });

  it('writes nothing to history when the alert write lost to another writer', async () => {
    // Prepare
    const history = createMemoryHistory();
    const state = withHistory(createMemoryState(), { history, retentionSeconds: () => 86_400, now: () => NOW });
    await state.putAlert(alertRecord('k'), null);
    // Act
    const written = await state.putAlert({ ...alertRecord('k', 2), status: 'resolved', resolvedAt: NOW.toISOString() }, 5);
    // Assess
    expect(written).toBe(false);
    const [stored] = await history.read(new Date('2026-11-22T00:00:00Z'), new Date('2026-11-23T00:00:00Z'));
    expect(stored).toMatchObject({ status: 'open' });
  });

  it('sums an impact record up as an impact', () => {
    // Prepare
    const record = alertRecord('impact:group:trainee-portal');
    // Act
    const incident = incidentOf({ ...record, catalogId: 'portal.app-down', alert: { ...record.alert, catalogId: 'portal.app-down' } }, 0);
    // Assess
    expect(incident).toMatchObject({ scope: 'impact', catalogId: 'portal.app-down' });
  });

  it('files an impact under the entry that speaks for it now, not the one that opened it', () => {
    // Prepare: the failing pages opened the incident; the outage, worse, now speaks for it.
    const record = alertRecord('impact:group:trainee-portal');
    // Act
    const incident = incidentOf({ ...record, catalogId: 'portal.error-rate', alert: { ...record.alert, catalogId: 'portal.app-down' } }, 0);
    // Assess
    expect(incident?.catalogId).toBe('portal.app-down');
  });

  it('keeps what an uncatalogued alarm was, for the entry a report suggests', () => {
    // Act
    const incident = incidentOf({ ...alertRecord('uncatalogued|x'), catalogId: null }, 0);
    // Assess
    expect(incident?.source).toEqual({ family: expect.any(String), name: expect.any(String) });
  });

  it('keeps the incident acknowledged when it first was, after a re-fire cleared the acknowledgement', () => {
    // Act
    const incident = incidentOf({ ...alertRecord('k'), reopenedAt: '2026-11-22T10:30:00.000Z', firstAcknowledged: { by: 'U1', at: '2026-11-22T10:05:00.000Z' } }, 0);
    // Assess
    expect([incident?.acknowledgedAt, incident?.acknowledgedBy]).toEqual(['2026-11-22T10:05:00.000Z', 'U1']);
  });

  it('keeps nothing of an OK nobody heard of', () => {
    // Act
    const incident = incidentOf({ ...alertRecord('k'), status: 'resolved', resolvedUnseen: true }, 0);
    // Assess
    expect(incident).toBeNull();
  });

  it('bounds the text it keeps, however long the title an event gave', () => {
    // Act
    const base = alertRecord('k');
    const incident = incidentOf({ ...base, alert: { ...base.alert, title: 'x'.repeat(5000) } }, 0);
    // Assess
    expect(JSON.stringify(incident).length).toBeLessThan(2000);
  });
});
