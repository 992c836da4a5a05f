// The local stack run as the production stage, whose configuration has office hours, at night.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OfficeHoursStatus } from '../../src/local/ui/src/api.ts';
import { allText, SAMPLES } from '../integration/harness.ts';
import { eventually, startTestStack } from './stack-helpers.ts';

const alarm = JSON.parse(readFileSync(path.join(SAMPLES, 'app-down-alarm.json'), 'utf8')) as Record<string, unknown>;
/** Monday 23 November 2026, 02:10 in London. */
const NIGHT = new Date('2026-11-23T02:10:00Z');
/** The production channels of the shipped configuration. */
const TECHIES = 'C0PORTALALERTS';
const PRODUCT = 'C0PORTALSTATUS';

describe('the local stack outside office hours', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;

  beforeEach(async () => {
    stack = await startTestStack({ stage: 'prod', now: () => NIGHT });
  });

  afterEach(() => stack.close());

  const officeHours = async () => (await (await fetch(`${stack.url}/api/office-hours`)).json()) as OfficeHoursStatus;

  it('tells the engineers at once and reports what it holds for the others', async () => {
    // Act
    await fetch(`${stack.url}/events`, { method: 'POST', body: JSON.stringify({ ...alarm, time: NIGHT.toISOString() }) });
    await stack.settled();

    // Assess
    expect(stack.emulator.messages(TECHIES)).toHaveLength(1);
    expect(stack.emulator.messages(PRODUCT)).toHaveLength(0);
    expect(await officeHours()).toEqual({
      officeHours: 'Mon–Fri 09:00–17:30 Europe/London',
      inOfficeHours: false,
      nextSummaryAt: '2026-11-23T09:00:00.000Z',
      holding: ['product-leads', 'local-office', 'data-leads'],
      held: 1,
    });
    expect(stack.lines.join('\n')).toContain('held for the summary: product-leads, local-office');
  });

  it('posts the summary when the clock is moved past the start of office hours', async () => {
    // Prepare
    await fetch(`${stack.url}/events`, { method: 'POST', body: JSON.stringify({ ...alarm, time: NIGHT.toISOString() }) });
    await stack.settled();

    // Act: from 02:10 to 09:01
    const moved = await fetch(`${stack.url}/api/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 6 * 3600 + 51 * 60 }) });
    await stack.settled();

    // Assess
    expect(moved.status).toBe(200);
    // Monday 09:00 is also when the weekly recap is posted: it is left aside here.
    const posts = () => stack.emulator.messages(PRODUCT).filter((m) => !m.text.startsWith('This week'));
    const [summary] = await eventually(() => posts().length === 2 && posts(), 'the summary and the alert');
    expect(allText(summary!)).toContain('While you were away');
    expect((await officeHours()).held).toBe(0);
  });

  it('posts the summary when asked, before office hours start', async () => {
    // Prepare
    await fetch(`${stack.url}/events`, { method: 'POST', body: JSON.stringify({ ...alarm, time: NIGHT.toISOString() }) });
    await stack.settled();

    // Act
    const response = await fetch(`${stack.url}/api/summary`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await stack.settled();

    // Assess
    expect(response.status).toBe(202);
    const [summary, own] = await eventually(() => stack.emulator.messages(PRODUCT).length === 2 && stack.emulator.messages(PRODUCT), 'the summary and the alert');
    expect(allText(summary!)).toContain('posted early, on request');
    expect(allText(own!)).toContain('The Trainee Portal is down');
    expect((await officeHours()).held).toBe(0);
  });
});
