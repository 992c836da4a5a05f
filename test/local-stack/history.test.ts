// History in the local stack: an alarm's life, pressed and fixed through the stack's own doors, is kept as incidents.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alarmStateChange } from '../../bench/alarm-event.ts';
import type { IncidentHistory } from '../../src/core/history.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { eventually, startTestStack } from './stack-helpers.ts';

let stack: LocalStack & { lines: string[] };

beforeEach(async () => {
  stack = await startTestStack({ now: () => new Date('2026-11-24T10:00:00Z') });
});
afterEach(() => stack.close());

const post = (route: string, body: unknown) =>
  fetch(`${stack.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function incidents(): Promise<IncidentHistory[]> {
  const items = await stack.history.read(new Date('2026-11-24T00:00:00Z'), new Date('2026-11-25T00:00:00Z'));
  return items.filter((item): item is IncidentHistory => item.kind === 'incident');
}

describe('History kept by the local stack', () => {
  it('keeps the alarm and what non-technical readers heard as two incidents of one outage', async () => {
    // Act
    await post('/events', alarmStateChange('trainee-portal-prod-unhealthy-hosts', '2026-11-24T10:00:00Z', 'ALARM', 'h1'));
    await stack.settled();
    // Assess
    const kept = await eventually(async () => ((await incidents()).length === 2 ? incidents() : undefined), 'two incidents');
    expect(kept.map(({ scope, catalogId, status }) => ({ scope, catalogId, status })).sort((a, b) => a.scope.localeCompare(b.scope))).toEqual([
      { scope: 'alarm', catalogId: 'portal.app-down', status: 'open' },
      { scope: 'impact', catalogId: 'portal.app-down', status: 'open' },
    ]);
  });

  it('keeps who acknowledged the alarm from the Slack press', async () => {
    // Prepare
    await post('/events', alarmStateChange('trainee-portal-prod-unhealthy-hosts', '2026-11-24T10:00:00Z', 'ALARM', 'h1'));
    await stack.settled();
    const engineers = stack.emulator.channels().find((c) => c.name === 'portal-alerts')!;
    const message = stack.emulator.messages(engineers.id).find((m) => m.metadata?.event_type === 'clarion_alert')!;
    // Act
    await post('/api/press', { channel: engineers.id, ts: message.ts, actionId: 'clarion.acknowledge' });
    await stack.settled();
    // Assess
    const alarm = await eventually(async () => (await incidents()).find((i) => i.scope === 'alarm' && i.acknowledgedAt), 'the acknowledgement in history');
    expect(alarm.acknowledgedBy).toEqual(expect.stringMatching(/^U/));
  });

  it('keeps the alarm resolved once it recovers', async () => {
    // Prepare
    await post('/events', alarmStateChange('trainee-portal-prod-unhealthy-hosts', '2026-11-24T10:00:00Z', 'ALARM', 'h1'));
    await stack.settled();
    // Act
    await post('/events', alarmStateChange('trainee-portal-prod-unhealthy-hosts', '2026-11-24T10:00:05Z', 'OK', 'h2'));
    await stack.settled();
    // Assess
    const alarm = await eventually(async () => (await incidents()).find((i) => i.scope === 'alarm' && i.status === 'resolved'), 'the alarm resolved in history');
    expect(alarm.resolvedAt).toBe('2026-11-24T10:00:05.000Z');
  });
});
