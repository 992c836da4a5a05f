// The silences API of the local stack, black-box over HTTP: create, list and expire silences, what Slack shows while one holds, and what its end delivers as the stack's clock moves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alarmStateChange } from '../../bench/alarm-event.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { allText } from '../integration/harness.ts';
import type { StoredMessage } from '../integration/harness.ts';
import { eventually, startTestStack } from './stack-helpers.ts';

let stack: LocalStack & { lines: string[] };

beforeEach(async () => {
  stack = await startTestStack({ now: () => new Date('2026-11-24T10:00:00Z') });
});
afterEach(() => stack.close());

function request(method: string, route: string, body?: unknown): Promise<Response> {
  return fetch(`${stack.url}${route}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

async function alarm(n: number, state: 'ALARM' | 'OK', id: string): Promise<void> {
  await request('POST', '/events', alarmStateChange(`trainee-portal-${n}-5xx-rate`, stack.clock.now().toISOString(), state, id));
}

function channel(name: string): StoredMessage[] {
  return stack.emulator.messages(stack.emulator.channels().find((c) => c.name === name)!.id);
}
const alerts = (name: string) => channel(name).filter((m) => m.metadata?.event_type === 'clarion_alert');
const quietLine = () => channel('portal-alerts').find((m) => JSON.stringify(m.blocks).includes('clarion.silence-line'));

describe('POST /api/silences', () => {
  it('answers 201 with the silence as stored', async () => {
    // Act
    const response = await request('POST', '/api/silences', { match: 'portal.*', for: '2h', reason: 'Moving the portal', createdBy: 'ana' });

    // Assess
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      id: expect.stringMatching(/^[a-z0-9]{6,}$/),
      match: 'portal.*',
      kind: 'glob',
      startsAt: '2026-11-24T10:00:00.000Z',
      endsAt: '2026-11-24T12:00:00.000Z',
      reason: 'Moving the portal',
      createdBy: 'ana',
      held: 0,
    });
  });

  it('takes an end time instead of a length', async () => {
    // Act
    const response = await request('POST', '/api/silences', { match: 'trainee-portal', endsAt: '2026-11-24T11:30:00Z', reason: 'Moving the portal' });

    // Assess
    expect([response.status, ((await response.json()) as { kind: string; endsAt: string }).endsAt]).toEqual([201, '2026-11-24T11:30:00.000Z']);
  });

  it('answers 400 with a one-line reason for a missing reason, an unknown match or a bad length', async () => {
    // Act
    const answers = await Promise.all([
      request('POST', '/api/silences', { match: 'portal.*', for: '2h' }),
      request('POST', '/api/silences', { match: 'portal.nothing', for: '2h', reason: 'x' }),
      request('POST', '/api/silences', { match: 'portal.*', for: 'soon', reason: 'x' }),
    ]);

    // Assess
    const texts = await Promise.all(answers.map((r) => r.text()));
    expect(answers.map((r) => r.status)).toEqual([400, 400, 400]);
    expect(texts.every((t) => t.trim().split('\n').length === 1)).toBe(true);
    expect(texts[1]).toContain('portal.nothing');
  });
});

describe('GET and DELETE /api/silences', () => {
  it('lists the active silences, and no longer lists one once expired', async () => {
    // Prepare
    const created = (await (await request('POST', '/api/silences', { match: 'portal.app-down', for: '1h', reason: 'Restarting' })).json()) as { id: string };
    const listed = (await (await request('GET', '/api/silences')).json()) as { silences: Array<{ id: string }> };

    // Act
    const expired = await request('DELETE', `/api/silences/${created.id}`);
    const after = (await (await request('GET', '/api/silences')).json()) as { silences: unknown[] };

    // Assess
    expect(listed.silences.map((s) => s.id)).toEqual([created.id]);
    expect([expired.status, ((await expired.json()) as { endedBy?: string }).endedBy, after.silences]).toEqual([200, 'local API', []]);
  });

  it('answers 404 for a silence it does not know', async () => {
    // Act
    const response = await request('DELETE', '/api/silences/nosuchsilence');

    // Assess
    expect(response.status).toBe(404);
  });
});

describe('What Slack shows while a silence holds, and after', () => {
  it('posts no alert while it holds, one quiet line that counts what it held, and delivers what still fires when the clock passes its end', async () => {
    // Prepare
    await request('POST', '/api/silences', { match: 'trainee-portal', for: '1h', reason: 'Moving the portal', createdBy: 'ana' });
    await alarm(1, 'ALARM', 'silenced-1');
    await alarm(2, 'ALARM', 'silenced-2');
    await stack.settled();
    await alarm(2, 'OK', 'silenced-2-ok');
    await stack.settled();
    const whileHeld = [alerts('portal-alerts').length, alerts('portal-status').length];
    const line = await eventually(() => (allText(quietLine() ?? { text: '' }).includes('held 2 alerts') ? quietLine() : undefined), 'the quiet line to count 2 alerts');

    // Act: past the silence's end
    await request('POST', '/api/clock', { advanceSeconds: 3601 });
    await stack.settled();

    // Assess
    await eventually(() => alerts('portal-alerts').length === 1, 'the still-firing alarm to be delivered');
    expect(whileHeld).toEqual([0, 0]);
    expect(allText(line!)).toContain('Moving the portal');
    expect(allText(alerts('portal-alerts')[0]!)).toContain('trainee-portal-1-5xx-rate');
    expect(alerts('portal-status').length).toBe(1);
    expect(allText(quietLine()!)).toContain('ran out');
  });
});

describe('Silence… and Lift silence in the local stack', () => {
  it('silences from the form opened by a press, and lifts from the quiet line, delivering what fired meanwhile', async () => {
    // Prepare: the outage is posted to the engineers; Silence… is pressed and the form submitted for its group
    await request('POST', '/events', alarmStateChange('trainee-portal-0-5xx-rate', stack.clock.now().toISOString(), 'ALARM', 'form-0'));
    await stack.settled();
    const message = alerts('portal-alerts')[0]!;
    await request('POST', '/api/press', { channel: message.channel, ts: message.ts, actionId: 'clarion.silence' });
    const { views } = (await (await request('GET', '/api/slack/views')).json()) as { views: Array<{ id: string }> };
    const submitted = await request('POST', '/api/slack/views/submit', {
      viewId: views[0]!.id,
      values: { 'clarion.silence-for': '2h', 'clarion.silence-scope': 'group', 'clarion.silence-reason': 'Moving the portal' },
    });
    await stack.settled();
    await alarm(5, 'ALARM', 'form-5');
    await stack.settled();
    const whileSilenced = alerts('portal-alerts').length;
    const line = await eventually(quietLine, 'the quiet line');

    // Act
    await request('POST', '/api/press', { channel: line.channel, ts: line.ts, actionId: 'clarion.silence-lift', user: 'U0ONCALL2' });
    await stack.settled();

    // Assess
    await eventually(() => alerts('portal-alerts').length === 2, 'the alarm that fired while silenced');
    expect([submitted.status, whileSilenced]).toEqual([200, 1]);
    expect(allText(quietLine()!)).toContain('lifted by <@U0ONCALL2>');
    expect(((await (await request('GET', '/api/silences')).json()) as { silences: unknown[] }).silences).toEqual([]);
  });
});
