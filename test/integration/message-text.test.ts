import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advance, alarmEvent, allText, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

/** No catalog entry claims this name, so it goes to the engineers as uncatalogued. */
const UNCATALOGUED = 'room_bookings_prod-queue-depth';
const ENGINEERS = '#portal-alerts';

/** The `<!date^…>` token Slack shows for this ISO time. */
const dateToken = (iso: string) => `<!date^${Date.parse(iso) / 1000}^`;

const uncatalogued = (id: string, time: string, value: 'ALARM' | 'OK') =>
  alarmEvent('app-down-alarm.json', { id, time, value, name: UNCATALOGUED });

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('Processor: what the messages say', () => {
  it('says a resolved uncatalogued alert was as severe as when it fired', async () => {
    // Prepare
    await h.processor.processMessage(uncatalogued('e1', '2026-11-22T09:14:05Z', 'ALARM'));
    advance(h, 600);

    // Act
    const [result] = await h.processor.processMessage(uncatalogued('e2', '2026-11-22T09:24:05Z', 'OK'));

    // Assess
    expect(result?.outcome).toBe('resolved');
    const [message] = h.emulator.messages(ENGINEERS);
    expect(allText(message!)).toContain('was Medium');
    expect(allText(message!)).not.toContain('was Info');
  });

  it('counts sightings by the events\' clock, first and last alike', async () => {
    // Prepare
    const fire = (id: string, time: string) => alarmEvent('app-down-alarm.json', { id, time, value: 'ALARM' });
    await h.processor.processMessage(fire('e1', '2026-11-22T09:14:05Z'));
    advance(h, 3600);

    // Act
    await h.processor.processMessage(fire('e2', '2026-11-22T09:16:05Z'));

    // Assess
    const [message] = h.emulator.messages(ENGINEERS);
    const seen = allText(message!).split('\n').find((line) => line.startsWith('Seen 2 times'));
    expect(seen).toContain(`first ${dateToken('2026-11-22T09:14:05Z')}`);
    expect(seen).toContain(`last ${dateToken('2026-11-22T09:16:05Z')}`);
  });
});
